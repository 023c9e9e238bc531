"""Numbering restarts: new parts of a declaration versus paragraphs moved around a 1."""

from __future__ import annotations

from aligner.checks.numbering import numbering_runs
from aligner.model import Block, Kind, Paragraph, build_document


def _doc(numbers: list[int | str]) -> list[int]:
    items: list[Block | Paragraph] = []
    for line, n in enumerate(numbers, 1):
        if isinstance(n, str):
            items.append(Block(Kind.HEADING, n, line, 2))
        else:
            items.append(Paragraph("", n, f"{n}.", f"Text {n}.", line))
    return [len_ for _, len_ in numbering_runs(build_document("x/en.md", items, lang="en"))]


def test_one_moved_to_second_place_is_not_a_new_part() -> None:
    assert _doc([2, 1, 3, 4, 5]) == [5]


def test_one_moved_far_is_not_a_new_part() -> None:
    assert _doc([5, 2, 3, 4, 1, 6, 7]) == [7]


def test_restart_after_heading_or_with_following_numbers_is_a_new_part() -> None:
    assert _doc([1, 2, 3, "RESOLUTION", 1, 2]) == [3, 2]
    assert _doc([1, 2, 3, 1, 3, 4]) == [3, 3]  # second part restarts, its 2 missing
    assert _doc([1, 2, 3, 1]) == [3, 1]
