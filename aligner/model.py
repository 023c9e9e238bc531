"""The document model: a language version as an ordered list of blocks.

Readers produce `Block` and `Paragraph` objects in source order and hand them to
`build_document`, which assigns sections and classifies unnumbered text, so every
input format ends up with the same structure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

#: The six OSCE languages, in the order the Assembly lists them.
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "it", "ru", "es")

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "ru": "Russian",
    "es": "Spanish",
}

#: Last letter of an OSCE PA document code ("AS (14) D F") per language.
CODE_LETTERS: dict[str, str] = {"E": "en", "F": "fr", "G": "de", "I": "it", "R": "ru", "S": "es"}


class Kind(StrEnum):
    """What an unnumbered block is."""

    CODE = "code"  # the document code line, e.g. "AS (14) D E"
    TITLE = "title"  # title block lines before the first heading or paragraph
    HEADING = "heading"  # a heading (chapter, resolution title)
    INTRO = "intro"  # an introductory line such as "The OSCE Parliamentary Assembly:"
    TEXT = "text"  # any other unnumbered text


@dataclass(frozen=True)
class Block:
    """An unnumbered block: title line, heading, introductory line or other text."""

    kind: Kind
    text: str
    line: int
    level: int = 0  # heading level 1-6; 0 when unknown or not a heading


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph.

    `label` is the number as written ("7.", "7)", "(7)"); `text` has wrapped lines
    joined and whitespace normalized; `line` is the 1-based first source line.
    """

    section: str
    number: int
    label: str
    text: str
    line: int


Item = Block | Paragraph


@dataclass(frozen=True)
class Section:
    """A run of numbered paragraphs under its headings; numbering may restart per section."""

    id: str
    headings: tuple[Block, ...]
    paragraphs: tuple[Paragraph, ...]

    @property
    def heading(self) -> str:
        """The section's headings joined into one line ("" when it has none)."""
        return " ".join(h.text for h in self.headings)


@dataclass(frozen=True)
class Document:
    """One language version of one document (its derived views are computed once)."""

    path: str
    lang: str | None
    code: str | None
    items: tuple[Item, ...]

    @property
    def name(self) -> str:
        """The document's identifier (see `document_name`)."""
        return document_name(self.path)

    @cached_property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(i for i in self.items if isinstance(i, Paragraph))

    @cached_property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(i for i in self.items if isinstance(i, Block))

    @cached_property
    def sections(self) -> tuple[Section, ...]:
        """Sections in order, each with the headings that stand before its first paragraph."""
        result: list[Section] = []
        pending: list[Block] = []
        headings: tuple[Block, ...] = ()
        current: list[Paragraph] = []
        for item in self.items:
            if isinstance(item, Block):
                if item.kind is Kind.HEADING:
                    pending.append(item)
                continue
            if current and item.section != current[0].section:
                result.append(Section(current[0].section, headings, tuple(current)))
                current = []
            if not current:
                headings, pending = tuple(pending), []
            current.append(item)
        if current:
            result.append(Section(current[0].section, headings, tuple(current)))
        return tuple(result)

    def with_lang(self, lang: str | None) -> Document:
        return replace(self, lang=lang)


def document_name(path: str) -> str:
    """Name a document after its folder, unless the file name carries more than a language."""
    p = Path(path)
    stem = p.name.split(".")[0]
    if stem.lower() in LANGUAGES or not stem:
        return p.parent.name or stem
    return stem


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) into one space."""
    return " ".join(text.split())


def build_document(
    path: str, items: list[Item], *, lang: str | None = None, code: str | None = None
) -> Document:
    """Assign sections and classify unnumbered blocks of a reader's output.

    Readers give paragraphs with an empty section and unnumbered text as `Kind.TEXT`
    (or `Kind.HEADING` where the format marks headings). Here:
    - a new section starts at the first paragraph after a heading that follows
      paragraphs, or where numbering restarts at 1 after unnumbered text;
    - text before the first heading or paragraph is the title block (the document
      code line, when present, is `Kind.CODE`);
    - unnumbered text after paragraphs that ends with a colon is an introductory line.
    """
    out: list[Item] = []
    section = 0
    seen_paragraph = False
    break_pending = False  # a heading or text came after the last paragraph
    heading_pending = False
    last_number = 0
    for item in items:
        if isinstance(item, Paragraph):
            restart = break_pending and item.number <= 1 and last_number >= 1
            if not seen_paragraph or heading_pending or restart:
                section += 1
            seen_paragraph = True
            break_pending = heading_pending = False
            last_number = item.number
            out.append(replace(item, section=str(section)))
            continue
        text = normalize_space(item.text)
        if not text:
            continue
        kind = item.kind
        if kind is Kind.TEXT or kind is Kind.TITLE:
            squeezed = text.replace(" ", "")
            if code is not None and not seen_paragraph and squeezed == code.replace(" ", ""):
                kind = Kind.CODE
            elif not seen_paragraph and not any(
                isinstance(i, Block) and i.kind is Kind.HEADING for i in out
            ):
                kind = Kind.TITLE
            elif seen_paragraph and text.endswith(":"):
                kind = Kind.INTRO
            else:
                kind = Kind.TEXT
        if kind is Kind.HEADING and seen_paragraph:
            heading_pending = True
        if seen_paragraph:
            break_pending = True
        out.append(replace(item, kind=kind, text=text))
    return Document(path=path, lang=lang, code=code, items=tuple(out))


def item_keys(doc: Document) -> list[str]:
    """The msgctxt/tuid key of each item of `doc`, in order: `<section>:<number>` for a
    paragraph (`+k` on the k-th repeat of a number), `<kind>:<n>` for the n-th block of a kind.
    """
    seen: Counter[str] = Counter()
    out = []
    for item in doc.items:
        key = f"{item.section}:{item.number}" if isinstance(item, Paragraph) else item.kind.value
        seen[key] += 1
        if isinstance(item, Block):
            out.append(f"{key}:{seen[key]}")
        else:
            out.append(key if seen[key] == 1 else f"{key}+{seen[key]}")
    return out


@dataclass(frozen=True)
class DocumentSet:
    """The language versions of one document, in `LANGUAGES` order (others last)."""

    name: str
    versions: tuple[Document, ...]

    def get(self, lang: str) -> Document | None:
        return next((d for d in self.versions if d.lang == lang), None)

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(d.lang or "" for d in self.versions)


@dataclass(frozen=True)
class Link:
    """One bead of an alignment: 0-2 reference paragraphs matched to 0-2 target paragraphs."""

    source: tuple[Paragraph, ...]
    target: tuple[Paragraph, ...]
    score: float = 1.0  # content agreement in [0, 1]; 0 for 1-0 and 0-1 beads
    #: How sure the aligner is of this link, in [0, 1]: the margin of its cost over the
    #: nearest alternative for the same paragraphs (see `aligner.align.confidence`).
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """`"1-1"`, `"2-1"`, `"1-0"`, ...: how many paragraphs each side has."""
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class Alignment:
    """A target version aligned paragraph by paragraph to the reference version."""

    reference: Document
    target: Document
    links: tuple[Link, ...]
    #: Pairs of 1-1 links (indices into `links`) whose target paragraphs may be swapped:
    #: look-alike paragraphs the evidence cannot tell apart.
    doubts: tuple[tuple[int, int], ...] = ()

    def __iter__(self) -> Iterator[Link]:
        return iter(self.links)

    def pairs(self) -> list[tuple[str, str]]:
        """The reference and target text of each link (paragraphs joined with a space;
        "" for a side without paragraphs)."""
        return [
            (" ".join(p.text for p in link.source), " ".join(p.text for p in link.target))
            for link in self.links
        ]
