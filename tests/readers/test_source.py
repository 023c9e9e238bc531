"""Bytes to text and lines (aligner.readers.source): the fast paths give what the slow ones do."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.errors import InputError
from aligner.readers.source import _matched_lines, content_lines, decode

_LINES = st.lists(
    st.sampled_from(["a", "text", " ", "\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85",
                     "\u2028", "\u2029", "\ufeff", "é"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(_LINES)
def test_content_lines_split_only_at_lf_cr_crlf(text: str) -> None:
    assert list(content_lines(text)) == list(_matched_lines(text.removeprefix("\ufeff")))


def test_content_lines_numbers() -> None:
    assert list(content_lines("a\r\n\r\nb\rc\n\n")) == [(1, "a"), (3, "b"), (4, "c")]
    assert list(content_lines("a\x0cb\n\u2028c")) == [(1, "a\x0cb"), (2, "\u2028c")]


@pytest.mark.parametrize("control", ["\x00", "\x07", "\x1b", "\x7f"])
@pytest.mark.parametrize("at", [0, 5, (1 << 20) + 3])
def test_control_characters_are_found_anywhere(control: str, at: int) -> None:
    text = "é" * at + control + "\nmore"
    with pytest.raises(InputError, match="binary data"):
        decode(text.encode("utf-8"), "x.md")


def test_text_without_controls_decodes() -> None:
    text = "Résolution\tÜ\n" * 70_000  # over a chunk of the control test
    assert decode(text.encode("utf-8"), "x.md") == text
