"""Dynamic programming between anchors (`aligner.align.search` over paragraph beads), and
the search for paragraphs that moved (pinned out of order where that lowers the cost)."""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left
from collections.abc import Sequence

from aligner.align.params import PARAMS
from aligner.align.scorer import Bead, IndexPair, Scorer
from aligner.align.search import (
    Shape,
    Span,
    Step,
    cheapest_path,
    diagonal,
    path_spans,
    running_max,
    touches_edge,
    widen,
    windows,
)


def align_gap(scorer: Scorer, rows: range, cols: range) -> list[Bead]:
    """Align reference paragraphs `rows` to target paragraphs `cols` (no anchor between).

    A small gap is searched whole. In a large one, a first search with 1-1, 1-0 and 0-1
    beads only follows the diagonal of the gap, as wide as the difference of its sides
    plus `PARAMS.band`, doubled (up to `PARAMS.max_band` beyond that difference) while the
    best path runs along one of its edges; the search with every bead then follows that
    path, `PARAMS.band` wide.
    """
    n, m = len(rows), len(cols)
    if (n + 1) * (m + 1) <= PARAMS.small_gap:
        return _dynamic(scorer, list(rows), list(cols))[0]
    rows_, cols_ = list(rows), list(cols)
    width = abs(n - m) + PARAMS.band
    while True:
        band = widen(diagonal(n, m), width, m)
        rough = _path(scorer, rows_, cols_, band, _SIMPLE)
        if width >= min(max(n, m), abs(n - m) + PARAMS.max_band) or not touches_edge(
            rough, band, m
        ):
            break
        width *= 2
    return _dynamic(scorer, rows_, cols_, widen(path_spans(rough, n), PARAMS.band, m))[0]


_SHAPES: tuple[Shape, ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2))


_SIMPLE: tuple[Shape, ...] = _SHAPES[:3]


def _path(
    scorer: Scorer,
    rows: Sequence[int],
    cols: Sequence[int],
    band: Sequence[Span] | None = None,
    shapes: Sequence[Shape] = _SHAPES,
) -> list[Step]:
    """The cheapest path aligning reference paragraphs `rows` to target paragraphs `cols`.

    `rows` and `cols` are increasing paragraph indices (paragraphs left out are pinned
    elsewhere); only consecutive paragraphs form 2-1, 1-2 and 2-2 beads. `band` gives, for
    each row of the table (0 to len(rows)), the range of columns searched (default all);
    `shapes` the bead shapes allowed.
    """

    def cost(x: int, y: int, a: int, b: int) -> float:
        if (a == 2 and rows[x + 1] != rows[x] + 1) or (b == 2 and cols[y + 1] != cols[y] + 1):
            return math.inf
        return scorer.step(rows[x : x + a], cols[y : y + b])

    return cheapest_path(len(rows), len(cols), shapes, cost, band=band)


def _dynamic(
    scorer: Scorer,
    rows: Sequence[int],
    cols: Sequence[int],
    band: Sequence[Span] | None = None,
) -> tuple[list[Bead], list[float]]:
    """The beads of `_path` (every shape) and what each adds to the cost."""
    beads: list[Bead] = [
        (tuple(rows[x : x + a]), tuple(cols[y : y + b]))
        for x, y, a, b, _ in _path(scorer, rows, cols, band)
    ]
    return beads, [scorer.step(r, t) for r, t in beads]


def with_moves(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """The monotonic alignment, plus pinned 1-1 pairs for paragraphs that moved.

    Pinning a pair of suspect paragraphs (or two pairs that swap partners) takes them out
    of the monotonic alignment; a pin is kept when the cost of the beads around the pinned
    paragraphs, re-aligned without them, plus `PARAMS.move` per pinned pair, goes down.
    """
    beads = list(beads)
    pins: list[IndexPair] = []
    trials = 0
    limit = max(PARAMS.max_trials, len(beads) // PARAMS.trials_per)
    while trials < limit:
        where_r = {i: k for k, (r, _) in enumerate(beads) for i in r}
        where_t = {j: k for k, (_, t) in enumerate(beads) for j in t}
        changes: list[tuple[int, int, list[Bead]]] = []
        busy: set[int] = set()
        for option in _pin_options(beads, scorer):
            if trials >= limit:
                break
            touched = sorted({where_r[i] for i, _ in option} | {where_t[j] for _, j in option})
            regions = windows(touched, len(beads), PARAMS.region)
            if any(k in busy for start, end in regions for k in range(start, end)):
                continue
            trials += 1
            pinned_r, pinned_t = {i for i, _ in option}, {j for _, j in option}
            gain = -sum(scorer.pair(i, j) + PARAMS.move for i, j in option)
            redone = []
            for start, end in regions:
                rows = [i for r, _ in beads[start:end] for i in r if i not in pinned_r]
                cols = [j for _, t in beads[start:end] for j in t if j not in pinned_t]
                new, added = _dynamic(scorer, rows, cols)
                gain += sum(scorer.step(r, t) for r, t in beads[start:end]) - sum(added)
                redone.append((start, end, new))
            if gain > 1e-9:
                pins.extend(option)
                changes.extend(redone)
                busy.update(k for start, end in regions for k in range(start, end))
        if not changes:
            break
        for start, end, new in sorted(changes, reverse=True):
            beads[start:end] = new
    firsts = [r[0] if r else -1 for r, _ in beads]
    for i, j in sorted(pins, reverse=True):
        # after the last bead whose reference paragraphs come before i
        at = bisect_left(running_max(firsts), i + 1)
        beads.insert(at, ((i,), (j,)))
        firsts.insert(at, i)
    return beads


def _pin_options(beads: Sequence[Bead], scorer: Scorer) -> list[list[IndexPair]]:
    """Pins worth trying, most promising first.

    Single pins pair two suspect paragraphs (in 1-0, 0-1, 2-x beads or dear 1-1 beads);
    swaps exchange the partners of a suspect 1-1 bead and another 1-1 bead. Partners are
    looked for among the likely ones (`Scorer.candidates`); only options whose local gain,
    `PARAMS.move` per pin included, is positive are tried.
    """
    costs = [
        scorer.cost(r[0], r[-1] + 1, t[0], t[-1] + 1) if r and t else PARAMS.skip for r, t in beads
    ]
    where_r = {i: k for k, (r, _) in enumerate(beads) for i in r}
    where_t = {j: k for k, (_, t) in enumerate(beads) for j in t}
    single = {k for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1}
    typical = statistics.median(costs) if costs else 0.0
    suspect = [
        k
        for k, (r, t) in enumerate(beads)
        if len(r) != 1 or len(t) != 1 or costs[k] > min(typical + PARAMS.suspect, 0.0)
    ]
    suspect_r = {i for k in suspect for i in beads[k][0]}
    suspect_t = {j for k in suspect for j in beads[k][1]}
    options: dict[tuple[IndexPair, ...], float] = {}
    singles = {(i, j) for i in suspect_r for j in scorer.candidates(i, True) if j in suspect_t}
    singles |= {(i, j) for j in suspect_t for i in scorer.candidates(j, False) if i in suspect_r}
    for i, j in singles:
        if where_r[i] == where_t[j] or scorer.pair(i, j) > PARAMS.suspect:
            continue
        gain = costs[where_r[i]] + costs[where_t[j]] - scorer.pair(i, j) - PARAMS.move
        if gain > 0:
            options[((i, j),)] = gain
    for a in (k for k in suspect if k in single):
        (i,), (j,) = beads[a]
        others = {where_t.get(y) for y in scorer.candidates(i, True)}
        others |= {where_r.get(x) for x in scorer.candidates(j, False)}
        for b in others:
            if b is None or b == a or b not in single:
                continue
            (x,), (y,) = beads[b]
            crossed = scorer.pair(i, y) + scorer.pair(x, j)
            gain = costs[a] + costs[b] - crossed - 2 * PARAMS.move
            if gain > 0 and max(scorer.pair(i, y), scorer.pair(x, j)) <= PARAMS.suspect:
                options[tuple(sorted([(i, y), (x, j)]))] = gain
    return [list(o) for o, _ in sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))]


def uncross(beads: Sequence[Bead], scorer: Scorer) -> list[Bead]:
    """Replace 2-2 beads whose crossed pairs match far better by the two crossed 1-1 pairs."""
    out: list[Bead] = []
    for r, t in beads:
        if len(r) == len(t) == 2:
            straight = scorer.pair(r[0], t[0]) + scorer.pair(r[1], t[1])
            crossed = scorer.pair(r[0], t[1]) + scorer.pair(r[1], t[0])
            if crossed + 2 * PARAMS.move < straight:
                out.extend([((r[0],), (t[1],)), ((r[1],), (t[0],))])
                continue
        out.append((r, t))
    return out
