"""Structure rules on each version's links (aligner.checks.structure)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from faults import check_written, key

from aligner.model import (
    Block,
    Document,
    Kind,
    Paragraph,
)


def test_a_dropped_introductory_line(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    ru = corpus_docs["ru"]
    faulty = replace(
        ru, items=tuple(i for i in ru.items if not (isinstance(i, Block) and i.kind is Kind.INTRO))
    )
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [key(f) for f in findings] == [("missing-introductory-line", "ru", 13)]


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_paragraphs_moved_across_the_introductory_line(
    corpus_docs: dict[str, Document], tmp_path: Path, lang: str
) -> None:
    """12, intro, 13 written 13, intro, 12: a reordering, the line is still there."""
    items = list(corpus_docs[lang].items)
    a, b = (k for k, i in enumerate(items) if isinstance(i, Paragraph) and i.number in (12, 13))
    items[a], items[b] = items[b], items[a]
    findings = check_written(
        tmp_path, [corpus_docs["en"], replace(corpus_docs[lang], items=tuple(items))]
    )
    assert [f.rule for f in findings] == ["reordered-paragraphs"]


def test_a_restarted_numbering_is_a_structure_mismatch(
    corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    it = corpus_docs["it"]
    restarted = replace(
        it,
        items=tuple(
            replace(i, number=i.number - 12, label=f"{i.number - 12}.")
            if isinstance(i, Paragraph) and i.number > 12
            else i
            for i in it.items
        ),
    )
    rules = {f.rule for f in check_written(tmp_path, [corpus_docs["en"], restarted])}
    assert "structure-mismatch" in rules
