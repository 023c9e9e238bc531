"""The tuned numbers of the paragraph aligner (`aligner.align.paragraphs`), each once,
with what it means and where its value comes from.

Costs are in the units of `Scorer.cost` (`skip` for a paragraph left unmatched). The
sentence aligner keeps its own numbers in `aligner.align.sentences.Params`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ParagraphParams:
    """Weights, thresholds and work bounds of paragraph alignment (defaults: `PARAMS`)."""

    #: Cost of leaving one paragraph unmatched (a 1-0 or 0-1 bead).
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    skip: float = 6.0
    #: Extra cost of a 2-1 or 1-2 bead, and of a 2-2 bead, over their content cost.
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    merge: float = 3.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    double: float = 7.0
    #: Extra cost of a paragraph linked out of order (a moved paragraph).
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    move: float = 3.0
    #: A 1-1 bead dearer than the typical one by this much is suspect (it may hold a moved
    #: paragraph); only pairs costing at most this are pinned as moved.
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    suspect: float = 3.0
    #: Weights of the content cost (see `Scorer.cost`).
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    shared: float = 1.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    unshared: float = 1.5
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    lexical: float = 4.0
    #: Origin: set by hand: z = 7 (a length no translation has) costs no more than this.
    length_cap: float = 25.0
    #: Share of its learned words a paragraph must share with a much longer one to be taken
    #: for a shortened version of it (its length then costs no more than a skip).
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    contained: float = 0.6
    #: A small bonus for 1-1 pairs that also share their number, to break ties in favour of it.
    #: Origin: set by hand: below any content difference, a tie-break.
    same_number: float = 0.3
    #: Re-estimations of the scorer from the previous alignment, and how close (in cost) a rival
    #: pair must come to a chosen one to be learned from as well.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    passes: int = 2
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    rival: float = 2.0
    #: At most this many pairs (drawn at random) train a scorer: enough to learn a document's
    #: words, and learning time does not grow with the document.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    training: int = 1000
    #: A guide pair anchors the alignment when it costs at most `confirm`, at most `tolerance`
    #: more than pairing either paragraph with a neighbour of the other (alike neighbours
    #: tie), and stands at least `margin` pairs inside a run of such pairs (the dynamic
    #: programming decides the rest).
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    confirm: float = 0.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    tolerance: float = 1.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    margin: int = 3
    #: Between anchors: gaps of at most `small_gap` cells are searched whole; in larger ones,
    #: the band is `band` wide beyond the difference of the numbers of paragraphs, doubled up
    #: to `max_band` where the best path touches its edge.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    small_gap: int = 900
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    band: int = 6
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    max_band: int = 32
    #: Moved paragraphs are looked for among this many likely partners of a suspect paragraph
    #: (by shared stems, learned words and numbers; stems in more paragraphs are not indexed).
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    candidates: int = 10
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    postings: int = 50
    #: At most this many postings are read per paragraph, rarest keys first.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    scanned: int = 400
    #: Beads on either side of a pinned paragraph that are re-aligned to judge the pin.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    region: int = 3
    #: Pinning trials per alignment: this many, or one per `trials_per` beads if more.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    max_trials: int = 40
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    trials_per: int = 20

    #: Look-alike neighbours (`judge_lookalikes`): reference paragraphs at most `near` apart;
    #: one version's evidence counts at most `witness_cap`; evidence for crossing beyond
    #: `decisive` swaps them, evidence for crossing short of that (up to `slight`) is a doubt
    #: (a swap is unlikely a priori: straight pairs favoured even slightly stay unreported),
    #: whose links get a confidence of at most `doubtful`.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    near: int = 3
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    witness_cap: float = 6.0
    #: Reference paragraphs sharing this share of their stems (Dice) are look-alikes (two
    #: paragraphs opening "Also calls on OSCE participating States to" share about 0.6,
    #: neighbours in the shipped resolution 0.0-0.35).
    #: Origin: measured on the shipped resolution (see above).
    alike: float = 0.4
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    decisive: float = 2.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    slight: float = 0.0
    #: A witness's own evidence (straight over crossed, against the reference) above which its
    #: links are sure enough for it to vote on another version (a faulted version, whose own
    #: pair is crossed or in doubt, must not testify against a clean one).
    #: Origin: set by hand: a quarter of `decisive`.
    trusted: float = 0.5
    #: A witness's word evidence (`_lexical_evidence` between two versions) nearer a tie than
    #: this is noise and not counted (measured: within 0.2 on the shipped look-alikes whose
    #: words cannot tell them apart, 0.8-1.0 where one cognate does).
    #: Origin: measured on the shipped look-alikes (see above).
    word_noise: float = 0.5
    #: Share of the other versions that must lack one paragraph of a 2-1 bead (and link the
    #: other 1-1) for it to be that paragraph missing, not a merge (`judge_merges`; set by
    #: hand: a clear majority, at least two versions).
    #: Origin: set by hand (see above).
    merge_witnesses: float = 0.75
    #: Gaps (1-0, 0-1 beads) judged again per version (`judge_gaps`); each costs a few
    #: scorers trained afresh.
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    gaps_judged: int = 100
    #: Cost units per unit of matched word share (`_lexical_evidence`); a share ranges 0-1.
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    word_evidence: float = 10.0
    #: Origin: set by hand, checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    doubtful: float = 0.4
    #: Confidence (`confidence`): rivals up to `rival_reach` paragraphs away; a margin of
    #: `sure` cost units over the nearest rival gives 0.9 (0 gives 0.5).
    #: Origin: a bound on work, set by hand; tests/align/test_paragraphs.py keeps the growth linear.
    rival_reach: int = 2
    #: Origin: set by hand: the 0.9 point of the confidence curve.
    sure: float = 4.0


#: The parameters the aligner runs with.
PARAMS = ParagraphParams()
