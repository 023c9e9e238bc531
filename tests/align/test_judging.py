"""Look-alike judging asks a witness for its words only when its vote could matter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from aligner.align.judging import _counted
from aligner.align.params import PARAMS

CAP = PARAMS.witness_cap
REACH = PARAMS.decisive + PARAMS.witness_cap  # beyond it the words change nothing


def _full(own: float, votes: list[float], trusted: list[bool]) -> float:
    """The evidence as summed when every witness is asked: in witness order."""
    evidence = own
    for vote, ok in zip(votes, trusted, strict=True):
        if ok:
            evidence += vote
    return evidence


_vote = st.floats(-CAP, CAP, allow_nan=False)
_case = st.integers(0, 5).flatmap(
    lambda n: st.tuples(
        _vote,
        st.lists(_vote, min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


@given(_case)
def test_the_evidence_is_the_full_sum_or_on_its_side_beyond_the_words(case) -> None:
    own, votes, trusted, asked_before = case
    keys = [(w, 0, w, 1, w) for w in range(len(votes))]  # what _counted asks
    asked: list[int] = []

    def trusts(key: tuple[int, int, int, int, int]) -> bool:
        asked.append(key[0])
        return trusted[key[0]]

    before = {key for key, done in zip(keys, asked_before, strict=True) if done}
    witnesses = [(w, w, w, vote) for w, vote in enumerate(votes)]
    evidence, voters = _counted(own, witnesses, (0, 1), before, trusts)
    full = _full(own, votes, trusted)
    if voters or abs(evidence) <= REACH:  # the words are weighed: it must be exact
        assert evidence == full
        assert voters == [(w, w, w) for w, ok in enumerate(trusted) if ok]
    else:  # a bound: the full sum lies beyond the words' reach on the same side
        assert abs(full) > REACH
        assert (evidence > 0) == (full > 0)
        assert abs(full) >= abs(evidence) - 1e-9
    # who was asked already is asked first
    done = [w for w, d in enumerate(asked_before) if d]
    assert asked[: len(done)] == done


def test_a_clear_pair_is_settled_by_its_own_evidence_and_one_sure_witness() -> None:
    asked: list[int] = []

    def trusts(key: tuple[int, int, int, int, int]) -> bool:
        asked.append(key[0])
        return True

    witnesses = [(w, w, w, CAP) for w in range(4)]
    evidence, voters = _counted(CAP, witnesses, (0, 1), set(), trusts)
    assert asked == [0]  # own and one sure witness: 12 > REACH whatever the rest say
    assert evidence > REACH
    assert voters == []
