"""Lines as laid out on a page: page numbers, running headers and rules, where a
sentence ends or continues, wrapped lines joined, Markdown markup removed."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from aligner.model import normalize_space
from aligner.readers.params import LAYOUT
from aligner.text.code import CODE_PATTERN, SYMBOL_PATTERN, find_code

# --- page furniture ---------------------------------------------------------------

_PAGE = re.compile(
    r"""(?:[-–—]\s*\d{1,4}\s*[-–—]
      | (?:page|seite|página|pagina|pág\.|pag\.|страница|стр\.)\s*\d{1,4}
        (?:\s*(?:of|/|de|von|di|su|sur|из)\s*\d{1,4})?
      | \d{1,4}\s*/\s*\d{1,4}
      | \[\d{1,4}\])""",
    re.VERBOSE | re.IGNORECASE,
)
_PAGE_LAST = frozenset("-–—]")
_RULE = re.compile(r"(?:[-*_=]\s*){3,}")


def is_page_number(text: str) -> bool:
    """A page number line: `- 3 -`, `Page 3`, `Page 3 of 9`, `3/9` (not a bare `3`)."""
    text = text.strip()
    last = text[-1:]
    if not last or not (last in _PAGE_LAST or last.isdecimal()):
        return False  # every page number ends with a digit, a dash or "]"
    return bool(_PAGE.fullmatch(text))


def is_running_header(text: str) -> bool:
    """A document code line, possibly with a page number ("AS (14) DE  - 3 -",
    "PA.RES/7/2025 EN  - 3 -")."""
    if find_code(text):
        return True
    if len(text) > LAYOUT.running_header_max:
        return False  # far longer than a code and a page number: text
    if "AS" not in text and "/" not in text:
        return False  # neither a code nor a symbol (see `code_match`)
    m = code_match(text)
    if not m:
        return False
    rest = (text[: m.start()] + text[m.end() :]).strip()
    return bool(rest) and is_page_number(rest)


def code_match(text: str) -> re.Match[str] | None:
    """The first document code or symbol in `text`."""
    return CODE_PATTERN.search(text) or SYMBOL_PATTERN.search(text)


def is_rule(text: str) -> bool:
    """A thematic break or separator line (`---`, `***`, `___`, `===`)."""
    return bool(_RULE.fullmatch(text.strip()))


# --- text shape -----------------------------------------------------------------

CLOSERS = "*_\"'»”’)]} \t\u00a0"
OPENERS = "*_\"'«„“‘([¿¡ \t\u00a0"
_TERMINAL = ".,;:!?…"
_SUB_ITEM = re.compile(r"^\s*(?:\(?(?:[a-zA-Z]|[ivxlcIVXLC]{2,6}|[а-яА-ЯёЁ])\)\s|[-–—•▪●◦·*+]\s)")


# Abbreviations that stand before a name or a number ("St. Petersburg", "art. 7").
_ABBREVIATIONS = frozenset(
    {"St", "Sts", "Mr", "Mrs", "Ms", "Dr", "Prof", "No", "Nos", "Nr", "Art", "art", "arts"}
    | {"para", "paras", "pp", "cf", "vol", "Abs", "Ziff", "ст", "п", "пп", "стр"}
)


def ends_terminal(text: str) -> bool:
    """Whether `text` ends a clause: `. , ; : ! ? …` before closing quotes or brackets."""
    stripped = text.rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def ends_abbreviation(text: str) -> bool:
    """Whether `text` ends with an abbreviation that stands before a name or number
    ("St.", "art.", "No."), so its full stop need not end the clause."""
    stripped = text.rstrip(CLOSERS)
    if not stripped.endswith(".") or stripped.endswith(".."):
        return False
    words = stripped[:-1].split()
    return bool(words) and words[-1].lstrip(OPENERS) in _ABBREVIATIONS


#: Number signs written before the number they stand for ("n° 5", "№ 7").
_NUMBER_SIGNS = ("n°", "nº", "N°", "Nº", "№")


def stands_before_number(text: str) -> bool:
    """Whether `text` ends with a word that stands before a number ("art.", "No.", "n°",
    "№"): a number at the start of the next line is then that number, not a label."""
    if ends_abbreviation(text):
        return True
    words = text.rstrip(CLOSERS).split()
    return bool(words) and words[-1].lstrip(OPENERS) in _NUMBER_SIGNS


def starts_continuation(text: str) -> bool:
    """Whether `text` reads as the rest of a sentence (lower case, digit, closing mark)."""
    stripped = text.lstrip(OPENERS)
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
    if len(parts) == 1:  # the common case: one line, nothing to join
        part = parts[0].strip()
        if part.endswith("\\") and not part.endswith("\\\\"):
            part = part[:-1].rstrip()
        return part
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
    for _ in range(LAYOUT.emphasis_depth):
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
