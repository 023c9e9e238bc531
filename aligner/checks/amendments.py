"""Amendment rules: reference units that changed since a translation was made from them.

They read `Context.baselines`: per translation, the reference as it was synced
(`aligner.lock`) or as it was at `--since REV`. Units that only moved or were renumbered
are unchanged; new units are left to `missing-paragraph`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from aligner.amendments import (
    Baseline,
    Comparison,
    Entry,
    Hunk,
    compare,
    render_diff,
    word_diff,
)
from aligner.checks.base import Context, SetRule, register
from aligner.checks.context import label, target_line_after
from aligner.findings import Finding, Revision, Severity
from aligner.model import Alignment, Document, Link, Paragraph, item_keys


def _unit_label(unit: str, doc: Document) -> str:
    """A unit id as people cite it: "7" for "1:7" when the document has one section."""
    _, sep, number = unit.partition(":")
    if sep and len(doc.sections) <= 1:
        return number
    return unit.replace(":", ".")


def _was(previous: Sequence[str], current: str) -> str:
    if list(previous) == [current]:
        return ""
    return f" (was {' and '.join(previous)})"


def _link(alignment: Alignment, paragraph: Paragraph) -> Link | None:
    return next((link for link in alignment.links if paragraph in link.source), None)


def _place(alignment: Alignment, paragraph: Paragraph) -> tuple[Paragraph | None, int]:
    """The target paragraph aligned to a reference paragraph, and the line to report."""
    for position, link in enumerate(alignment.links):
        if paragraph in link.source:
            if link.target:
                return link.target[0], link.target[0].line
            return None, target_line_after(alignment, position)
    paragraphs = alignment.target.paragraphs
    return None, paragraphs[0].line if paragraphs else 1


@register("stale-translation", Severity.ERROR)
class StaleTranslation(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        keyed = [
            (key, item)
            for key, item in zip(item_keys(ref), ref.items, strict=True)
            if isinstance(item, Paragraph)
        ]
        current = [Entry(key, p.text) for key, p in keyed]
        comparisons: dict[Baseline, Comparison] = {}
        for lang, baseline in sorted(context.baselines.items()):
            alignment = context.alignments.get(lang)
            if alignment is None:
                continue
            if baseline not in comparisons:
                comparisons[baseline] = compare(baseline, current)
            comparison = comparisons[baseline]
            for change in comparison.changes:
                key, paragraph = keyed[change.current]
                before = [baseline[i] for i in change.previous]
                text = " ".join(e.text for e in before)
                hunks = word_diff(text, paragraph.text)
                was = _was([_unit_label(e.unit, ref) for e in before], _unit_label(key, ref))
                shown = (
                    f"'{render_diff(hunks)}'"
                    if any(h.op in "+-" for h in hunks)
                    else "the same words, now one paragraph"
                )
                message = f"{ref.lang} {label(paragraph, ref)}{was} changed: {shown}"
                revision = Revision(tuple(e.unit for e in before), text, hunks)
                yield self._found(alignment, paragraph, message, revision)
            for index in comparison.new:
                _, paragraph = keyed[index]
                link = _link(alignment, paragraph)
                if link is None or link.kind != "1-1":
                    continue  # missing-paragraph, merged-paragraphs... say it already
                hunks = (Hunk("+", paragraph.text),)
                own = label(link.target[0], alignment.target)
                message = (
                    f"{ref.lang} {label(paragraph, ref)} is new since {lang} was made, yet "
                    f"{lang} {own} is aligned to it: '{render_diff(hunks)}'"
                )
                yield self._found(alignment, paragraph, message, Revision((), "", hunks))

    def _found(
        self, alignment: Alignment, paragraph: Paragraph, message: str, revision: Revision
    ) -> Finding:
        target, line = _place(alignment, paragraph)
        found = self.finding(alignment.target, line, message, paragraph=target, reference=paragraph)
        return replace(found, revision=revision)
