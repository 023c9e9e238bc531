"""Paragraph numbers as written: label styles, article headings in the six languages,
Roman numerals and the number formats of Word lists."""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import partial
from typing import NamedTuple

from aligner import limits

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
#: The digits of `_DIGITS` at most.
_MAX_DIGITS = 7
#: What a line that holds a label can start with (after spaces and tabs): a digit, a
#: bracket, emphasis, a Latin letter, the "С" of "Статья", or other whitespace.
_HEADS = frozenset(string.digits + string.ascii_letters + "(*_С")


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


class Label(NamedTuple):
    """A paragraph number at the start of a line: number, label as written, style, rest.

    `key` is the id as cited when it is not the plain number ("2.3", "II", "A", "(a)").
    """

    number: int
    label: str
    style: Style
    rest: str
    key: str = ""


#: A `Label` from its five fields, without a Python-level `__new__` (the hot path).
_label: Callable[[tuple[int, str, Style, str, str]], Label] = partial(tuple.__new__, Label)


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
    line = line.lstrip(" \t")
    head = line[:1]
    if "0" <= head <= "9":  # the common "12. Text" first: no other pattern takes it
        digits, dot, rest = line.partition(".")
        ascii_digits = digits.isascii() and digits.isdigit()
        if dot and len(digits) <= _MAX_DIGITS and ascii_digits and rest[:1].isspace():
            return _label((int(digits), digits + ".", Style.DOT, rest.strip(), ""))
    if head not in _HEADS and not head.isspace():
        return None
    if "a" <= head <= "z" and line[1:2] != ")":
        return None  # only an item "a)" starts in lower case
    return _parse(line)


def _parse(line: str) -> Label | None:
    """`parse_label` of a line without leading spaces or tabs, by the full patterns."""
    if m := _BARE.match(line.lstrip()):  # stripped first: no backtracking over indents
        return Label(int(m.group(1)), m.group(1), Style.BARE, "")
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


# --- a document's scheme ---------------------------------------------------------


def letters_or_roman(labels: list[Label | None]) -> list[Label | None]:
    """ "C." and "I." are letters in a document of lettered sections (A., B., D.), Roman
    numbers in one of Roman chapters (II., IV.)."""
    letters = sum(1 for lab in labels if lab and lab.style is Style.LETTER)
    romans = sum(1 for lab in labels if lab and lab.style is Style.ROMAN and len(lab.key) > 1)
    if letters <= romans:
        return labels
    return [
        lab._replace(number=ord(lab.key) - ord("A") + 1, style=Style.LETTER)
        if lab and lab.style is Style.ROMAN and len(lab.key) == 1
        else lab
        for lab in labels
    ]


def numbers_stand_alone(labels: Sequence[Label | None]) -> bool:
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
