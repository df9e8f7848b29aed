"""Candidate facts from a document: every number a reader would cite, and every dated happening.

``candidates.extract`` reads a document (``reading.document``: paragraphs of sentences under headings;
``reading.mentions``: each number as a writer means it) sentence by sentence (``statements``): its figures
(``figures``) and happenings (``events``, ``names``), each dated as the store's convention dates it
(``when``, ``verbs``, ``context``) and quoted by its shortest span (``quotes``); then names what each counts
and who it names in the store's vocabulary (``labels``, ``names``) and marks what the store already holds
(``held``). Nothing is written here: the review file is ``formats.review``'s, adding it ``store.review``'s.
"""
