"""Sentence alignment: length, lexical anchors and an optional bilingual lexicon.

API
---
``align_sentences(src, tgt, src_lang, tgt_lang, lexicon=None)`` aligns two lists of
sentences and returns beads in order: ``[(src_indices, tgt_indices), ...]``, e.g.
``([0, 1], [0])`` for a 2-1 bead and ``([], [5])`` for a target sentence with no
source. Every sentence is in exactly one bead. ``lexicon=None`` uses the installed
FreeDict dictionaries for the pair (`aligner.text.lexicon.load_lexicon`, cached per process);
pass ``Lexicon(src_lang, tgt_lang)`` to align without one.

``align_paragraph(src_text, tgt_text, src_lang, tgt_lang, lexicon=None, ratio=None)``
segments two aligned paragraphs (`aligner.text.segment`) and aligns their sentences; pass
the documents' length ``ratio`` (target/source) when known, as one paragraph is little
evidence. The returned `SentenceAlignment` has the sentences, the beads, `pairs()`
(joined source and target text per bead, for sentence-level TMX/PO export: tuid
``doc:section:para:sN`` where N is the 1-based bead number) and `unmatched()`
(sentences in 1-0 / 0-1 beads, for checks that report which sentence of a paragraph is
missing). ``align_texts`` does the same for whole running texts (the ``align`` command).

Method
------
Each sentence becomes weighted tokens (words, numbers, some punctuation), each token a
set of keys: its folded, transliterated 5-letter prefix and the 5-letter prefix of its
sound without an initial h/г (cognates: "hydrological" ~ "idrologico" ~
"гидрологический"), a sound key for
capitalised words (names: "Baku" ~ "Bakou" ~ "Баку"), its number value, and the
lexicon's sense keys. Tokens of a source and a target sentence match when
their keys meet; the similarity of a bead is the matched share of token weight (weights
are inverse sentence frequencies within the document). The cost of a bead adds a
Gale–Church length cost, the unmatched share of weight times the bead's size, and a
prior growing with the number of sentences; a 1-0 or 0-1 bead costs a constant.

Two passes keep the work linear in the length of the texts, as in Bertalign: (1)
confident 1-1 anchors (mutual best candidates) are found through an inverted index of
keys that are rare near the length diagonal, and the heaviest monotone chain of them is
kept; word pairs that co-occur in the anchors far more than by chance (Dice, as in Moore's
and hunalign's bootstrapping) become extra keys, and the anchors are searched again;
(2) dynamic programming over 0-1 and 1-0 beads and every bead of up to five sentences
(1-1, 2-1, 1-2, 2-2, 3-1, 1-3, 3-2, 2-3, 4-1, 1-4) runs in a narrow band around the path
through the anchors, widened where the anchors leave a long gap or one of unequal size
(deleted or inserted passages).

Modules
-------
This one holds the entry points and the steps in order; `sentence_features` makes the
tokens, keys and weights, `sentence_scorer` the cost of a bead, `sentence_anchors` the
first pass (anchors, learned word pairs), `search` runs the second, `sentence_confidence`
rates each bead and `sentence_result` holds `SentenceAlignment` and its output formats.
Every tuned number is in `sentence_params.Params`, with its origin.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from aligner.align.search import Span, anchor_band, cheapest_path
from aligner.align.sentence_anchors import AnchorSearch, learn_word_pairs
from aligner.align.sentence_confidence import bead_confidence
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentence_result import SentenceAlignment, SentenceBead, unmatched_lines
from aligner.align.sentence_scorer import SentenceScorer
from aligner.text.lexicon import Lexicon, load_lexicon
from aligner.text.segment import segment

__all__ = [
    "Params",
    "SentenceAlignment",
    "SentenceBead",
    "align_paragraph",
    "align_sentences",
    "align_texts",
    "scored_alignment",
    "similarities",
    "unmatched_lines",
]


def _dp(
    n: int, m: int, band: list[Span], scorer: SentenceScorer
) -> list[tuple[SentenceBead, float]]:
    """The cheapest path through the band: its beads in order, each with its own cost."""
    size = scorer.params.max_bead
    shapes = [(1, 0), (0, 1)]
    shapes += [(a, b) for a in range(1, size) for b in range(1, size) if a + b <= size]
    rank = scorer.params.skip_rank
    shapes.sort(key=lambda t: (t[0] + t[1] if t[0] and t[1] else rank, t))  # likely best first
    path = cheapest_path(
        n, m, shapes, scorer.base, band=band, extra=scorer.lexical, forget=scorer.forget
    )
    return [((list(range(x, x + a)), list(range(y, y + b))), cost) for x, y, a, b, cost in path]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    lexicon: Lexicon | None = None,
    *,
    ratio: float | None = None,
    params: Params = DEFAULT_PARAMS,
) -> list[SentenceBead]:
    """Align two lists of sentences; return the beads in order (see the module docstring).

    `ratio` is the expected target/source length ratio (say, of the whole documents when
    aligning one paragraph pair); by default it is estimated from the two lists.
    """
    lexicon = load_lexicon(src_lang, tgt_lang) if lexicon is None else lexicon
    return [bead for bead, _ in _aligned(src, tgt, lexicon, ratio, params)[0]]


def scored_alignment(
    src: Sequence[str], tgt: Sequence[str], lexicon: Lexicon, *, ratio: float | None = None
) -> tuple[list[SentenceBead], list[float]]:
    """`align_sentences` with a lexicon given, and the confidence of each bead (see
    `bead_confidence`)."""
    costed, scorer = _aligned(src, tgt, lexicon, ratio)
    beads = [bead for bead, _ in costed]
    if scorer is None:
        return beads, [1.0] * len(beads)
    return beads, [bead_confidence(scorer, bead, len(src), len(tgt)) for bead in beads]


def _aligned(
    src: Sequence[str],
    tgt: Sequence[str],
    lexicon: Lexicon,
    ratio: float | None = None,
    params: Params = DEFAULT_PARAMS,
) -> tuple[list[tuple[SentenceBead, float]], SentenceScorer | None]:
    """The beads with their costs (what the search adds for each: lower is a surer bead;
    a 1-0 or 0-1 bead costs `Params.skip`), and the scorer that chose them (None when a
    side is empty)."""
    n, m = len(src), len(tgt)
    if not n or not m:
        skips: list[SentenceBead] = [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
        return [(bead, params.skip) for bead in skips], None
    sf = SideFeatures(src, 0, lexicon, params)
    tf = SideFeatures(tgt, 1, lexicon, params)
    shared = sf.key_df.keys() & tf.key_df.keys()
    sf.keep(shared)
    tf.keep(shared)
    scorer = SentenceScorer(sf, tf, params, ratio)
    search = AnchorSearch(sf, tf, params)
    anchors = search.find(scorer)
    for _ in range(params.rounds):
        if len(anchors) < params.min_learn or not learn_word_pairs(sf, tf, anchors, params):
            break
        scorer = SentenceScorer(sf, tf, params, ratio)
        anchors = search.find(scorer)
    band = anchor_band(n, m, anchors, params.band, params.max_band)
    return _dp(n, m, band, scorer), scorer


def similarities(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
) -> list[list[float]]:
    """The share of token weight each text of `src` and each of `tgt` match, in [0, 1].

    Tokens match as in sentence alignment (cognates, names, numbers, dictionary
    translations), weighted by their rarity among these texts, so that what look-alike
    texts share counts little and what tells them apart counts much.
    """
    lexicon = load_lexicon(src_lang, tgt_lang)
    scorer = SentenceScorer(
        SideFeatures(src, 0, lexicon, DEFAULT_PARAMS, counted=False),
        SideFeatures(tgt, 1, lexicon, DEFAULT_PARAMS, counted=False),
        DEFAULT_PARAMS,
    )
    return [[scorer.similarity(i, j, 1, 1) for j in range(len(tgt))] for i in range(len(src))]


def align_texts(
    src_text: str,
    tgt_text: str,
    src_lang: str,
    tgt_lang: str,
    *,
    presegmented: bool = False,
    lexicon: Lexicon | None = None,
) -> SentenceAlignment:
    """Segment (unless `presegmented`: one sentence per line) and align two texts."""
    if presegmented:
        src, tgt = _lines(src_text), _lines(tgt_text)
    else:
        src, tgt = segment(src_text, src_lang), segment(tgt_text, tgt_lang)
    costed, _ = _aligned(src, tgt, load_lexicon(src_lang, tgt_lang) if lexicon is None else lexicon)
    return SentenceAlignment(src, tgt, [b for b, _ in costed], costs=[c for _, c in costed])


def _lines(text: str) -> list[str]:
    """Lines of `text`, blank ones kept so that indices are line numbers."""
    lines = regex.split(r"\r\n|\r|\n", text)
    if lines and not lines[-1]:
        lines.pop()
    return [line.strip() for line in lines]


def align_paragraph(
    src_text: str,
    tgt_text: str,
    src_lang: str,
    tgt_lang: str,
    lexicon: Lexicon | None = None,
    *,
    ratio: float | None = None,
) -> SentenceAlignment:
    """Segment two aligned paragraphs into sentences and align them.

    Pass the documents' length `ratio` when known: a paragraph alone is short evidence.
    """
    src = segment(src_text, src_lang)
    tgt = segment(tgt_text, tgt_lang)
    if len(src) == 1 and len(tgt) == 1:
        return SentenceAlignment(src, tgt, [([0], [0])], confidences=[1.0])
    lexicon = load_lexicon(src_lang, tgt_lang) if lexicon is None else lexicon
    beads, confidences = scored_alignment(src, tgt, lexicon, ratio=ratio)
    return SentenceAlignment(src, tgt, beads, confidences=confidences)
