"""The reader's quick scans find exactly what the one-regex forms they replace find (those were slow, not wrong)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

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
