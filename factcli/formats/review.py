"""``extract``'s output: the review file a curator edits (the store's YAML, with comments), or JSON for scripts.

The review file is a list of facts ``add --from-file`` reads. Comments say where each candidate stands in
the document, names the store's entities lack, and, at the end, the candidates the store already holds
(by the id of the fact that holds them), which are not repeated as facts to add.
"""

from __future__ import annotations

from typing import Any

from factcli.store.newfact import fact_yaml

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.extract.candidates import Extraction


def review_yaml(extraction: Extraction, document: str, review: str) -> str:
    """The review file: a header, each new candidate (its place in ``document`` in a comment), then those the
    store holds, as comments."""
    import json

    source, new = extraction.source, extraction.new
    held = [c for c in extraction.candidates if c.held]
    lines = [
        f"# Candidate facts from {source.id}: {source.title}",
        f"# {len(new)} to review; {len(held)} more the store holds already (listed at the end, not to add again).",
        "# Dated as the store dates: the sentence's own date, else its paragraph's, else the document's as-of time:",
        f"# {extraction.as_of}, {extraction.as_of_why}. Each note says which.",
        "# Review each one: correct what is wrong (a claim is the quote's words: put it in yours), delete what is",
        f"# no fact, then: factcli add --from-file {review}",
        "# Every rule is checked; what fails is kept, as you left it, in a leftover file beside this one.",
        "",
    ]
    for candidate in new:
        lines.append(f"# {document}:{candidate.line}:{candidate.column}")
        if candidate.new_names:
            names = ", ".join(json.dumps(n, ensure_ascii=False) for n in candidate.new_names)
            lines.append(f"# names not in entities.yaml (add them there to use them here): {names}")
        lines.append(fact_yaml(candidate.record).rstrip("\n"))
        lines.append("")
    if held:
        lines.append("# Already in the store (not to add again):")
        for candidate in held:
            quote = " ".join(candidate.record["citations"][0]["quote"].split())
            short = quote if len(quote) <= 70 else quote[:69] + "…"
            lines.append(f"#   {document}:{candidate.line}: {candidate.held}  “{short}”")
    return "\n".join(lines).rstrip("\n") + "\n"


def review_json(extraction: Extraction) -> str:
    """Every candidate as JSON: its place, the fact that holds it (or null), names the store lacks, the fact."""
    import json

    items: list[dict[str, Any]] = [
        {
            "line": c.line,
            "column": c.column,
            "held": c.held,
            "new_entities": list(c.new_names),
            "fact": c.record,
        }
        for c in extraction.candidates
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
