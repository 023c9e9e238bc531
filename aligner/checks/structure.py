"""Structural rules: paragraphs missing, extra, merged, split, moved or misnumbered.

They read the alignments of a `Context`: a 1-0 link is a missing paragraph, 0-1 an extra
one, 2-1 merged, 1-2 split, and links whose target order breaks the reference order are
reordered. Numbering is judged per paragraph: a number is right when it matches the
reference paragraph its content matches, or continues the version's own sequence (so a
consistently renumbered version after a dropped paragraph raises one finding, not many).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from aligner.checks.base import Context, SetRule, register
from aligner.checks.context import aligned_versions, is_empty, label, number_range
from aligner.checks.numbering import Neighbours, Ordered, numbering_runs, ordered
from aligner.findings import Finding, Severity
from aligner.model import Alignment, Block, Document, Kind, Link, Paragraph

# --- rules -------------------------------------------------------------------------------


@register("missing-paragraph", Severity.ERROR)
class MissingParagraph(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in aligned_versions(context):
            neighbours = None
            for position, link in enumerate(alignment.links):
                if link.target or len(link.source) != 1:
                    continue
                neighbours = neighbours or Neighbours(alignment)
                r = link.source[0]
                message = (
                    f"paragraph {label(r, ref)} of {ref.lang} has no counterpart in {doc.lang}"
                    + neighbours.shift_note(position)
                )
                line = neighbours.target_line_after(position)
                yield self.finding(doc, line, message, reference=r)


@register("extra-paragraph", Severity.ERROR)
class ExtraParagraph(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in aligned_versions(context):
            links = alignment.links
            before_at = _running(links, lambda k: k.source[-1] if k.source else None)
            after_at = _running(links[::-1], lambda k: k.source[0] if k.source else None)[::-1]
            for position, link in enumerate(links):
                if link.source or len(link.target) != 1:
                    continue
                t = link.target[0]
                before = before_at[position - 1] if position else None
                after = after_at[position + 1] if position + 1 < len(links) else None
                if before and after:
                    where = (
                        f"it stands between {ref.lang} {label(before, ref)} and {label(after, ref)}"
                    )
                elif before:
                    where = f"it follows {ref.lang} {label(before, ref)}"
                elif after:
                    where = f"it precedes {ref.lang} {label(after, ref)}"
                else:
                    where = f"{ref.lang} has no paragraphs"
                message = (
                    f"paragraph {label(t, doc)} of {doc.lang} has no counterpart in "
                    f"{ref.lang} ({where})"
                )
                yield self.finding(doc, t.line, message, paragraph=t)


def _running(
    links: Sequence[Link], value: Callable[[Link], Paragraph | None]
) -> list[Paragraph | None]:
    """For each link, the last non-None `value` of the links up to it."""
    out: list[Paragraph | None] = []
    last: Paragraph | None = None
    for link in links:
        last = value(link) or last
        out.append(last)
    return out


#: What a `LinkRule` says of a link: (the version's paragraph, the reference paragraph,
#: the message).
Said = tuple[Paragraph, Paragraph, str]


class LinkRule(SetRule):
    """A rule on each link of each version's alignment: `about` says what is wrong with
    one, reported at a paragraph of the version."""

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in aligned_versions(context):
            for link in alignment.links:
                said = self.about(link, doc, ref)
                if said is not None:
                    at, reference, message = said
                    yield self.finding(doc, at.line, message, paragraph=at, reference=reference)

    def about(self, link: Link, doc: Document, ref: Document) -> Said | None:
        """What is wrong with `link` of version `doc` to reference `ref`, or None."""
        raise NotImplementedError


@register("merged-paragraphs", Severity.ERROR)
class MergedParagraphs(LinkRule):
    def about(self, link: Link, doc: Document, ref: Document) -> Said | None:
        if len(link.source) != 2 or len(link.target) != 1:
            return None
        (a, b), t = link.source, link.target[0]
        theirs, ours = f"{label(a, ref)} and {label(b, ref)}", f"{label(t, doc)} of {doc.lang}"
        return t, a, f"paragraphs {theirs} of {ref.lang} are merged into paragraph {ours}"


@register("split-paragraph", Severity.ERROR)
class SplitParagraph(LinkRule):
    def about(self, link: Link, doc: Document, ref: Document) -> Said | None:
        if len(link.target) != 2 or not link.source:
            return None
        (a, b), r = link.target, link.source[0]
        ours = f"{label(a, doc)} and {label(b, doc)}"
        if len(link.source) == 1:
            split = f"is split into paragraphs {ours} of {doc.lang}"
            return a, r, f"paragraph {label(r, ref)} of {ref.lang} {split}"
        theirs = f"{label(r, ref)} and {label(link.source[1], ref)} of {ref.lang}"
        return a, r, f"paragraphs {theirs} are divided differently in {doc.lang} {ours}"


@register("reordered-paragraphs", Severity.ERROR)
class ReorderedParagraphs(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in aligned_versions(context):
            order = ordered(alignment)
            for group in _groups(order):
                links = [order.links[k] for k in group]
                moved = [order.links[k] for k in group if k in order.moved]
                first = min(moved, key=lambda k: k.source[0].number)
                yield self.finding(
                    doc,
                    first.target[0].line,
                    _reorder_message(links, moved, ref, doc),
                    paragraph=first.target[0],
                    reference=first.source[0],
                )


def reordered_links(alignment: Alignment) -> frozenset[int]:
    """Indices of the links in a group of crossing links (every link of a swap or move)."""
    return frozenset(k for group in _groups(ordered(alignment)) for k in group)


def _groups(order: Ordered) -> list[list[int]]:
    """Runs of links (in reference order) whose target order is mixed up."""
    out: list[list[int]] = []
    linked = [k for k, link in enumerate(order.links) if link.target and link.source]
    if not order.moved:
        return out
    positions = [order.positions[k] or 0 for k in linked]
    lowest_after = [math.inf] * (len(positions) + 1)
    for a in range(len(positions) - 1, -1, -1):
        lowest_after[a] = min(lowest_after[a + 1], positions[a])
    start = 0
    high = -1
    for a, pos in enumerate(positions):
        high = max(high, pos)
        if high < lowest_after[a + 1]:
            group = linked[start : a + 1]
            if any(k in order.moved for k in group):
                out.append(group)
            start = a + 1
    return out


def _reorder_message(links: list[Link], moved: list[Link], ref: Document, doc: Document) -> str:
    lang, rl = doc.lang, ref.lang
    if len(links) == 2:
        order = {p: k for k, p in enumerate(doc.paragraphs)}
        a, b = sorted(links, key=lambda k: order[k.target[0]])  # in the version's order
        ta, tb = label(a.target[0], doc), label(b.target[0], doc)
        ra, rb = label(a.source[0], ref), label(b.source[0], ref)
        if (ta, tb) == (ra, rb):  # moved with their numbers
            return (
                f"{lang} {ta} and {lang} {tb} stand in the wrong order: {lang} {ta} "
                f"(matching {rl} {ra}) comes before {lang} {tb} (matching {rl} {rb})"
            )
        return (
            f"{lang} {ta} and {lang} {tb} are swapped: {lang} {ta} matches {rl} {ra} "
            f"and {lang} {tb} matches {rl} {rb}"
        )
    if len(moved) == 2 and len(links) >= 2:
        a, b = sorted(moved, key=lambda k: k.target[0].line)
        if {a.target[0], b.target[0]} == {links[0].target[0], links[-1].target[0]} or len(
            links
        ) == 2:
            return (
                f"{lang} {label(a.target[0], doc)} and {lang} {label(b.target[0], doc)} "
                "are swapped: "
                f"{lang} {label(a.target[0], doc)} matches {rl} {label(a.source[0], ref)} and "
                f"{lang} {label(b.target[0], doc)} matches {rl} {label(b.source[0], ref)}"
            )
    parts = []
    for link in moved:
        parts.append(
            f"{lang} {label(link.target[0], doc)} matches {rl} {label(link.source[0], ref)}"
        )
    where = [label(link.source[0], ref) for link in links]
    return (
        f"paragraphs {rl} {number_range(where)} stand in a different order in {lang}: "
        + "; ".join(parts)
    )


@register("possible-swap", Severity.WARNING)
class PossibleSwap(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in aligned_versions(context):
            for k, k2 in alignment.doubts:
                a, b = alignment.links[k], alignment.links[k2]
                ta, tb = label(a.target[0], doc), label(b.target[0], doc)
                ra, rb = label(a.source[0], ref), label(b.source[0], ref)
                message = (
                    f"{doc.lang} {ta} and {doc.lang} {tb} may be swapped: their texts fit "
                    f"{ref.lang} {ra} and {ref.lang} {rb} almost equally well either way"
                )
                yield self.finding(  # once for the pair, at its first paragraph
                    doc,
                    a.target[0].line,
                    message,
                    paragraph=a.target[0],
                    reference=a.source[0],
                )


@register("structure-mismatch", Severity.ERROR)
class StructureMismatch(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        expected = numbering_runs(ref)
        for doc, _ in aligned_versions(context):
            runs = numbering_runs(doc)
            if len(runs) == len(expected) or not runs:
                continue
            restarts = ", ".join(str(first.line) for first, _ in runs[1:]) or "none"
            message = (
                f"{ref.lang} has {len(expected)} separately numbered parts, {doc.lang} has "
                f"{len(runs)} ({doc.lang} numbering restarts at lines {restarts})"
            )
            line = runs[1][0].line if len(runs) > 1 else runs[0][0].line
            yield self.finding(doc, line, message)


@register("empty-paragraph", Severity.ERROR)
class EmptyParagraph(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc in context.documents.versions:
            alignment = context.alignments.get(doc.lang or "") if doc is not ref else None
            partner: dict[Paragraph, Paragraph] = {}
            if alignment is not None:
                for link in alignment.links:
                    for t in link.target:
                        if link.source:
                            partner[t] = link.source[0]
            for p in doc.paragraphs:
                if not is_empty(p):
                    continue
                r = partner.get(p)
                note = (
                    f" ({ref.lang} {label(r, ref)} is not)"
                    if r is not None and not is_empty(r)
                    else ""
                )
                message = f"paragraph {label(p, doc)} of {doc.lang} is empty{note}"
                yield self.finding(
                    doc,
                    p.line,
                    message,
                    paragraph=p,
                    reference=r or (p if doc is ref else None),
                )


@register("missing-introductory-line", Severity.WARNING)
class MissingIntroductoryLine(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        intros: dict[Paragraph, Block] = {}
        pending: Block | None = None
        for item in ref.items:
            if isinstance(item, Block):
                if item.kind is Kind.INTRO:
                    pending = item
            else:
                if pending is not None:
                    intros[item] = pending
                pending = None
        if not intros:
            return
        for doc, alignment in aligned_versions(context):
            before_text = _text_before(doc)
            order = ordered(alignment)
            # paragraphs that moved around the line may have left it before another of them
            group_of = {k: group for group in _groups(order) for k in group}
            for k, link in enumerate(alignment.links):
                if not link.target or not link.source or link.source[0] not in intros:
                    continue
                near = [alignment.links[g].target for g in group_of.get(k, [k])]
                if k in order.moved or any(before_text.get(t) for ts in near for t in ts):
                    continue
                t = link.target[0]
                intro = intros[link.source[0]]
                message = (
                    f"{doc.lang} has no introductory line before paragraph {label(t, doc)} "
                    f"({ref.lang}: {intro.text})"
                )
                yield self.finding(doc, t.line, message, paragraph=t, reference=link.source[0])


def _text_before(doc: Document) -> dict[Paragraph, bool]:
    """For each paragraph, whether unnumbered text stands between it and the previous one."""
    out: dict[Paragraph, bool] = {}
    seen = False
    for item in doc.items:
        if isinstance(item, Block):
            seen = True
        else:
            out[item] = seen
            seen = False
    return out
