"""The search engine on its own: cheapest bead paths against brute force, bands, chains."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Iterator, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.search import (
    Shape,
    Span,
    Step,
    anchor_band,
    cheapest_path,
    diagonal,
    heaviest_chain,
    longest_chain,
    path_spans,
    running_max,
    touches_edge,
    widen,
    windows,
)

SHAPES: list[Shape] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2)]


def _paths(x: int, y: int, n: int, m: int, shapes: Sequence[Shape]) -> Iterator[list[Shape]]:
    """Every path of beads from cell (x, y) to (n, m)."""
    if (x, y) == (n, m):
        yield []
        return
    for a, b in shapes:
        if x + a <= n and y + b <= m:
            for rest in _paths(x + a, y + b, n, m, shapes):
                yield [(a, b), *rest]


def _total(path: Sequence[Shape], cost: dict[tuple[int, int, int, int], float]) -> float:
    x = y = 0
    total = 0.0
    for a, b in path:
        total += cost[(x, y, a, b)]
        x, y = x + a, y + b
    return total


def _inside(path: Sequence[Step], band: Sequence[Span]) -> bool:
    return all(band[s.x][0] <= s.y <= band[s.x][1] for s in path) and all(
        band[s.x + s.a][0] <= s.y + s.b <= band[s.x + s.a][1] for s in path
    )


tables = st.integers(0, 4).flatmap(
    lambda n: st.integers(0, 4).flatmap(
        lambda m: st.tuples(
            st.just(n),
            st.just(m),
            st.dictionaries(
                st.tuples(st.integers(0, n), st.integers(0, m), st.sampled_from(SHAPES)),
                st.integers(0, 20).map(float),
            ),
        )
    )
)


@settings(max_examples=120, deadline=None)
@given(tables)
def test_cheapest_path_is_the_optimum_of_brute_force(
    table: tuple[int, int, dict[tuple[int, int, Shape], float]],
) -> None:
    n, m, drawn = table
    cost = {
        (x, y, a, b): drawn.get((x, y, (a, b)), 10.0)
        for x in range(n + 1)
        for y in range(m + 1)
        for a, b in SHAPES
    }
    path = cheapest_path(n, m, SHAPES, lambda x, y, a, b: cost[(x, y, a, b)])
    best = min(_total(p, cost) for p in _paths(0, 0, n, m, SHAPES))
    shapes = [(s.a, s.b) for s in path]
    assert _total(shapes, cost) == best
    assert math.fsum(s.cost for s in path) == pytest.approx(best)
    assert sum(s.a for s in path) == n and sum(s.b for s in path) == m
    assert all(s.cost == cost[(s.x, s.y, s.a, s.b)] for s in path)


@settings(max_examples=100, deadline=None)
@given(tables, st.integers(0, 2))
def test_extra_cost_and_band_keep_the_optimum(
    table: tuple[int, int, dict[tuple[int, int, Shape], float]], width: int
) -> None:
    """`extra` counts fully in the optimum; a band restricts it to paths inside the band."""
    n, m, drawn = table
    base = {
        (x, y, a, b): drawn.get((x, y, (a, b)), 10.0) / 2
        for x in range(n + 1)
        for y in range(m + 1)
        for a, b in SHAPES
    }
    band = widen(diagonal(n, m), abs(n - m) + width, m) if n else [(0, m)]  # as paragraphs
    computed: list[tuple[int, int, int, int]] = []

    def extra(x: int, y: int, a: int, b: int) -> float:
        computed.append((x, y, a, b))
        return base[(x, y, a, b)]

    path = cheapest_path(
        n, m, SHAPES, lambda x, y, a, b: base[(x, y, a, b)], band=band, extra=extra
    )
    doubled = {key: 2 * value for key, value in base.items()}
    inside = [p for p in _paths(0, 0, n, m, SHAPES) if _inside(_steps(p), band)]
    assert _inside(path, band)
    assert _total([(s.a, s.b) for s in path], doubled) == min(_total(p, doubled) for p in inside)
    assert len(computed) <= len(set(computed)) * len(SHAPES)


def _steps(shapes: Sequence[Shape]) -> list[Step]:
    out, x, y = [], 0, 0
    for a, b in shapes:
        out.append(Step(x, y, a, b, 0.0))
        x, y = x + a, y + b
    return out


def test_first_shape_wins_a_tie() -> None:
    path = cheapest_path(1, 1, [(1, 1), (1, 0), (0, 1)], lambda x, y, a, b: 1.0 if a and b else 0.5)
    assert [(s.a, s.b) for s in path] == [(1, 1)]
    path = cheapest_path(1, 1, [(1, 0), (0, 1), (1, 1)], lambda x, y, a, b: 1.0 if a and b else 0.5)
    assert [(s.a, s.b) for s in path] == [(0, 1), (1, 0)]  # cell (1, 1) reached by a 1-0 bead


def test_infinite_cost_forbids_a_bead() -> None:
    path = cheapest_path(2, 2, SHAPES, lambda x, y, a, b: math.inf if a == b else 1.0)
    assert all(s.a != s.b for s in path)


def test_no_path_through_the_band_is_an_error() -> None:
    with pytest.raises(ValueError, match="no path"):
        cheapest_path(2, 2, [(1, 1)], lambda x, y, a, b: 1.0, band=[(0, 0), (0, 0), (2, 2)])


def test_forget_is_told_of_rows_no_longer_read() -> None:
    told: list[tuple[int, int]] = []
    n = m = 12
    band = anchor_band(n, m, [(5, 5)], 2, 10)

    def cost(x: int, y: int, a: int, b: int) -> float:
        assert all(x > row for row, _ in told)  # never a row already forgotten
        return 1.0

    cheapest_path(n, m, SHAPES, cost, band=band, forget=lambda i, j: told.append((i, j)))
    assert [row for row, _ in told] == list(range(n - 2))
    assert [col for _, col in told] == sorted(col for _, col in told)  # columns only advance


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=25))
def test_longest_chain_is_increasing_and_longest(pairs: list[tuple[int, int]]) -> None:
    pairs = sorted(dict(pairs).items())  # distinct first indices, increasing
    chain = longest_chain(pairs)
    assert all(p in pairs for p in chain)
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(chain))

    @functools.cache
    def longest_from(k: int) -> int:
        return 1 + max(
            (longest_from(q) for q in range(k + 1, len(pairs)) if pairs[q][1] > pairs[k][1]),
            default=0,
        )

    assert len(chain) == max(map(longest_from, range(len(pairs))), default=0)


@given(
    st.dictionaries(
        st.tuples(st.integers(0, 30), st.integers(0, 30)), st.integers(1, 9).map(float), max_size=20
    )
)
def test_heaviest_chain_is_increasing_and_heaviest(weights: dict[tuple[int, int], float]) -> None:
    pairs = sorted((i, j, w) for (i, j), w in weights.items())
    chain = heaviest_chain(pairs, lookback=len(pairs))
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in itertools.pairwise(chain))

    @functools.cache
    def heaviest_from(k: int) -> float:
        i, j, w = pairs[k]
        after = (q for q in range(k + 1, len(pairs)) if pairs[q][0] > i and pairs[q][1] > j)
        return w + max(map(heaviest_from, after), default=0.0)

    assert sum(weights[p] for p in chain) == max(map(heaviest_from, range(len(pairs))), default=0)


def test_heaviest_chain_looks_back_only_so_far() -> None:
    pairs = [(0, 0, 5.0), (1, 9, 1.0), (2, 9, 1.0), (3, 9, 1.0), (4, 1, 5.0)]
    assert heaviest_chain(pairs, lookback=4) == [(0, 0), (4, 1)]
    assert heaviest_chain(pairs, lookback=3) == [(0, 0), (1, 9)]  # (4, 1) cannot see (0, 0)


@given(st.integers(0, 40), st.integers(0, 40), st.data())
def test_anchor_band_holds_the_anchor_path(n: int, m: int, data: st.DataObject) -> None:
    rows = data.draw(st.lists(st.integers(0, max(n - 1, 0)), unique=True, max_size=6))
    cols = data.draw(st.lists(st.integers(0, max(m - 1, 0)), unique=True, max_size=6))
    anchors = list(zip(sorted(rows), sorted(cols), strict=False)) if n and m else []
    band = anchor_band(n, m, anchors, 2, 50)
    assert len(band) == n + 1
    assert band[0][0] == 0 and band[n][1] == m
    assert all(0 <= lo <= hi <= m for lo, hi in band)
    for i, j in anchors:
        assert band[i][0] <= j <= band[i][1] and band[i + 1][0] <= j + 1 <= band[i + 1][1]
    assert all(band[x - 1][1] >= band[x][0] for x in range(1, n + 1))  # connected
    cheapest_path(n, m, SHAPES, lambda x, y, a, b: 1.0, band=band)  # a path runs through


def test_path_spans_and_edges() -> None:
    path = _steps([(1, 1), (0, 1), (2, 1), (1, 0)])
    assert path_spans(path, 4) == [(0, 0), (1, 2), (2, 3), (3, 3), (3, 3)]
    band = widen(path_spans(path, 4), 1, 3)
    assert band == [(0, 1), (0, 3), (1, 3), (2, 3), (2, 3)]
    assert not touches_edge(path, band, 3)
    assert touches_edge(path, [(0, 1), (1, 2), (1, 3), (3, 3), (3, 3)], 3)


def test_windows_and_running_max() -> None:
    assert windows([0, 2, 9], 12, 1) == [(0, 4), (8, 11)]
    assert windows([], 5, 3) == []
    assert running_max([-1, 3, 1, 5, 2]) == [-1, 3, 3, 5, 5]
