"""Which of the six OSCE languages a document or a string is written in.

A document's language comes from its file name (``fr.md``, ``AS14DF_fr.docx``,
``resolution.fr.txt``, ``plain-fr.txt``, a ``fr/`` folder), else from the letter of its
OSCE document code (``AS (14) D F``), else from its text (`guess_language`: stop words,
distinctive letters and script over the six languages).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from aligner.languages import LANGUAGES
from aligner.text.code import code_language as code_language  # re-exported: defined there
from aligner.text.code import find_code as find_code
from aligner.text.code import name_code_language
from aligner.text.params import LANGID

#: Language names that may stand for a code in a file name ("french.md", "deutsch.docx").
_NAMES: dict[str, str] = {
    "english": "en",
    "french": "fr",
    "francais": "fr",
    "français": "fr",
    "german": "de",
    "deutsch": "de",
    "italian": "it",
    "italiano": "it",
    "russian": "ru",
    "русский": "ru",
    "spanish": "es",
    "espanol": "es",
    "español": "es",
}

# Frequent function words per language; a word listed for several languages counts for
# each of them in proportion.
_STOP_WORDS: dict[str, str] = {
    "en": "the and of to in that is are for with on by as be which this from their have has"
    " it not or at its all an was were these those who whom would should will such between"
    " other into upon also including within they there been any against through without"
    " can may must than them",
    "fr": "le la les des du de et un une est sont pour dans par sur avec qui que aux au ces"
    " cette leur leurs ont été ainsi notamment entre aussi en ne pas se sa son ses tous toutes"
    " afin lors d l qu où auprès dont sans selon vers chez tout toute peut peuvent être"
    " avoir très même contre",
    "de": "der die das und den dem des ein eine einer eines einem ist sind mit von zu zur zum"
    " für auf im in nicht sich auch bei durch nach über wie werden wird dass oder als aus alle"
    " ihre ihrer sie es gegen ohne unter zwischen wurden wurde kann können müssen sollen"
    " dieser diese dieses einen keine jedoch insbesondere",
    "it": "il lo la gli le di del della dei delle degli e un una è sono per con che nel nella"
    " nei alla alle al dal dalla su sulla come anche non ai tra fra questo questa loro ed da"
    " i si ha hanno l dell all dall nell sull nelle essere tali tutti tutte nonché presso già"
    " quale quali dove cui può possono ogni",
    "es": "el la los las de del y en un una es son por para con que se su sus al lo como más"
    " entre también sobre este esta estos ha han o cuando desde todos todas le ello dicho así"
    " sin según hacia mediante otros otras cual cuales donde hay fue sea sean ser puede"
    " pueden muy tanto ni",
    "ru": "и в на с по не что для к от из о об как а также или их его это этой которые которых"
    " при до все во со же ее её они был была были бы",
}

_WEIGHTS: dict[str, dict[str, float]] = {}
for _lang, _words in _STOP_WORDS.items():
    for _word in _words.split():
        _WEIGHTS.setdefault(_word, {})[_lang] = 1.0
for _langs in _WEIGHTS.values():
    for _lang in _langs:
        _langs[_lang] = 1.0 / len(_langs)


def _pointing(marks: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Per mark (a letter or a word ending), the languages whose list names it."""
    out: dict[str, tuple[str, ...]] = {}
    for lang, listed in marks.items():
        for mark in listed.split():
            out[mark] = (*out.get(mark, ()), lang)
    return out


# Letters that point to one or two of the Latin-script languages.
_LETTERS = _pointing(
    {
        "de": "ß ä ö ü",
        "es": "ñ ¿ ¡ á í ó ú",
        "fr": "ç œ ê â î ô û ë ï è à ù",
        "it": "è à ì ò ù",
    }
)

# Word endings typical of one or two languages.
_SUFFIXES = _pointing(
    {
        "es": "ción ciones dad mente",
        "it": "zione zioni ità mente",
        "en": "ing ness tion tions",
        "fr": "ement ée ées eux tion tions",
        "de": "ung ungen keit heit lich",
    }
)

_WORD = re.compile(r"[^\W\d_]+")


#: ISO 639-1 language codes (a file named after one of them outside the six is a
#: version in a language aligner does not check unless --lang names it).
ISO_639_1: frozenset[str] = frozenset(
    {
        "aa",
        "ab",
        "ae",
        "af",
        "ak",
        "am",
        "an",
        "ar",
        "as",
        "av",
        "ay",
        "az",
        "ba",
        "be",
        "bg",
        "bh",
        "bi",
        "bm",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "ce",
        "ch",
        "co",
        "cr",
        "cs",
        "cu",
        "cv",
        "cy",
        "da",
        "de",
        "dv",
        "dz",
        "ee",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fj",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gn",
        "gu",
        "gv",
        "ha",
        "he",
        "hi",
        "ho",
        "hr",
        "ht",
        "hu",
        "hy",
        "hz",
        "ia",
        "id",
        "ie",
        "ig",
        "ii",
        "ik",
        "io",
        "is",
        "it",
        "iu",
        "ja",
        "jv",
        "ka",
        "kg",
        "ki",
        "kj",
        "kk",
        "kl",
        "km",
        "kn",
        "ko",
        "kr",
        "ks",
        "ku",
        "kv",
        "kw",
        "ky",
        "la",
        "lb",
        "lg",
        "li",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mh",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "na",
        "nb",
        "nd",
        "ne",
        "ng",
        "nl",
        "nn",
        "no",
        "nr",
        "nv",
        "ny",
        "oc",
        "oj",
        "om",
        "or",
        "os",
        "pa",
        "pi",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sc",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sm",
        "sn",
        "so",
        "sq",
        "sr",
        "ss",
        "st",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "tn",
        "to",
        "tr",
        "ts",
        "tt",
        "tw",
        "ty",
        "ug",
        "uk",
        "ur",
        "uz",
        "ve",
        "vi",
        "vo",
        "wa",
        "wo",
        "xh",
        "yi",
        "yo",
        "za",
        "zh",
        "zu",
    }
)


def foreign_language(path: str | Path) -> str | None:
    """The language code a file name announces when it is not one of the six ("pl.md")."""
    p = Path(path)
    stem = p.name.rsplit(".", 1)[0] if "." in p.name else p.name
    parts = [t for t in re.split(r"[._\-\s]+", stem) if t]
    if len(parts) >= 2 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        parts.pop()  # a region after the language: "pt-BR"
    last = parts[-1] if parts else ""
    if last.islower() and last in ISO_639_1 and last not in LANGUAGES:
        return last
    return None


def language_from_path(path: str | Path) -> str | None:
    """The language a file name (or its folder) announces, or None.

    The last dot-, dash- or underscore-separated part of the name decides ("plain-fr.txt",
    "resolution.fr.txt", "AS14DF_fr.docx", "fr-FR.md"); then a folder named after a
    language ("fr/declaration.md"); then a code in the name ("AS14DF.docx"). A language
    word elsewhere in the name ("declaracion-de-baku.md") is not taken for a language.
    """
    p = Path(path)
    stem = p.name.rsplit(".", 1)[0] if "." in p.name else p.name
    parts = [t for t in re.split(r"[._\-\s]+", stem) if t]
    if len(parts) >= 2 and re.fullmatch(r"[A-Z]{2}", parts[-1]) and parts[-2].lower() in LANGUAGES:
        parts.pop()  # a region after the language: "fr-FR", "es_ES"
    if parts:
        last = parts[-1].lower()
        if last in LANGUAGES:
            return last
        if last in _NAMES:
            return _NAMES[last]
    folder = p.parent.name.lower()
    if folder in LANGUAGES:
        return folder
    for part in parts:
        if lang := name_code_language(part):
            return lang
    return None


def _alpha_class(*ranges: tuple[int, int]) -> re.Pattern[str]:
    """A character class of the letters (`str.isalpha`) in the given code point ranges."""
    chars = "".join(chr(c) for lo, hi in ranges for c in range(lo, hi + 1) if chr(c).isalpha())
    return re.compile(f"[{re.escape(chars)}]")


_CYRILLIC = _alpha_class((0x0400, 0x04FF))
_LATIN = _alpha_class((0x00, 0x7F), (0x00C0, 0x024F))
_MARKED = re.compile(f"[{re.escape(''.join(_LETTERS))}]")


@lru_cache(maxsize=65536)
def _votes(word: str) -> tuple[tuple[str, float], ...]:
    """What one (lower-case) word adds to each language's score, in the order it is added."""
    out = list(_WEIGHTS.get(word, {}).items())
    for size in (3, 4, 5, 6):
        if len(word) > size + 1:
            out.extend((lang, LANGID.ending_vote) for lang in _SUFFIXES.get(word[-size:], ()))
    return tuple(out)


def guess_language(text: str) -> tuple[str | None, float]:
    """Guess which of the six languages `text` is in; return (language, confidence 0..1).

    Cyrillic script means Russian; otherwise function words, word endings and distinctive
    letters vote, and the confidence grows with the evidence separating the best language
    from the runner-up (one unit: 0.5, two: 0.75...). Short or ambiguous strings give a
    low confidence; no evidence at all gives (None, 0.0). Only the first `LANGID.sample`
    characters are read (plenty for a verdict, and bounded time on huge documents).
    Characters are counted and words scored by C code (regular expressions, a memo of each
    word's votes); the scores are added up in text order.
    """
    text = text[: LANGID.sample]
    if not any(map(str.isalpha, text)):
        return None, 0.0
    cyrillic = len(_CYRILLIC.findall(text))
    if cyrillic and cyrillic > len(_LATIN.findall(text)):
        share = cyrillic / sum(map(str.isalpha, text))
        return "ru", round(share * min(1.0, cyrillic / LANGID.cyrillic_letters), 3)
    scores: dict[str, float] = defaultdict(float)
    lowered = text.lower()
    for word in _WORD.findall(lowered):
        for lang, weight in _votes(word):
            scores[lang] += weight
    vote = LANGID.letter_vote
    for c in _MARKED.findall(lowered):
        for lang in _LETTERS[c]:
            scores[lang] += vote
    scores.pop("ru", None)
    if not scores:
        return None, 0.0
    ranked = sorted(scores.items(), key=itemgetter(1), reverse=True)  # as Counter.most_common
    best_lang, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if best == second:
        return None, 0.0
    # Each unit of evidence separating the best language from the next one halves the doubt.
    confidence = 1 - math.exp(-(best - second) * math.log(2))
    return best_lang, round(confidence, 3)


def detect_language(path: str | Path, code: str | None, text: str) -> str | None:
    """A document's language: from its file name, else its code, else its text."""
    lang = language_from_path(path) or code_language(code)
    if lang:
        return lang
    guessed, confidence = guess_language(text)
    return guessed if confidence >= LANGID.detect_confidence else None
