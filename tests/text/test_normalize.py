"""Folding (`aligner.text.normalize`): an ASCII word takes the short way to the same key."""

from __future__ import annotations

import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from aligner.text.normalize import fold, transliterate


def _folded(word: str) -> str:
    """Folding spelled out: lower case, transliterated, decomposed, marks dropped."""
    decomposed = unicodedata.normalize("NFKD", transliterate(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@given(st.text(alphabet=string.printable, max_size=30))
def test_an_ascii_word_folds_as_any_word_does(word: str) -> None:
    assert fold(word) == _folded(word)


def test_other_words_are_transliterated_and_stripped() -> None:
    assert fold("Координация") == _folded("Координация") == "koordinatsiya"
    assert fold("Ærø-Köln") == _folded("Ærø-Köln")
    assert fold("coopération") == "cooperation"
