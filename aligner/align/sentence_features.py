"""What a sentence is to the sentence aligner: weighted tokens, each a set of keys.

A token is a word, a number or a mark; its keys are its folded 5-letter prefix, the prefix
of its sound without an initial h/г (cognates), a sound key for capitalised words (names),
a number's value and the lexicon's sense keys. Two tokens match when their keys meet. The
tokens of texts seen lately are cached per lexicon (`_TextCache`); `SideFeatures` weighs
them by their inverse sentence frequency among the texts of one side.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from aligner import limits
from aligner.align.sentence_params import Params
from aligner.text.lexicon import Lexicon
from aligner.text.normalize import fold, name_key, sound
from aligner.text.numbers import numbers

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*")
_PUNCT = regex.compile(r"[?!:;«»„“”\"()]")
_PUNCT_CLASS = {"«": "q", "»": "q", "„": "q", "“": "q", "”": "q", '"': "q", "(": "(", ")": ")"}


@dataclass
class WeightedSentence:
    """A sentence reduced to what the cost needs."""

    length: int
    keys: dict[str, int]  # key -> bit mask of the tokens carrying it
    words: dict[str, int]  # folded word -> bit mask of its tokens
    weights: list[float]
    total: float


#: A word-initial h, or the Russian г written for it ("гидрологический" for
#: "hydrological", "гуманитарный" for "humanitarian"), which Italian and Spanish drop.
_INITIAL_H = regex.compile(r"^[hg](?=[aeiou])")


def _cognate(word: str) -> str:
    """The word spelled by sound without an initial h or g, so "hydrological",
    "idrologico" and "гидрологический" share a key (as do "global" and "глобальный")."""
    return _INITIAL_H.sub("", sound(word))


#: A token: its identity ("w:" and the folded word, "n:" a number, "p:" a mark) and its
#: keys, sorted (the order in which they enter a sentence's key dict).
_Token = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class _Text:
    """What a sentence gives whatever texts it is aligned among: all but the weights."""

    length: int
    idents: tuple[str, ...]  # the identity of each token, in order
    distinct: frozenset[str]  # the identities, each once (for the document frequencies)
    keys: dict[str, int]  # key -> bit mask of the tokens carrying it (shared: read only)
    words: dict[str, int]  # "w:" identity -> bit mask of its tokens (read only)


class _TextCache:
    """Tokens of words and features of whole texts already seen, for one lexicon, side
    and token settings: the paragraph aligner's look-alike judging asks `similarities` about the
    same paragraphs again and again (measured on a 5,000-paragraph document: 7,523 calls,
    37 % of their texts seen within the last 24 of their language pair and side). Its
    bounds are `Params.cache_words` and `Params.cache_texts`."""

    def __init__(self, side: int, lexicon: Lexicon, params: Params):
        self.side = side
        self.lexicon = lexicon
        self.params = params
        self.tokens: dict[str, _Token] = {}
        self.texts: dict[str, _Text] = {}

    def token(self, word: str) -> _Token:
        """The token of one word: its cognate, sound and name keys and its sense keys."""
        token = self.tokens.get(word)
        if token is None:
            folded = fold(word)
            prefix = self.params.prefix
            found = {"c:" + folded[:prefix], "s:" + _cognate(word)[:prefix]}
            if (
                word[0].isupper() and len(folded) >= self.params.name_length
            ):  # name: "Baku" ~ "Bakou"
                found.add("k:" + name_key(word))
            lexicon = self.lexicon
            found |= lexicon.src_keys(word) if self.side == 0 else lexicon.tgt_keys(word)
            if len(self.tokens) >= self.params.cache_words:
                self.tokens.clear()
            token = self.tokens[word] = ("w:" + folded, tuple(sorted(found)))
        return token

    def text(self, sentence: str) -> _Text:
        """The features of one sentence (from the cache when seen lately)."""
        found = self.texts.get(sentence)
        if found is not None:
            return found
        # each token with what it was read from: a word, or the key of a number or mark
        row = [(word, self.token(word)) for word in _WORD.findall(sentence)]
        for value in numbers(sentence):
            key = f"n:{value:g}"
            row.append((key, (key, (key,))))
        for mark in _PUNCT.findall(sentence):
            key = "p:" + _PUNCT_CLASS.get(mark, mark)
            row.append((key, (key, (key,))))
        row = row[: limits.MAX_SENTENCE_TOKENS]  # bit masks grow with the row
        masks: dict[str, int] = {}
        tokens: dict[str, _Token] = {}
        for pos, (source, token) in enumerate(row):
            masks[source] = masks.get(source, 0) | 1 << pos
            tokens[source] = token
        keys: dict[str, int] = {}
        words: dict[str, int] = {}
        for source, mask in masks.items():  # in order of first appearance
            ident, token_keys = tokens[source]
            for key in token_keys:
                keys[key] = keys.get(key, 0) | mask
            if ident.startswith("w:"):
                words[ident] = words.get(ident, 0) | mask
        idents = tuple(ident for _, (ident, _) in row)
        found = _Text(len("".join(sentence.split())), idents, frozenset(idents), keys, words)
        if len(self.texts) >= self.params.cache_texts:
            del self.texts[next(iter(self.texts))]
        self.texts[sentence] = found
        return found


_CACHES: weakref.WeakKeyDictionary[Lexicon, dict[tuple[int, ...], _TextCache]] = (
    weakref.WeakKeyDictionary()
)


def _text_cache(side: int, lexicon: Lexicon, params: Params) -> _TextCache:
    """The cache of `lexicon`'s texts on one side (it lives as long as the lexicon)."""
    caches = _CACHES.setdefault(lexicon, {})
    # what a token depends on, and the cache's bounds
    key = (side, params.prefix, params.name_length, params.cache_words, params.cache_texts)
    cache = caches.get(key)
    if cache is None:
        cache = caches[key] = _TextCache(side, lexicon, params)
    return cache


class SideFeatures:
    """Tokens, keys and weights of one side of the text pair.

    The sentences' key dicts are the text cache's own until `keep` replaces them with
    copies (which `learn_word_pairs` may change). Without `counted`, `key_df` is left empty (for
    scoring only).
    """

    def __init__(
        self,
        sentences: Sequence[str],
        side: int,
        lexicon: Lexicon,
        params: Params,
        *,
        counted: bool = True,
    ):
        self.texts = list(sentences)
        cache = _text_cache(side, lexicon, params)
        if lexicon:
            new = [s for s in dict.fromkeys(self.texts) if s not in cache.texts]
            words = (w for s in new for w in _WORD.findall(s))
            if side == 0:
                lexicon.prepare(words, ())
            else:
                lexicon.prepare((), words)
        seen: dict[str, _Text] = {}  # a text repeated here is read once
        texts = []
        for sentence in self.texts:
            text = seen.get(sentence)
            if text is None:
                text = seen[sentence] = cache.text(sentence)
            texts.append(text)
        df: Counter[str] = Counter()
        for text in texts:
            df.update(text.distinct)
        n = max(len(sentences), 1)
        weight_of = {ident: math.log(1.0 + n / count) for ident, count in df.items()}
        self.sentences: list[WeightedSentence] = []
        for text in texts:
            weights = [weight_of[ident] for ident in text.idents]
            self.sentences.append(
                WeightedSentence(text.length, text.keys, text.words, weights, sum(weights))
            )
        self.key_df: dict[str, int] = defaultdict(int)
        for s in self.sentences if counted else ():
            for key in s.keys:
                self.key_df[key] += 1

    def keep(self, wanted: set[str]) -> None:
        """Forget keys the other side never has: they cannot match (saves time and memory).
        The sentences get key dicts of their own."""
        # a repeated text's sentences share one key dict: filter it once (the dict is
        # kept beside its filtered copy so that its id stays its own)
        kept: dict[int, tuple[dict[str, int], dict[str, int]]] = {}
        for sentence in self.sentences:
            found = kept.get(id(sentence.keys))
            if found is None:
                found = kept[id(sentence.keys)] = (
                    sentence.keys,
                    {k: v for k, v in sentence.keys.items() if k in wanted},
                )
            sentence.keys = found[1].copy()
        self.key_df = defaultdict(int, {k: v for k, v in self.key_df.items() if k in wanted})
