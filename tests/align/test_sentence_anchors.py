"""The first pass of sentence alignment (`aligner.align.sentence_anchors`): anchors and
word pairs learned from them."""

from __future__ import annotations

from sentence_samples import NO_LEXICON, SRC, TGT

from aligner.align.sentence_anchors import find_anchors, learn_word_pairs
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS
from aligner.align.sentence_scorer import SentenceScorer


def _sides(src: list[str], tgt: list[str]) -> tuple[SideFeatures, SideFeatures]:
    return SideFeatures(src, 0, NO_LEXICON, DEFAULT_PARAMS), SideFeatures(
        tgt, 1, NO_LEXICON, DEFAULT_PARAMS
    )


def test_anchors_are_sure_pairs_in_order() -> None:
    src, tgt = _sides(SRC, TGT)
    anchors = find_anchors(src, tgt, SentenceScorer(src, tgt, DEFAULT_PARAMS), DEFAULT_PARAMS)
    assert anchors and all(i == j for i, j in anchors)  # the texts are parallel
    assert (3, 3) in anchors  # names and numbers: "Ernst Reiss", "Lhotse", "18"


def test_anchors_survive_a_missing_sentence() -> None:
    src, tgt = _sides(SRC, TGT[:1] + TGT[2:])
    anchors = find_anchors(src, tgt, SentenceScorer(src, tgt, DEFAULT_PARAMS), DEFAULT_PARAMS)
    assert (3, 2) in anchors and all(j in (i, i - 1) for i, j in anchors)


def test_no_anchors_without_sentences() -> None:
    src, tgt = _sides(SRC, [])
    assert find_anchors(src, tgt, SentenceScorer(src, tgt, DEFAULT_PARAMS), DEFAULT_PARAMS) == []


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
