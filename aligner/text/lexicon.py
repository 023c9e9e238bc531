"""Bilingual word lists from installed FreeDict dictionaries (read by `aligner.text.dictd`).

`load_lexicon(src, tgt)` combines every dictionary that can relate the two languages:
the direct pair, the reverse pair and a pivot through English (``src-eng`` and
``tgt-eng``, or the reverse of a small ``eng-X`` dictionary). A `Lexicon` gives each word
a set of *sense keys*; a source word and a target word are translations of each other
when their key sets meet. Lexicons are cached per process; an empty `Lexicon` (no
dictionary installed, or ``ALIGNER_DICTD_PATH`` set to an empty string) is valid and
matches nothing. The inflection endings tried to find a headword are data:
``aligner/data/lexicon/suffixes.json``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection, Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from aligner.text.dictd import DictdFile
from aligner.text.normalize import fold
from aligner.text.params import LEXICON

#: ISO 639-1 codes of the project's languages -> the ISO 639-3 codes FreeDict uses.
ISO3: dict[str, str] = {
    "en": "eng",
    "fr": "fra",
    "de": "deu",
    "it": "ita",
    "ru": "rus",
    "es": "spa",
}

#: Where Debian and local installs put dictd files; ``ALIGNER_DICTD_PATH`` overrides it.
DEFAULT_DIRS: tuple[str, ...] = ("/usr/share/dictd", "/usr/local/share/dictd")

#: A reversed ``eng-X`` dictionary is built in memory only up to this many compressed bytes.
MAX_REVERSE_BYTES = 2_000_000

#: Languages whose unknown long words are split into known parts ("Nordostwand" -> "wand").
COMPOUNDING = frozenset({"de"})


@lru_cache(maxsize=1)
def _suffixes() -> dict[str, tuple[str, ...]]:
    """Inflection endings per language, in the order `candidates` tries them."""
    path = resources.files("aligner") / "data" / "lexicon" / "suffixes.json"
    data = json.loads(path.read_text(encoding="utf-8"))["suffixes"]
    return {lang: tuple(endings) for lang, endings in data.items()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, language-neutral stem: the folded word cut to `LEXICON.stem_letters`."""
    return fold(word)[: LEXICON.stem_letters]


def search_dirs() -> list[Path]:
    """Directories searched for dictd files (``ALIGNER_DICTD_PATH`` overrides the default)."""
    env = os.environ.get("ALIGNER_DICTD_PATH")
    dirs = env.split(os.pathsep) if env is not None else list(DEFAULT_DIRS)
    return [Path(d) for d in dirs if d]


def find_dictionary(src: str, tgt: str) -> DictdFile | None:
    """The installed FreeDict dictionary from `src` to `tgt` (ISO 639-1 codes), if any."""
    if src not in ISO3 or tgt not in ISO3:
        return None
    name = f"freedict-{ISO3[src]}-{ISO3[tgt]}"
    for folder in search_dirs():
        index = folder / f"{name}.index"
        for data in (folder / f"{name}.dict.dz", folder / f"{name}.dict"):
            if index.is_file() and data.is_file():
                try:
                    return DictdFile(index, data, cached=True)
                except (OSError, ValueError):
                    return None
    return None


@lru_cache(maxsize=65536)
def candidates(word: str, lang: str) -> tuple[str, ...]:
    """`word` lowercased, then guesses at its dictionary form by stripping inflections."""
    word = word.lower()
    result = [word]
    for suffix in _suffixes().get(lang, ()):
        if word.endswith(suffix) and len(word) - len(suffix) >= LEXICON.root_min:
            result.append(word[: -len(suffix)])
    return tuple(result)


class _Side:
    """How words of one language reach a meeting vocabulary through one dictionary."""

    def __init__(self, lang: str, tag: str, dictionary: DictdFile | _ReversedDict | None):
        self.lang = lang
        self.tag = tag
        self.dictionary = dictionary  # None: the word is already in the meeting language

    def keys(self, word: str) -> set[str]:
        if self.dictionary is None:  # the word itself is in the meeting language
            return {self.tag + stem(word)}
        found = self._lookup(word)
        if not found and self.lang in COMPOUNDING and len(word) >= 2 * LEXICON.compound_part:
            found = self._compound(word.lower())
        return {
            self.tag + stem(w)
            for t in found
            for w in t.split()
            if len(w) >= LEXICON.translation_min
        }

    def prefetch(self, words: Collection[str]) -> None:
        """Read from the dictionary's table at once every form `keys` will look up for
        `words`: their candidates, then the parts of the compounds among them."""
        dictionary = self.dictionary
        if not isinstance(dictionary, DictdFile):
            return
        dictionary.prefetch(form for word in words for form in candidates(word, self.lang))
        if self.lang not in COMPOUNDING:
            return
        unknown = [
            word.lower()
            for word in words
            if len(word) >= 2 * LEXICON.compound_part and not self._lookup(word)
        ]
        cuts = [
            (word, range(LEXICON.compound_part, len(word) - LEXICON.compound_part + 1))
            for word in unknown
        ]
        dictionary.prefetch(
            form
            for word, span in cuts
            for cut in span
            for form in candidates(word[cut:], self.lang)
        )
        modifiers = []
        for word, span in cuts:
            cut = next((cut for cut in span if self._lookup(word[cut:])), None)
            if cut is not None:
                modifiers += [word[:cut], word[:cut].rstrip("s")]
        dictionary.prefetch(form for word in modifiers for form in candidates(word, self.lang))

    def _lookup(self, word: str) -> tuple[str, ...]:
        assert self.dictionary is not None
        for form in candidates(word, self.lang):
            found = self.dictionary.translations(form)
            if found:
                return found
        return ()

    def _compound(self, word: str) -> tuple[str, ...]:
        """Translations of the parts of a compound: the longest known head and its modifier."""
        for cut in range(LEXICON.compound_part, len(word) - LEXICON.compound_part + 1):
            head = self._lookup(word[cut:])
            if head:
                modifier = word[:cut]
                return head + (self._lookup(modifier) or self._lookup(modifier.rstrip("s")))
        return ()


def _reverse(dictionary: DictdFile) -> dict[str, tuple[str, ...]]:
    """A small ``eng-X`` dictionary turned around into ``X -> eng`` (in memory)."""
    table: dict[str, list[str]] = {}
    last = ""
    for headword in dictionary.headwords():
        if headword == last or headword.startswith("00database"):
            continue
        last = headword
        for translation in dictionary.translations(headword):
            table.setdefault(translation, []).append(headword)
    return {word: tuple(heads) for word, heads in table.items()}


class _ReversedDict:
    """A reversed dictionary table with the `translations` interface of `DictdFile`."""

    def __init__(self, name: str, table: dict[str, tuple[str, ...]]):
        self.name = name
        self._table = table

    def translations(self, headword: str) -> tuple[str, ...]:
        return self._table.get(headword, ())


def _index_order(word: str) -> tuple[str, str]:
    """Index order, then the word itself: words differing only in case keep one order."""
    return word.lower(), word


class Lexicon:
    """Word-translation knowledge for one language pair, from zero or more dictionaries.

    `src_keys(word)` and `tgt_keys(word)` return sense keys; a source and a target word
    are translations when their key sets intersect. `sources` names the dictionaries used.
    """

    def __init__(self, src: str, tgt: str, pairs: list[tuple[_Side, _Side]] | None = None):
        self.src = src
        self.tgt = tgt
        self._pairs = pairs or []
        self.sources: tuple[str, ...] = tuple(
            sorted({s.dictionary.name for pair in self._pairs for s in pair if s.dictionary})
        )
        self._memo: dict[tuple[int, str], frozenset[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._pairs)

    def _keys(self, side: int, word: str) -> frozenset[str]:
        memo_key = (side, word)
        found = self._memo.get(memo_key)
        if found is None:
            keys: set[str] = set()
            for pair in self._pairs:
                keys |= pair[side].keys(word)
            found = self._memo[memo_key] = frozenset(keys)
        return found

    def prepare(self, src_words: Iterable[str], tgt_words: Iterable[str]) -> None:
        """Look up many words at once, in index order (much faster than one by one)."""
        news = [
            {w for w in words if (side, w) not in self._memo}
            for side, words in enumerate((src_words, tgt_words))
        ]
        for pair in self._pairs:
            for side, words in enumerate(news):
                pair[side].prefetch(words)
        for word in sorted(news[0], key=_index_order):
            self._keys(0, word)
        for word in sorted(news[1], key=_index_order):
            self._keys(1, word)

    def src_keys(self, word: str) -> frozenset[str]:
        """Sense keys of a source-language word."""
        return self._keys(0, word)

    def tgt_keys(self, word: str) -> frozenset[str]:
        """Sense keys of a target-language word."""
        return self._keys(1, word)

    def describe(self) -> str:
        """One line saying which dictionaries are used, or that none is installed."""
        if not self:
            return f"lexicon: none (no FreeDict dictionary for {self.src}-{self.tgt} found)"
        return "lexicon: " + ", ".join(self.sources)


def _to_english(lang: str) -> DictdFile | _ReversedDict | None:
    """A dictionary from `lang` into English: ``X-eng``, else a small reversed ``eng-X``."""
    direct = find_dictionary(lang, "en")
    if direct is not None:
        return direct
    backward = find_dictionary("en", lang)
    if backward is None or backward.data_path.stat().st_size > MAX_REVERSE_BYTES:
        return None
    return _ReversedDict(f"{backward.name} (reversed)", _reverse(backward))


@lru_cache(maxsize=16)
def load_lexicon(src: str, tgt: str) -> Lexicon:
    """The lexicon for `src` -> `tgt` built from every installed dictionary that helps."""
    pairs: list[tuple[_Side, _Side]] = []
    forward = find_dictionary(src, tgt)
    if forward is not None:
        pairs.append((_Side(src, "f:", forward), _Side(tgt, "f:", None)))
    backward = find_dictionary(tgt, src)
    if backward is not None:
        pairs.append((_Side(src, "b:", None), _Side(tgt, "b:", backward)))
    if "en" not in (src, tgt):
        src_en, tgt_en = _to_english(src), _to_english(tgt)
        if src_en is not None and tgt_en is not None:
            pairs.append((_Side(src, "e:", src_en), _Side(tgt, "e:", tgt_en)))
    return Lexicon(src, tgt, pairs)
