"""What paragraph alignment compares: the profiles of a document pair (`Pieces`) and
the content cost of a bead between them (`Scorer`), learned from the pairs numbers give."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence
from heapq import nlargest

from aligner.align.associations import Agreement, Associations, NameMatcher, agreement
from aligner.align.lengths import LengthModel
from aligner.align.params import PARAMS
from aligner.align.profiles import Profile, combine, profile
from aligner.model import Paragraph

Bead = tuple[tuple[int, ...], tuple[int, ...]]


#: A reference and a target paragraph index.
IndexPair = tuple[int, int]


class Pieces:
    """The paragraph profiles of a document pair, and what no re-estimation changes.

    Profiles of consecutive paragraphs read as one and how the landmarks of every bead
    tried agree are computed once per alignment and shared by its successive scorers.
    """

    def __init__(
        self,
        ref: Sequence[Paragraph],
        tgt: Sequence[Paragraph],
        ref_profiles: Sequence[Profile] | None = None,
        tgt_profiles: Sequence[Profile] | None = None,
    ):
        self.ref = list(ref_profiles) if ref_profiles is not None else profiles(ref)
        self.tgt = list(tgt_profiles) if tgt_profiles is not None else profiles(tgt)
        # what pairs paragraphs by number: section and id as cited (None: no number written)
        self.ref_numbers = [(p.section, p.ident) if p.numbered else None for p in ref]
        self.tgt_numbers = [(p.section, p.ident) if p.numbered else None for p in tgt]
        self.matcher = NameMatcher()
        self._sides: dict[tuple[bool, int, int], Profile] = {}
        self._agreements: dict[tuple[int, int, int, int], Agreement] = {}

    def side(self, reference: bool, lo: int, hi: int) -> Profile:
        """The profile of paragraphs [lo, hi) of one side read as one text."""
        key = (reference, lo, hi)
        found = self._sides.get(key)
        if found is None:
            found = self._sides[key] = combine((self.ref if reference else self.tgt)[lo:hi])
        return found

    def agreement(self, i0: int, i1: int, j0: int, j1: int) -> Agreement:
        """How the landmarks of reference paragraphs [i0, i1) and target [j0, j1) agree."""
        key = (i0, i1, j0, j1)
        found = self._agreements.get(key)
        if found is None:
            a, b = self.side(True, i0, i1), self.side(False, j0, j1)
            found = self._agreements[key] = agreement(a, b, self.matcher)
        return found


class Scorer:
    """Content cost of beads between the paragraphs of one reference and one target version.

    cost = z²/2 (length, capped) − shared landmarks + 1.5 × unshared landmarks − 4 × stem
    overlap − 4 × learned word associations, both lexical terms rescaled so that 0 is the
    level of unrelated paragraphs of this document pair and 1 that of likely translations
    (`pairs`, from which the length model and the associations are also learned; `rivals`
    are near-equal alternatives to some of them, also learned from so that an early wrong
    choice does not hide the words that would correct it). Costs are cached per bead.
    """

    def __init__(
        self,
        pieces: Pieces,
        pairs: Sequence[IndexPair],
        rivals: Sequence[IndexPair] = (),
        *,
        learn: bool = True,
    ):
        """`learn` False: no word associations (a scorer for `plain` costs only)."""
        ref, tgt = pieces.ref, pieces.tgt
        self.pieces, self.ref, self.tgt = pieces, ref, tgt
        self._cache: dict[tuple[int, int, int, int], float] = {}
        self._index: dict[bool, dict[object, list[int]]] = {}
        good = [(i, j) for i, j in pairs if not (ref[i].empty or tgt[j].empty)]
        self.model = LengthModel.estimate((ref[i].length, tgt[j].length) for i, j in good)
        sample = _spread(good, PARAMS.training)
        learned = [*sample, *_spread(rivals, PARAMS.training)] if learn else []
        self.associations = Associations([p.stems for p in ref], [p.stems for p in tgt], learned)
        n, m = len(ref), len(tgt)
        unrelated = [
            (i, (i + shift) % m)
            for i in (i for i, _ in sample)
            for shift in (n // 2, n // 3 + 1)
            if abs(i - (i + shift) % m) >= 2 and not tgt[(i + shift) % m].empty
        ]
        self.scales = tuple(
            _scale([f(i, j) for i, j in unrelated], [f(i, j) for i, j in sample])
            for f in (self._stems, self._associated)
        )

    def _stems(self, i: int, j: int) -> float:
        a, b = self.ref[i].stems, self.tgt[j].stems
        return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0

    def _associated(self, i: int, j: int) -> float:
        return self.associations.similarity(self.ref[i].stems, self.tgt[j].stems)

    def cost(self, i0: int, i1: int, j0: int, j1: int) -> float:
        """Cost of linking reference paragraphs [i0, i1) to target paragraphs [j0, j1)."""
        key = (i0, i1, j0, j1)
        found = self._cache.get(key)
        if found is not None:
            return found
        ref, tgt = self.ref[i0:i1], self.tgt[j0:j1]
        z = self.model.z(sum(p.length for p in ref), sum(p.length for p in tgt))
        cap = PARAMS.length_cap if len(ref) == len(tgt) == 1 else PARAMS.length_cap / 2
        if not ref or not tgt:
            value = PARAMS.skip * (len(ref) + len(tgt))
        elif any(p.empty for p in ref) or any(p.empty for p in tgt):
            value = PARAMS.skip  # an empty paragraph fits where a paragraph is, but no better
        elif z * z / 2 >= cap and not (cap == PARAMS.length_cap and self._contained(i0, j0, z)):
            value = PARAMS.length_cap  # hopeless whatever the landmarks say
        else:
            a, b = self.pieces.side(True, i0, i1), self.pieces.side(False, j0, j1)
            agreement = self.pieces.agreement(i0, i1, j0, j1)
            value = z * z / 2
            if value > PARAMS.skip and len(ref) == len(tgt) == 1 and self._contained(i0, j0, z):
                value = PARAMS.skip  # cut short or padded, but this paragraph
            value += PARAMS.unshared * agreement.unshared - PARAMS.shared * agreement.shared
            associated = self.associations.similarity(a.stems, b.stems)
            for (low, high), raw in zip(
                self.scales, (agreement.stem_similarity, associated), strict=True
            ):
                value -= PARAMS.lexical * max(min((raw - low) / (high - low), 1.5), -0.5)
            value += self._parts(i0, i1, j0, j1, a, b)
            if len(ref) + len(tgt) == 3:
                alone = min(self.pair(i, j) for i in range(i0, i1) for j in range(j0, j1))
                if value >= alone:
                    value += PARAMS.skip  # one part matches better alone: the other is not a part
        self._cache[key] = value
        return value

    def _contained(self, i: int, j: int, z: float) -> bool:
        """Whether the shorter of paragraphs i and j is a cut (or the longer a padded) version.

        It is when most of its learned words are found in the other. When it has too few
        learned words to tell, it is when the paragraphs share their number, nothing of
        the shorter one (numbers, organisations) is missing from the longer one, and the
        target paragraph shares more words with this reference paragraph than with either
        of its neighbours (a text sharing none, such as a placeholder, is no cut version).
        """
        short, long_ = (self.tgt[j], self.ref[i]) if z < 0 else (self.ref[i], self.tgt[j])
        share = self.associations.containment(short.stems, long_.stems, reference=z >= 0)
        if share is not None:
            return share >= PARAMS.contained
        if (
            self.pieces.ref_numbers[i] is None
            or self.pieces.ref_numbers[i] != self.pieces.tgt_numbers[j]
            or short.numbers - long_.numbers
            or not short.organisations <= long_.organisations
        ):
            return False
        words = self._words(i, j)
        return words > 0 and all(
            words > self._words(k, j) for k in (i - 1, i + 1) if 0 <= k < len(self.ref)
        )

    def _words(self, i: int, j: int) -> float:
        """Shared stems (Dice) plus learned words in common of paragraphs i and j."""
        return self._stems(i, j) + self._associated(i, j)

    def _parts(self, i0: int, i1: int, j0: int, j1: int, a: Profile, b: Profile) -> float:
        """Penalty for a 2-1 or 1-2 bead with a part that does not belong to the other side."""
        penalty = 0.0
        for k in range(i0, i1) if i1 - i0 > 1 else ():
            share = self.associations.containment(self.ref[k].stems, b.stems, reference=True)
            penalty += 2 * PARAMS.lexical * max(0.0, 0.5 - share) if share is not None else 0.0
        for k in range(j0, j1) if j1 - j0 > 1 else ():
            share = self.associations.containment(self.tgt[k].stems, a.stems, reference=False)
            penalty += 2 * PARAMS.lexical * max(0.0, 0.5 - share) if share is not None else 0.0
        return penalty

    def pair(self, i: int, j: int) -> float:
        return self.cost(i, i + 1, j, j + 1)

    def plain(self, i: int, j: int) -> float:
        """The cost of pair (i, j) without the word associations learned from the pairs.

        What the alignment chose taught the associations, so they favour it; a second look
        at a choice uses length, landmarks and shared stems only.
        """
        a, b = self.ref[i], self.tgt[j]
        if a.empty or b.empty:
            return PARAMS.skip
        z = self.model.z(a.length, b.length)
        agreement = self.pieces.agreement(i, i + 1, j, j + 1)
        value = min(z * z / 2, PARAMS.length_cap)
        if value > PARAMS.skip and self._contained(i, j, z):
            value = PARAMS.skip  # cut short or padded, but this paragraph
        value += PARAMS.unshared * agreement.unshared
        value -= PARAMS.shared * agreement.shared
        low, high = self.scales[0]
        return value - PARAMS.lexical * max(
            min((agreement.stem_similarity - low) / (high - low), 1.5), -0.5
        )

    def step(self, r: Sequence[int], t: Sequence[int]) -> float:
        """What a bead adds to the cost of an alignment (as the dynamic programming counts)."""
        if not r or not t:
            return PARAMS.skip * (len(r) + len(t))
        value = self.cost(r[0], r[0] + len(r), t[0], t[0] + len(t))
        if len(r) == len(t) == 1:
            number = self.pieces.ref_numbers[r[0]]
            same = number is not None and number == self.pieces.tgt_numbers[t[0]]
            return value - PARAMS.same_number if same else value
        return value + (PARAMS.double if len(r) == len(t) else PARAMS.merge)

    def confirmed(self, i: int, j: int) -> bool:
        """Whether the pair (i, j) is cheap and not clearly dearer than its neighbours' pairs."""
        value = self.pair(i, j)
        if value > PARAMS.confirm:
            return False
        neighbours = [(i, j + d) for d in (-1, 1) if 0 <= j + d < len(self.tgt)]
        neighbours += [(i + d, j) for d in (-1, 1) if 0 <= i + d < len(self.ref)]
        return all(value <= self.pair(a, b) + PARAMS.tolerance for a, b in neighbours)

    def candidates(self, index: int, reference: bool) -> list[int]:
        """The paragraphs of the other side most likely to translate paragraph `index`.

        They share the most of its stems (cognates), learned partners of its stems and
        numbers, each weighted by its rarity; at most `PARAMS.candidates`, found in bounded time.
        """
        postings = self._index.get(not reference)
        if postings is None:
            postings = self._index[not reference] = _postings(self.tgt if reference else self.ref)
        mine = (self.ref if reference else self.tgt)[index]
        keys: set[object] = set(mine.stems) | set(mine.numbers)
        keys |= self.associations.signature(mine.stems, reference)[1]
        weights: dict[int, float] = {}
        scanned = 0
        # `keys` is a set: ranked by rarity, then by the paragraphs themselves, so the
        # lists scanned before the cut and the order of the float sums are always the same
        for found in sorted((f for f in map(postings.get, keys) if f), key=_rarity):
            scanned += len(found)
            if scanned > PARAMS.scanned:
                break
            weight = 1.0 / len(found)
            for other in found:
                weights[other] = weights.get(other, 0.0) + weight
        return [
            k
            for k, _ in nlargest(PARAMS.candidates, weights.items(), key=lambda kv: (kv[1], -kv[0]))
        ]


def _rarity(found: list[int]) -> tuple[int, list[int]]:
    """Fewest paragraphs first; equally rare keys by the paragraphs they are in."""
    return len(found), found


def _postings(profiles: Sequence[Profile]) -> dict[object, list[int]]:
    """Stems and numbers → the paragraphs having them (only those in at most `PARAMS.postings`)."""
    out: dict[object, list[int]] = {}
    for k, p in enumerate(profiles):
        for key in (*p.stems, *p.numbers):
            out.setdefault(key, []).append(k)
    return {key: found for key, found in out.items() if len(found) <= PARAMS.postings}


def _spread(pairs: Sequence[IndexPair], most: int) -> list[IndexPair]:
    """At most `most` of `pairs`, drawn uniformly but reproducibly (all of them when few).

    Not every k-th pair: in a document with a period (repeated blocks), a stride could
    sample a few kinds of paragraph only.
    """
    if len(pairs) <= most:
        return list(pairs)
    return [pairs[k] for k in sorted(random.Random(len(pairs)).sample(range(len(pairs)), most))]


def _scale(unrelated: Sequence[float], related: Sequence[float]) -> tuple[float, float]:
    """(low, high) levels of a similarity: medians over unrelated and related pairs."""
    low = statistics.median(unrelated) if unrelated else 0.0
    high = statistics.median(related) if related else 1.0
    return low, max(high, low + 0.05)


def score(cost: float) -> float:
    """Map a bead cost to a content agreement in [0, 1] (0.5 at half a skip)."""
    return 1.0 / (1.0 + math.exp(min(cost - PARAMS.skip / 2, 50.0)))


def profiles(paragraphs: Sequence[Paragraph]) -> list[Profile]:
    """The profile of each paragraph (see `aligner.align.profiles.profile`)."""
    return [profile(p.text) for p in paragraphs]
