"""A new, empty store: the files a store is made of, each saying what goes in it.

``factcli init DIR`` writes them; the store is valid at once (no facts yet) and
each file opens with the comment a curator needs to fill it in.
"""

from __future__ import annotations

from pathlib import Path

from factcli.errors import UsageError

#: Each file of a new store and what it starts with.
FILES = {
    "sources.yaml": """\
# The documents facts are taken from. `factcli source add FILE` registers one (pinned by its sha256);
# by hand:
# - id: my-report-2024           # what facts cite
#   title: "The report's title"
#   publisher: "Who issued it"
#   published: "2024-05"
#   type: report                  # white-paper, policy-paper, web-page, report, …
#   url: "https://…"
#   sha256: "…"                   # of the plain text the quotes are checked against (validate --texts)
[]
""",
    "topics.yaml": """\
# The topic vocabulary: every fact has one of these keys.
- key: general
  title: General
""",
    "entities.yaml": """\
# Canonical names of countries, organisations and missions, with the aliases readers type
# (`find --entity` takes any of them):
# - name: "South Korea"
#   kind: country                 # country, organisation, mission, other
#   aliases: ["ROK", "Republic of Korea"]
[]
""",
    "metrics.yaml": """\
# Metrics: one quantity tracked across documents and years (`factcli series KEY`):
# - key: peacekeepers-deployed
#   unit: personnel
#   description: "Exactly what is counted, and when"
#   aliases: ["peacekeepers on duty"]
[]
""",
    "thesaurus.yaml": """\
# Readers' words for this store's words, for search (`factcli thesaurus` lists them):
# - words: [troops, soldiers]     # what readers type
#   means: [personnel]            # the words your facts use
[]
""",
    "facts.yaml": """\
# Facts: `factcli --store DIR add` appends them here (or to any other *.yaml file but the ones above),
# each checked first. The fields are in `factcli schema`.
[]
""",
}


def create_store(root: Path) -> list[Path]:
    """Write a new store's files into ``root`` (made if missing), and return them. A directory that holds
    anything already is a usage error: nothing of someone's is overwritten."""
    if root.exists() and not root.is_dir():
        msg = f"{str(root)!r} is a file, not a directory"
        raise UsageError(msg)
    if root.exists() and any(root.iterdir()):
        msg = f"{str(root)!r} is not empty: give a new or empty directory for the store"
        raise UsageError(msg)
    try:
        root.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in FILES.items():
            path = root / name
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        from factcli.text.chars import os_error_text  # error path only

        msg = f"cannot create the store in {str(root)!r}: {os_error_text(exc)}"
        raise UsageError(msg) from exc
    return written
