"""The document code of an OSCE PA text ("AS (14) D E") and UN/OSCE document symbols
("PA.RES/7/2025 EN"): found, parsed and read for its language in this one place."""

from __future__ import annotations

import re

from aligner.languages import CODE_LETTERS

#: An OSCE PA document code such as "AS (14) DE", "AS (14) D F" or "AS(14)D R": the
#: session in brackets, an optional series ("D", "RES 12") and the language letter.
CODE_PATTERN = re.compile(
    r"AS\s*\(\s*(?P<session>\d{1,3})\s*\)\s*(?:[A-Z]{1,3}\s*(?:\d{1,3}\s*)?)?"
    r"(?P<letter>[EFGIRS])(?![^\W\d_])"
)

#: A UN or OSCE document symbol ("PA.RES/7/2025", "A/RES/70/1", "PC.DEC/1234/Rev.1",
#: "CIO.GAL/12/21"), optionally with a language tag ("PA.RES/7/2025 EN"): upper-case
#: bodies joined by dots, at least one slash and a digit. The slash is what every symbol
#: of these series has and running text alone on a line has not.
SYMBOL_PATTERN = re.compile(
    r"[A-Z][A-Z0-9]{0,9}(?:\.[A-Z][A-Z0-9]{0,9}){0,4}"
    r"(?:/(?:[A-Z0-9]{1,10}|Rev\.\s?\d{1,3}|Add\.\s?\d{1,3}|Corr\.\s?\d{1,3})){1,6}"
    r"(?:\s+(?:[A-Z]{1,3}|\([A-Z]{1,3}\)))?"
)

#: A code written into a file name ("AS14DF.docx", "AS(14)DF_fr.md").
_NAME_CODE = re.compile(r"AS\(?\d{1,3}\)?D([EFGIRS])", re.IGNORECASE)

#: Longest document code line worth matching ("AS ( 123 ) RES 12 E" and then some).
CODE_MAX = 40

#: Cyrillic letters typed in place of the Latin letters they look like ("АS (14) D Е"):
#: each maps to the Latin letter of the same shape, so Cyrillic "С" is a Latin "C" (which
#: is no language letter), never an "S".
LOOKALIKES = str.maketrans({"А": "A", "В": "B", "Е": "E", "С": "C", "Д": "D", "Ѕ": "S", "І": "I"})

# What the first and the last character of a code or symbol can be (after `LOOKALIKES`):
# a cheap test that turns away nearly every line of text before any pattern runs.
_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ") | frozenset("АВЕСДЅІ")
_LAST = _FIRST | frozenset("0123456789)")
_EMPHASIS = "*_"


def find_code(text: str) -> str | None:
    """The document code or symbol that is all of `text` (a running header or the code
    line), as written with whitespace normalized and emphasis stripped; else None."""
    head, tail = text[:1], text[-1:]
    if head.isspace():
        head = text.lstrip()[:1]
    if tail.isspace():
        tail = text.rstrip()[-1:]
    # without emphasis around it, the candidate below starts with `head`, ends with `tail`
    bare = head not in _EMPHASIS and tail not in _EMPHASIS
    if bare and (head not in _FIRST or (tail not in _LAST and not tail.isdecimal())):
        return None
    candidate = " ".join(text.split()).strip("*_ ")
    if len(candidate) > CODE_MAX:
        return None  # far longer than any code: skip the look-alike translation
    if CODE_PATTERN.fullmatch(candidate.translate(LOOKALIKES)):
        return candidate
    if SYMBOL_PATTERN.fullmatch(candidate) and any(c.isdigit() for c in candidate):
        return candidate
    return None


def parse_code(code: str | None) -> tuple[str, str] | None:
    """(session, language letter) of a code such as "AS (14) D E" or "AS (14) DE"."""
    if not code:
        return None
    m = CODE_PATTERN.search(code.translate(LOOKALIKES))
    return (m.group("session"), m.group("letter")) if m else None


def code_language(code: str | None) -> str | None:
    """The language a document code's last letter stands for ("AS (14) D F" -> "fr")."""
    parsed = parse_code(code)
    return CODE_LETTERS.get(parsed[1]) if parsed else None


def name_code_language(part: str) -> str | None:
    """The language of a document code that is a part of a file name ("AS14DF")."""
    m = _NAME_CODE.fullmatch(part)
    return CODE_LETTERS[m.group(1).upper()] if m else None
