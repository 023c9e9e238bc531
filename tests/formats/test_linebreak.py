"""gettext-compatible wrapping: break opportunities, widths and the lines of a PO string.

The expected values were measured with libunistring 1.0 (what gettext 0.21 uses); the test
against msgcat itself is in test_clients.py.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.formats import linebreak
from aligner.formats.linebreak import char_width, line_break_class, po_string_lines, possible_breaks


def breaks(text: str) -> str:
    """The text with `|` where a line may break."""
    marks = possible_breaks(text)
    return "".join(("|" if b == 2 else "") + c for c, b in zip(text, marks, strict=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a b", "a |b"),
        ("x/y", "x/|y"),
        ("co-ordination", "co-|ordination"),
        ("a—b", "a|—|b"),
        ("(a) b", "(a) |b"),
        ("21%", "21%"),
        ('hello\\"x', 'hello\\"x'),
        ('a "b" c', 'a |"b" |c'),
        ("OSCE\u00a0: x", "OSCE\u00a0: |x"),
        ("word…", "word…"),
        ("👍🏽x", "👍🏽|x"),
        ("a\u200bb", "a\u200b|b"),
        ("一一", "一|一"),
        ("«\u00a0ОБСЕ\u00a0» и", "«\u00a0ОБСЕ\u00a0» |и"),
    ],
)
def test_break_opportunities(text: str, expected: str) -> None:
    assert breaks(text) == expected


def test_classes_newer_than_unicode_14_map_back() -> None:
    assert line_break_class("\u2013") == "BA"  # EN DASH: HH since Unicode 16
    assert line_break_class("§") == "AL"  # AI resolves to AL
    assert line_break_class("ぁ") == "NS"  # CJ resolves to NS


def test_widths() -> None:
    assert [char_width(c) for c in "aé\u0301一😀\x07\u00ad"] == [1, 1, 0, 2, 2, -1, 0]


def test_short_strings_stay_on_one_line() -> None:
    assert po_string_lines("msgid", "") == ('msgid ""',)
    assert po_string_lines("msgstr", 'say "hi"\n') == ('msgstr "say \\"hi\\"\\n"',)


def test_long_strings_start_with_an_empty_line_and_fill_77_columns() -> None:
    text = " ".join(["word"] * 40)
    lines = po_string_lines("msgid", text)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert lines[1] == '"' + "word " * 15 + '"'


def test_newlines_end_lines_and_prefixes_narrow_them() -> None:
    assert po_string_lines("msgstr", "a\nb") == ('msgstr ""', '"a\\n"', '"b"')
    lines = po_string_lines("msgid", " ".join(["w"] * 60), prefix="#~ ")
    assert all(line.startswith("#~ ") and len(line) <= 79 for line in lines)


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300))
def test_lines_join_back_to_the_escaped_string(text: str) -> None:
    lines = po_string_lines("msgid", text)
    body = "".join(line.split('"', 1)[1][:-1] for line in lines)
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
        .replace("\a", "\\a")
        .replace("\b", "\\b")
        .replace("\f", "\\f")
        .replace("\v", "\\v")
    )
    assert body == escaped


_WORD_PIECES = st.text(
    alphabet="ab-—/()%«»\u00a0\u200b\u200d\u0301一.,:!?'0\u05d0\U0001f1e6", max_size=6
)


@given(st.lists(_WORD_PIECES, max_size=12), st.lists(_WORD_PIECES, max_size=12))
def test_words_break_alike_however_often_met(first: list[str], second: list[str]) -> None:
    """Break opportunities are remembered per word and state: a text breaks the same
    with nothing remembered and after other texts with the same words were broken."""
    text = " ".join(first + second)
    linebreak._WORDS.clear()
    cold = possible_breaks(text)
    possible_breaks(" ".join(second + first))
    possible_breaks("  ".join(reversed(first)))
    assert possible_breaks(text) == cold
    assert possible_breaks(text + " " + text)[: len(text)] == cold
