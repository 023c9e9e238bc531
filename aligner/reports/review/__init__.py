"""Side-by-side review: every reference unit next to its counterpart in each language.

`rows` builds what a review shows (`cells`: rows, cells, statuses, placed findings), with
`anchors` (ids of units, rows and findings), `marks` (marked tokens, evidence) and
`suggestions` (config entries that keep a decision); `html` and `text` render it as a
self-contained page or a terminal table.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner.pipeline import AlignedSet
from aligner.reports.review.anchors import finding_anchor, finding_anchors, row_anchor, unit_of
from aligner.reports.review.html import render_html
from aligner.reports.review.rows import review_sets
from aligner.reports.review.text import render_text

REVIEW_FORMATS = ("text", "html")


def render_review(
    sets: Sequence[AlignedSet],
    fmt: str,
    targets: Sequence[str] | None = None,
    *,
    only_suspect: bool = False,
    color: bool = False,
    width: int = 120,
    side_by_side: bool = False,
) -> bytes:
    """The review of `sets` as `aligner review --format fmt` writes it, in UTF-8: the HTML
    page (`aligner.reports.review.html`), or the terminal table (`...review.text`; `color`,
    `width` and `side_by_side` are for it)."""
    reviewed = review_sets(sets, targets)
    if fmt == "html":
        return render_html(reviewed, only_suspect=only_suspect)
    text = render_text(
        reviewed, only_suspect=only_suspect, color=color, width=width, side_by_side=side_by_side
    )
    return text.encode("utf-8")


__all__ = [
    "REVIEW_FORMATS",
    "finding_anchor",
    "finding_anchors",
    "render_review",
    "row_anchor",
    "unit_of",
]
