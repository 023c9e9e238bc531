"""The cost of a sentence bead: a Gale–Church length cost, the unmatched share of token
weight times the bead's size, and a prior growing with its number of sentences; a 1-0 or
0-1 bead costs a constant. Sentence-pair matches are cached while the search needs them."""

from __future__ import annotations

import itertools
from collections import defaultdict

from aligner.align.lengths import gale_church_cost
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import Params

#: For each byte value, the positions of its set bits, lowest first.
_BITS = tuple(tuple(k for k in range(8) if byte >> k & 1) for byte in range(256))


def _mask_weight(mask: int, weights: list[float]) -> float:
    """The summed weights of the tokens whose bits are set in `mask`, lowest bit first
    (a byte at a time: the same additions in the same order as bit by bit)."""
    total = 0.0
    base = 0
    for byte in mask.to_bytes((mask.bit_length() + 7) >> 3, "little"):
        if byte:
            for k in _BITS[byte]:
                total += weights[base + k]
        base += 8
    return total


class SentenceScorer:
    """Bead costs with cached sentence-pair matches."""

    def __init__(
        self, src: SideFeatures, tgt: SideFeatures, params: Params, ratio: float | None = None
    ):
        self.src = src.sentences
        self.tgt = tgt.sentences
        self.params = params
        if ratio is None:  # from the texts, shrunk towards 1 when they are short
            total_src = sum(s.length for s in self.src) or 1
            total_tgt = sum(s.length for s in self.tgt) or 1
            trust = (total_src + total_tgt) / (total_src + total_tgt + params.ratio_prior)
            ratio = (total_tgt / total_src) ** trust
        self.ratio = ratio
        self.variance = params.variance * ratio
        self.src_cum = list(itertools.accumulate((s.length for s in self.src), initial=0))
        self.tgt_cum = list(itertools.accumulate((t.length for t in self.tgt), initial=0))
        self.src_total = list(itertools.accumulate((s.total for s in self.src), initial=0.0))
        self.tgt_total = list(itertools.accumulate((t.total for t in self.tgt), initial=0.0))
        self._pairs: dict[int, dict[int, tuple[int, int, float, float]]] = {}
        self._src_memo: dict[int, dict[int, float]] = defaultdict(dict)
        self._tgt_memo: dict[int, dict[int, float]] = defaultdict(dict)
        self._tgt_floor = 0
        # the matched weight of a sentence against a run of the other side: source i ->
        # {(first target, targets): weight}, target j -> {(first source, sources): weight}
        self._src_spans: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
        self._tgt_spans: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
        self._lengths: dict[tuple[int, int], float] = {}  # Gale–Church cost by lengths

    def pair(self, i: int, j: int) -> tuple[int, int, float, float]:
        """Masks and weights of the tokens of source `i` and target `j` that match each other."""
        row = self._pairs.get(i)
        if row is None:
            row = self._pairs[i] = {}
        found = row.get(j)
        if found is None:
            s, t = self.src[i], self.tgt[j]
            s_keys, t_keys = s.keys, t.keys
            ms = mt = 0
            for key in s_keys.keys() & t_keys.keys():
                ms |= s_keys[key]
                mt |= t_keys[key]
            found = (ms, mt, _mask_weight(ms, s.weights), _mask_weight(mt, t.weights))
            row[j] = found
        return found

    def forget(self, i: int, j: int) -> None:
        """Drop what is cached for source sentences up to `i` and targets before `j`."""
        self._pairs.pop(i, None)
        self._src_memo.pop(i, None)
        self._src_spans.pop(i, None)
        for old in range(self._tgt_floor, j):
            self._tgt_memo.pop(old, None)
            self._tgt_spans.pop(old, None)
        self._tgt_floor = max(self._tgt_floor, j)

    @staticmethod
    def _weight(memo: dict[int, float], mask: int, weights: list[float]) -> float:
        found = memo.get(mask)
        if found is None:
            found = memo[mask] = _mask_weight(mask, weights)
        return found

    def similarity(self, x: int, y: int, a: int, b: int) -> float:
        """Share of token weight matched in the bead of source x..x+a-1, target y..y+b-1."""
        src_total, tgt_total = self.src_total, self.tgt_total
        total = src_total[x + a] - src_total[x] + tgt_total[y + b] - tgt_total[y]
        if total <= 0:
            return 0.0
        if a == 1 and b == 1:
            row = self._pairs.get(x)
            found = row.get(y) if row is not None else None
            if found is None:
                found = self.pair(x, y)
            return (found[2] + found[3]) / total
        return self._matched(x, y, a, b) / total

    def _matched(self, x: int, y: int, a: int, b: int) -> float:
        """The token weight matched in a bead of three sentences or more: each source
        sentence's tokens matched by the bead's targets, then each target's by its sources
        (the weight of one sentence against a run of the other side is kept: beads of
        other sizes at other places ask for it again)."""
        pairs, pair = self._pairs, self.pair
        matched = 0.0
        if b == 1:
            for i in range(x, x + a):
                row = pairs.get(i)
                found = row.get(y) if row is not None else None
                matched += (found or pair(i, y))[2]
        else:
            key = (y, b)
            for i in range(x, x + a):
                spans = self._src_spans[i]
                weight = spans.get(key)
                if weight is None:
                    mask = 0
                    for j in range(y, y + b):
                        mask |= pair(i, j)[0]
                    weight = spans[key] = self._weight(self._src_memo[i], mask, self.src[i].weights)
                matched += weight
        if a == 1:
            row = pairs.get(x)
            for j in range(y, y + b):
                found = row.get(j) if row is not None else None
                matched += (found or pair(x, j))[3]
        else:
            key = (x, a)
            for j in range(y, y + b):
                spans = self._tgt_spans[j]
                weight = spans.get(key)
                if weight is None:
                    mask = 0
                    for i in range(x, x + a):
                        mask |= pair(i, j)[1]
                    weight = spans[key] = self._weight(self._tgt_memo[j], mask, self.tgt[j].weights)
                matched += weight
        return matched

    def base(self, x: int, y: int, a: int, b: int) -> float:
        """The cheap part of a bead's cost: its prior and its length cost (or a skip)."""
        p = self.params
        if a == 0 or b == 0:
            return p.skip * (a + b)
        src_cum, tgt_cum = self.src_cum, self.tgt_cum
        key = (src_cum[x + a] - src_cum[x], tgt_cum[y + b] - tgt_cum[y])
        length = self._lengths.get(key)
        if length is None:
            length = self._lengths[key] = gale_church_cost(*key, self.ratio, self.variance)
        return p.merge * (a + b - 2) + p.length * length

    def lexical(self, x: int, y: int, a: int, b: int) -> float:
        """The lexical part of a bead's cost: its unmatched share of weight, by its size."""
        if a == 0 or b == 0:
            return 0.0
        return self.params.lexical * (1.0 - self.similarity(x, y, a, b)) * (a + b) / 2

    def cost(self, x: int, y: int, a: int, b: int) -> float:
        """Cost of the bead of source x..x+a-1 and target y..y+b-1."""
        return self.base(x, y, a, b) + self.lexical(x, y, a, b)
