"""The quick scans find exactly what the forms they replace found (those were slow, not wrong): the YAML reader's
scans, and the index's numerals of a fact."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcli.index.search import _NUMERAL, canonical, stated_numbers
from factcli.store.yamlfast import unusual
from factcli.store.yamlread import dashes_without_space

#: The forms as first written: each tried at every character of a file.
UNUSUAL = re.compile(r"(?:^|[\s\[{,:-])[&*!]|<<|^(?:---|\.\.\.)(?:\s|$)", re.MULTILINE)
DASH_WITHOUT_SPACE = re.compile(r"^ *(-)[A-Za-z_][\w-]*:(?=\s|$)", re.MULTILINE)

#: Texts built from the characters the patterns turn on, so that near misses are common.
texts = st.text(alphabet=st.sampled_from(list("-.:&*!<[{, \t\n\r\u2028\u00a0aZ_9#'\"")), max_size=40)


@settings(max_examples=2000, deadline=None)
@given(texts)
@example("---")
@example("...\n")
@example("a\n--- b")
@example("x\n...")
@example("a: b\u2028&c")
@example("a<b<<")
@example("-a:")
@example("a\n  -b_c-d: x")
@example("-a:b")
def test_the_quick_scans_find_what_the_regexes_found(text: str) -> None:
    assert unusual(text) == (UNUSUAL.search(text) is not None)
    assert dashes_without_space(text) == [m.start(1) for m in DASH_WITHOUT_SPACE.finditer(text)]


#: Texts of digits, separators, points and letters: numerals with their edges in every arrangement.
numeral_texts = st.text(alphabet=st.sampled_from(list("0123456789,. \u00a0\u202f\u2009\naZ_-")), max_size=30)


@settings(max_examples=2000, deadline=None)
@given(st.lists(numeral_texts, min_size=1, max_size=3))
@example(["1,949", "2008", "11\u202f063 and 3.50"])
@example(["ends 1,", "949 starts"])
@example(["1.", "5"])
def test_one_scan_of_the_joined_texts_finds_each_texts_numerals(texts: list[str]) -> None:
    each = {canonical(m.group()) for text in texts for m in _NUMERAL.finditer(text)}
    assert stated_numbers(*texts) == each
