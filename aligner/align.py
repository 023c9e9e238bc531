"""Paragraph alignment of a language version to the reference version.

Numbers come first: the paragraph pairs that share their number train the first scorer
(length ratio and variance, word associations) and get a small bonus. Every pair is then
verified by content with dynamic programming over 1-0, 0-1, 1-1, 2-1, 1-2 and 2-2 beads
(Gale–Church style, with a length model estimated from the document pair and anchors from
`aligner.similarity`), so a dropped paragraph in a renumbered version costs one skip
rather than a run of mismatches. The scorer is re-trained on the alignment found (and on
close rivals where it is unsure) and the alignment redone. Paragraphs that moved are
found last, by pinning out-of-order pairs whenever that lowers the total cost.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from aligner.model import Alignment, Document, Link, Paragraph
from aligner.similarity import (
    Anchors,
    Associations,
    LengthModel,
    NameMatcher,
    Profile,
    anchors,
    combine,
    profile,
)

#: Cost of leaving one paragraph unmatched (a 1-0 or 0-1 bead).
SKIP = 6.0
#: Extra cost of a 2-1 or 1-2 bead, and of a 2-2 bead, over their content cost.
MERGE = 3.0
DOUBLE = 7.0
#: Extra cost of a paragraph linked out of order (a moved paragraph).
MOVE = 3.0
#: A 1-1 bead dearer than the typical one by this much is suspect (it may hold a moved
#: paragraph); only pairs costing at most this are pinned as moved.
SUSPECT = 3.0
#: Weights of the content cost (see `Scorer.cost`).
SHARED = 1.0
UNSHARED = 1.5
LEXICAL = 4.0
LENGTH_CAP = 25.0
#: Share of its learned words a paragraph must share with a much longer one to be taken
#: for a shortened version of it (its length then costs no more than a skip).
CONTAINED = 0.6
#: A small bonus for 1-1 pairs that also share their number, to break ties in favour of it.
SAME_NUMBER = 0.3
#: Re-estimations of the scorer from the previous alignment, and how close (in cost) a rival
#: pair must come to a chosen one to be learned from as well.
PASSES = 2
RIVAL = 2.0
#: Half-width of the band around the diagonal searched by the dynamic programming.
BAND = 10
#: At most this many pinning trials per alignment.
MAX_TRIALS = 40

Bead = tuple[tuple[int, ...], tuple[int, ...]]


class Pieces:
    """The paragraph profiles of a document pair, and what no re-estimation changes.

    Profiles of consecutive paragraphs read as one and the anchors of every bead tried
    are computed once per alignment and shared by its successive scorers.
    """

    def __init__(self, ref: Sequence[Profile], tgt: Sequence[Profile]):
        self.ref, self.tgt = ref, tgt
        self.matcher = NameMatcher()
        self._sides: dict[tuple[bool, int, int], Profile] = {}
        self._anchors: dict[tuple[int, int, int, int], Anchors] = {}

    def side(self, reference: bool, lo: int, hi: int) -> Profile:
        """The profile of paragraphs [lo, hi) of one side read as one text."""
        key = (reference, lo, hi)
        found = self._sides.get(key)
        if found is None:
            found = self._sides[key] = combine((self.ref if reference else self.tgt)[lo:hi])
        return found

    def anchors(self, i0: int, i1: int, j0: int, j1: int) -> Anchors:
        key = (i0, i1, j0, j1)
        found = self._anchors.get(key)
        if found is None:
            a, b = self.side(True, i0, i1), self.side(False, j0, j1)
            found = self._anchors[key] = anchors(a, b, self.matcher)
        return found


class Scorer:
    """Content cost of beads between the paragraphs of one reference and one target version.

    cost = z²/2 (length, capped) − shared anchors + 1.5 × unshared anchors − 4 × stem
    overlap − 4 × learned word associations, both lexical terms rescaled so that 0 is the
    level of unrelated paragraphs of this document pair and 1 that of likely translations
    (`pairs`, from which the length model and the associations are also learned; `rivals`
    are near-equal alternatives to some of them, also learned from so that an early wrong
    choice does not hide the words that would correct it). Costs are cached per bead.
    """

    def __init__(
        self,
        pieces: Pieces,
        pairs: Sequence[tuple[int, int]],
        rivals: Sequence[tuple[int, int]] = (),
    ):
        ref, tgt = pieces.ref, pieces.tgt
        self.pieces, self.ref, self.tgt = pieces, ref, tgt
        self._cache: dict[tuple[int, int, int, int], float] = {}
        good = [(i, j) for i, j in pairs if not (ref[i].empty or tgt[j].empty)]
        self.model = LengthModel.estimate((ref[i].length, tgt[j].length) for i, j in good)
        self.associations = Associations(
            [p.stems for p in ref], [p.stems for p in tgt], [*good, *rivals]
        )
        n, m = len(ref), len(tgt)
        unrelated = [
            (i, (i + shift) % m)
            for i in range(n if m else 0)
            for shift in (n // 2, n // 3 + 1)
            if abs(i - (i + shift) % m) >= 2 and not (ref[i].empty or tgt[(i + shift) % m].empty)
        ]
        self.scales = tuple(
            _scale([f(i, j) for i, j in unrelated], [f(i, j) for i, j in good])
            for f in (self._stems, self._associated)
        )

    def _stems(self, i: int, j: int) -> float:
        return self.pieces.anchors(i, i + 1, j, j + 1).stem_similarity

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
        cap = LENGTH_CAP if len(ref) == len(tgt) == 1 else LENGTH_CAP / 2
        if not ref or not tgt:
            value = SKIP * (len(ref) + len(tgt))
        elif any(p.empty for p in ref) or any(p.empty for p in tgt):
            value = SKIP  # an empty paragraph fits where a paragraph is, but no better
        elif z * z / 2 >= cap and not (cap == LENGTH_CAP and self._contained(i0, j0, z)):
            value = LENGTH_CAP  # hopeless whatever the anchors say
        else:
            a, b = self.pieces.side(True, i0, i1), self.pieces.side(False, j0, j1)
            agreement = self.pieces.anchors(i0, i1, j0, j1)
            value = z * z / 2
            if value > SKIP and len(ref) == len(tgt) == 1 and self._contained(i0, j0, z):
                value = SKIP  # cut short or padded, but this paragraph
            value += UNSHARED * agreement.unshared - SHARED * agreement.shared
            associated = self.associations.similarity(a.stems, b.stems)
            for (low, high), raw in zip(
                self.scales, (agreement.stem_similarity, associated), strict=True
            ):
                value -= LEXICAL * max(min((raw - low) / (high - low), 1.5), -0.5)
            value += self._parts(i0, i1, j0, j1, a, b)
            if len(ref) + len(tgt) == 3:
                alone = min(self.pair(i, j) for i in range(i0, i1) for j in range(j0, j1))
                if value >= alone:
                    value += SKIP  # one part matches better alone: the other is not a part
        self._cache[key] = value
        return value

    def _contained(self, i: int, j: int, z: float) -> bool:
        """Whether the shorter of paragraphs i and j is mostly found in the other."""
        a, b = self.ref[i].stems, self.tgt[j].stems
        if z < 0:
            share = self.associations.containment(b, a, reference=False)
        else:
            share = self.associations.containment(a, b, reference=True)
        return share is not None and share >= CONTAINED

    def _parts(self, i0: int, i1: int, j0: int, j1: int, a: Profile, b: Profile) -> float:
        """Penalty for a 2-1 or 1-2 bead with a part that does not belong to the other side."""
        penalty = 0.0
        for k in range(i0, i1) if i1 - i0 > 1 else ():
            share = self.associations.containment(self.ref[k].stems, b.stems, reference=True)
            penalty += 2 * LEXICAL * max(0.0, 0.5 - share) if share is not None else 0.0
        for k in range(j0, j1) if j1 - j0 > 1 else ():
            share = self.associations.containment(self.tgt[k].stems, a.stems, reference=False)
            penalty += 2 * LEXICAL * max(0.0, 0.5 - share) if share is not None else 0.0
        return penalty

    def pair(self, i: int, j: int) -> float:
        return self.cost(i, i + 1, j, j + 1)


def _scale(unrelated: Sequence[float], related: Sequence[float]) -> tuple[float, float]:
    """(low, high) levels of a similarity: medians over unrelated and related pairs."""
    low = statistics.median(unrelated) if unrelated else 0.0
    high = statistics.median(related) if related else 1.0
    return low, max(high, low + 0.05)


def score(cost: float) -> float:
    """Map a bead cost to a content agreement in [0, 1] (0.5 at half a skip)."""
    return 1.0 / (1.0 + math.exp(min(cost - SKIP / 2, 50.0)))


def align_documents(reference: Document, target: Document) -> Alignment:
    """Align `target` paragraph by paragraph to `reference`.

    Links come in reference order; a paragraph that moved is linked where it belongs in
    the reference, so target order can be read from the links' target paragraphs.
    """
    ref, tgt = reference.paragraphs, target.paragraphs
    pieces = Pieces([profile(p.text) for p in ref], [profile(p.text) for p in tgt])
    pairs = _numbered_pairs(ref, tgt)
    extra: list[tuple[int, int]] = []
    scorer = Scorer(pieces, pairs)
    beads, total = _dynamic(ref, tgt, scorer, range(len(ref)), range(len(tgt)))
    for _ in range(PASSES):
        found = [(r[0], t[0]) for r, t in beads if len(r) == len(t) == 1]
        rivals = _rivals(beads, scorer)
        if (found, rivals) == (pairs, extra):
            break
        pairs, extra = found, rivals
        scorer = Scorer(pieces, pairs, extra)
        beads, total = _dynamic(ref, tgt, scorer, range(len(ref)), range(len(tgt)))
    beads = _with_moves(ref, tgt, scorer, beads, total)
    return _alignment(reference, target, _uncross(beads, scorer), scorer)


def _rivals(beads: Sequence[Bead], scorer: Scorer) -> list[tuple[int, int]]:
    """Pairs nearly as cheap as a 1-1 bead they compete with, where the alignment is unsure.

    Near a missing, extra, merged or split paragraph the alignment may have chosen the
    wrong one of two neighbours (rivals within two); a 1-1 bead much dearer than usual
    elsewhere may hold a paragraph that moved (rivals anywhere). Learning from the rivals
    too keeps the words that would correct the choice.
    """
    n, m = len(scorer.ref), len(scorer.tgt)
    odd = [k for k, (r, t) in enumerate(beads) if len(r) != 1 or len(t) != 1]
    costs = {k: scorer.pair(r[0], t[0]) for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1}
    typical = statistics.median(costs.values()) if costs else 0.0
    out = []
    for k, cost in costs.items():
        (i,), (j,) = beads[k]
        if any(abs(k - o) <= 2 for o in odd):
            candidates = [(i + d, j) for d in range(-2, 3)] + [(i, j + d) for d in range(-2, 3)]
        elif cost > typical + SUSPECT:
            candidates = [(a, j) for a in range(n)] + [(i, b) for b in range(m)]
        else:
            continue
        out.extend(
            (a, b)
            for a, b in candidates
            if 0 <= a < n and 0 <= b < m and (a, b) != (i, j) and scorer.pair(a, b) <= cost + RIVAL
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


def _numbered_pairs(ref: Sequence[Paragraph], tgt: Sequence[Paragraph]) -> list[tuple[int, int]]:
    """Index pairs of paragraphs with the same section and number (first occurrence each)."""
    where: dict[tuple[str, int], int] = {}
    for j, p in enumerate(tgt):
        where.setdefault((p.section, p.number), j)
    out = []
    used: set[int] = set()
    for i, p in enumerate(ref):
        j = where.get((p.section, p.number))
        if j is not None and j not in used:
            used.add(j)
            out.append((i, j))
    return out


def _alignment(
    reference: Document, target: Document, beads: Sequence[Bead], scorer: Scorer
) -> Alignment:
    ref, tgt = reference.paragraphs, target.paragraphs
    links = []
    for r, t in beads:
        value = 0.0
        if r and t:
            value = score(scorer.cost(r[0], r[-1] + 1, t[0], t[-1] + 1))
        links.append(Link(tuple(ref[i] for i in r), tuple(tgt[j] for j in t), value))
    return Alignment(reference, target, tuple(links))


_STEPS: tuple[tuple[int, int, float], ...] = (
    (1, 1, 0.0),
    (1, 0, 0.0),
    (0, 1, 0.0),
    (2, 1, MERGE),
    (1, 2, MERGE),
    (2, 2, DOUBLE),
)


def _dynamic(
    ref: Sequence[Paragraph],
    tgt: Sequence[Paragraph],
    scorer: Scorer,
    rows: Sequence[int],
    cols: Sequence[int],
) -> tuple[list[Bead], float]:
    """Minimum-cost monotonic alignment of reference paragraphs `rows` to target `cols`.

    `rows` and `cols` are increasing paragraph indices (paragraphs left out are pinned
    elsewhere); only consecutive paragraphs form 2-1, 1-2 and 2-2 beads. The search is
    limited to a band around the diagonal.
    """
    n, m = len(rows), len(cols)
    band = max(BAND, abs(n - m) + BAND // 2)
    best: dict[tuple[int, int], tuple[float, int, int]] = {(0, 0): (0.0, 0, 0)}
    for i in range(n + 1):
        centre = int(i * m / n) if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if i == j == 0:
                continue
            chosen = (math.inf, 0, 0)
            for di, dj, penalty in _STEPS:
                pi, pj = i - di, j - dj
                previous = best.get((pi, pj))
                if previous is None or pi < 0 or pj < 0:
                    continue
                if (di == 2 and rows[i - 1] != rows[pi] + 1) or (
                    dj == 2 and cols[j - 1] != cols[pj] + 1
                ):
                    continue
                c = previous[0] + penalty
                if di and dj:
                    r0, t0 = rows[pi], cols[pj]
                    c += scorer.cost(r0, r0 + di, t0, t0 + dj)
                    if di == dj == 1 and ref[r0].number == tgt[t0].number:
                        c -= SAME_NUMBER
                else:
                    c += SKIP
                if c < chosen[0]:
                    chosen = (c, di, dj)
            if chosen[0] < math.inf:
                best[(i, j)] = chosen
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        _, di, dj = best[(i, j)]
        beads.append((tuple(rows[i - di : i]), tuple(cols[j - dj : j])))
        i, j = i - di, j - dj
    beads.reverse()
    return beads, best[(n, m)][0]


def _with_moves(
    ref: Sequence[Paragraph],
    tgt: Sequence[Paragraph],
    scorer: Scorer,
    beads: list[Bead],
    total: float,
) -> list[Bead]:
    """The monotonic alignment, plus pinned 1-1 pairs for paragraphs that moved.

    Suspect paragraphs are those not in a cheap 1-1 bead. Pinning a pair of them (or two
    pairs that swap partners) takes them out of the monotonic alignment; a pin is kept
    when the total cost, with `MOVE` per pinned pair, goes down.
    """
    pins: list[tuple[int, int]] = []
    trials = 0
    while trials < MAX_TRIALS:
        improved = False
        for option in _pin_options(beads, scorer):
            trials += 1
            trial = pins + option
            used_r = {i for i, _ in trial}
            used_t = {j for _, j in trial}
            rows = [i for i in range(len(ref)) if i not in used_r]
            cols = [j for j in range(len(tgt)) if j not in used_t]
            rest, cost = _dynamic(ref, tgt, scorer, rows, cols)
            cost += sum(scorer.pair(i, j) + MOVE for i, j in trial)
            if cost < total - 1e-9:
                pins, total, beads = trial, cost, rest
                improved = True
                break
            if trials >= MAX_TRIALS:
                break
        if not improved:
            break
    out = list(beads)
    for i, j in sorted(pins):
        at = next((k for k, (r, _) in enumerate(out) if r and r[0] > i), len(out))
        out.insert(at, ((i,), (j,)))
    return out


def _pin_options(beads: Sequence[Bead], scorer: Scorer) -> list[list[tuple[int, int]]]:
    """Pins worth trying, most promising first.

    Single pins pair two suspect paragraphs (in 1-0, 0-1, 2-x beads or dear 1-1 beads);
    swaps exchange the partners of a suspect 1-1 bead and any other 1-1 bead. Only options
    whose local gain, `MOVE` per pin included, is positive are tried.
    """
    costs = [scorer.cost(r[0], r[-1] + 1, t[0], t[-1] + 1) if r and t else SKIP for r, t in beads]
    where_r = {i: k for k, (r, _) in enumerate(beads) for i in r}
    where_t = {j: k for k, (_, t) in enumerate(beads) for j in t}
    single = [k for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1]
    typical = statistics.median(costs) if costs else 0.0
    suspect = [
        k
        for k, (r, t) in enumerate(beads)
        if len(r) != 1 or len(t) != 1 or costs[k] > min(typical + SUSPECT, 0.0)
    ]
    options: list[tuple[float, list[tuple[int, int]]]] = []
    for i in (i for k in suspect for i in beads[k][0]):
        for j in (j for k in suspect for j in beads[k][1]):
            if where_r[i] == where_t[j] or scorer.pair(i, j) > SUSPECT:
                continue
            gain = costs[where_r[i]] + costs[where_t[j]] - scorer.pair(i, j) - MOVE
            if gain > 0:
                options.append((-gain, [(i, j)]))
    for a in (k for k in suspect if k in single):
        for b in single:
            if a == b:
                continue
            (i,), (j,) = beads[a]
            (x,), (y,) = beads[b]
            crossed = scorer.pair(i, y) + scorer.pair(x, j)
            gain = costs[a] + costs[b] - crossed - 2 * MOVE
            if gain > 0 and max(scorer.pair(i, y), scorer.pair(x, j)) <= SUSPECT:
                options.append((-gain, sorted([(i, y), (x, j)])))
    options.sort()
    return [o for _, o in options]


def _uncross(beads: Sequence[Bead], scorer: Scorer) -> list[Bead]:
    """Replace 2-2 beads whose crossed pairs match far better by the two crossed 1-1 pairs."""
    out: list[Bead] = []
    for r, t in beads:
        if len(r) == len(t) == 2:
            straight = scorer.pair(r[0], t[0]) + scorer.pair(r[1], t[1])
            crossed = scorer.pair(r[0], t[1]) + scorer.pair(r[1], t[0])
            if crossed + 2 * MOVE < straight:
                out.extend([((r[0],), (t[1],)), ((r[1],), (t[0],))])
                continue
        out.append((r, t))
    return out
