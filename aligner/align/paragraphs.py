"""Paragraph alignment of a language version to the reference version.

Numbers come first: the paragraph pairs that share their number give a guide (the longest
run of them in order), train the first scorer (length ratio and variance, word
associations) and get a small bonus. Every guide pair is then verified by content, because
a number that matches says nothing when a paragraph was dropped and the rest renumbered: a
pair that is cheap, and not clearly dearer than pairing either paragraph with the other's
neighbour, is confirmed, and runs of confirmed pairs (less a margin at their ends) anchor
the alignment. Between anchors, dynamic programming over 1-0, 0-1, 1-1, 2-1, 1-2 and 2-2
beads (Gale–Church style, with a length model estimated from the document pair and landmarks
from `aligner.align.associations`) searches a band along the diagonal of the gap, widened where the
best path touches its edge. A clean version thus costs about three pair scores per
paragraph, and a dropped paragraph in a renumbered version one skip rather than a run of
mismatches. The scorer is re-trained on the alignment found (and on close rivals where it
is unsure) and the alignment redone with it as the guide. Paragraphs that moved are found
last, by pinning out-of-order pairs where that lowers the cost of the alignment around
them.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left
from collections.abc import Sequence

from aligner.align.dynamic import align_gap, uncross, with_moves
from aligner.align.judging import judge_gaps, judge_lookalikes, judge_merges
from aligner.align.lengths import LengthModel
from aligner.align.params import PARAMS
from aligner.align.profiles import Profile
from aligner.align.scorer import Bead, IndexPair, Pieces, Scorer, profiles, score
from aligner.align.search import (
    longest_chain,
    running_max,
)
from aligner.model import Alignment, Document, Link, Paragraph

#: A link a reviser fixed: (section, number) of a reference and of a target paragraph.
PinnedLink = tuple[tuple[str, int], tuple[str, int]]


def align_versions(
    reference: Document,
    targets: Sequence[Document],
    pins: Sequence[Sequence[PinnedLink]] = (),
) -> list[Alignment]:
    """Align each of `targets` to `reference`, measuring the reference paragraphs once;
    `pins[k]` are the links fixed for `targets[k]` (see `align_documents`).

    Gaps and look-alike neighbours are then judged again with the other versions as
    witnesses (`judge_gaps`, `judge_lookalikes`); pinned links are left as they are.
    """
    measured = profiles(reference.paragraphs)
    fixed = list(pins) or [()] * len(targets)
    found = [
        _align(reference, target, measured, kept)
        for target, kept in zip(targets, fixed, strict=True)
    ]
    return _judged(reference, targets, found)


def _judged(
    reference: Document,
    targets: Sequence[Document],
    aligned: Sequence[tuple[list[Bead], Scorer, list[IndexPair]]],
) -> list[Alignment]:
    """The alignments, with gaps and look-alikes judged again (pinned beads untouched)."""
    found = [(beads, scorer) for beads, scorer, _ in aligned]
    pinned = [{*pins} for _, _, pins in aligned]
    judge_merges(found, pinned)
    judge_gaps(reference, targets, found, pinned)
    doubts = judge_lookalikes(reference, targets, found, pinned)
    return [
        _alignment(reference, target, beads, scorer, doubt)
        for target, (beads, scorer), doubt in zip(targets, found, doubts, strict=True)
    ]


def align_documents(
    reference: Document,
    target: Document,
    reference_profiles: Sequence[Profile] | None = None,
    pins: Sequence[PinnedLink] = (),
) -> Alignment:
    """Align `target` paragraph by paragraph to `reference`.

    Links come in reference order; a paragraph that moved is linked where it belongs in
    the reference, so target order can be read from the links' target paragraphs.
    `reference_profiles`, when given, are the profiles of the reference paragraphs.
    `pins` are links a reviser fixed: each becomes a 1-1 link whatever the content says
    (an anchor of the search when in order with the others); pins naming a paragraph
    that does not exist are ignored.
    """
    return _judged(reference, [target], [_align(reference, target, reference_profiles, pins)])[0]


def _align(
    reference: Document,
    target: Document,
    reference_profiles: Sequence[Profile] | None = None,
    pins: Sequence[PinnedLink] = (),
) -> tuple[list[Bead], Scorer, list[IndexPair]]:
    """The beads of `target` aligned to `reference`, the scorer that chose them, and the
    pinned pairs (reference index, target index)."""
    ref, tgt = reference.paragraphs, target.paragraphs
    pieces = Pieces(ref, tgt, reference_profiles)
    forced = _pin_indices(ref, tgt, pins)
    pairs = longest_chain(_numbered_pairs(ref, tgt))
    extra: list[IndexPair] = []
    scorer = Scorer(pieces, pairs)
    beads = _anchored(scorer, pairs, forced)
    for _ in range(PARAMS.passes):
        found = [(r[0], t[0]) for r, t in beads if len(r) == len(t) == 1]
        if 2 * sum(scorer.pair(i, j) <= PARAMS.confirm for i, j in found) < min(len(ref), len(tgt)):
            break  # most paragraphs unmatched or poorly: nothing worth learning from
        rivals = _rivals(beads, scorer)
        if (found, rivals) == (pairs, extra):
            break
        pairs, extra = found, rivals
        scorer = Scorer(pieces, pairs, extra)
        beads = _anchored(scorer, pairs, forced)
    beads = with_moves(scorer, beads)
    return _forced(uncross(beads, scorer), forced), scorer, forced


def _pin_indices(
    ref: Sequence[Paragraph], tgt: Sequence[Paragraph], pins: Sequence[PinnedLink]
) -> list[IndexPair]:
    """Pins as (reference index, target index), each paragraph in one pin at most."""
    where_r = {(p.section, p.number): i for i, p in reversed(list(enumerate(ref)))}
    where_t = {(p.section, p.number): j for j, p in reversed(list(enumerate(tgt)))}
    out: list[IndexPair] = []
    used_r: set[int] = set()
    used_t: set[int] = set()
    for a, b in pins:
        i, j = where_r.get(a), where_t.get(b)
        if i is not None and j is not None and i not in used_r and j not in used_t:
            used_r.add(i)
            used_t.add(j)
            out.append((i, j))
    return sorted(out)


def _forced(beads: Sequence[Bead], pins: Sequence[IndexPair]) -> list[Bead]:
    """The beads with every pin as a 1-1 bead: its paragraphs taken out of other beads."""
    out = list(beads)
    for i, j in pins:
        if ((i,), (j,)) in out:
            continue
        out = [(tuple(x for x in r if x != i), tuple(y for y in t if y != j)) for r, t in out]
        out = [(r, t) for r, t in out if r or t]
        firsts = [r[0] if r else -1 for r, _ in out]
        out.insert(bisect_left(running_max(firsts), i + 1), ((i,), (j,)))
    return out


def _rivals(beads: Sequence[Bead], scorer: Scorer) -> list[IndexPair]:
    """Pairs nearly as cheap as a 1-1 bead they compete with, where the alignment is unsure.

    Near a missing, extra, merged or split paragraph the alignment may have chosen the
    wrong one of two neighbours (rivals within two); a 1-1 bead much dearer than usual
    elsewhere may hold a paragraph that moved (rivals among the likely partners of its
    paragraphs). Learning from the rivals too keeps the words that would correct the choice.
    """
    n, m = len(scorer.ref), len(scorer.tgt)
    near_odd = [False] * len(beads)
    for k, (r, t) in enumerate(beads):
        if len(r) != 1 or len(t) != 1:
            for near in range(max(0, k - 2), min(len(beads), k + 3)):
                near_odd[near] = True
    costs = {k: scorer.pair(r[0], t[0]) for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1}
    typical = statistics.median(costs.values()) if costs else 0.0
    out: list[tuple[int, int]] = []
    for k, cost in costs.items():
        (i,), (j,) = beads[k]
        if near_odd[k]:
            candidates = [(i + d, j) for d in range(-2, 3)] + [(i, j + d) for d in range(-2, 3)]
        elif cost > typical + PARAMS.suspect:
            candidates = [(a, j) for a in scorer.candidates(j, reference=False)]
            candidates += [(i, b) for b in scorer.candidates(i, reference=True)]
        else:
            continue
        out.extend(
            (a, b)
            for a, b in candidates
            if 0 <= a < n
            and 0 <= b < m
            and (a, b) != (i, j)
            and scorer.pair(a, b) <= cost + PARAMS.rival
        )
    return out


def length_model(alignment: Alignment) -> LengthModel:
    """The length model of an alignment, estimated from its 1-1 links."""
    return LengthModel.estimate(
        (len(link.source[0].text), len(link.target[0].text))
        for link in alignment.links
        if link.kind == "1-1"
    )


# --- internals ---------------------------------------------------------------------------


def _numbered_pairs(ref: Sequence[Paragraph], tgt: Sequence[Paragraph]) -> list[IndexPair]:
    """Index pairs of paragraphs with the same section and number (first occurrence each).

    Paragraphs without a written number pair with nothing here: content aligns them.
    """
    where: dict[tuple[str, str], int] = {}
    for j, p in enumerate(tgt):
        if p.numbered:
            where.setdefault((p.section, p.ident), j)
    out: list[IndexPair] = []
    used: set[int] = set()
    for i, p in enumerate(ref):
        match = where.get((p.section, p.ident)) if p.numbered else None
        if match is not None and match not in used:
            used.add(match)
            out.append((i, match))
    return out


def _alignment(
    reference: Document,
    target: Document,
    beads: Sequence[Bead],
    scorer: Scorer,
    doubts: Sequence[tuple[int, int]] = (),
) -> Alignment:
    ref, tgt = reference.paragraphs, target.paragraphs
    doubtful = {k for pair in doubts for k in pair}
    held: tuple[dict[int, float], dict[int, float]] = ({}, {})
    for r, t in beads:
        if len(r) == len(t) == 1:
            held[0][r[0]] = held[1][t[0]] = scorer.step(r, t)
    links = []
    last = [-1, -1]  # last reference and target paragraph linked so far
    for k, (r, t) in enumerate(beads):
        value = 0.0
        if r and t:
            value = score(scorer.cost(r[0], r[-1] + 1, t[0], t[-1] + 1))
        at = last[1] + 1 if r else last[0] + 1
        sure = confidence(scorer, r, t, held, at)
        if r:
            last[0] = max(last[0], r[-1])
        if t:
            last[1] = max(last[1], t[-1])
        if k in doubtful:
            sure = min(sure, PARAMS.doubtful)
        links.append(Link(tuple(ref[i] for i in r), tuple(tgt[j] for j in t), value, sure))
    return Alignment(reference, target, tuple(links), tuple(doubts))


def confidence(
    scorer: Scorer,
    r: Sequence[int],
    t: Sequence[int],
    held: tuple[dict[int, float], dict[int, float]] = ({}, {}),
    at: int | None = None,
) -> float:
    """How sure a bead is, in [0, 1]: a logistic of its margin over the nearest rival.

    Rivals of a 1-1 bead are pairing either paragraph with a neighbour of the other (up to
    `PARAMS.rival_reach` away) and leaving both unmatched; of a skipped paragraph, pairing it with
    the paragraphs of the other side near `at` (where it would stand), whose partners then
    lose what their beads cost (`held`: per reference and per target paragraph, the cost of
    the 1-1 bead holding it); of a 2-1, 1-2 or 2-2 bead, its parts paired one to one with
    the rest left out. 0.5 means a tie, 0.9 a margin of `PARAMS.sure` cost units.
    """
    n, m = len(scorer.ref), len(scorer.tgt)
    if r and t:
        own = scorer.step(r, t)
        i, j = r[0], t[0]
        if len(r) == len(t) == 1:
            rivals = [scorer.step((i,), (b,)) for b in _reach(j, m) if b != j]
            rivals += [scorer.step((a,), (j,)) for a in _reach(i, n) if a != i]
            rivals.append(2 * PARAMS.skip)
        else:
            rivals = [
                scorer.step((a,), (b,)) + PARAMS.skip * (len(r) + len(t) - 2) for a in r for b in t
            ]
    else:
        own = PARAMS.skip
        # pairing it instead leaves the partner's own partner out (or takes it in)
        if r:
            near = _reach(_nearest(r[0], n, m) if at is None else at, m)
            rivals = [
                scorer.pair(r[0], b) + PARAMS.skip - held[1].get(b, PARAMS.skip) for b in near
            ]
        else:
            near = _reach(_nearest(t[0], m, n) if at is None else at, n)
            rivals = [
                scorer.pair(a, t[0]) + PARAMS.skip - held[0].get(a, PARAMS.skip) for a in near
            ]
    margin = min(rivals, default=own + 4 * PARAMS.sure) - own
    return round(1.0 / (1.0 + math.exp(-margin * math.log(9) / PARAMS.sure)), 3)


def _reach(k: int, size: int) -> range:
    return range(max(0, k - PARAMS.rival_reach), min(size, k + PARAMS.rival_reach + 1))


def _nearest(k: int, size: int, other: int) -> int:
    """The index on the other side (of `other` paragraphs) proportional to `k` of `size`."""
    return min(other - 1, round(k * other / size)) if other else 0


def _anchored(
    scorer: Scorer, guide: Sequence[IndexPair], pins: Sequence[IndexPair] = ()
) -> list[Bead]:
    """The alignment: confirmed runs of the guide as they are, dynamic programming between.

    A lone unconfirmed pair inside a run (the paragraphs before and after it confirmed)
    does not break the run: it is left to the dynamic programming alone, as the run fixes
    where its paragraphs go. Pins in order with each other are anchors too, and anchors
    that cross one are dropped.
    """
    n, m = len(scorer.ref), len(scorer.tgt)
    confirmed = [scorer.confirmed(i, j) for i, j in guide]
    follows = [
        k > 0 and guide[k] == (guide[k - 1][0] + 1, guide[k - 1][1] + 1) for k in range(len(guide))
    ]
    sound = [
        ok
        or (
            0 < k < len(guide) - 1
            and confirmed[k - 1]
            and confirmed[k + 1]
            and follows[k]
            and follows[k + 1]
        )
        for k, ok in enumerate(confirmed)
    ]
    anchors: list[IndexPair] = []
    k = 0
    while k < len(guide):
        if not sound[k]:
            k += 1
            continue
        start = k
        while k + 1 < len(guide) and sound[k + 1] and follows[k + 1]:
            k += 1
        run = range(start, k + 1)
        k += 1
        first = run.start if guide[run.start] == (0, 0) else run.start + PARAMS.margin
        last = run.stop if guide[run.stop - 1] == (n - 1, m - 1) else run.stop - PARAMS.margin
        anchors.extend(guide[a] for a in range(first, last) if confirmed[a])
    if pins:
        kept = longest_chain(pins)
        anchors = sorted(
            [
                (i, j)
                for i, j in anchors
                if all((i < a and j < b) or (i > a and j > b) for a, b in kept)
            ]
            + kept
        )
    beads: list[Bead] = []
    previous = (-1, -1)
    for anchor in [*anchors, (n, m)]:
        rows = range(previous[0] + 1, anchor[0])
        cols = range(previous[1] + 1, anchor[1])
        if rows or cols:
            beads.extend(align_gap(scorer, rows, cols))
        if anchor != (n, m):
            beads.append(((anchor[0],), (anchor[1],)))
        previous = anchor
    return beads
