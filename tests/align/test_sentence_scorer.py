"""The cost of a sentence bead (`aligner.align.sentence_scorer`)."""

from __future__ import annotations

import pytest
from sentence_samples import NO_LEXICON, SRC, TGT, sample_scorer

from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentence_scorer import SentenceScorer


def test_translations_match_more_than_other_sentences() -> None:
    scorer = sample_scorer()
    for i in (0, 1, 3, 4, 5):  # sentence 2 shares no cognate, name or number with its own
        own = scorer.similarity(i, i, 1, 1)
        assert 0 < own <= 1
        assert all(scorer.similarity(i, j, 1, 1) < own for j in range(len(TGT)) if j != i)
        assert scorer.cost(i, i, 1, 1) < min(scorer.cost(i, j, 1, 1) for j in range(6) if j != i)


def test_a_skip_costs_the_skip_weight_per_sentence() -> None:
    scorer = sample_scorer(Params(skip=4.5))
    assert scorer.cost(2, 0, 1, 0) == 4.5
    assert scorer.cost(0, 3, 0, 1) == 4.5


def test_a_merge_pays_its_prior() -> None:
    plain, dear = sample_scorer(), sample_scorer(Params(merge=DEFAULT_PARAMS.merge + 10))
    assert dear.cost(3, 3, 2, 1) == pytest.approx(plain.cost(3, 3, 2, 1) + 10)
    assert dear.cost(3, 3, 1, 1) == plain.cost(3, 3, 1, 1)


def test_the_length_ratio_comes_from_the_texts_unless_given() -> None:
    src = SideFeatures(SRC, 0, NO_LEXICON, DEFAULT_PARAMS)
    tgt = SideFeatures(TGT, 1, NO_LEXICON, DEFAULT_PARAMS)
    assert SentenceScorer(src, tgt, DEFAULT_PARAMS, ratio=2.0).ratio == 2.0
    estimated = SentenceScorer(src, tgt, DEFAULT_PARAMS).ratio
    raw = sum(map(len, "".join(TGT).split())) / sum(map(len, "".join(SRC).split()))
    assert min(1.0, raw) <= estimated <= max(1.0, raw)  # shrunk towards 1: short texts
