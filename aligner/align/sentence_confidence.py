"""How sure a sentence bead is: a logistic of its cost margin over the beads that could
have taken its place."""

from __future__ import annotations

import math
from collections.abc import Sequence

from aligner.align.sentence_result import SentenceBead
from aligner.align.sentence_scorer import SentenceScorer


def bead_confidence(scorer: SentenceScorer, bead: SentenceBead, n: int, m: int) -> float:
    """How sure a sentence bead is, in [0, 1]: a logistic of its margin over its rivals.

    Rivals pair its sentences one to one with the neighbours of their partners (or leave
    them unmatched); for a bead of several sentences, also one part alone with the other
    side (a part left over is a sentence missing or added); for an unmatched sentence,
    pairing it with the nearest sentences of the other side (never none: `n` and `m`, the
    numbers of source and target sentences, are not 0). 0.5 is a tie; `Params.sure` below
    the nearest rival is 0.9.
    """
    xs, ys = bead
    params = scorer.params
    skip = params.skip
    if xs and ys:
        x, y, a, b = xs[0], ys[0], len(xs), len(ys)
        own = scorer.cost(x, y, a, b)
        rivals = [(a + b) * skip]
        if a > 1 or b > 1:  # one part alone explaining the other side (the rest, part skips)
            rest = (a + b - 2) * skip * params.part_skip
            rivals += [scorer.cost(i, j, 1, 1) + rest for i in xs for j in ys]
        for i in xs:
            rivals += [scorer.cost(i, j, 1, 1) + (a + b - 2) * skip for j in _near(ys, m)]
        for j in ys:
            rivals += [scorer.cost(i, j, 1, 1) + (a + b - 2) * skip for i in _near(xs, n)]
    elif xs:
        own = skip
        rivals = [scorer.cost(xs[0], j, 1, 1) for j in _around(xs[0] * m // n, m)]
    else:
        own = skip
        rivals = [scorer.cost(i, ys[0], 1, 1) for i in _around(ys[0] * n // m, n)]
    margin = min(rivals) - own
    return round(1.0 / (1.0 + math.exp(-margin * math.log(9) / params.sure)), 3)  # 9 = 0.9/0.1


def _near(indices: Sequence[int], size: int) -> list[int]:
    """The neighbours (one away) of a run of indices, below `size`."""
    return [k for k in (indices[0] - 1, indices[-1] + 1) if 0 <= k < size]


def _around(k: int, size: int) -> range:
    return range(max(0, k - 1), min(size, k + 2))
