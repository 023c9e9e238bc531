"""The document model (aligner.model): normalizing and building Documents."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from aligner.model import Block, Item, Kind, Paragraph, build_document, normalize_space

_SPACES = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]


@given(st.lists(st.sampled_from([*_SPACES, "a", "é", "\xad", "\u200b", "x y"]), max_size=10))
def test_normalize_space_collapses_every_whitespace(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert normalize_space(text) == " ".join(text.split())


def _items() -> list[Item]:
    return [
        Block(Kind.TEXT, "AS (14) D E", 1),
        Block(Kind.HEADING, "RESOLUTION", 3, 2),
        Paragraph("", 1, "1.", "Recalling,", 5),
        Paragraph("", 2, "2.", "Noting,", 6),
        Block(Kind.HEADING, "PART 2", 8, 2),
        Paragraph("", 1, "1.", "Calls.", 9),
        Paragraph("", 3, "3.4", "Dotted.", 10, "3.4"),
    ]


def test_fresh_items_build_the_same_document() -> None:
    given_items = _items()
    copied = build_document("en.md", given_items, lang="en", code="AS (14) D E")
    assert given_items == _items()
    assert all(isinstance(i, Block) or i.section == "" for i in given_items)  # not changed
    fresh = build_document("en.md", _items(), lang="en", code="AS (14) D E", fresh=True)
    assert fresh == copied
    assert [p.section for p in fresh.paragraphs] == ["1", "1", "2", ""]
    assert fresh.blocks[0].kind is Kind.CODE


def test_paragraphs_are_compact() -> None:
    paragraph = Paragraph("1", 1, "1.", "text", 1)
    assert not hasattr(paragraph, "__dict__")
    assert not hasattr(Block(Kind.TEXT, "text", 1), "__dict__")
