"""Questions and their answers in a draft ("Q. How many …? A. 1,949."): an answer's numbers are about what its
question asks, so the question is the sentence before them."""

from __future__ import annotations

import re

#: A question's label and an answer's: "Q. How many …? A. 1,949.", "Question: … Answer: …".
QUESTION = re.compile(r"\s*(?:Q[.:]|Question\s*[.:]?|QUESTION\s*[.:]?)\s")
ANSWER = re.compile(r"\s*(?:A[.:]|Answer\s*[.:]?|ANSWER\s*[.:]?)\s")


class Asked:
    """The question being answered: the sentences from one labelled as a question to the answer's label. An
    answer's sentence before is its whole question ("Q. China's first police went in January 2000. How many
    officers went? A. 15.")."""

    def __init__(self) -> None:
        self.question: list[str] = []

    def before(self, sentence: str, before: str) -> str:
        if QUESTION.match(sentence):
            self.question = [sentence]
            return before
        if ANSWER.match(sentence) and self.question:
            asked, self.question = " ".join(" ".join(self.question).split()), []
            return asked
        if self.question and len(self.question) < 4:
            self.question.append(sentence)
        return before
