"""Wrap PO strings exactly as GNU gettext does, so msgmerge and msgcat leave our files alone.

gettext (write-po.c) escapes each `\\n`-terminated portion of a string, finds line-break
opportunities with libunistring (Unicode line breaking, UAX #14, as implemented in
libunistring 1.0) and fills lines greedily to 79 columns including the quotes. This module
reproduces that: `possible_breaks` (the pair-table algorithm), `char_width` (column width)
and `po_string_lines` (the quoted lines of one `msgid`/`msgstr` field).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import regex

#: gettext's default page width.
PAGE_WIDTH = 79

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_SPECIAL = regex.compile(r'[\a\b\f\n\r\t\v\\"]')

_CLASSES = (
    *("BK", "CR", "LF", "NL", "SP", "ZW", "CM", "ZWJ", "WJ", "GL", "B2", "BA", "BB", "HY"),
    *("CB", "CL", "CP", "EX", "IN", "NS", "OP", "QU", "IS", "NU", "PO", "PR", "SY", "AI"),
    *("AL", "CJ", "EB", "EM", "H2", "H3", "HL", "ID", "JL", "JV", "JT", "RI", "SA", "SG"),
    *("XX", "HH", "AK", "AP", "AS", "VF", "VI"),
)
_PATTERNS = [(c, regex.compile(rf"\p{{Line_Break={c}}}")) for c in _CLASSES]
#: Classes libunistring resolves before using the pair table, and classes newer than
#: its Unicode 14 data (the `regex` module knows later versions) mapped back.
_RESOLVE = {"AI": "AL", "SA": "AL", "SG": "AL", "XX": "AL", "CB": "ID", "CJ": "NS", "HH": "BA"}
_RESOLVE |= dict.fromkeys(("AK", "AP", "AS", "VF", "VI"), "AL")
_MANDATORY = {"BK", "CR", "LF", "NL"}

# The pair table, written as the rules it encodes. "P": never break between the two
# classes, "I": break only when spaces separate them, "D": break.
_NO_BREAK_BEFORE = {"WJ", "CL", "CP", "EX", "IS", "SY"}
_GLUE_AFTER = {"WJ", "GL", "BB", "QU"}
_INDIRECT_BEFORE = {"BA", "HY", "NS", "QU", "IN"}
_ALPHA = {"AL", "HL"}
_IDEO = {"ID", "EB", "EM", "H2", "H3", "JL", "JV", "JT"}
_INDIRECT_PAIRS = (
    {(a, b) for a in _ALPHA | {"NU"} for b in _ALPHA | {"NU", "OP"}}
    | {(a, b) for a in ("PR", "PO") for b in _ALPHA | {"NU", "OP"}}
    | {(a, b) for a in _ALPHA | {"NU", "CL", "CP"} for b in ("PR", "PO")}
    | {("PR", b) for b in _IDEO}
    | {(a, "PO") for a in _IDEO}
    | {("CP", b) for b in _ALPHA | {"NU"}}
    | {(a, "NU") for a in ("HY", "IS", "SY")}
    | {("SY", "HL"), ("EB", "EM"), ("RI", "RI")}
    | {("JL", b) for b in ("JL", "JV", "H2", "H3")}
    | {(a, b) for a in ("JV", "H2") for b in ("JV", "JT")}
    | {(a, "JT") for a in ("JT", "H3")}
)


@lru_cache(maxsize=4096)
def line_break_class(char: str) -> str:
    """The resolved UAX #14 line-break class of one character."""
    cls = next((c for c, pattern in _PATTERNS if pattern.match(char)), "XX")
    return _RESOLVE.get(cls, cls)


def _pair(before: str, after: str) -> str:
    if before == "OP" or after in _NO_BREAK_BEFORE:
        return "P"
    if (before, after) in {("QU", "OP"), ("CL", "NS"), ("B2", "B2")}:
        return "P"
    if before in _GLUE_AFTER:
        return "I"
    if after == "GL":
        return "D" if before in {"BA", "HY"} else "I"
    if after in _INDIRECT_BEFORE or (before, after) in _INDIRECT_PAIRS:
        return "I"
    return "D"


_RESOLVED = sorted({_RESOLVE.get(c, c) for c in _CLASSES} - {"SP", "ZW", "CM", "ZWJ"})
#: (before, after) -> (state with no space between them, state with spaces between them).
_STATES = {
    (a, b): {"D": (2, 2), "I": (1, 2), "P": (1, 1)}[_pair(a, b)]
    for a in _RESOLVED
    for b in _RESOLVED
}


#: What the breaks after a character depend on: the class of the last character that is
#: not a space, the class of the one before it, regional indicators in a row (0, or 1
#: when odd and 2 when even: all that counts) and whether spaces follow the last one.
_State = tuple[str, str, int, bool]
_START: _State = ("BK", "BK", 0, False)


Events = tuple[tuple[int, int], ...]


class _Words(dict[str, "tuple[Events, _Words]"]):
    """Words met in one state: each word's break events, and the words met in the state
    after it and a space (words repeat, so most are worked out once)."""

    def __init__(self, state: _State) -> None:
        super().__init__()
        self.state = state


#: The words met in each state so far, up to `_WORDS_KEPT` words in all (then forgotten;
#: chosen so that the memo stays under ~50 MiB).
_WORDS_KEPT = 200_000
_WORDS: dict[_State, _Words] = {}
_WORDS_SEEN = [0]  # words in `_WORDS`


def _word_events(word: str, state: _State) -> tuple[Events, _State]:
    """The break events (see `break_events`) in `word`, which has no space, met in `state`
    (and not right after a zero-width joiner), and the state after it."""
    out: list[tuple[int, int]] = []
    last, before_last, regional, spaced = state
    after_zwj = False  # the previous character is a zero-width joiner: never break here
    for i, cls in enumerate(map(line_break_class, word)):
        if cls == last == "AL" and not spaced and not after_zwj:
            before_last, regional = "AL", 0  # inside a word: no break, the usual case
            continue
        glued, after_zwj = after_zwj, cls == "ZWJ"
        if cls in _MANDATORY:
            out.append((i, 3))
            last, spaced = "BK", False
            continue
        if cls == "ZW":
            last, spaced = "ZW", False
            continue
        if cls in {"CM", "ZWJ"}:
            if last == "ZW":
                out.append((i, 2))
                last = "AL"
                continue
            if not spaced and last != "BK":
                continue  # a mark belongs to the character before it
            cls = "AL"  # a mark after a space or at the start counts as a letter
        if glued or (before_last == "HL" and last in {"HY", "BA"} and not spaced):
            pass  # after a joiner, or a Hebrew letter and hyphen
        elif (
            last == "ZW"
            or (cls == "RI" == last and not spaced and regional % 2 == 0)
            or (last != "BK" and _STATES[last, cls][spaced] == 2)
        ):
            out.append((i, 2))
        regional = regional + 1 if cls == "RI" and (last == "RI" or not regional) else 0
        before_last, last, spaced = last, cls, False
    regional = 0 if not regional else 2 - regional % 2
    return tuple(out), (last, before_last, regional, spaced)


def break_events(text: str) -> list[tuple[int, int]]:
    """The characters a line may break before (2) or must break before (3), in order, as
    (index, 2 or 3); a line may not break before any other character."""
    out: list[tuple[int, int]] = []
    words = _words(_START)
    at = 0
    for word in text.split(" "):  # U+0020 is the only character of class SP
        if word:
            known = words.get(word)
            if known is None:
                known = _learn(words, word)
            events, words = known
            if events is _AT_START:
                out.append((at, 2))
            elif events:
                out += [(at + i, kind) for i, kind in events]
            at += len(word) + 1
        else:
            at += 1
            words = _words((*words.state[:3], True))
    return out


#: The events of a word a line may break before and nowhere in (the usual case).
_AT_START: Events = ((0, 2),)


def _words(state: _State) -> _Words:
    words = _WORDS.get(state)
    if words is None:
        words = _WORDS[state] = _Words(state)
    return words


def _learn(words: _Words, word: str) -> tuple[Events, _Words]:
    """Work out `word`'s events in `words`' state, and remember them."""
    if _WORDS_SEEN[0] >= _WORDS_KEPT:
        for known in _WORDS.values():
            known.clear()
        _WORDS_SEEN[0] = 0
    events, (last, before_last, regional, _) = _word_events(word, words.state)
    if events == _AT_START:
        events = _AT_START
    words[word] = found = (events, _words((last, before_last, regional, True)))
    _WORDS_SEEN[0] += 1
    return found


def possible_breaks(text: str) -> list[int]:
    """Per character: 2 if a line may break before it, 3 if it must, 1 if it may not."""
    out = [1] * len(text)
    for i, state in break_events(text):
        out[i] = state
    return out


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns a character takes: 0 (marks, format), 1, 2 (East Asian wide) or -1 (control)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return -1
    category = unicodedata.category(char)
    if category in {"Mn", "Me", "Cf"} or 0x1160 <= code < 0x1200 or 0xD7B0 <= code < 0xD800:
        return 0
    if category != "Cn" and unicodedata.east_asian_width(char) in {"W", "F"}:
        return 2
    return 2 if 0x20000 <= code <= 0x3FFFF else 1


@lru_cache(maxsize=4096)
def _columns(char: str) -> int:
    return max(char_width(char), 0)  # libunistring ignores control characters


def _escape(portion: str) -> tuple[str, set[int]]:
    """Escape a portion as gettext does, and the indexes of the escaped text a line may not
    break before."""
    if not _SPECIAL.search(portion):
        return portion, set()
    chars: list[str] = []
    forbid: set[int] = set()
    for char in portion:
        if char in _ESCAPES or char in '\\"':
            chars += ["\\", _ESCAPES.get(char, char)]
            forbid.add(len(chars) - 1)
        else:
            chars.append(char)
    if portion.endswith("\n"):
        forbid.add(len(chars) - 2)  # never break just before the final "\n"
    return "".join(chars), forbid


#: Characters met so far that take one column.
_NARROW: set[str] = set()


def _offsets(text: str) -> Sequence[int]:
    """The column at which each character of `text` starts, and the columns of the whole."""
    chars = set(text)
    if not chars <= _NARROW:
        _NARROW.update(char for char in chars if _columns(char) == 1)
    if chars <= _NARROW:
        return range(len(text) + 1)
    return list(itertools.accumulate(map(_columns, text), initial=0))


def _fill(
    events: list[tuple[int, int]], offsets: Sequence[int], width: int, start: int
) -> list[int]:
    """Greedy filling (libunistring's width line breaking): indexes where lines start.

    `events` are the (index, state) of the characters a line may break before (state 2)
    or must (3), in order; `offsets` the column each character starts at (`_offsets`).
    """
    cuts: list[int] = []
    last: int | None = None
    column = start
    piece = 0  # where the text since the last break opportunity starts
    for i, state in events:
        if last is not None and column + offsets[i] - offsets[piece] > width:
            cuts.append(last)
            column = 0
        if state == 3:
            last, column, piece = None, 0, i + 1  # the forced break takes no column
            continue
        last = i
        column += offsets[i] - offsets[piece]
        piece = i
    if last is not None and column + offsets[-1] - offsets[piece] > width:
        cuts.append(last)
    return cuts


def po_string_lines(
    keyword: str, value: str, prefix: str = "", width: int = PAGE_WIDTH
) -> tuple[str, ...]:
    """The lines gettext writes for `keyword "value"`.

    `keyword` is `msgid`, `msgstr[0]`...; `prefix` starts every line (`#~ `, `#| `).
    """
    portions: list[str] = []
    rest = value
    while True:
        cut = rest.find("\n")
        if cut < 0 or cut == len(rest) - 1:
            portions.append(rest)
            break
        portions.append(rest[: cut + 1])
        rest = rest[cut + 1 :]
    lines: list[str] = []
    first = True
    line_width = width - 1 - (len(prefix) + 1)  # room for both quotes
    for index, portion in enumerate(portions):
        escaped, forbid = _escape(portion)
        events = [e for e in break_events(escaped) if e[0] not in forbid]
        offsets = _offsets(escaped)
        more = index < len(portions) - 1
        start = len(keyword) + 1 if first else 0
        cuts = _fill(events, offsets, line_width, start)
        if first and escaped and (more or start > line_width or cuts):
            lines.append(f'{prefix}{keyword} ""')
            first, start = False, 0
            cuts = _fill(events, offsets, line_width, start)
        bounds = [0, *cuts, len(escaped)]
        for n, (a, b) in enumerate(itertools.pairwise(bounds)):
            head = f"{keyword} " if first and n == 0 else ""
            lines.append(f'{prefix}{head}"{escaped[a:b]}"')
        first = False
    return tuple(lines)
