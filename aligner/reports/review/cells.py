"""What a review shows, as data: per document, one row per reference unit, one cell per
language, with pieces of text, marks, evidence and placed findings (`rows` builds them,
`html` and `text` render them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.findings import Finding
from aligner.model import Link, Paragraph

#: Cell statuses, mildest first (the matrix colours them).
STATUSES: tuple[str, ...] = ("ok", "warning", "error", "missing", "extra")

#: A marked stretch of a text: (start, end) character offsets.
Span = tuple[int, int]


@dataclass(frozen=True)
class Piece:
    """One paragraph or block of a version as a cell shows it (own number, line, text)."""

    label: str  # the version's own number ("7", "2.7"); "" for an unnumbered block
    line: int
    text: str
    marks: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A snippet of another text with the token that matters marked (e.g. the lacking year)."""

    lang: str
    label: str
    text: str
    marks: tuple[Span, ...]


@dataclass(frozen=True)
class ReviewFinding:
    """A finding as the review shows it."""

    finding: Finding
    anchor: str
    evidence: tuple[Evidence, ...] = ()
    suggestions: tuple[str, ...] = ()  # TOML entries that keep the reviser's decision


@dataclass
class Cell:
    """What one language gives one row."""

    lang: str
    status: str = "ok"
    pieces: list[Piece] = field(default_factory=list)
    note: str = ""
    findings: list[ReviewFinding] = field(default_factory=list)
    confidence: float | None = None
    link: Link | None = None


@dataclass
class Row:
    """One reference unit (or one extra unit of a version) across languages."""

    unit: str  # reference unit id: "7", "2.7", "title:1"; "" for an extra unit
    kind: str  # "paragraph", "block" or "extra"
    anchor: str
    cells: dict[str, Cell]  # by language, the reference first
    paragraph: Paragraph | None = None

    @property
    def suspect(self) -> bool:
        return any(c.status != "ok" or c.findings for c in self.cells.values())


@dataclass(frozen=True)
class LangSummary:
    """Counts for one language of one document."""

    lang: str
    errors: int
    warnings: int
    aligned: int  # reference paragraphs with a counterpart
    units: int  # reference paragraphs
    extra: int
    confidence: float | None  # mean link confidence, when the alignment gives one


@dataclass
class DocumentReview:
    """The review of one document set."""

    name: str
    reference: str
    langs: list[str]  # shown target languages
    rows: list[Row]
    summaries: list[LangSummary]
    findings: list[ReviewFinding]  # findings that name no unit (whole file)
    paths: dict[str, str]

    @property
    def suspect(self) -> bool:
        return bool(self.findings) or any(r.suspect for r in self.rows)
