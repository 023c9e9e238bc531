"""Confident 1-1 sentence pairs found before the search (mutual best candidates from keys
rare near the length diagonal, in a monotone chain, as in Bertalign), and word pairs learned
from them (Dice, as in Moore's and hunalign's bootstrapping)."""

from __future__ import annotations

import bisect
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable

from aligner.align.lengths import gale_church_cost
from aligner.align.search import heaviest_chain
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import Params
from aligner.align.sentence_scorer import SentenceScorer


def _diagonal(src: SideFeatures, tgt: SideFeatures) -> list[float]:
    """For each source position, the target position at the same share of characters."""
    tgt_cum = [0]
    for t in tgt.sentences:
        tgt_cum.append(tgt_cum[-1] + t.length)
    src_total = sum(s.length for s in src.sentences) or 1
    centre: list[float] = []
    done = 0
    for s in src.sentences:
        share = (done + s.length / 2) / src_total * tgt_cum[-1]
        j = bisect.bisect_right(tgt_cum, share) - 1
        centre.append(min(j, len(tgt.sentences) - 1))
        done += s.length
    return centre


#: The prefix of the keys `learn_word_pairs` gives linked words ("a:0", "a:1", ...).
LEARNED = "a:"


def _learned(side: SideFeatures) -> set[str]:
    """The learned keys of one side (as counted in its `key_df`)."""
    return {key for key in side.key_df if key.startswith(LEARNED)}


def vote_units(rare: int) -> tuple[int, list[int]]:
    """The exact sums of votes: a scale and, for k = 1..`rare`, the float 1/k times the
    scale, an integer (index 0 is unused); a sum of votes is then exactly the sum of
    those integers over the scale (a power of two)."""
    ratios = [(1.0 / k).as_integer_ratio() for k in range(1, rare + 1)]
    scale = max(den for _, den in ratios)
    return scale, [0] + [num * (scale // den) for num, den in ratios]


class AnchorSearch:
    """The anchor search for the rounds of one text pair (`find` once per round): the votes
    of the keys that are not learned (which learning never changes) are counted once, at
    the start.

    Each vote is 1/k for a small k (a key found in k target sentences near the diagonal).
    A candidate's votes are summed exactly, as integers in units of the smallest binary
    fraction the votes need, then rounded once to a float: the correctly rounded sum that
    ``math.fsum`` of the votes gives, whatever their order, so that the top candidates
    never depend on the order of the keys (ties go to the lower index).
    """

    def __init__(self, src: SideFeatures, tgt: SideFeatures, params: Params):
        self.src, self.tgt, self.params = src, tgt, params
        self._scale, self._unit = vote_units(params.rare)
        self._centre: list[float] = []
        self._base: list[dict[int, int]] = []
        if src.sentences and tgt.sentences:
            self._centre = _diagonal(src, tgt)
            learned = _learned(tgt)
            keys = (t.keys.keys() - learned if learned else t.keys for t in tgt.sentences)
            self._base = self._votes(keys, (s.keys for s in src.sentences))

    def _votes(
        self, tgt_keys: Iterable[Iterable[str]], src_keys: Iterable[Iterable[str]]
    ) -> list[dict[int, int]]:
        """For each source sentence, its candidates' summed votes (in units of `_scale`)
        from the keys given for each sentence."""
        postings: dict[str, list[int]] = defaultdict(list)
        for j, keys in enumerate(tgt_keys):
            for key in keys:
                postings[key].append(j)
        rare, window, unit = self.params.rare, self.params.window, self._unit
        left, right, get = bisect.bisect_left, bisect.bisect_right, postings.get
        out: list[dict[int, int]] = []
        for centre, keys in zip(self._centre, src_keys, strict=True):
            lo, hi = centre - window, centre + window
            votes: dict[int, int] = {}
            for key in keys:
                plist = get(key)
                if plist is None:
                    continue
                first = left(plist, lo)
                if first + rare < len(plist) and plist[first + rare] <= hi:
                    continue  # more than `rare` here: no clue
                last = right(plist, hi, first)
                if last > first:  # rare near here: a useful clue
                    vote = unit[last - first]
                    for j in plist[first:last]:
                        votes[j] = votes.get(j, 0) + vote
            out.append(votes)
        return out

    def find(self, scorer: SentenceScorer) -> list[tuple[int, int]]:
        """Confident 1-1 pairs: mutual best candidates from rare shared keys, in a
        monotone chain."""
        src, tgt, params = self.src, self.tgt, self.params
        if not src.sentences or not tgt.sentences:
            return []
        learned = _learned(tgt)
        extra = self._votes(
            (t.keys.keys() & learned for t in tgt.sentences),
            (s.keys.keys() & learned for s in src.sentences),
        )
        best_src: dict[int, tuple[float, int]] = {}
        best_tgt: dict[int, tuple[float, int]] = {}
        scale = self._scale
        for i, (s, base, more) in enumerate(zip(src.sentences, self._base, extra, strict=True)):
            votes = base
            if more:
                votes = dict(base)
                for j, vote in more.items():
                    votes[j] = votes.get(j, 0) + vote
            ranked = heapq.nsmallest(
                params.candidates, ((-(vote / scale), j) for j, vote in votes.items())
            )
            for _, j in ranked:
                score = scorer.similarity(i, j, 1, 1)
                score -= params.anchor_length * gale_church_cost(
                    s.length, tgt.sentences[j].length, scorer.ratio, scorer.variance
                )
                if score > best_src.get(i, (-1.0, -1))[0]:
                    best_src[i] = (score, j)
                if score > best_tgt.get(j, (-1.0, -1))[0]:
                    best_tgt[j] = (score, i)
        mutual = sorted(
            (i, j, score)
            for i, (score, j) in best_src.items()
            if best_tgt[j][1] == i and score >= params.anchor_sim
        )
        return heaviest_chain(mutual, params.lookback)


def learn_word_pairs(
    src: SideFeatures, tgt: SideFeatures, anchors: list[tuple[int, int]], params: Params
) -> int:
    """Link words that co-occur in the anchor pairs far more than by chance (Dice).

    Each word keeps its best partner on the other side; linked words get a shared key.
    Returns the number of links added.
    """
    # a repeated sentence pair (boilerplate, a text given twice) is one piece of evidence
    anchors = list({(src.texts[i], tgt.texts[j]): (i, j) for i, j in anchors}.values())
    count_s: Counter[str] = Counter()
    count_t: Counter[str] = Counter()
    for i, j in anchors:
        count_s.update(src.sentences[i].words.keys())
        count_t.update(tgt.sentences[j].words.keys())
    joint: Counter[tuple[str, str]] = Counter()
    for i, j in anchors:
        ws = [w for w in src.sentences[i].words if count_s[w] >= params.min_count]
        wt = [w for w in tgt.sentences[j].words if count_t[w] >= params.min_count]
        joint.update(itertools.product(ws, wt))
    best_s: dict[str, tuple[float, str]] = {}
    best_t: dict[str, tuple[float, str]] = {}
    for (a, b), c in joint.items():
        if c < params.min_count:
            continue
        dice = 2 * c / (count_s[a] + count_t[b])
        if dice > best_s.get(a, (0.0, ""))[0]:
            best_s[a] = (dice, b)
        if dice > best_t.get(b, (0.0, ""))[0]:
            best_t[b] = (dice, a)
    links = {(a, b) for a, (d, b) in best_s.items() if d >= params.learn}
    links |= {(a, b) for b, (d, a) in best_t.items() if d >= params.learn}
    by_src: dict[str, list[str]] = defaultdict(list)
    by_tgt: dict[str, list[str]] = defaultdict(list)
    for k, (a, b) in enumerate(sorted(links)):
        by_src[a].append(f"{LEARNED}{k}")
        by_tgt[b].append(f"{LEARNED}{k}")
    for feats, table in ((src, by_src), (tgt, by_tgt)):
        old = _learned(feats)  # every key a sentence has is counted in key_df
        for key in old:
            del feats.key_df[key]
        for sent in feats.sentences:
            for key in sent.keys.keys() & old if old else ():
                del sent.keys[key]
            for word, mask in sent.words.items():
                for key in table.get(word, ()):
                    sent.keys[key] = sent.keys.get(key, 0) | mask
                    feats.key_df[key] += 1
    return len(links)
