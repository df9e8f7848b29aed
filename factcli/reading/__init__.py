"""Reading numbers in people's prose: one reader for check-draft, validate and extract.

A text becomes sentences of prose (prose.py: Markdown and plain text, positions kept), a sentence becomes
mentions (mentions.py: each number with its value or interval, qualifier, what it counts and, for dates,
the days it allows), read with the number words and qualifier words of numbers.py and the nouns and word
stems of nouns.py and words.py. Nothing here knows about facts or stores.
"""
