"""Numbering (aligner.checks.numbering): numbers out of sequence, the fewest links moved,
and restarts (new parts of a declaration versus paragraphs moved around a 1)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from faults import check_written, drop_many, key
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.checks.numbering import numbering_runs, ordered
from aligner.model import Alignment, Block, Document, Kind, Link, Paragraph, build_document


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


def test_numbers_out_of_sequence(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    fr = corpus_docs["fr"]
    labels = {9: 10, 10: 9}  # two labels exchanged, texts in place
    faulty = replace(
        fr,
        items=tuple(
            replace(i, number=labels[i.number], label=f"{labels[i.number]}.")
            if isinstance(i, Paragraph) and i.number in labels
            else i
            for i in fr.items
        ),
    )
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [(key(f), f.paragraph) for f in findings] == [
        (("misnumbered-paragraph", "fr", 9), 10),
        (("misnumbered-paragraph", "fr", 10), 9),
    ]


def test_the_reference_numbering_is_checked_too(
    corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    en = drop_many(corpus_docs["en"], [])
    gap = replace(
        en,
        items=tuple(
            replace(i, number=i.number + 1, label=f"{i.number + 1}.")
            if isinstance(i, Paragraph) and i.number >= 15
            else i
            for i in en.items
        ),
    )
    findings = check_written(tmp_path, [gap])
    assert [(f.rule, f.lang, f.paragraph) for f in findings] == [("numbering-gap", "en", 16)]


@given(st.permutations(range(12)), st.sets(st.integers(0, 11)))
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_the_fewest_links_are_marked_moved(order: list[int], renumbered: set[int]) -> None:
    """Kept links are in target order, and no longer such order exists (brute force)."""
    target = [Paragraph("1", k + 1, f"{k + 1}.", f"t{k}", k + 1) for k in range(12)]
    links = tuple(
        Link((Paragraph("1", k + 1 + (k in renumbered), "", f"r{k}", k + 1),), (target[j],))
        for k, j in enumerate(order)
    )
    doc = Document("fr.md", "fr", None, tuple(target))
    moved = ordered(Alignment(doc, doc, links)).moved
    kept = [j for k, j in enumerate(order) if k not in moved]
    assert kept == sorted(kept)
    longest = [1] * len(order)
    for b in range(len(order)):
        for a in range(b):
            if order[a] < order[b]:
                longest[b] = max(longest[b], longest[a] + 1)
    assert len(kept) == max(longest)
