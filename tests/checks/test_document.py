"""Rules on a version as a whole (aligner.checks.document)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from faults import check_written

from aligner.model import (
    Block,
    Document,
    Kind,
)


@pytest.mark.parametrize(
    ("code", "count"),
    [("AS (14) D F", 1), ("AS (15) D G", 1), ("AS (15) D I", 2), ("AS (14) DG", 0)],
)
def test_document_codes(
    corpus_docs: dict[str, Document], tmp_path: Path, code: str, count: int
) -> None:
    de = corpus_docs["de"]
    items = tuple(
        replace(i, text=code) if isinstance(i, Block) and i.kind is Kind.CODE else i
        for i in de.items
    )
    faulty = replace(de, code=code, items=items)
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [f.rule for f in findings] == ["document-code-mismatch"] * count
