"""The numbers a translation must keep: digits with their grouping, decimal sign and
scale word, read the same in every language."""

from __future__ import annotations

import regex

# --- numbers and amounts -----------------------------------------------------------------

_SCALES: tuple[tuple[str, float], ...] = (
    (r"mil\s+millones|billions?|milliards?|milliarden?|miliard[oi]|млрд\.?|миллиард\w*|bn", 1e9),
    (r"millions?|millionen|milion[ei]|mill[oó]n(?:es)?|mln\.?|млн\.?|миллион\w*|mio\.?", 1e6),
    (r"thousands?|tausend|mila|тыс\.?|тысяч\w*|mil", 1e3),
)
_PERCENT = r"%|per\s*cent|pour\s+cent|prozent|per\s+cento|por\s+ciento|процент\w*"
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_NUMBER = regex.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:(?:{_SPACE}|[.,'’])\d{{3}})+(?![\d])|\d+)(?:[.,]\d+)?"
    rf"(?:{_SPACE}?(?P<scale>{'|'.join(p for p, _ in _SCALES)}|{_PERCENT})(?!\w))?",
    regex.IGNORECASE,
)
_GROUPED = regex.compile(rf"^\d{{1,3}}(?:(?:{_SPACE}|[.,'’])\d{{3}})+")


_NON_DIGIT = regex.compile(r"\D")
_DECIMAL = regex.compile(r"^(\d+)[.,](\d+)$")
_SCALE_PATTERNS = [(regex.compile(p, regex.IGNORECASE), factor) for p, factor in _SCALES]


def _number_value(digits: str) -> float:
    """The value of a number written with any grouping and decimal convention."""
    if digits.isdecimal():
        return float(digits)
    grouped = _GROUPED.match(digits)
    if grouped and grouped.end() == len(digits):
        return float(_NON_DIGIT.sub("", digits))
    head = digits
    tail = ""
    if grouped:  # grouping followed by a decimal part
        head, tail = digits[: grouped.end()], digits[grouped.end() + 1 :]
        head = _NON_DIGIT.sub("", head)
    elif m := _DECIMAL.match(digits):
        head, tail = m.group(1), m.group(2)
    return float(f"{head}.{tail}") if tail else float(head)


def numbers(text: str) -> tuple[float, ...]:
    """Every number in `text` as a value: "21 million", "21 млн" and "21 000 000" give 21e6.

    Numbers that are part of words or codes ("A/RES/55", "CO2") count as well; spelled-out
    and Roman numerals do not.
    """
    out: list[float] = []
    for m in _NUMBER.finditer(text):
        scale = m.group("scale")
        digits = m.group(0)[: m.start("scale") - m.start()] if scale else m.group(0)
        value = _number_value(digits.strip(" \u00a0\u202f\u2009\u2007"))
        if scale:
            for pattern, factor in _SCALE_PATTERNS:
                if pattern.fullmatch(scale):
                    value *= factor
                    break
        out.append(round(value, 6))
    return tuple(out)


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Where each number of `numbers(text)` is written: (start, end, value), in order."""
    out = []
    for m in _NUMBER.finditer(text):
        value = numbers(m.group(0))
        if value:
            out.append((m.start(), m.end(), value[0]))
    return out
