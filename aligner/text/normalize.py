"""Folding for comparison across scripts: transliteration, accents, sound keys, edit
similarity and name keys."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

import regex

from aligner.text.params import FEATURES

# --- normalization ---------------------------------------------------------------------

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}  # fmt: skip
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"}
_FOLD_TABLE = str.maketrans({**_CYRILLIC, **_SPECIAL})


def transliterate(text: str) -> str:
    """Lower-case `text` and write Cyrillic letters in Latin (a simple, lossy scheme)."""
    return text.lower().translate(_FOLD_TABLE)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, transliterate and strip accents, so cognates can be compared (an ASCII
    word has nothing to transliterate or strip: its lower case, without decomposing it)."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", transliterate(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _once(match: regex.Match[str]) -> str:
    """A doubled letter written once (a function: a template such as r"\\1" is parsed again
    on every substitution)."""
    return match.group(1)


#: Spellings of one sound across the six languages (after `fold`), for cognates and names.
_SOUNDS: tuple[tuple[regex.Pattern[str], str | Callable[[regex.Match[str]], str]], ...] = tuple(
    (regex.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[-'’]", ""),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"[yj]", "i"),
        (r"w", "v"),
        (r"z", "s"),
        (r"(?<=[kgstd])h", ""),
        (r"(.)\1+", _once),
    )
)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """A word folded and spelled by sound: "co-ordination" and "координация" -> "kordinatsi..."."""
    key = fold(word)
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key


def edit_similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / length of the longer string (1.0 for equal strings)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1.0 - previous[-1] / len(a)


# --- agreement of anchors ----------------------------------------------------------------


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A folded name spelled by sound, without inflected endings: "Bruxelles" -> "bruksel"."""
    key = sound(name)
    stripped = key.rstrip("s").rstrip("aeiou")
    return stripped if len(stripped) >= FEATURES.key_min else key


@lru_cache(maxsize=65536)
def names_match(a: str, b: str) -> bool:
    """Whether two names are the same name across languages (cognates, transliteration)."""
    if a == b:
        return True
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < FEATURES.compare_min or not (
        ka[0] == kb[0] or ka[1] == kb[0] or ka[0] == kb[1]
    ):
        return False
    return edit_similarity(ka, kb) >= FEATURES.similar
