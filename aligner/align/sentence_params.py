"""The tuned numbers of the sentence aligner (`aligner.align.sentences`), each once, with
what it means and where its value comes from.

"Dev" means tuned on the Text+Berg de-fr dev documents only (never on the test ones,
`benchmarks/sentence_alignment.py --dev`); the test documents measure the result. Costs
are in the units of `SentenceScorer.cost` (`skip` for a sentence left unmatched). The
paragraph aligner keeps its own numbers in `aligner.align.params.ParagraphParams`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Params:
    """Weights of the bead cost and search settings (defaults: `DEFAULT_PARAMS`)."""

    # tokens and keys
    prefix: int = 5  # letters of the cognate key (dev)
    name_length: int = 4  # least letters of a capitalised word given a name key (dev)
    # the bead cost
    lexical: float = 8.0  # weight of the unmatched share of token weight (dev)
    length: float = 1.0  # weight of the Gale–Church length cost (dev; the unit scale)
    variance: float = 6.8  # variance of target characters per source one (Gale & Church 1993)
    skip: float = 6.0  # cost of a 1-0 or 0-1 bead (dev)
    merge: float = 2.25  # prior cost per sentence a bead has beyond one on each side (dev)
    max_bead: int = 5  # largest bead, in sentences on both sides (Bertalign's max_align)
    ratio_prior: int = 4000  # characters of evidence that the length ratio is 1 (dev)
    # the anchor search
    window: int = 100  # half-width, in sentences, of the anchor search around the diagonal
    rare: int = 5  # a key found in more target sentences of the window is no clue (dev)
    candidates: int = 3  # best-voted targets scored per source sentence (dev)
    anchor_length: float = 0.1  # weight of the length cost in an anchor's score (dev)
    anchor_sim: float = 0.3  # least similarity of a 1-1 anchor (dev)
    lookback: int = 50  # earlier anchors the chain search links each anchor to (set by hand)
    # learning word pairs from the anchors (Dice, as in Moore 2002 and hunalign)
    learn: float = 0.3  # least Dice score of a word pair learned from the anchors (dev)
    min_learn: int = 20  # fewer anchors than this teach nothing (dev)
    min_count: int = 2  # a word in fewer anchors, or a pair seen together less, is no evidence
    rounds: int = 2  # rounds of learning word pairs and finding anchors again (dev)
    # the second pass
    band: int = 6  # half-width of the second-pass band around the anchor path (dev)
    max_band: int = 250  # the band is never wider than this, so cost stays linear
    #: Where 1-0 and 0-1 beads come in the order the search tries shapes, between 1-1 beads
    #: (rank 2, their size) and the larger ones (3 and up): the first of equal costs wins,
    #: and a bead's lexical part is only computed while it can still win, so likely beads
    #: go first. Origin: set by hand (it orders the search; no other value was measured).
    skip_rank: float = 2.5
    # the cache of tokens and texts seen lately (bounds on memory: they change no result)
    #: Distinct words kept, then forgotten all at once (about 0.5 kB each, and a check of
    #: six versions keeps ten caches: 10,000 bounds them to some 50 MB; frequent words
    #: come back first). Origin: set by hand from those sizes.
    cache_words: int = 10_000
    #: Texts kept, oldest forgotten first (a 250-character paragraph's key masks take some
    #: 16 kB). Origin: measured on a 5,000-paragraph document (see `sentence_features`'
    #: text cache): keeping more gave no more hits.
    cache_texts: int = 32
    # the confidence of a bead (a logistic of its cost margin over its rivals)
    #: A bead whose cost is this much below its nearest rival's has confidence 0.9.
    #: Origin: set by hand, the 0.9 point of the confidence curve (benchmarks/trust.py
    #: prints the distributions it gives on right and wrong sentence links).
    sure: float = 3.0
    #: A rival of a bead of several sentences that pairs one part alone with the other side
    #: pays this share of a skip for each sentence left over (they are a sentence missing or
    #: added, which `skip` would overstate). Origin: set by hand; tests/align/
    #: test_confidence.py checks that a bead hiding a dropped sentence scores low.
    part_skip: float = 0.5
    # reports
    #: Characters of a sentence quoted in the list of unmatched sentences (`align`'s stderr).
    #: Origin: set by hand (display only: it changes no alignment).
    quote: int = 60


DEFAULT_PARAMS = Params()
