"""Numbering rules: a number is right when it matches the reference paragraph its
content matches, or continues the version's own sequence (so a consistently
renumbered version after a dropped paragraph raises one finding, not many)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from aligner.checks.base import Context, SetRule, register
from aligner.checks.context import (
    _delta,
    aligned_versions,
    is_empty,
    label,
    lower_or_higher,
    number_range,
)
from aligner.checks.params import NUMBERING
from aligner.findings import Finding, Severity
from aligner.model import (
    Alignment,
    Document,
    Link,
    Paragraph,
)


@dataclass(frozen=True)
class Ordered:
    """An alignment's links split into those in target order and those that moved."""

    links: tuple[Link, ...]
    positions: tuple[int | None, ...]  # target index of each link's first target paragraph
    moved: frozenset[int]  # indices into `links` of links out of target order


def ordered(alignment: Alignment) -> Ordered:
    """Mark as moved the fewest links whose removal leaves the target order increasing.

    Among equally long orders, links whose paragraphs share their number are kept first,
    then those with smaller target positions, so that of two neighbours swapped the
    earlier reference paragraph is the one reported, and of 18-19-20 read as 20-19-18
    the two swapped ones. O(n log n).
    """
    index = {p: i for i, p in enumerate(alignment.target.paragraphs)}
    links = alignment.links
    slots = [(k, index[link.target[0]]) for k, link in enumerate(links) if link.target]
    longest = _longest_from([position for _, position in slots], len(alignment.target.paragraphs))
    # Slots with equal `longest` have decreasing positions, so those eligible at each step
    # (after the last pick, above its position) form one run of them; the pick is the
    # run's last slot sharing its number, else its last slot (the smallest position).
    by_length: dict[int, list[int]] = {}
    for a, length in enumerate(longest):
        by_length.setdefault(length, []).append(a)
    same_before: dict[int, list[int]] = {}  # per length: last same-number place up to here
    for length, members in by_length.items():
        last, marks = -1, []
        for place, a in enumerate(members):
            if _same_number(links[slots[a][0]]):
                last = place
            marks.append(last)
        same_before[length] = marks
    keep: set[int] = set()
    need = max(longest, default=0)
    last_position, start = -1, 0
    while need:
        members = by_length[need]
        first = bisect_left(members, start)
        # positions decrease along `members`: those above `last_position` come first
        end = bisect_left(members, True, lo=first, key=lambda a: slots[a][1] <= last_position)
        marked = same_before[need][end - 1]
        pick = members[marked if marked >= first else end - 1]
        keep.add(slots[pick][0])
        last_position, start, need = slots[pick][1], pick + 1, need - 1
    moved = frozenset(k for k, _ in slots if k not in keep)
    positions = tuple(index[link.target[0]] if link.target else None for link in links)
    return Ordered(links, positions, moved)


def _longest_from(values: Sequence[int], size: int) -> list[int]:
    """For each place, the length of the longest increasing run of `values` starting there.

    `values` are distinct integers below `size`; a Fenwick tree of maxima over values makes
    this O(n log n).
    """
    tree = [0] * (size + 1)  # over reversed values: prefix maxima = maxima above a value
    out = [0] * len(values)
    for a in range(len(values) - 1, -1, -1):
        k = size - values[a] - 1  # values above values[a] are reversed indices below k
        best = 0
        while k > 0:
            best = max(best, tree[k])
            k -= k & -k
        out[a] = best + 1
        k = size - values[a]
        while k <= size:
            tree[k] = max(tree[k], out[a])
            k += k & -k
    return out


def _same_number(link: Link) -> bool:
    if not link.source or not link.source[0].numbered or not link.target[0].numbered:
        return False
    return link.source[0].ident == link.target[0].ident


def _target_sequence(alignment: Alignment) -> list[tuple[Paragraph, Link | None, int]]:
    """Target paragraphs in target order with their link and place inside it."""
    where: dict[Paragraph, tuple[Link, int]] = {}
    for link in alignment.links:
        for k, p in enumerate(link.target):
            where[p] = (link, k)
    return [(p, *where.get(p, (None, 0))) for p in alignment.target.paragraphs]


def _numbers_from_content(link: Link | None, place: int) -> set[int] | None:
    """Numbers a target paragraph may carry given the reference paragraphs it matches."""
    if link is None or not link.source or not all(p.sequential for p in link.source):
        return None
    numbers = {p.number for p in link.source}
    if len(link.target) == 2 and len(link.source) == 1 and place == 1:
        numbers.add(link.source[0].number + 1)  # the second half of a split paragraph
    if len(link.target) == 2 and len(link.source) == 2:
        numbers = {link.source[place].number}
    return numbers


@dataclass(frozen=True)
class NumberingProblem:
    """One paragraph whose number fits neither its content nor the sequence."""

    rule: str  # duplicate-number, numbering-gap or misnumbered-paragraph
    paragraph: Paragraph
    reference: Paragraph | None
    expected: int
    other: Paragraph | None  # for a duplicate: the paragraph with the same number


def numbering_problems(doc: Document, alignment: Alignment | None) -> list[NumberingProblem]:
    """Numbering problems of a version (judged against the reference when aligned)."""
    if alignment is not None:
        sequence = _target_sequence(alignment)
    else:
        sequence = [(p, None, 0) for p in doc.paragraphs]
    sequence = [entry for entry in sequence if entry[0].sequential]  # plain numbers only
    out: list[NumberingProblem] = []
    previous: Paragraph | None = None
    expected_previous = 0
    numbered: dict[tuple[str, int], list[Paragraph]] = {}
    for q in doc.paragraphs:
        if q.sequential:
            numbered.setdefault((q.section, q.number), []).append(q)
    for k, (p, link, place) in enumerate(sequence):
        from_content = _numbers_from_content(link, place)
        if link is not None and not link.source:
            from_content = {p.number}  # extra paragraphs are reported as such
        fits = {expected_previous + 1}
        if previous is not None:
            fits.add(previous.number + 1)
        if previous is None or previous.section != p.section:
            fits.add(1)
        if p.number in fits or (from_content and p.number in from_content) or is_empty(p):
            expected_previous = p.number
            previous = p
            continue
        expected = min(from_content) if from_content else min(fits - {1} or fits)
        reference = link.source[min(place, len(link.source) - 1)] if link and link.source else None
        twin = next((q for q in numbered[(p.section, p.number)] if q is not p), None)
        following = sequence[k + 1][0] if k + 1 < len(sequence) else None
        if twin is not None:
            rule = DuplicateNumber.id
        elif p.number > expected and (following is None or following.number == p.number + 1):
            rule = NumberingGap.id
        else:
            rule = MisnumberedParagraph.id
        out.append(NumberingProblem(rule, p, reference, expected, twin))
        expected_previous = p.number if rule == NumberingGap.id else expected
        previous = p
    return out


def _numbering_findings(rule: type[SetRule], context: Context) -> Iterator[Finding]:
    for doc in context.documents.versions:
        alignment = context.alignments.get(doc.lang or "") if doc is not context.reference else None
        ref_lang = context.reference.lang
        for problem in numbering_problems(doc, alignment):
            if problem.rule != rule.id:
                continue
            p = problem.paragraph
            name = label(p, doc)
            match = ""
            if problem.reference is not None and alignment is not None:
                matched = label(problem.reference, context.reference)
                match = f"; its content matches {ref_lang} {matched}"
            if rule is DuplicateNumber:
                assert problem.other is not None
                message = (
                    f"paragraph number {name} of {doc.lang} is used twice (lines "
                    f"{problem.other.line} and {p.line}){match}"
                )
            elif rule is NumberingGap:
                skipped = (
                    str(problem.expected)
                    if p.number - problem.expected == 1
                    else f"{problem.expected}–{p.number - 1}"
                )
                message = (
                    f"numbering of {doc.lang} skips {skipped}: paragraph {name} "
                    f"follows {problem.expected - 1}{match}"
                )
            else:
                message = (
                    f"paragraph {name} of {doc.lang} should be numbered {problem.expected}{match}"
                )
            yield rule.finding(doc, p.line, message, paragraph=p, reference=problem.reference)


class Neighbours:
    """For each link of an alignment, its nearest neighbours with a target, and the runs of
    equally renumbered links; built once so that a missing-paragraph message costs O(1)
    however many paragraphs are missing (no scan from each gap)."""

    def __init__(self, alignment: Alignment) -> None:
        links = alignment.links
        n = len(links)
        self.alignment = alignment
        self.next_target: list[int | None] = [None] * (n + 1)
        self.next_both: list[int | None] = [None] * (n + 1)
        self.prev_target: list[int | None] = [None] * (n + 1)
        for k in range(n - 1, -1, -1):
            link = links[k]
            self.next_target[k] = k if link.target else self.next_target[k + 1]
            self.next_both[k] = k if link.source and link.target else self.next_both[k + 1]
        last = None
        for k in range(n):
            self.prev_target[k] = last
            if links[k].target:
                last = k
        # run_end[k]: for a link with both sides, the last link of the run that follows it
        # among links with both sides: 1-1 links numbered with the same shift
        self.run_end: dict[int, int] = {}
        following: int | None = None
        for k in range(n - 1, -1, -1):
            link = links[k]
            if not (link.source and link.target):
                continue
            delta = _delta(link)
            self.run_end[k] = k
            if following is not None and delta is not None:
                nxt = links[following]
                one = len(nxt.source) == 1 and len(nxt.target) == 1
                if one and _delta(nxt) == delta:
                    self.run_end[k] = self.run_end[following]
            following = k

    def target_line_after(self, position: int) -> int:
        """The line of the first target paragraph linked after `position` (else the last)."""
        k = self.next_target[position + 1]
        if k is not None:
            return self.alignment.links[k].target[0].line
        paragraphs = self.alignment.target.paragraphs
        return paragraphs[-1].line if paragraphs else 1

    def shift_note(self, position: int) -> str:
        """ "(ru 7 matches en 8; ru 7–19 are numbered one lower than en)" for a gap."""
        alignment = self.alignment
        ref, tgt = alignment.reference, alignment.target
        k = self.next_both[position + 1]
        if k is None:
            before = self.prev_target[position]
            if before is not None:
                previous = alignment.links[before]
                return f" (it would follow {tgt.lang} {label(previous.target[-1], tgt)})"
            return ""
        first = alignment.links[k]
        note = (
            f" ({tgt.lang} {label(first.target[0], tgt)} matches "
            f"{ref.lang} {label(first.source[0], ref)}"
        )
        delta = _delta(first)
        if delta:
            end = self.run_end[k]
            labels = [label(first.target[0], tgt), label(alignment.links[end].target[0], tgt)]
            single = end == k
            verb = "is" if single else "are"
            note += (
                f"; {tgt.lang} {number_range(labels[:1] if single else labels)} {verb} numbered "
                f"{lower_or_higher(delta)} than {ref.lang}"
            )
        return note + ")"


@register("duplicate-number", Severity.ERROR)
class DuplicateNumber(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


@register("numbering-gap", Severity.ERROR)
class NumberingGap(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


@register("misnumbered-paragraph", Severity.ERROR)
class MisnumberedParagraph(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


def numbering_runs(doc: Document) -> list[tuple[Paragraph, int]]:
    """Runs of paragraphs whose numbering restarts at 1: (first paragraph, length).

    A 1 after a higher number starts a run when a heading stands between them or the
    numbers after it start again (at most `NUMBERING.restart_next`, not where the old
    sequence goes on); a 1 moved among its neighbours ("2, 1, 3") is a reordering, not a
    new part.
    """
    runs: list[tuple[Paragraph, int]] = []
    paragraphs = [p for p in doc.paragraphs if p.sequential]
    previous: Paragraph | None = None
    for index, p in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        restart = (
            previous is not None
            and p.number == 1
            and previous.number > 1
            and (
                p.section != previous.section
                or following is None
                or (
                    following.number <= NUMBERING.restart_next
                    and following.number != previous.number + 1
                )
            )
        )
        if previous is None or restart:
            runs.append((p, 0))
        first, size = runs[-1]
        runs[-1] = (first, size + 1)
        previous = p
    return runs


@register("numbering-lost", Severity.ERROR)
class NumberingLost(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        numbered = [p for p in ref.paragraphs if p.numbered]
        if len(numbered) < 2:
            return
        for doc, _ in aligned_versions(context):
            if not doc.paragraphs or any(p.numbered for p in doc.paragraphs):
                continue
            message = (
                f"{doc.lang} has no paragraph numbers, {ref.lang} numbers {len(numbered)} of "
                f"its paragraphs ({numbered[0].ident} to {numbered[-1].ident}): {doc.lang} was "
                "aligned by content"
            )
            yield self.finding(doc, doc.paragraphs[0].line, message)
