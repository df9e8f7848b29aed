"""Candidate facts from a document: every number a reader would cite, and every dated happening.

``candidates.extract`` reads a document (``reading.document``: paragraphs of sentences under headings;
``reading.mentions``: each number as a writer means it), dates each statement as the store's convention
does (``when``), finds what it counts and who it names (``labels``, ``names``), cuts the shortest quote
(``quotes``), and marks what the store already holds (``held``). Nothing is written here: the review file
is the store's business (``store.review``), printing the command line's.
"""
