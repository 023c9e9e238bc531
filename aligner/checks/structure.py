"""Structural rules: paragraphs missing, extra, merged, split, moved or misnumbered.

They read the alignments of a `Context`: a 1-0 link is a missing paragraph, 0-1 an extra
one, 2-1 merged, 1-2 split, and links whose target order breaks the reference order are
reordered. Numbering is judged per paragraph: a number is right when it matches the
reference paragraph its content matches, or continues the version's own sequence (so a
consistently renumbered version after a dropped paragraph raises one finding, not many).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from aligner.checks.base import Context, Finding, Rule, Severity, register
from aligner.model import (
    CODE_LETTERS,
    LANGUAGES,
    Alignment,
    Block,
    Document,
    Kind,
    Link,
    Paragraph,
)

# --- helpers shared by the rules ---------------------------------------------------------


def label(paragraph: Paragraph, doc: Document) -> str:
    """A paragraph's number as people cite it: "7", or "2.7" when numbering has sections;
    a label that is not a plain number as written ("3.4", "II"); "¶12" (and its line)
    for the 12th paragraph without a number."""
    if not paragraph.numbered:
        return f"{paragraph.ident} (line {paragraph.line})"
    if paragraph.key:
        return paragraph.key
    if doc.sectioned:
        return f"{paragraph.section}.{paragraph.number}"
    return str(paragraph.number)


def finding(
    rule: type[Rule],
    doc: Document,
    line: int,
    message: str,
    *,
    paragraph: Paragraph | None = None,
    reference: Paragraph | None = None,
) -> Finding:
    """A finding of `rule` about version `doc` (its file, language and document name)."""
    where = paragraph or reference
    return Finding(
        file=doc.path,
        line=line,
        rule=rule.id,
        severity=rule.severity,
        lang=doc.lang or "",
        message=message,
        paragraph=paragraph.cited if paragraph else None,
        reference_paragraph=reference.cited if reference else None,
        document=doc.name,
        section=where.section if where else None,
    )


def is_empty(paragraph: Paragraph) -> bool:
    """A paragraph with a number but no words."""
    return not any(c.isalnum() for c in paragraph.text)


def _span(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{items[0]}–{items[-1]}"


def _lower_or_higher(delta: int) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    amount = words.get(abs(delta), str(abs(delta)))
    return f"{amount} {'lower' if delta < 0 else 'higher'}"


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


def _numbering_findings(rule: type[Rule], context: Context) -> Iterator[Finding]:
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
            yield finding(rule, doc, p.line, message, paragraph=p, reference=problem.reference)


def _target_line_after(alignment: Alignment, position: int) -> int:
    """The line of the first target paragraph linked after link `position` (else the last);
    one scan (for many gaps in one alignment use `_Neighbours`)."""
    for link in islice(alignment.links, position + 1, None):
        if link.target:
            return link.target[0].line
    paragraphs = alignment.target.paragraphs
    return paragraphs[-1].line if paragraphs else 1


class _Neighbours:
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
                f"; {tgt.lang} {_span(labels[:1] if single else labels)} {verb} numbered "
                f"{_lower_or_higher(delta)} than {ref.lang}"
            )
        return note + ")"


def _delta(link: Link) -> int | None:
    """How much higher the target is numbered than the reference (None: not both plainly
    numbered)."""
    source, target = link.source[0], link.target[0]
    if not (source.sequential and target.sequential):
        return None
    return target.number - source.number


def _aligned(context: Context) -> Iterator[tuple[Document, Alignment]]:
    for doc in context.documents.versions:
        if doc is context.reference:
            continue
        alignment = context.alignments.get(doc.lang or "")
        if alignment is not None:
            yield doc, alignment


# --- rules -------------------------------------------------------------------------------


@register
class MissingParagraph(Rule):
    id = "missing-paragraph"
    severity = Severity.ERROR
    description = "A reference paragraph has no counterpart in a language version."
    explanation = (
        "Paragraphs are aligned by number and then verified by content (length, numbers, "
        "names, organisations). A reference paragraph whose content is found nowhere in the "
        "version is missing; when the version was renumbered after the gap, the message says "
        "which of its paragraphs are numbered lower than the reference, and no other finding "
        "is raised for them. The line is that of the version's paragraph where the missing "
        "one should have been."
    )
    example = (
        "en 6, 7, 8 -> ru 6, 7, 8 where ru 7 translates en 8:\n"
        "  paragraph 7 of en has no counterpart in ru (ru 7 matches en 8; ru 7–19 are "
        "numbered one lower than en)"
    )

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
            neighbours = None
            for position, link in enumerate(alignment.links):
                if link.target or len(link.source) != 1:
                    continue
                neighbours = neighbours or _Neighbours(alignment)
                r = link.source[0]
                message = (
                    f"paragraph {label(r, ref)} of {ref.lang} has no counterpart in {doc.lang}"
                    + neighbours.shift_note(position)
                )
                line = neighbours.target_line_after(position)
                yield finding(self.__class__, doc, line, message, reference=r)


@register
class ExtraParagraph(Rule):
    id = "extra-paragraph"
    severity = Severity.ERROR
    description = "A paragraph of a language version has no counterpart in the reference."
    explanation = (
        "A paragraph whose content matches no reference paragraph, for example a paragraph "
        "added in translation or pasted twice. The message names the reference paragraphs "
        "it stands between."
    )
    example = "paragraph 8 of fr has no counterpart in en (it stands between en 7 and en 8)"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
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
                yield finding(self.__class__, doc, t.line, message, paragraph=t)


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


@register
class MergedParagraphs(Rule):
    id = "merged-paragraphs"
    severity = Severity.ERROR
    description = "Two reference paragraphs are translated as one paragraph."
    explanation = (
        "The content of two consecutive reference paragraphs (their combined length, numbers "
        "and names) is found in a single paragraph of the version."
    )
    example = "paragraphs 5 and 6 of en are merged into paragraph 5 of de"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
            for link in alignment.links:
                if len(link.source) == 2 and len(link.target) == 1:
                    a, b = link.source
                    t = link.target[0]
                    message = (
                        f"paragraphs {label(a, ref)} and {label(b, ref)} of {ref.lang} are merged "
                        f"into paragraph {label(t, doc)} of {doc.lang}"
                    )
                    yield finding(self.__class__, doc, t.line, message, paragraph=t, reference=a)


@register
class SplitParagraph(Rule):
    id = "split-paragraph"
    severity = Severity.ERROR
    description = "One reference paragraph is translated as two paragraphs."
    explanation = (
        "The content of one reference paragraph is found in two consecutive paragraphs of the "
        "version (or two reference paragraphs are divided differently between two)."
    )
    example = "paragraph 9 of en is split into paragraphs 9 and 10 of it"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
            for link in alignment.links:
                if len(link.target) != 2 or not link.source:
                    continue
                a, b = link.target
                if len(link.source) == 1:
                    r = link.source[0]
                    message = (
                        f"paragraph {label(r, ref)} of {ref.lang} is split into paragraphs "
                        f"{label(a, doc)} and {label(b, doc)} of {doc.lang}"
                    )
                else:
                    r = link.source[0]
                    message = (
                        f"paragraphs {label(link.source[0], ref)} and {label(link.source[1], ref)} "
                        f"of {ref.lang} are divided differently in {doc.lang} "
                        f"{label(a, doc)} and {label(b, doc)}"
                    )
                yield finding(self.__class__, doc, a.line, message, paragraph=a, reference=r)


@register
class ReorderedParagraphs(Rule):
    id = "reordered-paragraphs"
    severity = Severity.ERROR
    description = (
        "Paragraphs of a language version stand in a different order than in the reference."
    )
    explanation = (
        "Every paragraph is matched by content; when the matches cross (a paragraph moved, "
        "or the texts of two paragraphs swapped), the fewest paragraphs that explain the "
        "new order are reported, once per group of crossing paragraphs."
    )
    example = "ru 5 and ru 12 are swapped: ru 5 matches en 12 and ru 12 matches en 5"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
            order = ordered(alignment)
            for group in _groups(order):
                links = [order.links[k] for k in group]
                moved = [order.links[k] for k in group if k in order.moved]
                first = min(moved, key=lambda k: k.source[0].number)
                yield finding(
                    self.__class__,
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
    return f"paragraphs {rl} {_span(where)} stand in a different order in {lang}: " + "; ".join(
        parts
    )


@register
class PossibleSwap(Rule):
    id = "possible-swap"
    severity = Severity.WARNING
    description = "Two look-alike paragraphs of a version may have exchanged their texts."
    explanation = (
        "Paragraphs that share most of their wording (two paragraphs opening 'Also calls on "
        "OSCE participating States to ...') are told apart by their other words, numbers, "
        "names, length and by how the other language versions pair them. When all that "
        "cannot tell whether a version has them in place or exchanged, they are reported "
        "for a reviser to read, never renumbered; the pairs are not exported as good units."
    )
    example = (
        "fr 14 and fr 15 may be swapped: their texts fit en 14 and en 15 almost equally "
        "well either way"
    )

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        for doc, alignment in _aligned(context):
            for k, k2 in alignment.doubts:
                a, b = alignment.links[k], alignment.links[k2]
                ta, tb = label(a.target[0], doc), label(b.target[0], doc)
                ra, rb = label(a.source[0], ref), label(b.source[0], ref)
                message = (
                    f"{doc.lang} {ta} and {doc.lang} {tb} may be swapped: their texts fit "
                    f"{ref.lang} {ra} and {ref.lang} {rb} almost equally well either way"
                )
                yield finding(  # once for the pair, at its first paragraph
                    self.__class__,
                    doc,
                    a.target[0].line,
                    message,
                    paragraph=a.target[0],
                    reference=a.source[0],
                )


@register
class DuplicateNumber(Rule):
    id = "duplicate-number"
    severity = Severity.ERROR
    description = "Two paragraphs of one version carry the same number."
    explanation = (
        "Within a section every paragraph number must be used once. The paragraph reported "
        "is the one out of sequence (its content, where aligned, matches the reference "
        "paragraph named in the message)."
    )
    example = "paragraph number 3 of fr is used twice (lines 20 and 21); its content matches en 4"

    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


@register
class NumberingGap(Rule):
    id = "numbering-gap"
    severity = Severity.ERROR
    description = "Paragraph numbering skips a number although no paragraph is missing."
    explanation = (
        "The version's numbering jumps (7 follows 5) while its content still matches the "
        "reference paragraph by paragraph. A gap left by a missing paragraph is reported as "
        "missing-paragraph instead."
    )
    example = "numbering of it skips 6: paragraph 7 follows 5; its content matches en 6"

    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


@register
class MisnumberedParagraph(Rule):
    id = "misnumbered-paragraph"
    severity = Severity.ERROR
    description = "A paragraph's number fits neither its content nor the sequence."
    explanation = (
        "The paragraph's content matches another reference number than the one it carries, "
        "and the number does not continue the version's own sequence either."
    )
    example = "paragraph 25 of es should be numbered 4; its content matches en 4"

    def check(self, context: Context) -> Iterable[Finding]:
        return _numbering_findings(self.__class__, context)


def numbering_runs(doc: Document) -> list[tuple[Paragraph, int]]:
    """Runs of paragraphs whose numbering restarts at 1: (first paragraph, length).

    A 1 after a higher number starts a run when a heading stands between them or the
    numbers after it start again (at most 3, not where the old sequence goes on); a 1
    moved among its neighbours ("2, 1, 3") is a reordering, not a new part.
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
                or (following.number <= 3 and following.number != previous.number + 1)
            )
        )
        if previous is None or restart:
            runs.append((p, 0))
        first, size = runs[-1]
        runs[-1] = (first, size + 1)
        previous = p
    return runs


@register
class StructureMismatch(Rule):
    id = "structure-mismatch"
    severity = Severity.ERROR
    description = (
        "A version has a different number of separately numbered parts than the reference."
    )
    explanation = (
        "Declarations hold several resolutions or chapters whose numbering restarts at 1. A "
        "version with more or fewer such parts than the reference lost or gained a part, "
        "or joined two. Heading styles and file formats are not compared."
    )
    example = "en has 3 separately numbered parts, fr has 2 (fr numbering restarts at lines 40)"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        expected = numbering_runs(ref)
        for doc, _ in _aligned(context):
            runs = numbering_runs(doc)
            if len(runs) == len(expected) or not runs:
                continue
            restarts = ", ".join(str(first.line) for first, _ in runs[1:]) or "none"
            message = (
                f"{ref.lang} has {len(expected)} separately numbered parts, {doc.lang} has "
                f"{len(runs)} ({doc.lang} numbering restarts at lines {restarts})"
            )
            line = runs[1][0].line if len(runs) > 1 else runs[0][0].line
            yield finding(self.__class__, doc, line, message)


@register
class EmptyParagraph(Rule):
    id = "empty-paragraph"
    severity = Severity.ERROR
    description = "A numbered paragraph has no text."
    explanation = "A paragraph number with nothing after it: the text was lost or never written."
    example = "paragraph 11 of de is empty (en 11 is not)"

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
                yield finding(
                    self.__class__,
                    doc,
                    p.line,
                    message,
                    paragraph=p,
                    reference=r or (p if doc is ref else None),
                )


@register
class MissingIntroductoryLine(Rule):
    id = "missing-introductory-line"
    severity = Severity.WARNING
    description = "The introductory line before a reference paragraph is missing in a version."
    explanation = (
        "Operative paragraphs follow a line such as 'The OSCE Parliamentary Assembly:'. When "
        "the reference has such a line before a paragraph and the version has no unnumbered "
        "text before the matching paragraph, the line was probably dropped (or joined to the "
        "previous paragraph)."
    )
    example = (
        "ru has no introductory line before paragraph 13 (en: The OSCE Parliamentary Assembly:)"
    )

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
        for doc, alignment in _aligned(context):
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
                yield finding(
                    self.__class__, doc, t.line, message, paragraph=t, reference=link.source[0]
                )


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


_CODE = re.compile(r"AS\s*\(\s*(\d{1,3})\s*\)\s*D\s*([A-Z])(?![A-Za-z])")
_LOOKALIKES = str.maketrans({"А": "A", "В": "B", "Е": "E", "С": "C", "Д": "D", "Ѕ": "S"})


def parse_code(code: str | None) -> tuple[str, str] | None:
    """(session, language letter) of a code such as "AS (14) D E" or "AS (14) DE"."""
    if not code:
        return None
    match = _CODE.search(code.translate(_LOOKALIKES))
    return (match.group(1), match.group(2)) if match else None


@register
class DocumentCodeMismatch(Rule):
    id = "document-code-mismatch"
    severity = Severity.WARNING
    description = "A version's document code names another session or language."
    explanation = (
        "OSCE PA documents carry a code such as 'AS (14) D F': the session (14) must be the "
        "reference's, and the last letter must be the version's language (E English, F French, "
        "G German, I Italian, R Russian, S Spanish). Versions without a code are not judged."
    )
    example = "document code of de is AS (14) D F: F means fr, not de"

    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        ref_code = parse_code(ref.code)
        for doc in context.documents.versions:
            parsed = parse_code(doc.code)
            if parsed is None:
                continue
            session, letter = parsed
            line = next((b.line for b in doc.blocks if b.kind is Kind.CODE), 1)
            lang = CODE_LETTERS.get(letter)
            if doc.lang in LANGUAGES and lang != doc.lang:
                meaning = f"{letter} means {lang}" if lang else f"{letter} is no language letter"
                message = f"document code of {doc.lang} is {doc.code}: {meaning}, not {doc.lang}"
                yield finding(self.__class__, doc, line, message)
            if ref_code is not None and doc is not ref and session != ref_code[0]:
                message = (
                    f"document code of {doc.lang} names session {session}, "
                    f"{ref.lang} names session {ref_code[0]}"
                )
                yield finding(self.__class__, doc, line, message)


@register
class Unreadable(Rule):
    id = "unreadable"
    severity = Severity.ERROR
    description = "An input file cannot be read; the other files are still checked."
    explanation = (
        "The file is missing, not a supported format, badly encoded, truncated or hostile "
        "(for example XML with external entities). The exit status is 2."
    )
    example = "fr.docx:1:1: error unreadable not a .docx file (not a zip archive)"

    def check(self, context: Context) -> Iterable[Finding]:
        return ()  # reported while reading, by aligner.corpus


@register
class UnsupportedFile(Rule):
    id = "unsupported-file"
    severity = Severity.ERROR
    description = "A file in a checked folder is in a format or language aligner does not read."
    explanation = (
        "Every file in a checked folder is either read as a language version or reported: "
        "a format without a reader (.odt, .rtf, images) or a version in a language outside "
        "en, fr, de, it, ru and es (read it by naming its language with --lang FILE=LANG). "
        "Hidden files and files whose names start with '_' are not versions. The exit "
        "status is 2."
    )
    example = "pl.md:1:1: error unsupported-file language pl is not one of en, fr, de, it, ru, es"

    def check(self, context: Context) -> Iterable[Finding]:
        return ()  # reported while reading, by aligner.corpus


@register
class NoUnits(Rule):
    id = "no-units"
    severity = Severity.ERROR
    description = "No paragraph or article could be read in a version: nothing was compared."
    explanation = (
        "A version whose text yields no unit to align (only a title, headings or nothing "
        "aligner recognises as a paragraph) cannot be checked, so it is an error rather "
        "than a clean file."
    )
    example = "fr.md:1:1: error no-units no paragraph could be read in fr (2 lines of title)"

    def check(self, context: Context) -> Iterable[Finding]:
        for doc in context.documents.versions:
            if doc.paragraphs:
                continue
            kinds = sorted({str(b.kind) for b in doc.blocks})
            found = f"only {', '.join(kinds)} text" if kinds else "no text"
            message = f"no paragraph could be read in {doc.lang} ({found}): nothing was compared"
            yield finding(self.__class__, doc, 1, message)
