"""The Gale-Church length model: its cost of a pair of lengths, and its ratio and variance
estimated from the document pair itself."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import erfc, log, sqrt
from typing import ClassVar

#: Gale and Church's variance of the length difference per character.
DEFAULT_VARIANCE = 6.8

_SQRT2 = math.sqrt(2)
_SQRT_HALF_PI = math.sqrt(math.pi / 2)


def gale_church_cost(src_len: int, tgt_len: int, ratio: float, variance: float) -> float:
    """Gale–Church: -log P(|delta| >= observed) for two lengths, the variance per character
    of their mean (the target length counted at the `ratio`)."""
    mean = (src_len + tgt_len / ratio) / 2
    if mean <= 0:
        return 0.0
    z = abs(tgt_len - src_len * ratio) / sqrt(variance * mean)
    tail = erfc(z / _SQRT2)
    if tail < 1e-30:  # beyond double precision: the tail's asymptotic form
        return z * z / 2 + log(z * _SQRT_HALF_PI)
    return -log(tail)


@dataclass(frozen=True)
class LengthModel:
    """Target length ≈ ratio × reference length, with variance × reference length."""

    ratio: float = 1.0
    variance: float = DEFAULT_VARIANCE

    #: Pairs whose ratio differs from the median ratio by more than this factor are outliers.
    SPREAD: ClassVar[float] = 1.5

    def z(self, reference: int, target: int) -> float:
        """Gale–Church z-score of a target length given a reference length."""
        return (target - self.ratio * reference) / math.sqrt(self.variance * max(reference, 1))

    @classmethod
    def estimate(cls, pairs: Iterable[tuple[int, int]]) -> LengthModel:
        """Estimate ratio and variance robustly from (reference, target) lengths of likely pairs.

        The ratio is the ratio of the totals over the pairs whose own ratio lies within
        `SPREAD` of the median ratio (weighted by length), so that a few wrong or padded pairs
        cannot move it; the variance is the median squared residual per character scaled to a
        mean (robust too), kept within sane bounds.
        """
        pairs = [(a, b) for a, b in pairs if a > 0 and b > 0]
        if not pairs:
            return cls()
        if len(pairs) < 3:
            return cls(sum(b for _, b in pairs) / sum(a for a, _ in pairs))
        middle = _weighted_median([(b / a, a) for a, b in pairs])
        kept = [(a, b) for a, b in pairs if middle / cls.SPREAD <= b / a <= middle * cls.SPREAD]
        ratio = sum(b for _, b in kept) / sum(a for a, _ in kept)
        residuals = [(b - ratio * a) ** 2 / a for a, b in pairs]
        import statistics  # not needed for sentence alignment: imported when used

        variance = statistics.median(residuals) / 0.455  # median of chi-square(1)
        return cls(ratio, min(max(variance, 1.0), 60.0))


def _weighted_median(values: Sequence[tuple[float, float]]) -> float:
    """The value at half the total weight of (value, weight) pairs."""
    ordered = sorted(values)
    half = sum(w for _, w in ordered) / 2
    total = 0.0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]
