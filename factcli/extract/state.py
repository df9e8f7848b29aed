"""What reading a document yields and keeps: a ``Statement`` (one candidate fact as read, before the store's
vocabulary names it) and the reader's ``Memory`` (what the sentences read so far leave for the next)."""

from __future__ import annotations

from dataclasses import dataclass, field

from factcli.extract.times import Span, Time
from factcli.reading.document import Passage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from factcli.store.vocab import Vocabulary


@dataclass(frozen=True, slots=True)
class Statement:
    """One candidate fact as read from the document, before the store's vocabulary is applied."""

    kind: str  # "quantity" or "event"
    start: int  # the quote's span in the document
    end: int
    value: float | None
    qualifier: str
    value_text: str
    time: Time
    passage: Passage
    #: What a figure counts, as written ("engineering", "troops"); empty for events and ordinals.
    counts: tuple[str, ...] = ()
    currency: str | None = None
    ordinal: bool = False
    #: The happening an event is, or the name an ordinal numbers.
    name: str = ""
    #: Where its entities are named, offsets in the document: its own words (a list's item its part) …
    who: tuple[tuple[int, int], ...] = ()
    #: … and the subject of its sentence, when it is one of a list ("China and Thailand … held the Fourth …").
    subject: tuple[int, int] | None = None
    #: For one of several events a sentence dates in turn: its place and how many ("respectively").
    listed: tuple[int, int] | None = None
    #: For one of a list's happenings, the sentence's words for it alone ("China co-hosted with Malaysia the …").
    claim: str = ""


@dataclass
class Memory:
    """What the sentences read so far leave for the next: the reader's state, one document long."""

    vocab: Vocabulary
    as_of: str
    #: When the document was published, if known: it vouches for nothing after.
    published: str | None = None
    #: The year a document reviews from a later as-of time ("… in 2020", dated January 2021): what it does not
    #: date is of that year (``when.reviewed``).
    reviewed: str | None = None
    paragraph: int = -1
    #: The start of what the paragraph's first sentence says runs since ("Since 1990", "Since its first … in 1990").
    since: str | None = None
    previous: tuple[Passage, list[Span], Time | None] | None = None
    #: Meetings and ordinals dated by their sentences, by name: a later sentence naming one takes its date.
    dated: dict[str, Time] = field(default_factory=dict)
    numbered: set[tuple[float, str]] = field(default_factory=set)
    evented: set[str] = field(default_factory=set)
    last_year: int | None = None
    #: The last date a sentence gave itself: what "Since then" starts from.
    last_day: str | None = None
    #: An item of a list led in by a perfect ("Since 1990, … units have:"): its verb is done, no state.
    done: bool = False
    #: What the last figure counted: "10 and … another one of the 12 conventions".
    last_counts: tuple[str, ...] = ()
    #: In a transcript, the question being answered (its span in the document) and the answer's paragraph.
    question: tuple[int, int] | None = None
    answer: int = -1
