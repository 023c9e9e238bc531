"""Paragraph features (`aligner.text.features`): names placed as a plain scan places them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text import features
from aligner.text.features import _WORD, word_features
from aligner.text.normalize import fold


def _names_by_scan(text: str) -> frozenset[str]:
    """Names as the definition reads: every word placed in turn from the end of the one
    before, capitalised ones not starting a sentence kept."""
    shortest, longest = features.FEATURES.name_min, features.FEATURES.name_max
    out: set[str] = set()
    end = 0
    for found in _WORD.findall(text):
        start = text.find(found, end)
        end = start + len(found)
        word = found.strip("'’-")
        if (
            (found[0].isupper() or found[0].istitle())
            and shortest <= len(word) <= longest
            and word[0].isupper()
            and not features._is_acronym(word)
            and not features._starts_sentence(text, start)
        ):
            out.update(part for part in fold(word).split("-") if len(part) >= shortest)
    return frozenset(out)


PIECES = st.sampled_from(
    [
        "Baku",
        "baku",
        "deBaku",
        "eBaku",
        "OSCE",
        "Vienna",
        "the",
        "of",
        "'Baku",
        "-Baku",
        "l'Europe",
        "«Baku»",
        "Ǆemal",
        "Åland",
        "a\u0301Baku",
        "Baku-Vienna",
        "Mr.",
        "e.g.",
    ]
)
GLUE = st.sampled_from([" ", "  ", ". ", ", ", "; ", "'", "-", "(", "\u00a0", "\n", "? "])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(PIECES, GLUE), max_size=14))
def test_names_are_those_a_plain_scan_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(a + b for a, b in parts)
    assert word_features(text)[0] == _names_by_scan(text)


def test_a_capital_inside_a_word_is_not_taken_for_the_name_after_it() -> None:
    # "Baku" is found inside "deBaku" first; its real place starts the sentence
    text = "See deBaku. Baku hosted it"
    assert word_features(text)[0] == _names_by_scan(text) == frozenset()
    assert word_features("the city of deBaku and Baku")[0] == frozenset({"baku"})
