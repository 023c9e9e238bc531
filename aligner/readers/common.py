"""What every reader shares: decoding, paragraph labels, page furniture and assembly.

A reader cuts its format into `Unit`s (a line of text, a Word paragraph, an HTML block)
and `assemble` turns them into the model's items with one set of rules: which numbers
open a paragraph, which text continues one, what is a heading or a stray page number.
"""

from __future__ import annotations

import codecs
import html
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from lxml import etree

from aligner import limits
from aligner.errors import InputError
from aligner.langid import CODE_PATTERN, find_code
from aligner.model import INTRO_CHARS, Block, Item, Kind, Paragraph, normalize_space

#: Longest one-line chapter title ("1. Introduction") directly followed by its first
#: numbered child ("1.1 ..."); a longer line is the start of a wrapped paragraph.
MAX_TITLE = 80
#: Largest out-of-sequence step accepted for a number at a paragraph boundary
#: (a translation may lack a few paragraphs).
MAX_JUMP = 10

# --- decoding -----------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def line_of(text: str, offset: int) -> int:
    """The 1-based line of character `offset` in `text` (CRLF, CR and LF all count once)."""
    return len(_LINE_BREAK.findall(text, 0, offset)) + 1


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse anything else.

    Raises `InputError` naming the line of an invalid byte, a lone surrogate, or a
    control character such as NUL (binary data).
    """
    encoding, name, body = "utf-8", "UTF-8", data
    for bom, enc, label in _BOMS:
        if data.startswith(bom):
            encoding, name, body = enc, label, data[len(bom) :]
            break
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode(encoding, errors="replace")
        line = line_of(before, len(before))
        column = len(before) - max(before.rfind("\n"), before.rfind("\r"))
        bad = body[exc.start : exc.start + 2 if encoding != "utf-8" else exc.start + 1]
        raise InputError(
            f"not valid {name} text: {exc.reason} (byte {bad.hex(' ')}) at column {column}",
            file=file,
            line=line,
        ) from None
    if m := _CONTROL.search(text):
        hint = ""
        if m.group() == "\x00" and encoding == "utf-8" and body[1::2].count(0) > len(body) // 4:
            hint = " (UTF-16 without a byte-order mark?)"
        raise InputError(
            f"binary data, not text: control character U+{ord(m.group()):04X}{hint}",
            file=file,
            line=line_of(text, m.start()),
        )
    return text


_CONTENT_LINE = re.compile(r"[^\r\n]+")


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of each non-empty line; lines end at LF, CRLF or CR only (not
    at the other characters str.splitlines knows). Empty lines cost no Python step, so
    20 MB of line breaks read in C time."""
    text = text.removeprefix("\ufeff")
    line, end = 1, 0
    for m in _CONTENT_LINE.finditer(text):
        if m.start() > end:
            gap = text[end : m.start()]
            line += gap.count("\n") + gap.count("\r") - gap.count("\r\n")
        yield line, m.group()
        end = m.end()


# --- XML ------------------------------------------------------------------------

_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(data: bytes, file: str, part: str) -> etree._Element:
    """Parse untrusted XML with a hardened parser; refuse any DOCTYPE or entity declaration.

    Nothing is ever loaded, fetched or expanded: a DTD (and so every entity-expansion
    bomb and external entity) is refused before parsing.
    """
    probe = data
    for bom, enc, _ in _BOMS[1:]:
        if data.startswith(bom):
            probe = data.decode(enc, errors="replace").encode("utf-8")
    if _DECLARATIONS.search(probe):
        raise InputError(f"{part}: XML with a DOCTYPE or entity declaration is refused", file=file)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{part}: malformed XML: {exc.msg}", file=file) from None
    if root.getroottree().docinfo.doctype:
        raise InputError(f"{part}: XML with a DOCTYPE is refused", file=file)
    return root


# --- labels ---------------------------------------------------------------------

_EMPHASIS = r"(?:\*\*|__|\*|_)"
#: Digits of a paragraph number: running numbers of a long document reach tens of
#: thousands; seven digits bound a number (a line starting with more is not one).
#: Numbers in brackets, `(1)` and `1)`, have at most three digits: "(1999)" or "2003)"
#: at the start of a wrapped line is a year.
_DIGITS = "[0-9]{1,7}"
_LABEL = re.compile(
    rf"""^[ \t]*(?P<pre>{_EMPHASIS})?
    (?: (?P<d>{_DIGITS}(?:\.(?:{_DIGITS}|[a-z])){{1,4}})(?P<dp>\.?)(?=[ \t\u00a0]|$)  # 1.1 2.3.1
      | (?P<a>{_DIGITS})(?P<sp>[ \u00a0]?)(?P<p>\\?\.|(?<![0-9]{{4}})\))  # 1.  1)  1 .  1\.
      | \((?P<b>[0-9]{{1,3}})\)                            # (1), not a year "(1999)"
      | (?P<c>{_DIGITS})(?=\t)                             # 1<TAB>
      | (?P<r>[IVXLC]{{1,7}})\.(?=[ \t\u00a0]+[^\W\d_]|[ \t]*$)   # II. Chapter
      | (?P<l>[A-Z])\.(?=[ \t\u00a0]+[^\W\d_])                # A. Section
      | (?P<i>\([a-z]\)|[a-z]\))(?=[ \t\u00a0])                # (a) a)
    )
    (?P<post>{_EMPHASIS})?
    (?:\s+|$|(?=[^\W\d_]))""",
    re.VERBOSE,
)
_BARE = re.compile(rf"^\s*({_DIGITS})\s*$")
#: Article headings in the six languages: "Article 1", "Article premier", "Artikel 1",
#: "Articolo primo", "Статья 1", "Artículo 1", "Art. 1", alone on their line or with a
#: title after a separator ("Article 2 – Purpose").
_ARTICLE = re.compile(
    rf"""^[ \t]*(?P<pre>{_EMPHASIS})?
    (?P<word>Article|ARTICLE|Artikel|ARTIKEL|Articolo|ARTICOLO|Art[íi]culo|ART[ÍI]CULO
      |Статья|СТАТЬЯ|Art\.)[ \t\u00a0]+
    (?P<n>{_DIGITS}(?:er|ère|o|º|°)?|premier|première|primo|primero|первая
      |PREMIER|PRIMO|PRIMERO)
    (?P<post>{_EMPHASIS})?
    [ \t\u00a0]*(?P<sep>[.:\-–—][ \t\u00a0]*|(?=$))""",
    re.VERBOSE,
)
_FIRST = frozenset({"premier", "première", "primo", "primero", "первая"})


class Style(StrEnum):
    """How a paragraph number is written."""

    DOT = "dot"  # 1.
    PAREN = "paren"  # 1)
    PARENS = "parens"  # (1)
    TAB = "tab"  # 1<TAB>
    BARE = "bare"  # 1 alone on its line (or a page number)
    DOTTED = "dotted"  # 1.1  2.3.1  1.a
    ROMAN = "roman"  # II.
    LETTER = "letter"  # A.
    ITEM = "item"  # (a)  a): a sub-item, or a unit where nothing else is numbered
    ARTICLE = "article"  # Article 1, Article premier, Статья 1


#: Styles of paragraph numbers that run as one sequence of integers (see `assemble`).
RUNNING = frozenset({Style.DOT, Style.PAREN, Style.PARENS, Style.TAB})


@dataclass(frozen=True)
class Label:
    """A paragraph number at the start of a line: number, label as written, style, rest.

    `key` is the id as cited when it is not the plain number ("2.3", "II", "A", "(a)").
    """

    number: int
    label: str
    style: Style
    rest: str
    key: str = ""


def roman_value(text: str) -> int | None:
    """The value of a well-formed Roman numeral (I to MMMCMXCIX), else None."""
    value, rest = 0, text.lower()
    for amount, digits in _ROMAN:
        while rest.startswith(digits):
            value, rest = value + amount, rest[len(digits) :]
    if rest or not value or format_number(value, "lowerRoman") != text.lower():
        return None
    return value


def parse_label(line: str) -> Label | None:
    """Parse the number at the start of `line`.

    `1.`, `1)`, `(1)`, `1 .`, `1<TAB>` (also bold `**1.**`), dotted `1.1` / `2.3.1` /
    `1.a`, Roman chapters `II.`, lettered sections `A.`, items `(a)` / `a)`, and article
    headings (see `_ARTICLE`). A number alone on the line is a `Style.BARE` label with
    empty rest; whether it is a paragraph number or a page number is decided by `assemble`.
    """
    if m := _BARE.match(line.lstrip()):  # stripped first: no backtracking over indents
        return Label(int(m.group(1)), m.group(1), Style.BARE, "")
    line = line.lstrip(" \t")
    if m := _ARTICLE.match(line):
        raw = m.group("n")
        digits = raw.rstrip("erèoº°") if raw[:1].isdigit() else ""
        number = int(digits) if digits else 1 if raw.lower() in _FIRST else 0
        if number:
            label = f"{m.group('word')} {raw}"
            return Label(number, label, Style.ARTICLE, line[m.end() :].strip())
    m = _LABEL.match(line)
    if not m:
        return None
    key = ""
    if m.group("d"):
        key = m.group("d")
        label, style = key + m.group("dp"), Style.DOTTED
        number = int(key.split(".")[0])
    elif m.group("r"):
        key = m.group("r")
        value = roman_value(key)
        if value is None:
            return None
        label, style, number = f"{key}.", Style.ROMAN, value
    elif m.group("l"):
        key = m.group("l")
        label, style, number = f"{key}.", Style.LETTER, ord(key) - ord("A") + 1
    elif m.group("i"):
        letter = m.group("i").strip("()")
        key = f"({letter})"
        label, style, number = m.group("i"), Style.ITEM, ord(letter) - ord("a") + 1
    elif m.group("a"):
        punct = m.group("p")[-1]
        label = f"{m.group('a')}{m.group('sp')}{punct}"
        style = Style.DOT if punct == "." else Style.PAREN
        number = int(m.group("a"))
    elif m.group("b"):
        label, style, number = f"({m.group('b')})", Style.PARENS, int(m.group("b"))
    else:
        label, style, number = m.group("c"), Style.TAB, int(m.group("c"))
    rest = line[m.end() :].strip()
    if m.group("pre") and not m.group("post"):
        rest = m.group("pre") + rest  # "**1. Text**": the emphasis covers the text
    return Label(number, label, style, rest, key)


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def format_number(value: int, fmt: str) -> str:
    """A list counter as displayed, by Word's format names (lowerLetter, upperRoman...).

    Letters repeat (`aa`, `bbb`) and roman numerals run to 3999; beyond
    `limits.MAX_LETTER_REPEAT` letters or past 3999 the counter is shown in digits, so a
    hostile start value costs no time or memory.
    """
    if fmt in ("lowerLetter", "upperLetter"):
        repeat = (value - 1) // 26 + 1
        if value <= 0 or repeat > limits.MAX_LETTER_REPEAT:
            return str(value) if value > 0 else ""
        letter = chr(ord("a") + (value - 1) % 26) * repeat
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        if not 0 < value < 4000:
            return str(value) if value > 0 else ""
        roman, rest = "", value
        for amount, digits in _ROMAN:
            count, rest = divmod(rest, amount)
            roman += digits * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


# --- page furniture ---------------------------------------------------------------

_PAGE = re.compile(
    r"""(?:[-–—]\s*\d{1,4}\s*[-–—]
      | (?:page|seite|página|pagina|pág\.|pag\.|страница|стр\.)\s*\d{1,4}
        (?:\s*(?:of|/|de|von|di|su|sur|из)\s*\d{1,4})?
      | \d{1,4}\s*/\s*\d{1,4}
      | \[\d{1,4}\])""",
    re.VERBOSE | re.IGNORECASE,
)
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")


def is_page_number(text: str) -> bool:
    """A page number line: `- 3 -`, `Page 3`, `Page 3 of 9`, `3/9` (not a bare `3`)."""
    return bool(_PAGE.fullmatch(text.strip()))


def is_running_header(text: str) -> bool:
    """A document code line, possibly with a page number ("AS (14) DE  - 3 -")."""
    if find_code(text):
        return True
    m = CODE_PATTERN.search(text)
    if not m:
        return False
    rest = (text[: m.start()] + text[m.end() :]).strip()
    return bool(rest) and is_page_number(rest)


def is_rule(text: str) -> bool:
    """A thematic break or separator line (`---`, `***`, `___`, `===`)."""
    return bool(_RULE.fullmatch(text.strip()))


# --- text shape -----------------------------------------------------------------

_CLOSERS = "*_\"'»”’)]} \t\u00a0"
_OPENERS = "*_\"'«„“‘([¿¡ \t\u00a0"
_TERMINAL = ".,;:!?…"
_SUB_ITEM = re.compile(r"^\s*(?:\(?(?:[a-zA-Z]|[ivxlcIVXLC]{2,6}|[а-яА-ЯёЁ])\)\s|[-–—•▪●◦·*+]\s)")


# Abbreviations that stand before a name or a number ("St. Petersburg", "art. 7").
_ABBREVIATIONS = frozenset(
    {"St", "Sts", "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Nos", "Nr", "Art", "art", "arts"}
    | {"para", "paras", "pp", "cf", "vol", "Abs", "Ziff", "ст", "п", "пп", "стр"}
)


def ends_terminal(text: str) -> bool:
    """Whether `text` ends a clause: `. , ; : ! ? …` before closing quotes or brackets."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def ends_abbreviation(text: str) -> bool:
    """Whether `text` ends with an abbreviation that stands before a name or number
    ("St.", "art.", "No."), so its full stop need not end the clause."""
    stripped = text.rstrip(_CLOSERS)
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    words = stripped[:-1].split()
    return bool(words) and words[-1].lstrip(_OPENERS) in _ABBREVIATIONS


def starts_continuation(text: str) -> bool:
    """Whether `text` reads as the rest of a sentence (lower case, digit, closing mark)."""
    stripped = text.lstrip(_OPENERS)
    if not stripped:
        return False
    first = stripped[0]
    return first.islower() or first.isdigit() or first in ",;:.)]»”’-–—…"


def is_sub_item(text: str) -> bool:
    """A sub-item inside a paragraph: `(a)`, `a)`, `(iv)`, Cyrillic `а)`, or a bullet."""
    return bool(_SUB_ITEM.match(text))


def is_upper(text: str) -> bool:
    """An all-capitals line that could be a heading ("RESOLUTION ON ..."), not a sentence."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or any(c.islower() for c in letters):
        return False
    return not ends_terminal(text)


# Words after a suspended hyphen ("Reise- und Tourismusbranche", "pre- and post-war").
_CONJUNCTIONS = frozenset(
    {"und", "oder", "bzw", "sowie", "bis", "and", "or", "nor", "to", "et", "ou", "à", "e", "o"}
    | {"y", "u", "ni", "и", "или", "либо", "а"}
)


def join_lines(parts: Sequence[str]) -> str:
    """Join wrapped lines with a space, or with nothing after a hyphen that split a word.

    A line ending in "letter-" before a line starting with a letter is a compound split
    at its hyphen ("cyber-" + "security"), unless the next word is a conjunction
    (a suspended hyphen: "Reise-" + "und Tourismusbranche").
    """
    pieces: list[str] = []
    previous = ""
    for raw in parts:
        part = raw.strip()
        if part.endswith("\\") and not part.endswith("\\\\"):
            part = part[:-1].rstrip()  # Markdown hard line break
        if not part:
            continue
        if pieces and not (
            previous.endswith("-")
            and previous[-2:-1].isalpha()
            and part[0].isalpha()
            and part.split(maxsplit=1)[0].rstrip(_TERMINAL).lower() not in _CONJUNCTIONS
        ):
            pieces.append(" ")
        pieces.append(part)
        previous = part
    return "".join(pieces)


# A link target never holds brackets, parentheses or spaces, so every scan for one stops
# at the next `[` or `(`: linear on any input (`[a](` repeated a million times).
_LINK = re.compile(r"!?\[([^\[\]\n]*)\]\([^()\[\]\s]*\)")
#: Emphasis nests at most this deep in real text (strong inside em inside strong).
_EMPHASIS_PASSES = 4
# Emphasis content never runs past the next delimiter of its kind, so a stray opener
# costs only the distance to that delimiter (linear time on any input).
_STRONG = re.compile(r"(?<![\\\w])(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=[^\s\\])\1(?!\w)")
_EM = re.compile(r"(?<![\\\w*])([*_])(?=[^\s*_])((?:(?!\1).)+?)(?<=[^\s\\*_])\1(?![\w*])")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def clean_markdown(text: str) -> str:
    """Plain text of Markdown inline markup: emphasis, links, escapes, entities removed."""
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    previous = None
    for _ in range(_EMPHASIS_PASSES):
        if previous == text or ("*" not in text and "_" not in text):
            break
        previous = text
        text = _STRONG.sub(r"\2", text)
        text = _EM.sub(r"\2", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return normalize_space(text)


# --- assembly -------------------------------------------------------------------


class Mode(StrEnum):
    """How blank lines between units are read."""

    WRAPPED = "wrapped"  # hard-wrapped text: a blank line does not end a paragraph
    UNWRAPPED = "unwrapped"  # a paragraph per line: a blank line separates blocks
    BLOCKS = "blocks"  # every unit is a block of its own (Word paragraph, HTML <p>)


@dataclass
class Unit:
    """One line (text) or block (docx, html) of source, in order.

    `gap` is what separates it from the previous unit: 0 nothing (a wrapped line),
    1 a blank line or block boundary, 2 a page break (form feed, page number, header).
    """

    text: str
    line: int
    gap: int = 0
    heading: int = 0  # heading level when the format marks it (Markdown #, Word style)
    number: int | None = None  # automatic number (Word numbering, HTML <ol>)
    label: str = ""
    sub: bool = False  # an automatic sub-item (lower list level, bullet)


@dataclass
class _Open:
    """The paragraph or block being collected."""

    line: int
    parts: list[str] = field(default_factory=list)
    number: int | None = None
    label: str = ""
    waits: bool = False  # a number alone on its line, its text to follow
    key: str = ""  # the id when not the plain number ("2.3", "II")
    article: bool = False  # an article: every line up to the next article is its text
    lines: list[int] = field(default_factory=list)  # the source line of each part

    def add(self, text: str, line: int) -> None:
        self.parts.append(text)
        self.lines.append(line)

    def wraps(self) -> tuple[tuple[int, int], ...]:
        """(word index in the joined text, source line) where each later line begins."""
        found: list[tuple[int, int]] = []
        if len(self.lines) != len(self.parts):
            return ()  # a part of unknown line: better no lines than wrong ones
        words = 0
        first = self.lines[0] if self.lines else self.line
        for k, part in enumerate(self.parts):
            count = len(part.split())
            if k and count:
                glued = len(join_lines(self.parts[k - 1 : k + 1]).split()) < (
                    len(self.parts[k - 1].split()) + count
                )  # "cyber-" + "security": one word across two lines
                words -= glued
                if self.lines[k] != first:
                    found.append((words, self.lines[k]))
            words += count
        return tuple(found)

    @property
    def text(self) -> str:
        return join_lines(self.parts)

    @property
    def ends_clause(self) -> bool:
        """Whether the text so far ends a clause (see `ends_terminal`); true when empty."""
        return not self.parts or ends_terminal(join_lines(self.parts[-1:]))


def _letters_or_roman(labels: list[Label | None]) -> list[Label | None]:
    """ "C." and "I." are letters in a document of lettered sections (A., B., D.), Roman
    numbers in one of Roman chapters (II., IV.)."""
    letters = sum(1 for lab in labels if lab and lab.style is Style.LETTER)
    romans = sum(1 for lab in labels if lab and lab.style is Style.ROMAN and len(lab.key) > 1)
    if letters <= romans:
        return labels
    return [
        replace(lab, number=ord(lab.key) - ord("A") + 1, style=Style.LETTER)
        if lab and lab.style is Style.ROMAN and len(lab.key) == 1
        else lab
        for lab in labels
    ]


def _child(lab: Label, cur: _Open) -> bool:
    """Whether `lab` numbers the first child of the one-line title `cur` ("1. Introduction"
    then "1.1 ..."), which needs no blank line or final stop before it."""
    if lab.style is not Style.DOTTED or cur.number is None or len(cur.parts) != 1:
        return False
    parent, _, last = lab.key.rpartition(".")
    title = cur.parts[0].strip()
    return (
        parent == (cur.key or str(cur.number))
        and last in ("1", "a")
        and len(title) <= MAX_TITLE
        and title[:1].isupper()
    )


def _numbers_stand_alone(labels: Sequence[Label | None]) -> bool:
    """Whether the document writes its numbers alone on their lines, text below.

    Numbers alone count only where they continue the numbering of the line before, so
    page numbers scattered through a document with inline numbers do not tip the scale.
    """
    alone = inline = last = 0
    for lab in labels:
        if lab is None:
            continue
        if lab.rest:
            inline += 1
        elif lab.number in (1, last + 1):
            alone += 1
        last = lab.number
    return alone > inline


class _Assembler:
    def __init__(self, units: Sequence[Unit], mode: Mode, clean: Callable[[str], str]) -> None:
        self.units = units
        self.mode = mode
        self.clean = clean
        parsed = [
            parse_label(u.text) if u.number is None and not u.heading and not u.sub else None
            for u in units
        ]
        for k, u in enumerate(units):
            if u.heading and (lab := parse_label(u.text)) and lab.style is Style.ARTICLE:
                parsed[k] = lab  # "Article 1" styled as a heading is still an article
        # running numbers (and bare ones) drive the sequence logic; other labels (dotted,
        # Roman, letters, articles) open units of their own at clause boundaries
        self.labels = [
            lab if lab and (lab.style in RUNNING or lab.style is Style.BARE) else None
            for lab in parsed
        ]
        self.keyed = _letters_or_roman(
            [lab if mine is None else None for lab, mine in zip(parsed, self.labels, strict=True)]
        )
        self.articles = any(lab and lab.style is Style.ARTICLE for lab in self.keyed)
        # a scheme is one only where it numbers more than one unit: a lone "1.5" at the
        # start of a wrapped line is a decimal, a lone "I." a pronoun
        self.schemes = Counter(lab.style for lab in self.keyed if lab)
        # "(a)" is a unit of its own only where nothing else is numbered
        self.items_top = not any(u.number is not None for u in units) and not any(
            lab and lab.style is not Style.ITEM for lab in parsed
        )
        self.bare_labels = _numbers_stand_alone(self.labels)
        self.items: list[Item] = []
        self.cur: _Open | None = None
        self.last = 0
        self.style: Style | None = None
        self.after_heading = True

    def run(self) -> list[Item]:
        pending = 0
        for i, unit in enumerate(self.units):
            gap, pending = max(unit.gap, pending), 0
            if unit.heading and self.keyed[i] is None:
                self.close()
                self.items.append(
                    Block(Kind.HEADING, self.clean(unit.text), unit.line, unit.heading)
                )
                self.after_heading = True
                continue
            if unit.number is not None:
                self.open_paragraph(unit.number, unit.label, unit.text, unit.line)
                continue
            keyed = self.keyed[i]
            if keyed and self.opens_keyed(keyed, gap):
                article = keyed.style is Style.ARTICLE
                self.open_paragraph(
                    keyed.number,
                    keyed.label,
                    keyed.rest,
                    unit.line,
                    waits=not keyed.rest,
                    key=keyed.key,
                    article=article,
                )
                continue
            if self.cur is not None and self.cur.article:
                self.add_to_article(i, unit, gap)
                continue
            lab = self.labels[i]
            if lab and lab.style == Style.BARE:
                if self.bare_is_label(i, lab):
                    self.open_paragraph(lab.number, lab.label, "", unit.line, waits=True)
                else:
                    pending = 2  # a page number
                continue
            if lab and self.plausible(i, lab, gap):
                self.style = self.style or lab.style
                waits = not lab.rest and self.bare_labels
                self.open_paragraph(lab.number, lab.label, lab.rest, unit.line, waits=waits)
                continue
            self.add_text(i, unit, gap)
        self.close()
        return self.items

    # -- decisions

    def opens_keyed(self, lab: Label, gap: int) -> bool:
        """Whether a dotted, Roman, lettered or article label opens a unit: at a clause
        boundary (not "... the\n3.5 per cent"), and inside an article only if it is the
        next article; `(a)` only where nothing else is numbered."""
        cur = self.cur
        if self.awaiting():
            return False
        if cur is not None and not cur.ends_clause and not _child(lab, cur):
            if gap == 0:
                return False
            across = self.mode is Mode.WRAPPED or gap >= 2  # a page break inside a paragraph
            if across and cur.number is not None and not cur.key.isalpha():
                return False  # "... of whom\n\f\n5.5 million": a paragraph across a page

        if lab.style is Style.ARTICLE:
            return True
        if self.schemes[lab.style] < 2:
            return False
        if self.articles and cur is not None and cur.article:
            return False  # "1.1" or "(a)" inside an article is part of it
        return lab.style is not Style.ITEM or self.items_top

    def add_to_article(self, i: int, unit: Unit, gap: int) -> None:
        """Inside an article everything is its text (numbered sub-paragraphs too), up to
        a heading between articles."""
        cur = self.cur
        assert cur is not None
        if gap and cur.parts and not self.labels[i] and self.is_heading(i):
            self.open_block(unit)
            return
        cur.add(unit.text, unit.line)

    def awaiting(self) -> bool:
        """The open paragraph is a number alone on its line, still waiting for its text.

        Only in documents written that way (`bare_labels`): elsewhere a number with
        nothing after it is an empty paragraph.
        """
        return self.cur is not None and self.cur.waits and not self.cur.parts

    def plausible(self, i: int, lab: Label, gap: int) -> bool:
        """Whether a number at the start of unit i opens a paragraph (see `assemble`)."""
        n = lab.number
        cur = self.cur
        mid_sentence = cur is not None and gap == 0 and not cur.ends_clause
        if mid_sentence and cur is not None and cur.number is None and self.after_heading:
            mid_sentence = n != 1  # "PART 2\n1. Recalling": a part starts after its heading
        if mid_sentence and self.mode is Mode.UNWRAPPED and cur is not None:
            # One numbered line after another, in a text whose paragraphs are not wrapped:
            # a list item after a list item, whatever the first one ends with.
            mid_sentence = cur.number is None or len(cur.parts) != 1
        if n < 1:
            return False
        if n == self.last + 1:
            return not (mid_sentence and self.comes_again(i, n))
        if self.awaiting() or mid_sentence:
            return False  # a wrapped line that starts with a number
        restart = self.after_heading and n == 1
        if not lab.rest and not self.bare_labels and gap == 0 and not restart:
            return False  # "art.\n7." wrapped: a stray number, not an empty paragraph
        if self.style is not None and lab.style != self.style and not restart:
            return False
        if self.last and n <= self.last + MAX_JUMP:
            return True
        return self.next_number(i) == n + 1 or self.stands_for_a_swap(i, n)

    def comes_again(self, i: int, n: int) -> bool:
        """Whether a later line, before any other number, starts with the same number n."""
        for j in range(i + 1, min(i + 40, len(self.units))):
            lab = self.labels[j]
            if self.units[j].heading or self.units[j].number is not None:
                return False
            if lab and lab.style != Style.BARE:
                return lab.number == n
        return False

    def stands_for_a_swap(self, i: int, n: int) -> bool:
        """Whether n opens a section out of order ("2., 1., 3."): the numbers that follow
        (up to the next heading or restart at 1) go on below n, and run from n - 1 to
        n + 1 without n.

        A date in a title ("2. Juli 2014") is not: its number comes again in the run.
        """
        following: list[int] = []
        for j in range(i + 1, min(i + 200, len(self.units))):
            if self.units[j].heading or len(following) > 2 * MAX_JUMP:
                break
            number = self.units[j].number
            lab = self.labels[j]
            if number is None and lab and lab.style != Style.BARE:
                number = lab.number
            if number == 1 and following:
                break  # the next part
            if number is not None:
                following.append(number)
        if not following or following[0] >= n or n in following or n - 1 not in following:
            return False
        return n + 1 in following[following.index(n - 1) :]

    def next_number(self, i: int) -> int | None:
        """The number of the next numbered unit after unit i (within a few pages)."""
        for j in range(i + 1, min(i + 200, len(self.units))):
            if self.units[j].number is not None:
                return self.units[j].number
            lab = self.labels[j]
            if lab and lab.style != Style.BARE:
                return lab.number
        return None

    def bare_is_label(self, i: int, lab: Label) -> bool:
        """A number alone on its line is a paragraph number only where one is expected."""
        if not self.bare_labels or self.awaiting():
            return False
        if lab.number != self.last + 1 and not (lab.number == 1 and self.after_heading):
            return False
        nxt = i + 1
        if nxt >= len(self.units) or self.units[nxt].heading or self.labels[nxt]:
            return False
        cur = self.cur
        return cur is None or cur.number is None or cur.ends_clause

    def run_end(self, i: int) -> int | None:
        """The index after the units that directly follow unit i, or None past a few lines."""
        for j in range(i + 1, min(len(self.units), i + 12)):
            u = self.units[j]
            if u.gap or u.heading or u.number is not None or self.labels[j]:
                return j
        return len(self.units) if len(self.units) <= i + 12 else None

    def run_text(self, i: int) -> str | None:
        """The text of a short run starting at unit i that ends where a new block starts."""
        j = self.run_end(i)
        if j is None:
            return None
        return self.clean(join_lines([u.text for u in self.units[i:j]]))

    def is_intro(self, i: int) -> bool:
        """An introductory line ("The OSCE Parliamentary Assembly:") between paragraphs."""
        j = self.run_end(i)
        if j is None or not self.units[j - 1].text.rstrip(_CLOSERS).endswith(":"):
            return False
        text = self.run_text(i) or ""
        first = text.lstrip(_OPENERS)[:1]
        return text.endswith(":") and len(text) <= 300 and first.isupper()

    def is_bare_intro(self, i: int, gap: int) -> bool:
        """An introductory line printed without a colon ("Die Parlamentarische
        Versammlung der OSZE"): after a blank line, short, capitalised, without final
        punctuation, and directly before the next paragraph."""
        if not gap or not self.next_opens_paragraph(i):
            return False
        text = self.run_text(i) or ""
        return (
            0 < len(text) <= INTRO_CHARS
            and text.lstrip(_OPENERS)[:1].isupper()
            and not ends_terminal(text)
            and not is_upper(text)
        )

    def next_opens_paragraph(self, i: int) -> bool:
        """Whether the short run starting at unit i is followed by the next paragraph
        (the next number, or 1 starting a new part)."""
        j = self.run_end(i)
        if j is None or j >= len(self.units):
            return False
        lab = self.labels[j]
        number = self.units[j].number if lab is None else lab.number
        return number in (1, self.last + 1)

    def is_heading(self, i: int) -> bool:
        """An all-capitals line (or two) between paragraphs."""
        text = self.run_text(i)
        return text is not None and len(text) <= 200 and is_upper(text)

    def add_text(self, i: int, unit: Unit, gap: int) -> None:
        cur = self.cur
        text = unit.text
        if cur is not None and cur.number is not None:
            if (
                self.awaiting()
                and self.run_end(i) == i + 1
                and (self.is_intro(i) or self.is_heading(i))
                and self.next_opens_paragraph(i)
            ):
                self.open_block(unit)  # "12." left empty before "The Assembly:" and "13."
                return
            if self.awaiting() or unit.sub or is_sub_item(text):
                cur.add(text, unit.line)
                return
            terminal = cur.ends_clause
            # a capitals heading right before the next number needs no blank line (text
            # of a PDF has none): "... children;\nPART 2\n1. Recalling"
            heading = bool(gap or self.next_opens_paragraph(i)) and self.is_heading(i)
            if terminal and (self.is_intro(i) or self.is_bare_intro(i, gap) or heading):
                self.open_block(unit)
                self.after_heading = self.after_heading or heading
                return
            if gap == 0 or self.mode is Mode.WRAPPED:
                cur.add(text, unit.line)
                return
            if self.mode is Mode.UNWRAPPED:
                joined = (
                    gap >= 2
                    or not terminal
                    or starts_continuation(text)
                    or ends_abbreviation(cur.parts[-1] if cur.parts else "")
                )
            else:
                joined = not terminal and starts_continuation(text)
            if joined:
                cur.add(text, unit.line)
            else:
                self.open_block(unit)
            return
        if cur is not None and gap == 0:
            cur.add(text, unit.line)
            return
        self.open_block(unit)

    # -- building

    def open_paragraph(
        self,
        number: int,
        label: str,
        text: str,
        line: int,
        *,
        waits: bool = False,
        key: str = "",
        article: bool = False,
    ) -> None:
        self.close()
        self.cur = _Open(line, [text] if text else [], number, label, waits, key, article)
        self.cur.lines = [line] if text else []
        if not key:
            self.last = number  # the running sequence
        self.after_heading = False

    def open_block(self, unit: Unit) -> None:
        self.close()
        self.cur = _Open(unit.line, [unit.text], lines=[unit.line])

    def close(self) -> None:
        cur, self.cur = self.cur, None
        if cur is None:
            return
        text = self.clean(cur.text)
        if cur.number is not None:
            self.items.append(
                Paragraph("", cur.number, cur.label, text, cur.line, cur.key, wraps=cur.wraps())
            )
        elif text:
            self.items.append(Block(Kind.TEXT, text, cur.line))


def assemble(
    units: Sequence[Unit],
    mode: Mode,
    *,
    clean: Callable[[str], str] = normalize_space,
    infer_headings: bool = False,
) -> list[Item]:
    """Turn units into blocks and paragraphs.

    A number opens a paragraph when it is the next one in sequence, or, at a paragraph
    boundary (a blank line, or a previous line ending a clause), a restart at 1, a
    repeated or smaller number or a small jump in the style used so far, or a section
    opening out of order ("2., 1., 3."); a number in the middle of a wrapped sentence
    ("... the\\n2013 Addendum") does not. A number with nothing after it is an empty
    paragraph, unless the document writes its numbers alone on their lines: then the
    text below is its text. Text continues the open paragraph unless it reads as a new
    block: an introductory line ending with a colon, an all-capitals heading, or
    (outside hard-wrapped text) text after a blank line that follows a finished clause
    (not an abbreviation such as "St."). Sub-items `(a)` stay in their paragraph. With
    `infer_headings` (a format without marked headings), unnumbered all-capitals lines
    directly before a paragraph, or a short line without final punctuation just before a
    section's first paragraph, become headings.
    """
    items = _Assembler(units, mode, clean).run()
    return _infer_headings(items, wrapped=mode is Mode.WRAPPED) if infer_headings else items


def _infer_headings(items: list[Item], *, wrapped: bool) -> list[Item]:
    out = list(items)
    # The first block of a document (after its code line) is its title, not a heading,
    # when other blocks stand between it and the first paragraph.
    title = next(
        (k for k, item in enumerate(items) if isinstance(item, Block) and not find_code(item.text)),
        None,
    )
    last_number = 0
    for k, item in enumerate(items):
        if not isinstance(item, Paragraph):
            continue
        starts_section = last_number == 0 or (not item.key and item.number <= 1)
        last_number = item.number if not item.key else max(last_number, 1)
        j = k - 1
        while j >= 0 and isinstance(items[j], Block) and items[j].kind is Kind.TEXT:
            block = items[j]
            assert isinstance(block, Block)
            text = block.text
            short = (
                not wrapped
                and starts_section
                and j == k - 1
                and len(text) <= 80
                and text[:1].isupper()
                and not ends_terminal(text)
            )
            if find_code(text) or not (is_upper(text) or short) or (j == title and j < k - 1):
                break
            out[j] = Block(Kind.HEADING, text, block.line, block.level)
            j -= 1
    return out
