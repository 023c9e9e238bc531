"""The first pass of sentence alignment (`aligner.align.sentence_anchors`): anchors and
word pairs learned from them."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from sentence_samples import NO_LEXICON, SRC, TGT

from aligner.align.sentence_anchors import (
    AnchorSearch,
    learn_word_pairs,
    vote_units,
)
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentence_scorer import SentenceScorer


def _sides(src: list[str], tgt: list[str]) -> tuple[SideFeatures, SideFeatures]:
    return SideFeatures(src, 0, NO_LEXICON, DEFAULT_PARAMS), SideFeatures(
        tgt, 1, NO_LEXICON, DEFAULT_PARAMS
    )


def test_anchors_are_sure_pairs_in_order() -> None:
    src, tgt = _sides(SRC, TGT)
    anchors = AnchorSearch(src, tgt, DEFAULT_PARAMS).find(SentenceScorer(src, tgt, DEFAULT_PARAMS))
    assert anchors and all(i == j for i, j in anchors)  # the texts are parallel
    assert (3, 3) in anchors  # names and numbers: "Ernst Reiss", "Lhotse", "18"


def test_anchors_survive_a_missing_sentence() -> None:
    src, tgt = _sides(SRC, TGT[:1] + TGT[2:])
    anchors = AnchorSearch(src, tgt, DEFAULT_PARAMS).find(SentenceScorer(src, tgt, DEFAULT_PARAMS))
    assert (3, 2) in anchors and all(j in (i, i - 1) for i, j in anchors)


def test_no_anchors_without_sentences() -> None:
    src, tgt = _sides(SRC, [])
    assert (
        AnchorSearch(src, tgt, DEFAULT_PARAMS).find(SentenceScorer(src, tgt, DEFAULT_PARAMS)) == []
    )


def test_words_seen_together_in_anchors_are_learned() -> None:
    src, tgt = _sides(
        [f"Das Wetter war am {n}. Tag schlecht." for n in range(1, 7)],
        [f"Le temps fut mauvais le jour {n}." for n in range(1, 7)],
    )
    before = SentenceScorer(src, tgt, DEFAULT_PARAMS).similarity(0, 0, 1, 1)
    assert learn_word_pairs(src, tgt, [(i, i) for i in range(6)], DEFAULT_PARAMS) > 0
    learned = {k for k in src.sentences[0].keys if k.startswith("a:")}
    assert learned and learned <= tgt.sentences[0].keys.keys()
    assert SentenceScorer(src, tgt, DEFAULT_PARAMS).similarity(0, 0, 1, 1) > before


def test_one_pair_repeated_is_one_piece_of_evidence() -> None:
    src, tgt = _sides(["Das Wetter war schlecht."] * 6, ["Le temps fut mauvais."] * 6)
    assert learn_word_pairs(src, tgt, [(i, i) for i in range(6)], DEFAULT_PARAMS) == 0


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 12), st.data())
def test_votes_summed_exactly_rank_as_fsum(rare: int, data: st.DataObject) -> None:
    """The integer sum of votes, divided once, is the correctly rounded sum fsum gives."""
    ks = data.draw(st.lists(st.integers(1, rare), max_size=200))
    scale, unit = vote_units(rare)
    assert sum(unit[k] for k in ks) / scale == math.fsum(1.0 / k for k in ks)


def test_a_search_reused_over_rounds_finds_what_a_fresh_one_does() -> None:
    # made-up words with a fixed translation and no shared spelling: only the numbers of
    # every third sentence match at first, the words once they are learned
    rng = random.Random(7)
    vocab = [
        ("".join(rng.choices("bdfgklmnprt", k=6)), "".join(rng.choices("aeiou", k=6)))
        for _ in range(40)
    ]
    src_text, tgt_text = [], []
    for n in range(60):
        words = rng.sample(vocab, 6)
        number = "".join(f"; {n * 4 + k + 100}" for k in range(4)) if n % 3 == 0 else ""
        src_text.append(" ".join(w for w, _ in words) + number)
        tgt_text.append(" ".join(v for _, v in words) + number)
    src, tgt = _sides(src_text, tgt_text)
    params = Params(min_learn=5)
    search = AnchorSearch(src, tgt, params)
    before = search.find(SentenceScorer(src, tgt, params))
    assert learn_word_pairs(src, tgt, before, params) > 0
    scorer = SentenceScorer(src, tgt, params)
    after = search.find(scorer)
    assert len(after) > len(before)  # the learned words found more
    assert after == AnchorSearch(src, tgt, params).find(scorer)
