"""Anchors and ids of a review (aligner.reports.review.anchors): stable, escaped,
numbered when repeated."""

from __future__ import annotations

import pytest

from aligner.findings import Finding, Severity
from aligner.reports.review.anchors import finding_anchor, finding_anchors


@pytest.mark.parametrize(
    ("finding", "anchor"),
    [
        (
            Finding(
                "x", 1, "missing-paragraph", Severity.ERROR, "ru", "m", None, 7, "baku-2014", "1"
            ),
            "f-baku-2014-ru-7-missing-paragraph",
        ),
        (
            Finding("x", 1, "extra-paragraph", Severity.ERROR, "es", "m", 8, None, "a b", "2"),
            "f-a_20_b-es-x2.8-extra-paragraph",
        ),
        (Finding("x", 1, "unreadable", Severity.ERROR, "", "m"), "f-_-_-doc-unreadable"),
    ],
)
def test_finding_anchor_scheme(finding: Finding, anchor: str) -> None:
    assert finding_anchor(finding) == anchor


def test_repeated_anchors_are_numbered_in_review_order() -> None:
    first = Finding("a.md", 3, "number-mismatch", Severity.ERROR, "fr", "one", 2, 2, "d")
    second = Finding("a.md", 5, "number-mismatch", Severity.ERROR, "fr", "two", 2, 2, "d")
    assert finding_anchors([second, first]) == {
        first: "f-d-fr-2-number-mismatch",
        second: "f-d-fr-2-number-mismatch-2",
    }
