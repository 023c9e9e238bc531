"""The document code, parsed in one place (aligner.text.code)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.text.code import (
    CODE_MAX,
    CODE_PATTERN,
    LOOKALIKES,
    SYMBOL_PATTERN,
    code_language,
    find_code,
    name_code_language,
    parse_code,
)


def _find_code_by_patterns(text: str) -> str | None:
    """`find_code` without its first/last-character shortcut."""
    candidate = " ".join(text.split()).strip("*_ ")
    if len(candidate) > CODE_MAX:
        return None
    if CODE_PATTERN.fullmatch(candidate.translate(LOOKALIKES)):
        return candidate
    if SYMBOL_PATTERN.fullmatch(candidate) and any(c.isdigit() for c in candidate):
        return candidate
    return None


@pytest.mark.parametrize(
    ("code", "parsed", "lang"),
    [
        ("AS (14) D E", ("14", "E"), "en"),
        ("AS (14) DF", ("14", "F"), "fr"),
        ("AS(23)D R", ("23", "R"), "ru"),
        ("АS (14) D Е", ("14", "E"), "en"),  # Cyrillic А and Е for Latin A and E
        ("AS (14) D І", ("14", "I"), "it"),  # Ukrainian І for Latin I
        ("AS (14) D С", None, None),  # Cyrillic С looks like C, which is no language letter
        ("PA.RES/7/2025 EN", None, None),  # a symbol, not a code
        (None, None, None),
    ],
)
def test_parse_code_and_language(code: str | None, parsed: object, lang: str | None) -> None:
    assert parse_code(code) == parsed
    assert code_language(code) == lang


def test_the_checks_and_the_readers_read_a_code_alike() -> None:
    # every code the readers find parses, to the letter its language comes from
    for text in ("AS (14) D G", "**AS (14) D S**", "АS (14) D Е", "AS (7) RES 12 E"):
        code = find_code(text)
        assert code is not None
        assert parse_code(code) is not None
        assert code_language(code) is not None


@pytest.mark.parametrize(
    ("part", "lang"), [("AS14DF", "fr"), ("as(14)dr", "ru"), ("AS14D", None), ("fr", None)]
)
def test_code_in_a_file_name(part: str, lang: str | None) -> None:
    assert name_code_language(part) == lang


_CODE_CHARS = st.sampled_from([*"AS()14 DEFGIRSX/.RES*_\t\u00a0АЕСЅІ0-9aZ)", "PA.RES/7/2025"])


@given(st.lists(_CODE_CHARS, max_size=20).map("".join))
def test_find_code_shortcut_changes_nothing(text: str) -> None:
    assert find_code(text) == _find_code_by_patterns(text)


@given(st.text(max_size=60))
def test_find_code_shortcut_changes_nothing_on_any_text(text: str) -> None:
    assert find_code(text) == _find_code_by_patterns(text)
