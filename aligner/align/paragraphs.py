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
import random
import statistics
from bisect import bisect_left
from collections.abc import Sequence
from heapq import nlargest

from aligner.align.associations import Agreement, Associations, NameMatcher, agreement
from aligner.align.lengths import LengthModel
from aligner.align.profiles import Profile, combine, profile
from aligner.align.search import (
    Shape,
    Span,
    Step,
    cheapest_path,
    diagonal,
    longest_chain,
    path_spans,
    running_max,
    touches_edge,
    widen,
    windows,
)
from aligner.align.sentences import similarities
from aligner.model import Alignment, Document, Link, Paragraph

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
#: At most this many pairs (drawn at random) train a scorer: enough to learn a document's
#: words, and learning time does not grow with the document.
TRAINING = 1000
#: A guide pair anchors the alignment when it costs at most `CONFIRM`, at most `TOLERANCE`
#: more than pairing either paragraph with a neighbour of the other (alike neighbours
#: tie), and stands at least `MARGIN` pairs inside a run of such pairs (the dynamic
#: programming decides the rest).
CONFIRM = 0.0
TOLERANCE = 1.0
MARGIN = 3
#: Between anchors: gaps of at most `SMALL_GAP` cells are searched whole; in larger ones,
#: the band is `BAND` wide beyond the difference of the numbers of paragraphs, doubled up
#: to `MAX_BAND` where the best path touches its edge.
SMALL_GAP = 900
BAND = 6
MAX_BAND = 32
#: Moved paragraphs are looked for among this many likely partners of a suspect paragraph
#: (by shared stems, learned words and numbers; stems in more paragraphs are not indexed).
CANDIDATES = 10
POSTINGS = 50
#: At most this many postings are read per paragraph, rarest keys first.
SCANNED = 400
#: Beads on either side of a pinned paragraph that are re-aligned to judge the pin.
REGION = 3
#: Pinning trials per alignment: this many, or one per `TRIALS_PER` beads if more.
MAX_TRIALS = 40
TRIALS_PER = 20

#: Look-alike neighbours (`_judge_lookalikes`): reference paragraphs at most `NEAR` apart;
#: one version's evidence counts at most `WITNESS_CAP`; evidence for crossing beyond
#: `DECISIVE` swaps them, evidence for crossing short of that (up to `SLIGHT`) is a doubt
#: (a swap is unlikely a priori: straight pairs favoured even slightly stay unreported),
#: whose links get a confidence of at most `DOUBTFUL`.
NEAR = 3
WITNESS_CAP = 6.0
#: Reference paragraphs sharing this share of their stems (Dice) are look-alikes (two
#: paragraphs opening "Also calls on OSCE participating States to" share about 0.6,
#: neighbours in the shipped resolution 0.0-0.35).
ALIKE = 0.4
DECISIVE = 2.0
SLIGHT = 0.0
#: A witness's own evidence (straight over crossed, against the reference) above which its
#: links are sure enough for it to vote on another version (a faulted version, whose own
#: pair is crossed or in doubt, must not testify against a clean one).
TRUSTED = 0.5  # a quarter of DECISIVE, set by hand
#: A witness's word evidence (`_lexical_evidence` between two versions) nearer a tie than
#: this is noise and not counted (measured: within 0.2 on the shipped look-alikes whose
#: words cannot tell them apart, 0.8-1.0 where one cognate does).
WORD_NOISE = 0.5
#: Share of the other versions that must lack one paragraph of a 2-1 bead (and link the
#: other 1-1) for it to be that paragraph missing, not a merge (`_judge_merges`; set by
#: hand: a clear majority, at least two versions).
MERGE_WITNESSES = 0.75
#: Gaps (1-0, 0-1 beads) judged again per version (`_judge_gaps`); each costs a few
#: scorers trained afresh.
GAPS_JUDGED = 100
#: Cost units per unit of matched word share (`_lexical_evidence`); a share ranges 0-1.
WORD_EVIDENCE = 10.0
DOUBTFUL = 0.4
#: Confidence (`confidence`): rivals up to `RIVAL_REACH` paragraphs away; a margin of
#: `SURE` cost units over the nearest rival gives 0.9 (0 gives 0.5).
RIVAL_REACH = 2
SURE = 4.0

#: Reference and target paragraph indices linked together (sentences.py has `SentenceBead`).
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
        sample = _spread(good, TRAINING)
        learned = [*sample, *_spread(rivals, TRAINING)] if learn else []
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
        cap = LENGTH_CAP if len(ref) == len(tgt) == 1 else LENGTH_CAP / 2
        if not ref or not tgt:
            value = SKIP * (len(ref) + len(tgt))
        elif any(p.empty for p in ref) or any(p.empty for p in tgt):
            value = SKIP  # an empty paragraph fits where a paragraph is, but no better
        elif z * z / 2 >= cap and not (cap == LENGTH_CAP and self._contained(i0, j0, z)):
            value = LENGTH_CAP  # hopeless whatever the landmarks say
        else:
            a, b = self.pieces.side(True, i0, i1), self.pieces.side(False, j0, j1)
            agreement = self.pieces.agreement(i0, i1, j0, j1)
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
            return share >= CONTAINED
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
            penalty += 2 * LEXICAL * max(0.0, 0.5 - share) if share is not None else 0.0
        for k in range(j0, j1) if j1 - j0 > 1 else ():
            share = self.associations.containment(self.tgt[k].stems, a.stems, reference=False)
            penalty += 2 * LEXICAL * max(0.0, 0.5 - share) if share is not None else 0.0
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
            return SKIP
        z = self.model.z(a.length, b.length)
        agreement = self.pieces.agreement(i, i + 1, j, j + 1)
        value = min(z * z / 2, LENGTH_CAP)
        if value > SKIP and self._contained(i, j, z):
            value = SKIP  # cut short or padded, but this paragraph
        value += UNSHARED * agreement.unshared
        value -= SHARED * agreement.shared
        low, high = self.scales[0]
        return value - LEXICAL * max(
            min((agreement.stem_similarity - low) / (high - low), 1.5), -0.5
        )

    def step(self, r: Sequence[int], t: Sequence[int]) -> float:
        """What a bead adds to the cost of an alignment (as the dynamic programming counts)."""
        if not r or not t:
            return SKIP * (len(r) + len(t))
        value = self.cost(r[0], r[0] + len(r), t[0], t[0] + len(t))
        if len(r) == len(t) == 1:
            number = self.pieces.ref_numbers[r[0]]
            same = number is not None and number == self.pieces.tgt_numbers[t[0]]
            return value - SAME_NUMBER if same else value
        return value + (DOUBLE if len(r) == len(t) else MERGE)

    def confirmed(self, i: int, j: int) -> bool:
        """Whether the pair (i, j) is cheap and not clearly dearer than its neighbours' pairs."""
        value = self.pair(i, j)
        if value > CONFIRM:
            return False
        neighbours = [(i, j + d) for d in (-1, 1) if 0 <= j + d < len(self.tgt)]
        neighbours += [(i + d, j) for d in (-1, 1) if 0 <= i + d < len(self.ref)]
        return all(value <= self.pair(a, b) + TOLERANCE for a, b in neighbours)

    def candidates(self, index: int, reference: bool) -> list[int]:
        """The paragraphs of the other side most likely to translate paragraph `index`.

        They share the most of its stems (cognates), learned partners of its stems and
        numbers, each weighted by its rarity; at most `CANDIDATES`, found in bounded time.
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
            if scanned > SCANNED:
                break
            weight = 1.0 / len(found)
            for other in found:
                weights[other] = weights.get(other, 0.0) + weight
        return [k for k, _ in nlargest(CANDIDATES, weights.items(), key=lambda kv: (kv[1], -kv[0]))]


def _rarity(found: list[int]) -> tuple[int, list[int]]:
    """Fewest paragraphs first; equally rare keys by the paragraphs they are in."""
    return len(found), found


def _postings(profiles: Sequence[Profile]) -> dict[object, list[int]]:
    """Stems and numbers → the paragraphs having them (only those in at most `POSTINGS`)."""
    out: dict[object, list[int]] = {}
    for k, p in enumerate(profiles):
        for key in (*p.stems, *p.numbers):
            out.setdefault(key, []).append(k)
    return {key: found for key, found in out.items() if len(found) <= POSTINGS}


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
    return 1.0 / (1.0 + math.exp(min(cost - SKIP / 2, 50.0)))


def profiles(paragraphs: Sequence[Paragraph]) -> list[Profile]:
    """The profile of each paragraph (see `aligner.align.profiles.profile`)."""
    return [profile(p.text) for p in paragraphs]


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
    witnesses (`_judge_gaps`, `_judge_lookalikes`); pinned links are left as they are.
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
    _judge_merges(found, pinned)
    _judge_gaps(reference, targets, found, pinned)
    doubts = _judge_lookalikes(reference, targets, found, pinned)
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
    for _ in range(PASSES):
        found = [(r[0], t[0]) for r, t in beads if len(r) == len(t) == 1]
        if 2 * sum(scorer.pair(i, j) <= CONFIRM for i, j in found) < min(len(ref), len(tgt)):
            break  # most paragraphs unmatched or poorly: nothing worth learning from
        rivals = _rivals(beads, scorer)
        if (found, rivals) == (pairs, extra):
            break
        pairs, extra = found, rivals
        scorer = Scorer(pieces, pairs, extra)
        beads = _anchored(scorer, pairs, forced)
    beads = _with_moves(scorer, beads)
    return _forced(_uncross(beads, scorer), forced), scorer, forced


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
        elif cost > typical + SUSPECT:
            candidates = [(a, j) for a in scorer.candidates(j, reference=False)]
            candidates += [(i, b) for b in scorer.candidates(i, reference=True)]
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
            sure = min(sure, DOUBTFUL)
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
    `RIVAL_REACH` away) and leaving both unmatched; of a skipped paragraph, pairing it with
    the paragraphs of the other side near `at` (where it would stand), whose partners then
    lose what their beads cost (`held`: per reference and per target paragraph, the cost of
    the 1-1 bead holding it); of a 2-1, 1-2 or 2-2 bead, its parts paired one to one with
    the rest left out. 0.5 means a tie, 0.9 a margin of `SURE` cost units.
    """
    n, m = len(scorer.ref), len(scorer.tgt)
    if r and t:
        own = scorer.step(r, t)
        i, j = r[0], t[0]
        if len(r) == len(t) == 1:
            rivals = [scorer.step((i,), (b,)) for b in _reach(j, m) if b != j]
            rivals += [scorer.step((a,), (j,)) for a in _reach(i, n) if a != i]
            rivals.append(2 * SKIP)
        else:
            rivals = [scorer.step((a,), (b,)) + SKIP * (len(r) + len(t) - 2) for a in r for b in t]
    else:
        own = SKIP
        # pairing it instead leaves the partner's own partner out (or takes it in)
        if r:
            near = _reach(_nearest(r[0], n, m) if at is None else at, m)
            rivals = [scorer.pair(r[0], b) + SKIP - held[1].get(b, SKIP) for b in near]
        else:
            near = _reach(_nearest(t[0], m, n) if at is None else at, n)
            rivals = [scorer.pair(a, t[0]) + SKIP - held[0].get(a, SKIP) for a in near]
    margin = min(rivals, default=own + 4 * SURE) - own
    return round(1.0 / (1.0 + math.exp(-margin * math.log(9) / SURE)), 3)


def _reach(k: int, size: int) -> range:
    return range(max(0, k - RIVAL_REACH), min(size, k + RIVAL_REACH + 1))


def _nearest(k: int, size: int, other: int) -> int:
    """The index on the other side (of `other` paragraphs) proportional to `k` of `size`."""
    return min(other - 1, round(k * other / size)) if other else 0


def _judge_gaps(
    reference: Document,
    targets: Sequence[Document],
    found: list[tuple[list[Bead], Scorer]],
    pinned: Sequence[set[IndexPair]] = (),
) -> None:
    """Which of two neighbours is the missing (or extra) one, judged again.

    A 1-0 bead next to a 1-1 bead whose reference paragraph is its neighbour could as well
    be the other way round (the neighbour missing, this one linked): the version paragraph
    is given to the reference paragraph it fits better, by scorers trained without the
    pairs in question, by the words that tell the two apart and by every other version as
    a witness (`_gap_evidence`), when that evidence is clear (`DECISIVE`). Likewise, by
    plain costs and words, for a 0-1 bead and the version paragraph beside it. At most
    `GAPS_JUDGED` beads per version are judged. Beads are changed in place.
    """
    pivots: dict[tuple[int, int], tuple[Pieces, list[IndexPair], dict[int, int]]] = {}
    for v, (beads, scorer) in enumerate(found):
        gaps = [k for k, (r, t) in enumerate(beads) if bool(r) != bool(t)][:GAPS_JUDGED]
        for k in gaps:
            r, t = beads[k]
            for near in (k - 1, k + 1):
                if not 0 <= near < len(beads):
                    continue
                (nr, nt) = beads[near]
                if len(nr) != 1 or len(nt) != 1 or (pinned and (nr[0], nt[0]) in pinned[v]):
                    continue
                if r and abs(r[0] - nr[0]) == 1:  # reference r[0] missing, or nr[0]?
                    evidence = _gap_evidence(
                        reference, targets, found, pivots, v, (r[0], nr[0]), nt[0]
                    )
                    if evidence > DECISIVE:
                        beads[k], beads[near] = (r, nt), (nr, ())
                        break
                elif t and abs(t[0] - nt[0]) == 1:  # version t[0] extra, or nt[0]?
                    ours = scorer.plain(nr[0], nt[0]) - scorer.plain(nr[0], t[0])
                    words = _words_for(
                        (reference.paragraphs[nr[0]].text,),
                        (targets[v].paragraphs[nt[0]].text, targets[v].paragraphs[t[0]].text),
                        reference.lang,
                        targets[v].lang,
                    )
                    if _capped(ours) + _capped(words) > DECISIVE:
                        beads[k], beads[near] = (nr, t), ((), nt)
                        break


def _judge_merges(
    found: list[tuple[list[Bead], Scorer]], pinned: Sequence[set[IndexPair]] = ()
) -> None:
    """A 2-1 bead whose reference paragraphs every other version tells apart, one of them
    missing in most of those versions (`MERGE_WITNESSES`), is that paragraph missing here
    too (a paragraph inserted in the reference), not two paragraphs merged: the bead becomes
    a 1-1 bead for the other and a 1-0 bead. Beads are changed in place."""
    for v, (beads, _) in enumerate(found):
        for k in range(len(beads) - 1, -1, -1):
            r, t = beads[k]
            if len(r) != 2 or len(t) != 1 or (pinned and any((i, t[0]) in pinned[v] for i in r)):
                continue
            votes = [0, 0]  # first missing elsewhere, second missing elsewhere
            others = 0
            for w, (beads_w, _) in enumerate(found):
                if w == v:
                    continue
                alone = {rr[0] for rr, tt in beads_w if len(rr) == 1 and not tt}
                linked = {rr[0] for rr, tt in beads_w if len(rr) == len(tt) == 1}
                if {r[0], r[1]} <= alone | linked:
                    others += 1
                    for side in (0, 1):
                        votes[side] += r[side] in alone and r[1 - side] in linked
            side = max((0, 1), key=lambda s: votes[s])
            if others and votes[side] >= MERGE_WITNESSES * others and votes[side] >= 2:
                kept, lost = r[1 - side], r[side]
                split = [((kept,), t), ((lost,), ())]
                beads[k : k + 1] = split if side == 1 else split[::-1]


def _gap_evidence(  # noqa: PLR0917  (one pairing's whole evidence, passed along a loop)
    reference: Document,
    targets: Sequence[Document],
    found: list[tuple[list[Bead], Scorer]],
    pivots: dict[tuple[int, int], tuple[Pieces, list[IndexPair], dict[int, int]]],
    v: int,
    rows: tuple[int, int],
    j: int,
) -> float:
    """How much better version paragraph j fits reference rows[0] than rows[1] (its partner).

    Every scorer asked is trained afresh without the pairs under judgement (what it learned
    from them would favour the choice made).
    """
    missing, linked = rows
    beads, scorer = found[v]
    own = [(i, jj) for i, jj in _one_to_one(beads).items() if jj != j and i not in rows]
    fresh = Scorer(scorer.pieces, own)
    evidence = _capped(fresh.pair(linked, j) - fresh.pair(missing, j))
    evidence += _capped(
        _words_for(
            (reference.paragraphs[linked].text, reference.paragraphs[missing].text),
            (targets[v].paragraphs[j].text,),
            reference.lang,
            targets[v].lang,
        )
    )
    for w in range(len(targets)):
        if w == v:
            continue
        pieces, pairs, links_w = _pivot(targets, found, pivots, w, v)
        a, b = links_w.get(missing), links_w.get(linked)
        if a is not None and b is not None:
            witness = Scorer(pieces, [(x, y) for x, y in pairs if y != j and x not in (a, b)])
            evidence += _capped(witness.pair(b, j) - witness.pair(a, j))
    return evidence


def _words_for(
    ref: tuple[str, ...], tgt: tuple[str, ...], ref_lang: str | None, lang: str | None
) -> float:
    """For one text against two: how much more the second matches than the first (x
    `WORD_EVIDENCE`); for two against one, likewise."""
    if not ref_lang or not lang:
        return 0.0
    matrix = similarities(ref, tgt, ref_lang, lang)
    if len(ref) == 2:
        return WORD_EVIDENCE * (matrix[1][0] - matrix[0][0])
    return WORD_EVIDENCE * (matrix[0][1] - matrix[0][0])


def _capped(value: float) -> float:
    return max(-WITNESS_CAP, min(WITNESS_CAP, value))


def _one_to_one(beads: Sequence[Bead]) -> dict[int, int]:
    return {r[0]: t[0] for r, t in beads if len(r) == len(t) == 1}


def _pivot(
    targets: Sequence[Document],
    found: list[tuple[list[Bead], Scorer]],
    pivots: dict[tuple[int, int], tuple[Pieces, list[IndexPair], dict[int, int]]],
    w: int,
    v: int,
) -> tuple[Pieces, list[IndexPair], dict[int, int]]:
    """The pieces of versions w and v, the pairs both link to one reference paragraph, and
    w's 1-1 links, built once per pair of versions."""
    key = (w, v)
    if key not in pivots:
        links_w, links_v = _one_to_one(found[w][0]), _one_to_one(found[v][0])
        pairs = sorted((links_w[i], links_v[i]) for i in links_w.keys() & links_v.keys())
        pieces = Pieces(
            targets[w].paragraphs, targets[v].paragraphs, found[w][1].tgt, found[v][1].tgt
        )
        pivots[key] = (pieces, pairs, links_w)
    return pivots[key]


def _judge_lookalikes(  # noqa: C901  (one pass over look-alike pairs and their witnesses)
    reference: Document,
    targets: Sequence[Document],
    found: list[tuple[list[Bead], Scorer]],
    pinned: Sequence[set[IndexPair]] = (),
) -> list[list[tuple[int, int]]]:
    """Look-alike neighbours judged again, with the other versions as witnesses.

    Two 1-1 beads of a version whose reference paragraphs are at most `NEAR` apart, and
    look alike (they share `ALIKE` of their stems, or the crossed pairs are both cheap),
    are looked at again: the evidence is how much cheaper the straight pairs are than the
    crossed ones by plain costs (no learned associations, which favour the choice they were
    learned from), for the reference and for every other version (a scorer between that
    version and this one), and by the words that tell the texts apart, dictionaries
    included (`_lexical_evidence`), each counting at most `WITNESS_CAP`. Clear evidence for
    crossing swaps the beads in place (a reordering is then reported); weak evidence for
    crossing texts that share `ALIKE` of their stems is a doubt, and the numbers break the
    tie (paragraphs moved with their numbers are linked by them). Returns the doubts (pairs
    of bead indices) of each version; beads are changed in place, except those `pinned`
    (per version, the (reference, target) index pairs a reviser fixed).
    """
    doubts: list[list[tuple[int, int]]] = [[] for _ in targets]
    witnesses: dict[tuple[int, int], tuple[Scorer, dict[int, int]]] = {}

    def one_to_one(beads: list[Bead]) -> dict[int, int]:
        return {r[0]: t[0] for r, t in beads if len(r) == len(t) == 1}

    def witness(w: int, v: int) -> tuple[Scorer, dict[int, int]]:
        key = (w, v)
        if key not in witnesses:
            links_w, links_v = one_to_one(found[w][0]), one_to_one(found[v][0])
            pairs = sorted((links_w[i], links_v[i]) for i in links_w.keys() & links_v.keys())
            pieces = Pieces(
                targets[w].paragraphs,
                targets[v].paragraphs,
                found[w][1].tgt,
                found[v][1].tgt,
            )
            witnesses[key] = (Scorer(pieces, pairs, learn=False), links_w)
        return witnesses[key]

    trusted: dict[tuple[int, int, int, int, int], bool] = {}

    def sure(w: int, i: int, a: int, i2: int, b: int) -> bool:
        """Whether version w's own links i -> a, i2 -> b are clearly right (by plain costs
        and words against the reference): only then does w vote on another version."""
        key = (w, i, a, i2, b)
        if key not in trusted:
            own = _straight_over_crossed(found[w][1], i, a, i2, b)
            if own <= TRUSTED + WITNESS_CAP:
                own += _lexical_evidence(
                    (reference.paragraphs[i].text, reference.paragraphs[i2].text),
                    (targets[w].paragraphs[a].text, targets[w].paragraphs[b].text),
                    reference.lang,
                    targets[w].lang,
                )
            trusted[key] = own > TRUSTED
        return trusted[key]

    for v, (beads, scorer) in enumerate(found):
        singles = [k for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1]
        by_ref = {beads[k][0][0]: k for k in singles}
        for k in singles:
            i, j = beads[k][0][0], beads[k][1][0]
            for i2 in range(i + 1, i + NEAR + 1):
                k2 = by_ref.get(i2)
                if k2 is None:
                    continue
                j2 = beads[k2][1][0]
                if pinned and {(i, j), (i2, j2)} & pinned[v]:
                    continue  # a reviser fixed one of them
                alike = _dice(scorer.pieces.ref[i].stems, scorer.pieces.ref[i2].stems) >= ALIKE
                if not alike and max(scorer.pair(i, j2), scorer.pair(i2, j)) > CONFIRM:
                    continue  # not look-alikes
                evidence = _straight_over_crossed(scorer, i, j, i2, j2)
                voters: list[tuple[int, int, int]] = []
                for w in range(len(targets)):
                    if w == v:
                        continue
                    wscorer, links_w = witness(w, v)
                    a, b = links_w.get(i), links_w.get(i2)
                    if a is not None and b is not None and sure(w, i, a, i2, b):
                        voters.append((w, a, b))
                        evidence += _straight_over_crossed(wscorer, a, j, b, j2)
                if abs(evidence) <= DECISIVE + WITNESS_CAP:  # the words could still tip it
                    texts = (targets[v].paragraphs[j].text, targets[v].paragraphs[j2].text)
                    evidence += _lexical_evidence(
                        (reference.paragraphs[i].text, reference.paragraphs[i2].text),
                        texts,
                        reference.lang,
                        targets[v].lang,
                    )
                    for w, a, b in voters:  # the witnesses' words too, unless a mere tie
                        words = _lexical_evidence(
                            (targets[w].paragraphs[a].text, targets[w].paragraphs[b].text),
                            texts,
                            targets[w].lang,
                            targets[v].lang,
                        )
                        evidence += words if abs(words) >= WORD_NOISE else 0.0
                numbered = scorer.pieces.ref_numbers[i], scorer.pieces.ref_numbers[i2]
                crossed_numbers = (scorer.pieces.tgt_numbers[j2], scorer.pieces.tgt_numbers[j])
                tie = (
                    alike
                    and evidence <= SLIGHT
                    and None not in numbered
                    and crossed_numbers == numbered
                )
                if evidence < -DECISIVE or tie:
                    # clear evidence, or a tie broken by the numbers (moved with them)
                    beads[k], beads[k2] = ((i,), (j2,)), ((i2,), (j,))
                    j, j2 = j2, j
                if alike and -DECISIVE <= evidence <= SLIGHT:
                    doubts[v].append((k, k2))
    return doubts


def _lexical_evidence(
    ref: tuple[str, str], tgt: tuple[str, str], ref_lang: str | None, lang: str | None
) -> float:
    """Straight over crossed by the words that tell look-alikes apart (`similarities`,
    dictionaries included), scaled by `WORD_EVIDENCE` and capped like a witness."""
    if not ref_lang or not lang:
        return 0.0
    (a, b), (c, d) = similarities(ref, tgt, ref_lang, lang)
    return max(-WITNESS_CAP, min(WITNESS_CAP, WORD_EVIDENCE * (a + d - b - c)))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _straight_over_crossed(scorer: Scorer, i: int, j: int, i2: int, j2: int) -> float:
    """How much cheaper pairs (i, j), (i2, j2) are than (i, j2), (i2, j) by their plain
    costs (`Scorer.plain`), at most `WITNESS_CAP` either way."""
    crossed = scorer.plain(i, j2) + scorer.plain(i2, j)
    straight = scorer.plain(i, j) + scorer.plain(i2, j2)
    return max(-WITNESS_CAP, min(WITNESS_CAP, crossed - straight))


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
        first = run.start if guide[run.start] == (0, 0) else run.start + MARGIN
        last = run.stop if guide[run.stop - 1] == (n - 1, m - 1) else run.stop - MARGIN
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
            beads.extend(_gap(scorer, rows, cols))
        if anchor != (n, m):
            beads.append(((anchor[0],), (anchor[1],)))
        previous = anchor
    return beads


def _gap(scorer: Scorer, rows: range, cols: range) -> list[Bead]:
    """Align reference paragraphs `rows` to target paragraphs `cols` (no anchor between).

    A small gap is searched whole. In a large one, a first search with 1-1, 1-0 and 0-1
    beads only follows the diagonal of the gap, as wide as the difference of its sides
    plus `BAND`, doubled (up to `MAX_BAND` beyond that difference) while the best path runs
    along one of its edges; the search with every bead then follows that path, `BAND` wide.
    """
    n, m = len(rows), len(cols)
    if (n + 1) * (m + 1) <= SMALL_GAP:
        return _dynamic(scorer, list(rows), list(cols))[0]
    rows_, cols_ = list(rows), list(cols)
    width = abs(n - m) + BAND
    while True:
        band = widen(diagonal(n, m), width, m)
        rough = _path(scorer, rows_, cols_, band, _SIMPLE)
        if width >= min(max(n, m), abs(n - m) + MAX_BAND) or not touches_edge(rough, band, m):
            break
        width *= 2
    return _dynamic(scorer, rows_, cols_, widen(path_spans(rough, n), BAND, m))[0]


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


def _with_moves(scorer: Scorer, beads: list[Bead]) -> list[Bead]:
    """The monotonic alignment, plus pinned 1-1 pairs for paragraphs that moved.

    Pinning a pair of suspect paragraphs (or two pairs that swap partners) takes them out
    of the monotonic alignment; a pin is kept when the cost of the beads around the pinned
    paragraphs, re-aligned without them, plus `MOVE` per pinned pair, goes down.
    """
    beads = list(beads)
    pins: list[IndexPair] = []
    trials = 0
    limit = max(MAX_TRIALS, len(beads) // TRIALS_PER)
    while trials < limit:
        where_r = {i: k for k, (r, _) in enumerate(beads) for i in r}
        where_t = {j: k for k, (_, t) in enumerate(beads) for j in t}
        changes: list[tuple[int, int, list[Bead]]] = []
        busy: set[int] = set()
        for option in _pin_options(beads, scorer):
            if trials >= limit:
                break
            touched = sorted({where_r[i] for i, _ in option} | {where_t[j] for _, j in option})
            regions = windows(touched, len(beads), REGION)
            if any(k in busy for start, end in regions for k in range(start, end)):
                continue
            trials += 1
            pinned_r, pinned_t = {i for i, _ in option}, {j for _, j in option}
            gain = -sum(scorer.pair(i, j) + MOVE for i, j in option)
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
    `MOVE` per pin included, is positive are tried.
    """
    costs = [scorer.cost(r[0], r[-1] + 1, t[0], t[-1] + 1) if r and t else SKIP for r, t in beads]
    where_r = {i: k for k, (r, _) in enumerate(beads) for i in r}
    where_t = {j: k for k, (_, t) in enumerate(beads) for j in t}
    single = {k for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1}
    typical = statistics.median(costs) if costs else 0.0
    suspect = [
        k
        for k, (r, t) in enumerate(beads)
        if len(r) != 1 or len(t) != 1 or costs[k] > min(typical + SUSPECT, 0.0)
    ]
    suspect_r = {i for k in suspect for i in beads[k][0]}
    suspect_t = {j for k in suspect for j in beads[k][1]}
    options: dict[tuple[IndexPair, ...], float] = {}
    singles = {(i, j) for i in suspect_r for j in scorer.candidates(i, True) if j in suspect_t}
    singles |= {(i, j) for j in suspect_t for i in scorer.candidates(j, False) if i in suspect_r}
    for i, j in singles:
        if where_r[i] == where_t[j] or scorer.pair(i, j) > SUSPECT:
            continue
        gain = costs[where_r[i]] + costs[where_t[j]] - scorer.pair(i, j) - MOVE
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
            gain = costs[a] + costs[b] - crossed - 2 * MOVE
            if gain > 0 and max(scorer.pair(i, y), scorer.pair(x, j)) <= SUSPECT:
                options[tuple(sorted([(i, y), (x, j)]))] = gain
    return [list(o) for o, _ in sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))]


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
