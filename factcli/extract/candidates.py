"""``extract``: a document's candidate facts, in the store's shape, each marked when the store holds it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from factcli.extract import held, labels, layout, quotes, tables
from factcli.extract.dateline import own_day_line
from factcli.extract.names import MEETINGS, Entities
from factcli.extract.record import from_the_first
from factcli.extract.state import Statement
from factcli.extract.statements import Reader
from factcli.extract.when import as_of as document_time
from factcli.extract.when import reviewed
from factcli.index.query import Query
from factcli.reading import document
from factcli.reading.names import proper_names
from factcli.reading.prose import Lines
from factcli.reading.words import content
from factcli.text.fold import fold

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.index.engine import Index
    from factcli.model import Fact, Source

Progress = Callable[[int, int], None]
_BOTH = re.compile(r"\b(?:[Tt]he (?:two|three|four|five|six)|[Bb]oth) (?:countries|sides|nations|armed forces)\b")
_MEMBERS = re.compile(r"\bmember (?:states|countries|nations)\b")
#: Escorts: what a navy escorts is escorted where the paragraph said it sailed ("to the Gulf of Aden and the
#: waters off Somalia"), and the store names that place on every escort figure.
_ESCORT = re.compile(r"\bescort(?:s|ed|ing)?\b", re.IGNORECASE)
_WATERS = re.compile(r"\b(?:waters|coast)\s+off\s+(?:the\s+coast\s+of\s+)?[A-Z][\w-]+|\b[A-Z][\w-]+\s+waters\b")


@dataclass(frozen=True)
class Candidate:
    """A candidate fact: the record to review, the store's fact that already says it, names the store lacks."""

    record: dict[str, Any]
    line: int
    column: int
    held: str | None = None
    new_names: tuple[str, ...] = ()


@dataclass
class Extraction:
    source: Source
    as_of: str
    as_of_why: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def new(self) -> list[Candidate]:
        return [c for c in self.candidates if c.held is None]


def extract(
    index: Index, text: str, source: Source, *, as_of: str | None = None, markdown: bool = False,
    progress: Progress | None = None,
) -> Extraction:  # fmt: skip
    """Every quantitative statement and dated happening of ``text`` (the document ``source``) as a candidate."""
    when, why = (
        (as_of, "as given (--as-of)") if as_of else document_time(source.title, source.published, source.accessed, text)
    )
    vocab = index.vocab
    framed = layout.reading_copy(text)
    reader = Reader(vocab, when, source.published, reviewed(source.title, when)).start(framed)
    found = tables.find(framed)
    # tables, and the place and day under a title (which head no prose: the title above does) are read apart
    laid_out = (*((t.caption[0] if t.caption else t.start, t.end) for t in found), *own_day_line(framed))
    passages = document.passages(layout.reading_copy(text, laid_out) if laid_out else framed, markdown=markdown)
    statements: list[Statement] = []
    for done, passage in enumerate(passages, 1):
        statements.extend(reader.read(passage))
        if progress is not None:
            progress(done, len(passages))
    if found:
        headings = [(p.start, p.heading) for p in passages]
        cells = tables.read(framed, statements, headings, when)
        statements = sorted([*statements, *cells], key=lambda s: s.start)
    statements = from_the_first(statements)
    labeller = _Labeller(index, text, source, when, why, passages)
    records = [labeller.record(s) for s in statements]
    lines = Lines(text)
    own = list(index.find(Query(sources=[source.id]))) if source.id in vocab.sources else []
    nearest = [
        labeller.facts(index.candidates(list(labeller.words(s)), [r["value"]] if r.get("value") else []))
        for s, r in zip(statements, records, strict=True)
    ]
    holders = held.match(records, [[*own, *near] for near in nearest])
    out = Extraction(source, when, why)
    for i, (s, record) in enumerate(zip(statements, records, strict=True)):
        line, column = lines.at(s.start)
        out.candidates.append(Candidate(record, line, column, holders.get(i), labeller.new_names(s)))
    return out


class _Labeller:
    """Names a statement in the store's vocabulary: unit, topic, metric, entities, id, claim, note."""

    def __init__(
        self, index: Index, text: str, source: Source, as_of: str, why: str, passages: list[document.Passage]
    ) -> None:
        self.index, self.text, self.source, self.as_of, self.why = index, text, source, as_of, why
        self.vocab = index.vocab
        self.entities = Entities(self.vocab, text)
        self.paragraphs: dict[int, int] = {}
        #: Each sentence's sentence before, in its paragraph: who "the two countries" are.
        self.before: dict[int, document.Passage] = {}
        for p, q in zip([None, *passages], passages, strict=False):
            self.paragraphs.setdefault(q.paragraph, q.start)
            if p is not None and p.paragraph == q.paragraph:
                self.before[q.start] = p
        self.implied: dict[str, str | None] = {}
        self.known: dict[str, Fact | None] = {}
        self.suffix: dict[str, int] = {}
        from factcli.checks.entities import Names

        self.topic_names = Names(self.vocab)
        self.units = index.units()
        self.taken = set(index.fact_ids())
        self.topics: dict[str, str] = {}

    def facts(self, ids: list[str]) -> list[Fact]:
        """The store's facts by id, each read from the index once."""
        out = []
        for fact_id in ids:
            if fact_id not in self.known:
                self.known[fact_id] = self.index.get(fact_id)
            fact = self.known[fact_id]
            if fact is not None:
                out.append(fact)
        return out

    def words(self, s: Statement) -> set[str]:
        return content(self.text[s.start : s.end])

    def record(self, s: Statement) -> dict[str, Any]:
        quote = quotes.text_of(self.text, s.start, s.end)
        unit = (
            "ordinal"
            if s.ordinal
            else labels.unit_of(s.counts, s.currency, self.units)
            if s.kind == "quantity"
            else None
        )
        topic = self._topic(s)
        entities, implied = self._entities(s, topic)
        record: dict[str, Any] = {"id": "", "claim": self._claim(s, quote), "kind": s.kind}
        if s.kind == "quantity" and s.value is not None:
            record.update(value=int(s.value) if s.value.is_integer() else s.value, qualifier=s.qualifier, unit=unit)
        record["value_text"] = quotes.one_line(s.value_text)
        record.update(s.time.record())
        record["topic"] = topic
        if s.kind == "quantity" and not s.ordinal:
            own = " ".join(self.text[a:b] for a, b in s.who)
            record["metric"] = labels.metric_of(unit, own, list(self.vocab.metrics.values()))
        record["entities"] = entities
        record["citations"] = [{"source": self.source.id, "section": self._heading(s), "quote": quote}]
        record["note"] = self._note(s) + (f" {implied}: named by the title of the topic '{topic}'." if implied else "")
        record["id"] = self._id(s, record)
        return record

    def _heading(self, s: Statement) -> str:
        """The heading a statement stands under; before any, the document's title (its section too)."""
        return s.passage.heading or self.source.title

    def _topic(self, s: Statement) -> str:
        """The topic the section's heading names (by its title, or two of its words no other topic has), else the
        one most of the store's facts nearest in words have."""
        heading = self._heading(s)
        if heading not in self.topics:
            plain = re.sub(r"(?<=[a-z])-(?=[a-z])", "", heading)
            named = self.topic_names.topics(plain)
            self.topics[heading] = (
                next(iter(named)) if len(named) == 1 else labels.topic_named(plain, self.vocab.topics)
            )
        if self.topics[heading]:
            return self.topics[heading]
        named = content(" ".join(self.entities.find(self.text[s.start : s.end])))
        ids = self.index.candidates([*(self.words(s) - named), *content(heading)], [])  # what, not who
        neighbours = [f.topic for f in self.facts(ids[:12])]
        return labels.topic_of(f"{heading} {self.text[s.start : s.end]}", neighbours, self.vocab.topics)

    def _entities(self, s: Statement, topic: str) -> tuple[list[str], str | None]:
        """The entities a statement names (its own words, its sentence's subject), and one its topic implies."""
        kind = self.entities.names.kind
        own = [x for a, b in s.who for x in self._named(s, a, b)]
        subject = self._named(s, *s.subject) if s.subject else []
        if s.listed is not None:
            i, n = s.listed
            countries = [x for x in (subject if s.name else own) if kind(x) == "country"]
            if len(countries) == n and (not s.name or "respectively" in s.passage.text):
                subject = [x for x in subject if x not in countries]
                own = [countries[i]] if not s.name else [*own, countries[i]]
        found = list(dict.fromkeys([*subject, *own, *self._both(s), *self._escorted(s, own)]))
        sentence = [x for x in self.entities.find(s.passage.text) if kind(x) == "mission"]
        if len(sentence) == 1 and self._implied(topic) and sentence[0] not in found:
            found.append(sentence[0])  # the store names the mission a sentence names on each of its figures
        missions = [x for x in found if kind(x) == "mission"]
        found = [x for x in found if kind(x) != "organisation" or not any(self.entities.inside(x, m) for m in missions)]
        implied = self._implied(topic) if self.topics.get(self._heading(s)) == topic else None
        if implied and implied not in found and not any(kind(x) in ("organisation", "mission") for x in found):
            return [*found, implied], implied
        return found, None

    def _named(self, s: Statement, a: int, b: int) -> list[str]:
        """Entities named in the document's text[a:b]; "the member states" are those of the organisation the
        paragraph named last."""
        found = self.entities.find(self.text[a:b])
        if _MEMBERS.search(self.text, a, b) and not any(self.entities.names.kind(x) == "organisation" for x in found):
            start = self.paragraphs.get(s.passage.paragraph, s.passage.start)
            before = [
                x for x in self.entities.find(self.text[start:a]) if self.entities.names.kind(x) == "organisation"
            ]
            found += before[-1:]
        return found

    def _both(self, s: Statement) -> list[str]:
        """Who "the two countries", "the two sides" or "The four countries" of a sentence are: those the sentence
        before names ("China and Russia have kept up … In November 2018 the general staffs of the two countries
        held …"), unless the sentence names them first ("China and the United States held …, and the two sides …")."""
        before = self.before.get(s.passage.start)
        m = _BOTH.search(s.passage.text)
        if before is None or m is None or self.entities.find(s.passage.text[: m.start()]):
            return []
        return self.entities.find(before.text)

    def _escorted(self, s: Statement, own: list[str]) -> list[str]:
        """For an escort figure whose sentence names no country, the country whose waters its paragraph named (the
        navy sent "to the Gulf of Aden and the waters off Somalia … By the end of June 2019 it had sent 32 escort
        task forces …"): the store names the waters' country on every escort figure."""
        kind = self.entities.names.kind
        if not _ESCORT.search(s.passage.text) or any(kind(x) == "country" for x in self.entities.find(s.passage.text)):
            return []
        start = self.paragraphs.get(s.passage.paragraph, s.passage.start)
        waters = " ".join(m.group() for m in _WATERS.finditer(self.text, start, s.passage.start))
        return [x for x in self.entities.find(waters) if kind(x) == "country"][:1]

    def _implied(self, topic: str) -> str | None:
        """The organisation the topic's title names ("UN peacekeeping": the UN), which the store's facts of the
        topic name where their quotes do not ("At present, 53 Chinese military observers …")."""
        if topic not in self.implied:
            title = self.vocab.topics[topic].title if topic in self.vocab.topics else ""
            named = [x for x in self.entities.find(title) if self.entities.names.kind(x) == "organisation"]
            self.implied[topic] = named[0] if len(named) == 1 else None
        return self.implied[topic]

    def _claim(self, s: Statement, quote: str) -> str:
        start = max(s.start, s.passage.start)
        if s.kind == "event" and s.name and s.who:
            start = max(start, s.who[-1][0])
        body = " ".join(s.claim.split()) or quotes.text_of(self.text, start, s.end).lstrip(",;: ")
        body = re.sub(r"^(?:and|or)\s+", "", body)
        body = body[:1].upper() + body[1:]
        body = body.rstrip(".")
        if s.time.source != "sentence" or (s.kind == "event" and s.time.words not in body):
            body = f"{body} ({_when(s.time.date, s.time.start, s.time.end)})"
        return body + "."

    def _note(self, s: Statement) -> str:
        t = s.time
        when = _when(t.date, t.start, t.end)
        if t.source == "sentence":
            return f"Dated by the sentence: '{t.words}' read as {when}."
        if t.source == "paragraph" or t.words:
            return f"The sentence gives no date: {t.why}, '{t.words}' ({when})."
        return f"No date in the text: {t.why}, {when} ({self.why})."

    def _id(self, s: Statement, record: dict[str, Any]) -> str:
        t = s.time
        years = [y[:4] for y in (t.date, t.start, t.end) if y]
        when = "-".join(dict.fromkeys(years))
        if s.ordinal:
            what = f"{labels.slug(s.name or record['claim'], 5)}-ordinal"
        elif s.kind == "event":
            what = f"{labels.slug(s.name or record['claim'], 5)}-date"
        else:
            what = labels.slug(" ".join(s.counts) or str(record.get("unit") or ""), 4)
        base = re.sub(r"-{2,}", "-", "-".join(part for part in (record["topic"], when, what) if part)).strip("-")
        candidate, n = base, self.suffix.get(base, 2)
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.suffix[base] = n  # the next one of this base starts here: no quadratic walk over a long list
        self.taken.add(candidate)
        return candidate

    def new_names(self, s: Statement) -> tuple[str, ...]:
        """Names of two words or more in the quote that the store's entities lack (not happenings)."""
        out = []
        for words in proper_names(self.text[s.start : s.end]):
            name = " ".join(words).strip(".,;")
            low = {w.lower() for w in words}
            if fold(name) in self.vocab.aliases or low & MEETINGS or re.search(r"[0-9]", name):
                continue
            out.append(name)
        return tuple(dict.fromkeys(out))


def _when(date: str | None, start: str | None, end: str | None) -> str:
    if date:
        return date
    if start and end:
        return f"{start} to {end}"
    return f"by {end}" if end else f"since {start}"
