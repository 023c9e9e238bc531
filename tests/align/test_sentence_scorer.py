"""The cost of a sentence bead (`aligner.align.sentence_scorer`)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sentence_samples import NO_LEXICON, SRC, TGT, sample_scorer

from aligner.align.lengths import gale_church_cost
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentence_scorer import SentenceScorer, _mask_weight


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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(0.01, 20.0), min_size=1, max_size=300), st.data())
def test_mask_weights_add_up_bit_by_bit(weights: list[float], data: st.DataObject) -> None:
    """A byte at a time, the same additions in the same order: the very same float."""
    mask = data.draw(st.integers(0, (1 << len(weights)) - 1))
    total = 0.0
    for k, weight in enumerate(weights):
        if mask >> k & 1:
            total += weight
    assert _mask_weight(mask, weights) == total


def test_the_length_cost_is_kept_by_lengths_as_computed() -> None:
    scorer = sample_scorer()
    for x, y, a, b in ((0, 0, 1, 1), (1, 1, 2, 1), (3, 3, 1, 2), (0, 0, 1, 1)):
        src_len = scorer.src_cum[x + a] - scorer.src_cum[x]
        tgt_len = scorer.tgt_cum[y + b] - scorer.tgt_cum[y]
        length = gale_church_cost(src_len, tgt_len, scorer.ratio, scorer.variance)
        prior = scorer.params.merge * (a + b - 2)
        assert scorer.base(x, y, a, b) == prior + scorer.params.length * length
