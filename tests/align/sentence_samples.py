"""A de-fr text of six sentences and its translation, for the sentence aligner's tests,
and the scorer of the two without a lexicon."""

from __future__ import annotations

from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentence_scorer import SentenceScorer
from aligner.text.lexicon import Lexicon

NO_LEXICON = Lexicon("de", "fr")

SRC = [
    "Die Expedition verliess Kathmandu am 3. April 1956 mit 350 Trägern.",
    "Nach drei Wochen erreichte sie das Basislager auf 5300 m.",
    "Das Wetter war schlecht, und der Wind blies stark.",
    "Am 18. Mai standen Ernst Reiss und Fritz Luchsinger auf dem Gipfel des Lhotse.",
    "Zwei Tage später folgten Marmet und Schmied auf den Everest.",
    "Die Rückkehr nach Zürich erfolgte im Juli.",
]
TGT = [
    "L'expédition quitta Katmandou le 3 avril 1956 avec 350 porteurs.",
    "Après trois semaines, elle atteignit le camp de base à 5300 m.",
    "Le temps était mauvais et le vent soufflait fort.",
    "Le 18 mai, Ernst Reiss et Fritz Luchsinger atteignirent le sommet du Lhotse.",
    "Deux jours plus tard, Marmet et Schmied suivirent sur l'Everest.",
    "Le retour à Zurich eut lieu en juillet.",
]


def sample_scorer(params: Params = DEFAULT_PARAMS) -> SentenceScorer:
    """The scorer of `SRC` against `TGT` without a lexicon."""
    src = SideFeatures(SRC, 0, NO_LEXICON, params)
    tgt = SideFeatures(TGT, 1, NO_LEXICON, params)
    return SentenceScorer(src, tgt, params)
