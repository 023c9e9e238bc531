"""Second looks at a paragraph alignment with the other versions as witnesses: gaps that
may be merges or missing paragraphs, and look-alike neighbours that may be swapped."""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

from aligner.align.params import PARAMS
from aligner.align.scorer import Bead, IndexPair, Pieces, Scorer
from aligner.align.sentences import similarities
from aligner.model import Document


def judge_gaps(
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
    a witness (`_gap_evidence`), when that evidence is clear (`PARAMS.decisive`). Likewise, by
    plain costs and words, for a 0-1 bead and the version paragraph beside it. At most
    `PARAMS.gaps_judged` beads per version are judged. Beads are changed in place.
    """
    pivots: dict[tuple[int, int], tuple[Pieces, list[IndexPair], dict[int, int]]] = {}
    for v, (beads, scorer) in enumerate(found):
        gaps = [k for k, (r, t) in enumerate(beads) if bool(r) != bool(t)][: PARAMS.gaps_judged]
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
                    if evidence > PARAMS.decisive:
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
                    if _capped(ours) + _capped(words) > PARAMS.decisive:
                        beads[k], beads[near] = (nr, t), ((), nt)
                        break


def judge_merges(
    found: list[tuple[list[Bead], Scorer]], pinned: Sequence[set[IndexPair]] = ()
) -> None:
    """A 2-1 bead whose reference paragraphs every other version tells apart, one of them
    missing in most of those versions (`PARAMS.merge_witnesses`), is that paragraph missing here
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
            if others and votes[side] >= PARAMS.merge_witnesses * others and votes[side] >= 2:
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
    `PARAMS.word_evidence`); for two against one, likewise."""
    if not ref_lang or not lang:
        return 0.0
    matrix = similarities(ref, tgt, ref_lang, lang)
    if len(ref) == 2:
        return PARAMS.word_evidence * (matrix[1][0] - matrix[0][0])
    return PARAMS.word_evidence * (matrix[0][1] - matrix[0][0])


def _capped(value: float) -> float:
    return max(-PARAMS.witness_cap, min(PARAMS.witness_cap, value))


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


def judge_lookalikes(  # noqa: C901  (one pass over look-alike pairs and their witnesses)
    reference: Document,
    targets: Sequence[Document],
    found: list[tuple[list[Bead], Scorer]],
    pinned: Sequence[set[IndexPair]] = (),
) -> list[list[tuple[int, int]]]:
    """Look-alike neighbours judged again, with the other versions as witnesses.

    Two 1-1 beads of a version whose reference paragraphs are at most `PARAMS.near` apart, and
    look alike (they share `PARAMS.alike` of their stems, or the crossed pairs are both cheap),
    are looked at again: the evidence is how much cheaper the straight pairs are than the
    crossed ones by plain costs (no learned associations, which favour the choice they were
    learned from), for the reference and for every other version (a scorer between that
    version and this one), and by the words that tell the texts apart, dictionaries
    included (`_lexical_evidence`), each counting at most `PARAMS.witness_cap`. Clear evidence for
    crossing swaps the beads in place (a reordering is then reported); weak evidence for
    crossing texts that share `PARAMS.alike` of their stems is a doubt, and the numbers break the
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

    trusted: dict[_Witnessed, bool] = {}

    def sure(key: _Witnessed) -> bool:
        """Whether version w's own links i -> a, i2 -> b (`key` is (w, i, a, i2, b)) are
        clearly right (by plain costs and words against the reference): only then does w
        vote on another version."""
        w, i, a, i2, b = key
        if key not in trusted:
            own = _straight_over_crossed(found[w][1], i, a, i2, b)
            if own <= PARAMS.trusted + PARAMS.witness_cap:
                own += _lexical_evidence(
                    (reference.paragraphs[i].text, reference.paragraphs[i2].text),
                    (targets[w].paragraphs[a].text, targets[w].paragraphs[b].text),
                    reference.lang,
                    targets[w].lang,
                )
            trusted[key] = own > PARAMS.trusted
        return trusted[key]

    for v, (beads, scorer) in enumerate(found):
        singles = [k for k, (r, t) in enumerate(beads) if len(r) == len(t) == 1]
        by_ref = {beads[k][0][0]: k for k in singles}
        for k in singles:
            i, j = beads[k][0][0], beads[k][1][0]
            for i2 in range(i + 1, i + PARAMS.near + 1):
                k2 = by_ref.get(i2)
                if k2 is None:
                    continue
                j2 = beads[k2][1][0]
                if pinned and {(i, j), (i2, j2)} & pinned[v]:
                    continue  # a reviser fixed one of them
                alike = (
                    _dice(scorer.pieces.ref[i].stems, scorer.pieces.ref[i2].stems) >= PARAMS.alike
                )
                if not alike and (
                    scorer.pair(i, j2) > PARAMS.confirm or scorer.pair(i2, j) > PARAMS.confirm
                ):
                    continue  # not look-alikes (the second pair is costed only when needed)
                evidence = _straight_over_crossed(scorer, i, j, i2, j2)
                votes: list[tuple[int, int, int, float]] = []  # who links both, and how
                for w in range(len(targets)):
                    if w == v:
                        continue
                    wscorer, links_w = witness(w, v)
                    a, b = links_w.get(i), links_w.get(i2)
                    if a is not None and b is not None:
                        votes.append((w, a, b, _straight_over_crossed(wscorer, a, j, b, j2)))
                evidence, voters = _counted(evidence, votes, (i, i2), trusted, sure)
                if (
                    abs(evidence) <= PARAMS.decisive + PARAMS.witness_cap
                ):  # the words could still tip it
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
                        evidence += words if abs(words) >= PARAMS.word_noise else 0.0
                numbered = scorer.pieces.ref_numbers[i], scorer.pieces.ref_numbers[i2]
                crossed_numbers = (scorer.pieces.tgt_numbers[j2], scorer.pieces.tgt_numbers[j])
                tie = (
                    alike
                    and evidence <= PARAMS.slight
                    and None not in numbered
                    and crossed_numbers == numbered
                )
                if evidence < -PARAMS.decisive or tie:
                    # clear evidence, or a tie broken by the numbers (moved with them)
                    beads[k], beads[k2] = ((i,), (j2,)), ((i2,), (j,))
                    j, j2 = j2, j
                if alike and -PARAMS.decisive <= evidence <= PARAMS.slight:
                    doubts[v].append((k, k2))
        for w in range(len(targets)):  # no other version asks these witnesses
            witnesses.pop((w, v), None)
    return doubts


#: Sums of the same evidence in another order differ by rounding only: far less than this.
_ROUNDING = 1e-9

#: A witness's links asked about: (version, reference i, its paragraph a, reference i2, b).
_Witnessed = tuple[int, int, int, int, int]


def _counted(
    own: float,
    votes: Sequence[tuple[int, int, int, float]],
    rows: tuple[int, int],
    asked: Container[_Witnessed],
    trusts: Callable[[_Witnessed], bool],
) -> tuple[float, list[tuple[int, int, int]]]:
    """The evidence of look-alike reference paragraphs `rows` with the votes ((w, a, b,
    vote)) of the witnesses `trusts`, and those voters (w, a, b); when that is beyond what
    the words could change (`_settled`), a bound on it and no voters (their words are not
    weighed then)."""
    keys = [(w, rows[0], a, rows[1], b) for w, a, b, _ in votes]
    bound = _settled(own, [vote for *_, vote in votes], keys, asked, trusts)
    if bound is not None:
        return bound, []
    evidence = own
    voters: list[tuple[int, int, int]] = []
    for key, (w, a, b, vote) in zip(keys, votes, strict=True):  # summed in witness order
        if trusts(key):
            voters.append((w, a, b))
            evidence += vote
    return evidence, voters


def _settled(
    own: float,
    votes: Sequence[float],
    keys: Sequence[_Witnessed],
    asked: Container[_Witnessed],
    trusts: Callable[[_Witnessed], bool],
) -> float | None:
    """A bound on the evidence of a look-alike pair when, without the words, it is beyond
    what they could change (more than `PARAMS.decisive` plus `PARAMS.witness_cap` from
    zero, where they are weighed); None when the words are needed.

    `own` is the version's straight-over-crossed evidence and `votes` each witness's,
    counted when `trusts` its `keys` (what `sure` asks). Witnesses already `asked` are
    counted first; the others are asked in turn only while the evidence of those who
    might vote could still end within reach of the words, so that a witness's own words
    are read only when its vote could matter. The bound is the least (or, when crossed,
    the greatest) evidence any answer of the witnesses not asked could give.
    """
    reach = PARAMS.decisive + PARAMS.witness_cap + _ROUNDING
    known = own
    open_votes: list[int] = []
    for n, key in enumerate(keys):
        if key not in asked:
            open_votes.append(n)
        elif trusts(key):
            known += votes[n]
    while True:
        low = known + sum(min(votes[n], 0.0) for n in open_votes)
        high = known + sum(max(votes[n], 0.0) for n in open_votes)
        if low > reach:
            return low
        if high < -reach:
            return high
        if not open_votes:
            return None
        n = open_votes.pop(0)
        if trusts(keys[n]):
            known += votes[n]


def _lexical_evidence(
    ref: tuple[str, str], tgt: tuple[str, str], ref_lang: str | None, lang: str | None
) -> float:
    """Straight over crossed by the words that tell look-alikes apart (`similarities`,
    dictionaries included), scaled by `PARAMS.word_evidence` and capped like a witness."""
    if not ref_lang or not lang:
        return 0.0
    (a, b), (c, d) = similarities(ref, tgt, ref_lang, lang)
    return max(-PARAMS.witness_cap, min(PARAMS.witness_cap, PARAMS.word_evidence * (a + d - b - c)))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _straight_over_crossed(scorer: Scorer, i: int, j: int, i2: int, j2: int) -> float:
    """How much cheaper pairs (i, j), (i2, j2) are than (i, j2), (i2, j) by their plain
    costs (`Scorer.plain`), at most `PARAMS.witness_cap` either way."""
    crossed = scorer.plain(i, j2) + scorer.plain(i2, j)
    straight = scorer.plain(i, j) + scorer.plain(i2, j2)
    return max(-PARAMS.witness_cap, min(PARAMS.witness_cap, crossed - straight))
