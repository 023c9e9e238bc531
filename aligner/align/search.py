"""The search engine both aligners share: the cheapest monotone path of beads through a
band of the alignment table, the bands it searches, and increasing chains of anchor pairs.

The table has a row for each source position 0..n and a column for each target position
0..m; a bead of shape (a, b) joins cell (x, y) to cell (x + a, y + b), linking source items
x..x+a-1 to target items y..y+b-1 (a 1-0 or 0-1 bead leaves one item unmatched). The
aligners differ only in what they pass: the bead shapes, the cost of a bead, and the band.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import NamedTuple

#: A bead's size: (source items, target items).
Shape = tuple[int, int]
#: The columns [lo, hi] searched in one row of the table.
Span = tuple[int, int]
#: A bead's cost given its first cell and its shape: cost(x, y, a, b).
BeadCost = Callable[[int, int, int, int], float]


class Step(NamedTuple):
    """One bead of a path: from cell (x, y), shape (a, b), and what it adds to the cost."""

    x: int
    y: int
    a: int
    b: int
    cost: float


def cheapest_path(  # noqa: C901, PLR0912  (the one hot loop, kept flat for speed)
    n: int,
    m: int,
    shapes: Sequence[Shape],
    cost: BeadCost,
    *,
    band: Sequence[Span] | None = None,
    extra: BeadCost | None = None,
    forget: Callable[[int, int], None] | None = None,
) -> list[Step]:
    """The cheapest path of beads from cell (0, 0) to (n, m), in order.

    `shapes` are the bead shapes allowed, tried in their order (on a tie the first wins);
    `band` gives for each row 0..n the columns searched (default all; it must join (0, 0)
    to (n, m)). A bead's cost is `cost`, plus `extra` when given: `extra` is only added,
    and only computed, while the bead may still beat the best one found for its cell, so
    it must never be negative; `cost` may be infinite to forbid a bead. After row x is
    done, `forget(row, col)` is told that no later bead starts in a row up to `row` or a
    column before `col` (rows that far back are dropped). Raises ValueError when no path
    runs through the band.
    """
    if band is None:
        band = [(0, m)] * (n + 1)
    reach_x = max(a for a, _ in shapes)
    reach_y = max(b for _, b in shapes)
    inf = math.inf
    costs: list[list[float]] = []
    picks: list[bytearray] = []  # index into `shapes` of the best bead ending at each cell
    owns: list[list[float]] = []  # what that bead adds
    for x in range(n + 1):
        if x > reach_x:  # rows further back are never read again
            if forget is not None:
                forget(x - reach_x - 1, band[x - reach_x][0] - reach_y)
            costs[x - reach_x - 1] = []
        lo, hi = band[x]
        row = [inf] * (hi - lo + 1)
        pick = bytearray(hi - lo + 1)
        own = [0.0] * (hi - lo + 1)
        # the shapes whose beads can end in this row: index, size, first row, the costs
        # of that row and the columns searched in it (never below 0)
        ways = []
        for s, (a, b) in enumerate(shapes):
            px = x - a
            if px >= 0:
                plo, phi = band[px]
                ways.append((s, a, b, px, row if px == x else costs[px], plo, max(plo, 0), phi))
        for y in range(lo, hi + 1):
            if x == 0 and y == 0:
                row[0] = 0.0
                continue
            best, arg, best_own = inf, 0, 0.0
            for s, a, b, px, prev_row, plo, first, phi in ways:
                py = y - b
                if py < first or py > phi:
                    continue
                prev = prev_row[py - plo]
                if prev == inf:
                    continue
                total = prev + cost(px, py, a, b)
                if total >= best:  # `extra` only adds: no need to compute it
                    continue
                if extra is not None:
                    total += extra(px, py, a, b)
                if total < best:
                    best, arg, best_own = total, s, total - prev
            row[y - lo] = best
            pick[y - lo] = arg
            own[y - lo] = best_own
        costs.append(row)
        picks.append(pick)
        owns.append(own)
    lo, hi = band[n]
    if not lo <= m <= hi or costs[n][m - lo] == inf:
        raise ValueError(f"no path of beads through the band to ({n}, {m})")
    path: list[Step] = []
    x, y = n, m
    while x > 0 or y > 0:
        cell = y - band[x][0]
        a, b = shapes[picks[x][cell]]
        path.append(Step(x - a, y - b, a, b, owns[x][cell]))
        x, y = x - a, y - b
    path.reverse()
    return path


# --- bands -------------------------------------------------------------------------------


def anchor_band(
    n: int, m: int, anchors: Sequence[tuple[int, int]], width: int, max_width: int
) -> list[Span]:
    """For each row 0..n, the columns within reach of the path through 1-1 `anchors`.

    The path runs straight from (0, 0) through each anchor's bead to (n, m); around each
    stretch between two anchors the band is `width` wide, widened by the difference of the
    stretch's sides (a passage deleted or inserted) and by an eighth of its longer side, up
    to `max_width`. Anchors must increase in both coordinates.
    """
    points = [(0, 0)]
    for i, j in anchors:
        points += [(i, j), (i + 1, j + 1)]
    points.append((n, m))
    lo = [m] * (n + 1)
    hi = [0] * (n + 1)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        dx, dy = x1 - x0, y1 - y0
        reach = min(width + abs(dx - dy) + max(dx, dy) // 8, max_width)
        for x in range(x0, x1 + 1):
            c0 = y0 + (dy * (x - x0) / dx if dx else 0)
            c1 = y0 + (dy * (x + 1 - x0) / dx if dx else dy)
            c_1 = y0 + (dy * (x - 1 - x0) / dx if dx else 0)
            lo[x] = min(lo[x], max(0, math.floor(min(c0, c_1)) - reach))
            hi[x] = max(hi[x], min(m, math.ceil(max(c0, c1, y1 if dx == 0 else c0)) + reach))
    lo[0] = 0
    hi[n] = m
    for x in range(1, n + 1):  # keep the band connected
        lo[x] = max(lo[x], 0)
        hi[x - 1] = max(hi[x - 1], lo[x])
    return list(zip(lo, hi, strict=True))


def diagonal(n: int, m: int) -> list[Span]:
    """For each row 0..n, the columns next to the straight line from (0, 0) to (n, m)."""
    return [(math.floor(i * m / n), math.ceil(i * m / n)) for i in range(n + 1)]


def widen(spans: Sequence[Span], width: int, m: int) -> list[Span]:
    """The band `width` columns either side of `spans`, within columns 0..m."""
    return [(max(0, lo - width), min(m, hi + width)) for lo, hi in spans]


def path_spans(path: Sequence[Step], n: int) -> list[Span]:
    """For each row 0..n, the first and last column the path visits in it."""
    spans = [(0, 0)] * (n + 1)
    for x, y, a, b, _ in path:
        if not a:
            spans[x] = (spans[x][0], y + b)
            continue
        for crossed in range(x + 1, x + a):  # rows a bead of several source items crosses
            spans[crossed] = (y, y + b)
        spans[x + a] = (y + b, y + b)
    return spans


def touches_edge(path: Sequence[Step], band: Sequence[Span], m: int) -> bool:
    """Whether the path ends a bead on an inner edge of its band (a wider one may do better)."""
    for x, y, a, b, _ in path:
        lo, hi = band[x + a]
        if (y + b == lo and lo > 0) or (y + b == hi and hi < m):
            return True
    return False


# --- increasing chains -------------------------------------------------------------------


def longest_chain(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of `pairs` (increasing first index) whose second index
    increases too (patience sorting, O(k log k))."""
    tails: list[int] = []  # second index ending the best chain of each length
    ends: list[int] = []  # index into `pairs` of that chain's last pair
    back = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tails, j)
        back[k] = ends[at - 1] if at else -1
        if at == len(tails):
            tails.append(j)
            ends.append(k)
        else:
            tails[at], ends[at] = j, k
    out = []
    k = ends[-1] if ends else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def heaviest_chain(pairs: Sequence[tuple[int, int, float]], lookback: int) -> list[tuple[int, int]]:
    """The heaviest chain of (i, j, weight) pairs (sorted by i) increasing in i and j, each
    pair linked to the best of the `lookback` pairs before it (O(k × lookback): enough for
    anchors, which are sparse and mostly in order)."""
    if not pairs:
        return []
    best: list[float] = []
    back: list[int] = []
    for k, (i, j, weight) in enumerate(pairs):
        top, arg = weight, -1
        for prev in range(max(0, k - lookback), k):
            pi, pj, _ = pairs[prev]
            if pi < i and pj < j and best[prev] + weight > top:
                top, arg = best[prev] + weight, prev
        best.append(top)
        back.append(arg)
    k = max(range(len(pairs)), key=best.__getitem__)
    chain = []
    while k >= 0:
        chain.append((pairs[k][0], pairs[k][1]))
        k = back[k]
    return chain[::-1]


# --- re-searching parts of a path --------------------------------------------------------


def windows(touched: Sequence[int], size: int, reach: int) -> list[tuple[int, int]]:
    """Ranges [start, end) of 0..size within `reach` of the sorted `touched` indices,
    overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for k in touched:
        start, end = max(0, k - reach), min(size, k + reach + 1)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def running_max(values: Sequence[int]) -> list[int]:
    """The greatest value so far at each place (-1 before any)."""
    out, high = [], -1
    for v in values:
        high = max(high, v)
        out.append(high)
    return out
