"""The document model: a language version as an ordered list of blocks.

Readers produce `Block` and `Paragraph` objects in source order and hand them to
`build_document`, which assigns sections and classifies unnumbered text, so every
input format ends up with the same structure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from aligner.languages import CODE_LETTERS as CODE_LETTERS  # re-exported: defined there
from aligner.languages import LANGUAGE_NAMES as LANGUAGE_NAMES
from aligner.languages import LANGUAGES as LANGUAGES


class Kind(StrEnum):
    """What an unnumbered block is."""

    CODE = "code"  # the document code line, e.g. "AS (14) D E"
    TITLE = "title"  # title block lines before the first heading or paragraph
    HEADING = "heading"  # a heading (chapter, resolution title)
    INTRO = "intro"  # an introductory line such as "The OSCE Parliamentary Assembly:"
    TEXT = "text"  # any other unnumbered text


@dataclass(frozen=True, slots=True)
class Block:
    """An unnumbered block: title line, heading, introductory line or other text."""

    kind: Kind
    text: str
    line: int
    level: int = 0  # heading level 1-6; 0 when unknown or not a heading


@dataclass(frozen=True, slots=True)
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
    #: The unit's id as cited when it is not the plain number: "3.4", "3.a", "II", "A",
    #: or "¶12" for the 12th unit without a written number (then `number` is 12 too).
    key: str = ""
    numbered: bool = True  # False: no number written; named and aligned by position
    #: (word index in `text`, source line) where each later source line of a hard-wrapped
    #: paragraph begins; empty when the paragraph is one line (or its format has none).
    wraps: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)
    #: An article's own paragraphs (each cleaned like `text`), when it has more than one;
    #: they are aligned inside the article by content (rule `subparagraph-mismatch`).
    parts: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def ident(self) -> str:
        """The id reports and exports use: `key`, else the number."""
        return self.key or str(self.number)

    @property
    def cited(self) -> int | str:
        """The number when it is a plain one, else the id (what findings record)."""
        return self.number if self.sequential else self.ident

    @property
    def sequential(self) -> bool:
        """Numbered with a plain integer, so its number must continue a sequence."""
        return self.numbered and not self.key

    def line_at(self, offset: int) -> int:
        """The source line on which character `offset` of `text` stands."""
        word = len(self.text[:offset].split())
        line = self.line
        for start, wrapped in self.wraps:
            if start > word:
                break
            line = wrapped
        return line


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
    def sectioned(self) -> bool:
        """Whether numbering restarts in sections (paragraphs are cited as "2.7")."""
        return len({s.id for s in self.sections}) > 1

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
            if not item.sequential:
                continue  # sections are runs of plainly numbered paragraphs
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
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # already normal: every whitespace character but " " is unprintable
    return " ".join(text.split())


@dataclass(frozen=True)
class ProseParams:
    """When unnumbered text is body text or an introductory line (`is_prose`, the readers'
    assembly and `build_document`) (defaults: `PROSE`)."""

    #: Unnumbered text at least this long (in characters and words) that ends a clause is
    #: body text, a unit of its own: shorter lines are titles, headings or captions. A
    #: title line rarely ends with punctuation; a sentence of 8 words is about 50 characters.
    #: Origin: set by hand for documents without numbers (commit 9ce9b79), checked by
    #: tests/readers/test_schemes.py on unnumbered texts.
    prose_chars: int = 50
    #: Origin: as `prose_chars`.
    prose_words: int = 8
    #: An unnumbered line between paragraphs, without final punctuation, at most this long
    #: and right before a paragraph, is an introductory line ("Die Parlamentarische
    #: Versammlung der OSZE" is printed without a colon).
    #: Origin: measured: the longest the six languages print is ~60; set to 150 with room
    #: (commit 9ce9b79).
    intro_chars: int = 150
    #: A line ending with a colon, between paragraphs or right before one, is an introductory
    #: line ("The OSCE Parliamentary Assembly:") up to this many characters.
    #: Origin: set by hand with the first readers (commit 8075568): a long preamble clause.
    colon_intro_chars: int = 300


#: The parameters prose and introductory lines are told with.
PROSE = ProseParams()

_TERMINAL = ".,;:!?…"
_CLOSERS = "*_\"'»”’)]} "


def ends_clause(text: str) -> bool:
    """Whether `text` ends with clause punctuation (before closing quotes or brackets)."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _is_clause(text: str) -> bool:
    """A finished clause in ordinary case (not a line of capitals)."""
    return ends_clause(text) and any(c.islower() for c in text)


def is_prose(text: str) -> bool:
    """Body text rather than a title line: long enough, a finished clause, not capitals."""
    return (
        len(text) >= PROSE.prose_chars
        and len(text.split()) >= PROSE.prose_words
        and _is_clause(text)
    )


def _is_intro(text: str, after_paragraph: bool, after_text: bool, before_paragraph: bool) -> bool:
    """An introductory line: after paragraphs or right before one, ending with a colon;
    or without final punctuation right before a paragraph and after other text."""
    if not any(c.islower() for c in text) and not after_paragraph:
        return False  # capitals before the first paragraph: the title
    if (
        (after_paragraph or before_paragraph)
        and text.endswith(":")
        and len(text) <= PROSE.colon_intro_chars
    ):
        return True
    return (
        (after_paragraph or after_text)
        and before_paragraph
        and len(text) <= PROSE.intro_chars
        and not ends_clause(text)
        and text[:1].isupper()
    )


def build_document(
    path: str,
    items: list[Item],
    *,
    lang: str | None = None,
    code: str | None = None,
    fresh: bool = False,
) -> Document:
    """Assign sections and classify unnumbered blocks of a reader's output.

    Readers give paragraphs with an empty section and unnumbered text as `Kind.TEXT`
    (or `Kind.HEADING` where the format marks headings). Here:
    - a new section starts at the first paragraph after a heading that follows
      paragraphs, or where numbering restarts at 1 after unnumbered text (only plainly
      numbered paragraphs have sections; others have the section "");
    - text before the first heading or paragraph is the title block (the document
      code line, when present, is `Kind.CODE`);
    - unnumbered text after paragraphs or right before one that ends with a colon, or a
      short line without final punctuation right before a paragraph (not the first line
      of the document), is an introductory line;
    - other unnumbered body text (`is_prose`) is a unit of its own, without a number:
      the k-th is named "¶k" and aligned by content.

    `fresh`: the items were made for this call by a reader (`aligner.readers`), their
    texts normalized and the objects shared with no one, so each paragraph is given its
    section in place rather than copied.
    """
    out: list[Item] = []
    section = 0
    seen_paragraph = False
    break_pending = False  # a heading or text came after the last paragraph
    heading_pending = False
    last_number = 0
    unnumbered = 0
    # in a document without numbers, any finished clause after its first unit is a unit
    # (the second half of a split paragraph may be short)
    numbered = any(isinstance(i, Paragraph) for i in items)
    texts = [i.text for i in items] if fresh else [normalize_space(i.text) for i in items]
    names: dict[int, str] = {}  # one string per section id
    following_at: list[Item | None] = [None] * len(items)  # the next item with text
    for k in range(len(items) - 2, -1, -1):
        following_at[k] = items[k + 1] if texts[k + 1] else following_at[k + 1]
    for k, item in enumerate(items):
        if isinstance(item, Paragraph):
            if not item.sequential:
                seen_paragraph = True
                out.append(_in_section(item, "", fresh))
                continue
            restart = break_pending and item.number <= 1 and last_number >= 1
            if not seen_paragraph or heading_pending or restart:
                section += 1
            seen_paragraph = True
            break_pending = heading_pending = False
            last_number = item.number
            sid = max(section, 1)
            section_id = names.get(sid) or names.setdefault(sid, str(sid))
            out.append(_in_section(item, section_id, fresh))
            continue
        text = texts[k]
        if not text:
            continue
        kind = item.kind
        if kind is Kind.TEXT or kind is Kind.TITLE:
            squeezed = text.replace(" ", "")
            following = following_at[k]
            if code is not None and not seen_paragraph and squeezed == code.replace(" ", ""):
                kind = Kind.CODE
            elif _is_intro(text, seen_paragraph, bool(out), isinstance(following, Paragraph)):
                kind = Kind.INTRO
            elif is_prose(text) or (not numbered and seen_paragraph and _is_clause(text)):
                unnumbered += 1
                seen_paragraph = True
                out.append(Paragraph("", unnumbered, "", text, item.line, f"¶{unnumbered}", False))
                continue
            elif not seen_paragraph and not any(
                isinstance(i, Block) and i.kind is Kind.HEADING for i in out
            ):
                kind = Kind.TITLE
            else:
                kind = Kind.TEXT
        if kind is Kind.HEADING and seen_paragraph:
            heading_pending = True
        if seen_paragraph:
            break_pending = True
        if kind is not item.kind or text != item.text:
            item = Block(kind, text, item.line, item.level)
        out.append(item)
    return Document(path=path, lang=lang, code=code, items=tuple(out))


def _in_section(p: Paragraph, section: str, fresh: bool) -> Paragraph:
    """`p` in `section`: `p` itself when it is there already or is `fresh` (made for
    `build_document` and not yet seen by anyone: set in place, as `__init__` does)."""
    if p.section == section:
        return p
    if fresh:
        object.__setattr__(p, "section", section)
        return p
    return Paragraph(
        section, p.number, p.label, p.text, p.line, p.key, p.numbered, p.wraps, p.parts
    )


def item_keys(doc: Document) -> list[str]:
    """The msgctxt/tuid key of each item of `doc`, in order: `<section>:<id>` for a
    paragraph (`Paragraph.ident`: "1:7", or "3.4" and "¶2" without a section; `+k` on the
    k-th repeat of an id),
    `<kind>:<n>` for the n-th block of a kind.
    """
    seen: Counter[str] = Counter()
    out = []
    for item in doc.items:
        if isinstance(item, Paragraph):
            key = f"{item.section}:{item.ident}" if item.section else item.ident
        else:
            key = item.kind.value
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
    #: nearest alternative for the same paragraphs (see `aligner.align.paragraphs.confidence`).
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
