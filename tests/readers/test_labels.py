"""Paragraph labels (aligner.readers.labels): the shortcuts give what the full patterns give."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.readers.labels import Label, Style, _parse, letters_or_roman, numbers_stand_alone
from aligner.readers.labels import parse_label as parse

_PIECES = st.sampled_from(
    ["1", "12", "1234567", "12345678", ".", ". ", "\t", " ", "\u00a0", "\u2003", ")", "(", "a",
     "a)", "(a)", "II", "A", "C.", "**", "_", "Article", "Статья", "premier", "-", "x", "é",
     "Recalling", "1.5", "\\.", "\f"]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=8).map("".join))
def test_shortcuts_give_what_the_full_patterns_give(line: str) -> None:
    assert parse(line) == _parse(line.lstrip(" \t"))


@given(st.text(max_size=30))
def test_shortcuts_on_any_text(line: str) -> None:
    assert parse(line) == _parse(line.lstrip(" \t"))


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("12. Recalling", Label(12, "12.", Style.DOT, "Recalling")),
        ("  7.\u2003text ", Label(7, "7.", Style.DOT, "text")),
        ("12.5 per cent", Label(12, "12.5", Style.DOTTED, "per cent", "12.5")),
        ("a) item", Label(1, "a)", Style.ITEM, "item", "(a)")),
        ("and so on", None),
        ("« quoted", None),
    ],
)
def test_labels(line: str, label: Label | None) -> None:
    assert parse(line) == label


def test_letters_or_roman() -> None:
    lettered = [parse("A. One"), parse("B. Two"), parse("C. Three"), parse("D. Four")]
    assert [lab.style for lab in letters_or_roman(lettered) if lab] == [Style.LETTER] * 4
    roman = [parse("I. One"), parse("II. Two"), parse("III. Three")]
    assert [lab.number for lab in letters_or_roman(roman) if lab] == [1, 2, 3]
    assert letters_or_roman(roman)[0] == roman[0]


def test_numbers_stand_alone() -> None:
    assert numbers_stand_alone([parse("1"), None, parse("2"), None, parse("3. inline")])
    assert not numbers_stand_alone([parse("1. a"), parse("7"), parse("2. b")])
