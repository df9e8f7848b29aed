"""Write a large synthetic store in the real schema, for benchmarks.

    python benchmarks/make_store.py DIR [--facts 100000] [--files 100] [--seed 1]

Deterministic (seeded): the same arguments write the same bytes; another seed
writes the same ids with other values, claims and quotes. Vocabulary
files are copied from the bundled store so every reference resolves.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from factcli.store.files import bundled_store
from factcli.store.load import load_store

WORDS = [
    "peacekeepers",
    "engineers",
    "observers",
    "police",
    "exercise",
    "maritime",
    "escort",
    "treaty",
    "convention",
    "dialogue",
    "consultation",
    "summit",
    "delegation",
    "students",
    "academy",
    "hotline",
    "relief",
    "earthquake",
    "flood",
    "counter-terrorism",
    "border",
    "navy",
    "army",
    "air",
    "force",
    "training",
    "seminar",
    "workshop",
    "forum",
]
QUALIFIERS = [
    ("exact", "{n:,}"),
    ("more_than", "more than {n:,}"),
    ("approx", "some {n:,}"),
    ("more_than", "over {n:,}"),
]


def fact_yaml(i: int, rng: random.Random, topics: list[str], entities: list[str], sources: list[str]) -> str:
    n = rng.randint(1, 20000)
    qualifier, template = rng.choice(QUALIFIERS)
    value_text = template.format(n=n)
    year = rng.randint(1990, 2017)
    month = rng.randint(1, 12)
    words = " ".join(rng.sample(WORDS, 4))
    topic = rng.choice(topics)
    ents = rng.sample(entities, 2)
    source = rng.choice(sources)
    lines = [
        f"- id: synthetic-{i:06d}",
        f'  claim: "Synthetic fact {i} about {words}: {value_text} in {year}."',
        "  kind: quantity",
        f"  value: {n}",
    ]
    if qualifier != "exact":
        lines.append(f"  qualifier: {qualifier}")
    lines += [
        "  unit: personnel",
        f'  value_text: "{value_text}"',
        f'  date: "{year}-{month:02d}"',
        f"  topic: {topic}",
        f'  tags: ["{rng.choice(WORDS)}"]',
        "  entities: [" + ", ".join(f'"{e}"' for e in ents) + "]",
        "  citations:",
        f"    - source: {source}",
        '      section: "Synthetic Section"',
        f'      quote: "In {year} the document reported {value_text} {words}."',
    ]
    return "\n".join(lines) + "\n"


def write_store(target: Path, facts: int, files: int, seed: int = 1) -> None:
    bundled = load_store(bundled_store())
    target.mkdir(parents=True, exist_ok=True)
    for name in ("sources", "entities", "topics", "metrics"):
        shutil.copy(bundled_store() / f"{name}.yaml", target / f"{name}.yaml")
    rng = random.Random(seed)
    vocab = bundled.vocab
    topics, entities, sources = sorted(vocab.topics), sorted(vocab.entities), sorted(vocab.sources)
    per_file = -(-facts // files)
    for f in range(files):
        start = f * per_file
        chunk = [fact_yaml(i, rng, topics, entities, sources) for i in range(start, min(start + per_file, facts))]
        (target / f"part-{f:04d}.yaml").write_text("\n".join(chunk), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_store(args.dir, args.facts, args.files, args.seed)


if __name__ == "__main__":
    main()
