"""How sure a sentence bead is (`aligner.align.sentence_confidence`)."""

from __future__ import annotations

from sentence_samples import sample_scorer

from aligner.align.sentence_confidence import bead_confidence
from aligner.align.sentence_params import Params


def test_right_beads_are_surer_than_wrong_ones() -> None:
    scorer = sample_scorer()
    right = [bead_confidence(scorer, ([i], [i]), 6, 6) for i in range(6)]
    wrong = [bead_confidence(scorer, ([i], [(i + 1) % 6]), 6, 6) for i in range(6)]
    assert all(0 <= c <= 1 for c in right + wrong)
    assert min(right) > 0.5 > max(wrong)


def test_sure_sets_the_scale() -> None:
    """A wider `sure` margin brings every confidence nearer 0.5."""
    bead = ([3], [3])
    normal = bead_confidence(sample_scorer(), bead, 6, 6)
    wide = bead_confidence(sample_scorer(Params(sure=30.0)), bead, 6, 6)
    assert 0.5 < wide < normal


def test_a_merge_hiding_a_missing_sentence_is_doubtful() -> None:
    """Source 2 and 3 joined against target 3 alone: 3-3 alone explains it, leaving 2 out."""
    scorer = sample_scorer()
    assert bead_confidence(scorer, ([2, 3], [3]), 6, 6) < 0.5
    cheap = sample_scorer(Params(part_skip=0.1))  # the part-alone rival pays less for the rest
    assert bead_confidence(cheap, ([2, 3], [3]), 6, 6) < bead_confidence(
        scorer, ([2, 3], [3]), 6, 6
    )


def test_an_unmatched_sentence_is_rated_against_its_neighbours() -> None:
    scorer = sample_scorer()
    assert bead_confidence(scorer, ([3], []), 6, 6) < 0.5  # target 3 is its translation
