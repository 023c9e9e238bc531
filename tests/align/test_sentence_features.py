"""Tokens and keys of sentences (`aligner.align.sentence_features`) and their cache."""

from __future__ import annotations

from sentence_samples import NO_LEXICON, SRC, TGT

from aligner.align import sentence_features
from aligner.align.sentence_features import SideFeatures
from aligner.align.sentence_params import DEFAULT_PARAMS, Params
from aligner.align.sentences import align_sentences, similarities
from aligner.text.lexicon import Lexicon


def test_cognates_names_and_numbers_share_keys() -> None:
    lexicon = Lexicon("de", "it")
    src = SideFeatures(["Die hydrologische Lage in Baku am 3. April."], 0, lexicon, DEFAULT_PARAMS)
    tgt = SideFeatures(
        ["La situazione idrologica a Bakou il 3 aprile."], 1, lexicon, DEFAULT_PARAMS
    )
    shared = src.sentences[0].keys.keys() & tgt.sentences[0].keys.keys()
    assert {"n:3", "k:bak", "s:idrol", "c:april"} <= shared
    assert not any(k.startswith("c:lage") for k in shared)


def test_rare_words_weigh_more() -> None:
    texts = ["Der Rat tagte.", "Der Rat schwieg.", "Der Ausschuss tagte."]
    side = SideFeatures(texts, 0, Lexicon("de", "fr"), DEFAULT_PARAMS)
    der, rat, _ = side.sentences[0].weights
    assert der < rat  # "Der" is in all three, "Rat" in two
    assert side.sentences[0].total == sum(side.sentences[0].weights)


def test_similarities_do_not_depend_on_what_was_asked_before() -> None:
    """Features of texts seen before come from a cache; the answers are those of a fresh one."""
    caches = sentence_features._CACHES

    def fresh(src: list[str], tgt: list[str]) -> list[list[float]]:
        caches.clear()
        return similarities(src, tgt, "de", "fr")

    cases = [(SRC[i : i + 2], TGT[j : j + 2]) for i in range(4) for j in range(4)]
    expected = [fresh(src, tgt) for src, tgt in cases]
    caches.clear()
    learning = Params(min_learn=1)  # learns word pairs ("a:" keys) from 12 anchors
    align_sentences(SRC * 2, TGT * 2, "de", "fr", params=learning)
    cached = [t for c in caches.values() for tc in c.values() for t in tc.texts.values()]
    assert cached and not any(k.startswith("a:") for text in cached for k in text.keys)
    assert [similarities(src, tgt, "de", "fr") for src, tgt in cases] == expected
    assert [similarities(src, tgt, "de", "fr") for src, tgt in cases] == expected
    assert expected[0][0][0] > expected[0][0][1]  # the translation matches more


def test_a_repeated_text_weighs_alike_but_keeps_keys_of_its_own() -> None:
    texts = [SRC[0], SRC[1], SRC[0]]
    side = SideFeatures(texts, 0, NO_LEXICON, DEFAULT_PARAMS)
    first, _, again = side.sentences
    assert first.weights == again.weights and first.keys == again.keys
    side.keep(set(first.keys))
    assert first.keys == again.keys and first.keys is not again.keys
    first.keys["a:0"] = 1
    assert "a:0" not in again.keys
