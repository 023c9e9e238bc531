"""Sentence segmentation with per-language rules kept as data, in the spirit of SRX.

The rules for language ``xx`` are in ``aligner/data/segment/xx.json``; rules for every
language are in ``_default.json``. A *candidate* break follows terminal punctuation
(``.`` ``!`` ``?`` ``…``, with any closing quotes, guillemets or brackets attached) and
whitespace. At each candidate the rules are tried in this order: the language's own
``rules``, the inside of its multi-word abbreviations (after "EE." in "EE. UU."), its
``abbreviations`` (never a sentence end: "z. B.", "St.", "т. е."), its
``final_abbreviations`` (a sentence end only before a capitalised word: "etc.", "usw.",
"г."), then the default rules (paragraph labels, initials, lower-case continuation...). A
rule is ``{"break": bool, "before": regex, "after": regex}``: it applies when ``before``
matches the text ending at the candidate and ``after`` the text starting there; the first
rule that applies decides, and no rule applying means a break.

Blank lines always separate sentences. Single line breaks do too, unless the block looks
hard-wrapped (every line but the last is long), in which case they are read as spaces;
a wrapped line that starts with a list marker or a paragraph label still starts a new
sentence. Text in a language without a rules file uses the default rules only.

    >>> segment("Die ca. 600 m hohe Wand. Am 2. Juli 2014 stiegen wir ein.", "de")
    ['Die ca. 600 m hohe Wand.', 'Am 2. Juli 2014 stiegen wir ein.']
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import regex

from aligner.text.params import SEGMENT

#: Terminal punctuation with attached closers, followed by whitespace.
_CANDIDATE = regex.compile(r"[.!?…]+(?:[\"'”’»›“)\]]|[ \u00a0\u202f][»›])*(?=\s)")
#: A blank line: always a sentence boundary.
_BLANK = regex.compile(r"\n[ \t\u00a0]*\n\s*")
#: A line break inside a sentence, with the spaces around it (one space in `segment`).
_LINE_BREAK = regex.compile(r"[ \t]*\n\s*")
#: A line that opens with a list marker or a paragraph label.
_ITEM_START = regex.compile(r"[ \t]*(?:[-*•–—]\s|[(\[]?(?:\d{1,4}|\p{L})[.)\]]\s)")


@dataclass(frozen=True)
class Rule:
    """One segmentation rule: break or not where `before` and `after` both match."""

    brk: bool
    pattern: regex.Pattern[str]


def _abbreviation_pattern(abbreviations: list[str]) -> str:
    """A regex alternation for abbreviations; spaces inside them are optional."""
    forms: set[str] = set()
    for abbr in abbreviations:
        forms.add(abbr)
        if abbr[:1].islower():
            forms.add(abbr[0].upper() + abbr[1:])
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):
        parts = [regex.escape(p) for p in form.split()]
        alternatives.append(r"\s*".join(parts))
    return r"(?<![\p{L}\p{M}\p{N}.])(?:" + "|".join(alternatives) + ")"


def _inside_pattern(abbreviations: list[str]) -> str | None:
    """A regex matching inside a multi-word abbreviation: after "EE." in "EE. UU."."""
    alternatives = []
    for abbr in abbreviations:
        parts = [regex.escape(p) for p in abbr.split()]
        for cut in range(1, len(parts)):
            before = r"(?<![\p{L}\p{M}\p{N}.])" + r"\s*".join(parts[:cut])
            after = r"\s+" + r"\s*".join(parts[cut:])
            alternatives.append(f"(?<={before})(?={after})")
    return "|".join(alternatives) or None


def _compile(brk: bool, before: str, after: str) -> Rule:
    lookbehind = f"(?<={before})" if before else ""
    lookahead = f"(?={after})" if after else ""
    return Rule(brk, regex.compile(lookbehind + lookahead))


def _load(name: str) -> dict[str, Any]:
    path = resources.files("aligner") / "data" / "segment" / f"{name}.json"
    if not path.is_file():
        return {}
    rules: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return rules


@lru_cache(maxsize=16)
def rules(lang: str) -> tuple[Rule, ...]:
    """The compiled rules for `lang`, in the order they are tried."""
    data = _load(lang) if lang and not lang.startswith("_") else {}
    compiled = [_compile(r["break"], r["before"], r["after"]) for r in data.get("rules", [])]
    inside = _inside_pattern(data.get("abbreviations", []) + data.get("final_abbreviations", []))
    if inside:
        compiled.append(Rule(False, regex.compile(inside)))
    if data.get("abbreviations"):
        compiled.append(_compile(False, _abbreviation_pattern(data["abbreviations"]), ""))
    if data.get("final_abbreviations"):
        before = _abbreviation_pattern(data["final_abbreviations"])
        compiled.append(_compile(False, before, r"\s+(?![\p{Ps}\p{Pi}\"'«„‚‹]*\p{Lu})"))
    compiled += [_compile(r["break"], r["before"], r["after"]) for r in _load("_default")["rules"]]
    return tuple(compiled)


def _hard_blocks(text: str) -> list[tuple[int, int]]:
    """Spans of text between hard boundaries: blank lines and unwrapped line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in [*_BLANK.finditer(text), None]:
        end = gap.start() if gap else len(text)
        spans.extend(_lines(text, start, end))
        if gap:
            start = gap.end()
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one paragraph block at line breaks unless it is hard-wrapped prose."""
    bounds = []
    pos = start
    while True:
        newline = text.find("\n", pos, end)
        if newline < 0:
            bounds.append((pos, end))
            break
        bounds.append((pos, newline))
        pos = newline + 1
    groups: list[list[tuple[int, int]]] = []
    for a, b in bounds:
        if not groups or _ITEM_START.match(text, a, b):
            groups.append([])
        groups[-1].append((a, b))
    spans = []
    for group in groups:
        if all(len(text[a:b].strip()) >= SEGMENT.wrap_min for a, b in group[:-1]):
            spans.append((group[0][0], group[-1][1]))
        else:
            spans.extend(group)
    return spans


def _breaks(block: str, lang_rules: tuple[Rule, ...]) -> list[int]:
    """Offsets in `block` where a sentence ends."""
    found = []
    for m in _CANDIDATE.finditer(block):
        pos = m.end()
        for rule in lang_rules:
            if rule.pattern.match(block, pos):
                if rule.brk:
                    found.append(pos)
                break
        else:
            found.append(pos)
    return found


def segment_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of `text`, whitespace trimmed."""
    lang_rules = rules(lang)
    spans: list[tuple[int, int]] = []
    for start, end in _hard_blocks(text):
        block = text[start:end]
        cuts = [0, *_breaks(block, lang_rules), len(block)]
        for a, b in itertools.pairwise(cuts):
            piece = block[a:b]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                spans.append((start + a + lead, start + a + lead + len(stripped)))
    return spans


def segment(text: str, lang: str) -> list[str]:
    """The sentences of `text` in language `lang` (ISO 639-1 code).

    Line breaks inside a sentence become single spaces; other characters, no-break spaces
    included, are kept as they are.
    """
    pieces = (text[a:b] for a, b in segment_spans(text, lang))
    return [_LINE_BREAK.sub(" ", p) if "\n" in p else p for p in pieces]
