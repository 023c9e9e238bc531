"""Confident 1-1 sentence pairs found before the search (mutual best candidates from keys
rare near the length diagonal, in a monotone chain, as in Bertalign), and word pairs learned
from them (Dice, as in Moore's and hunalign's bootstrapping)."""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter, defaultdict

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


def find_anchors(
    src: SideFeatures, tgt: SideFeatures, scorer: SentenceScorer, params: Params
) -> list[tuple[int, int]]:
    """Confident 1-1 pairs: mutual best candidates from rare shared keys, in a monotone chain."""
    n, m = len(src.sentences), len(tgt.sentences)
    if not n or not m:
        return []
    postings: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(tgt.sentences):
        for key in t.keys:
            postings[key].append(j)
    centre = _diagonal(src, tgt)
    best_src: dict[int, tuple[float, int]] = {}
    best_tgt: dict[int, tuple[float, int]] = {}
    rare, left, right = params.rare, bisect.bisect_left, bisect.bisect_right
    for i, s in enumerate(src.sentences):
        lo, hi = centre[i] - params.window, centre[i] + params.window
        # each vote is 1/k for a small k: summed with fsum and ranked with the index as
        # tie-break, so the top candidates never depend on the order of the keys
        votes: dict[int, list[float]] = defaultdict(list)
        for key in s.keys:
            plist = postings.get(key)
            if plist is None:
                continue
            first = left(plist, lo)
            if first + rare < len(plist) and plist[first + rare] <= hi:
                continue  # more than `rare` here: no clue
            last = right(plist, hi, first)
            if last > first:  # rare near here: a useful clue
                weight = 1.0 / (last - first)
                for j in plist[first:last]:
                    votes[j].append(weight)
        ranked = sorted((-math.fsum(w), j) for j, w in votes.items())
        for j in (j for _, j in ranked[: params.candidates]):
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
        by_src[a].append(f"a:{k}")
        by_tgt[b].append(f"a:{k}")
    for feats, table in ((src, by_src), (tgt, by_tgt)):
        for key in [k for k in feats.key_df if k.startswith("a:")]:
            del feats.key_df[key]
        for sent in feats.sentences:
            for key in [k for k in sent.keys if k.startswith("a:")]:
                del sent.keys[key]
            for word, mask in sent.words.items():
                for key in table.get(word, ()):
                    sent.keys[key] = sent.keys.get(key, 0) | mask
                    feats.key_df[key] += 1
    return len(links)
