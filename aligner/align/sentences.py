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
"""

from __future__ import annotations

import bisect
import io
import itertools
import math
import weakref
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import regex

from aligner import limits
from aligner.align.lengths import gale_church_cost
from aligner.align.search import Span, anchor_band, cheapest_path, heaviest_chain
from aligner.formats.tmx import TmxHeader, TranslationUnit, Variant, write_tmx, xml_safe
from aligner.text.lexicon import Lexicon, load_lexicon
from aligner.text.normalize import fold, name_key, sound
from aligner.text.numbers import numbers
from aligner.text.segment import segment

SentenceBead = tuple[list[int], list[int]]

_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:-\p{L}[\p{L}\p{M}]*)*")
_PUNCT = regex.compile(r"[?!:;«»„“”\"()]")
_PUNCT_CLASS = {"«": "q", "»": "q", "„": "q", "“": "q", "”": "q", '"': "q", "(": "(", ")": ")"}


@dataclass(frozen=True)
class Params:
    """Weights of the bead cost and search settings, each with where its value comes from.

    "Dev" means tuned on the Text+Berg de-fr dev documents only (never on the test ones,
    `benchmarks/sentence_alignment.py --dev`); the test documents measure the result.
    """

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


DEFAULT_PARAMS = Params()


@dataclass
class _Sentence:
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
    37 % of their texts seen within the last 24 of their language pair and side)."""

    #: Distinct words kept, then forgotten all at once (about 0.5 kB each, and a check of
    #: six versions keeps ten caches: 10,000 bounds them to some 50 MB; frequent words
    #: come back first).
    WORDS = 10_000
    #: Texts kept, oldest forgotten first (more gave no more hits in that measurement; a
    #: 250-character paragraph's key masks take some 16 kB).
    TEXTS = 32

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
            if len(self.tokens) >= self.WORDS:
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
        if len(self.texts) >= self.TEXTS:
            del self.texts[next(iter(self.texts))]
        self.texts[sentence] = found
        return found


_CACHES: weakref.WeakKeyDictionary[Lexicon, dict[tuple[int, int, int], _TextCache]] = (
    weakref.WeakKeyDictionary()
)


def _text_cache(side: int, lexicon: Lexicon, params: Params) -> _TextCache:
    """The cache of `lexicon`'s texts on one side (it lives as long as the lexicon)."""
    caches = _CACHES.setdefault(lexicon, {})
    key = (side, params.prefix, params.name_length)  # what a token depends on
    cache = caches.get(key)
    if cache is None:
        cache = caches[key] = _TextCache(side, lexicon, params)
    return cache


class _Features:
    """Tokens, keys and weights of one side of the text pair.

    The sentences' key dicts are the text cache's own until `keep` replaces them with
    copies (which `_learn` may change). Without `counted`, `key_df` is left empty (for
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
            new = [s for s in self.texts if s not in cache.texts]
            words = (w for s in new for w in _WORD.findall(s))
            if side == 0:
                lexicon.prepare(words, ())
            else:
                lexicon.prepare((), words)
        texts = [cache.text(sentence) for sentence in self.texts]
        df: Counter[str] = Counter()
        for text in texts:
            df.update(text.distinct)
        n = max(len(sentences), 1)
        self.sentences: list[_Sentence] = []
        for text in texts:
            weights = [math.log(1.0 + n / df[ident]) for ident in text.idents]
            self.sentences.append(
                _Sentence(text.length, text.keys, text.words, weights, sum(weights))
            )
        self.key_df: dict[str, int] = defaultdict(int)
        for s in self.sentences if counted else ():
            for key in s.keys:
                self.key_df[key] += 1

    def keep(self, wanted: set[str]) -> None:
        """Forget keys the other side never has: they cannot match (saves time and memory).
        The sentences get key dicts of their own."""
        for sentence in self.sentences:
            sentence.keys = {k: v for k, v in sentence.keys.items() if k in wanted}
        self.key_df = defaultdict(int, {k: v for k, v in self.key_df.items() if k in wanted})


def _mask_weight(mask: int, weights: list[float]) -> float:
    total = 0.0
    while mask:
        low = mask & -mask
        total += weights[low.bit_length() - 1]
        mask ^= low
    return total


class _Scorer:
    """Bead costs with cached sentence-pair matches."""

    def __init__(self, src: _Features, tgt: _Features, params: Params, ratio: float | None = None):
        self.src = src.sentences
        self.tgt = tgt.sentences
        self.params = params
        if ratio is None:  # from the texts, shrunk towards 1 when they are short
            total_src = sum(s.length for s in self.src) or 1
            total_tgt = sum(s.length for s in self.tgt) or 1
            trust = (total_src + total_tgt) / (total_src + total_tgt + params.ratio_prior)
            ratio = (total_tgt / total_src) ** trust
        self.ratio = ratio
        self.variance = params.variance * ratio
        self.src_cum = list(itertools.accumulate((s.length for s in self.src), initial=0))
        self.tgt_cum = list(itertools.accumulate((t.length for t in self.tgt), initial=0))
        self.src_total = list(itertools.accumulate((s.total for s in self.src), initial=0.0))
        self.tgt_total = list(itertools.accumulate((t.total for t in self.tgt), initial=0.0))
        self._pairs: dict[int, dict[int, tuple[int, int, float, float]]] = {}
        self._src_memo: dict[int, dict[int, float]] = defaultdict(dict)
        self._tgt_memo: dict[int, dict[int, float]] = defaultdict(dict)
        self._tgt_floor = 0

    def pair(self, i: int, j: int) -> tuple[int, int, float, float]:
        """Masks and weights of the tokens of source `i` and target `j` that match each other."""
        row = self._pairs.get(i)
        if row is None:
            row = self._pairs[i] = {}
        found = row.get(j)
        if found is None:
            s, t = self.src[i], self.tgt[j]
            s_keys, t_keys = s.keys, t.keys
            ms = mt = 0
            for key in s_keys.keys() & t_keys.keys():
                ms |= s_keys[key]
                mt |= t_keys[key]
            found = (ms, mt, _mask_weight(ms, s.weights), _mask_weight(mt, t.weights))
            row[j] = found
        return found

    def forget(self, i: int, j: int) -> None:
        """Drop what is cached for source sentences up to `i` and targets before `j`."""
        self._pairs.pop(i, None)
        self._src_memo.pop(i, None)
        for old in range(self._tgt_floor, j):
            self._tgt_memo.pop(old, None)
        self._tgt_floor = max(self._tgt_floor, j)

    @staticmethod
    def _weight(memo: dict[int, float], mask: int, weights: list[float]) -> float:
        found = memo.get(mask)
        if found is None:
            found = memo[mask] = _mask_weight(mask, weights)
        return found

    def similarity(self, x: int, y: int, a: int, b: int) -> float:
        """Share of token weight matched in the bead of source x..x+a-1, target y..y+b-1."""
        total = (
            self.src_total[x + a] - self.src_total[x] + self.tgt_total[y + b] - self.tgt_total[y]
        )
        if total <= 0:
            return 0.0
        if a == 1 and b == 1:
            found = self.pair(x, y)
            return (found[2] + found[3]) / total
        cells = [[self.pair(i, j) for j in range(y, y + b)] for i in range(x, x + a)]
        matched = 0.0
        for r, row in enumerate(cells):
            if b == 1:
                matched += row[0][2]
            else:
                mask = 0
                for cell in row:
                    mask |= cell[0]
                matched += self._weight(self._src_memo[x + r], mask, self.src[x + r].weights)
        for c in range(b):
            if a == 1:
                matched += cells[0][c][3]
            else:
                mask = 0
                for row in cells:
                    mask |= row[c][1]
                matched += self._weight(self._tgt_memo[y + c], mask, self.tgt[y + c].weights)
        return matched / total

    def base(self, x: int, y: int, a: int, b: int) -> float:
        """The cheap part of a bead's cost: its prior and its length cost (or a skip)."""
        p = self.params
        if a == 0 or b == 0:
            return p.skip * (a + b)
        src_len = self.src_cum[x + a] - self.src_cum[x]
        tgt_len = self.tgt_cum[y + b] - self.tgt_cum[y]
        length = gale_church_cost(src_len, tgt_len, self.ratio, self.variance)
        return p.merge * (a + b - 2) + p.length * length

    def lexical(self, x: int, y: int, a: int, b: int) -> float:
        """The lexical part of a bead's cost: its unmatched share of weight, by its size."""
        if a == 0 or b == 0:
            return 0.0
        return self.params.lexical * (1.0 - self.similarity(x, y, a, b)) * (a + b) / 2

    def cost(self, x: int, y: int, a: int, b: int) -> float:
        """Cost of the bead of source x..x+a-1 and target y..y+b-1."""
        return self.base(x, y, a, b) + self.lexical(x, y, a, b)


def _diagonal(src: _Features, tgt: _Features) -> list[float]:
    """For each source position, the target position at the same share of characters."""
    tgt_cum = [0]
    for t in tgt.sentences:
        tgt_cum.append(tgt_cum[-1] + t.length)
    src_total = sum(s.length for s in src.sentences) or 1
    centre: list[float] = []
    done = 0
    for s in src.sentences:
        share = (done + s.length / 2) / src_total * tgt_cum[-1]
        j = bisect.bisect_right(tgt_cum, share) - 1
        centre.append(min(j, len(tgt.sentences) - 1))
        done += s.length
    return centre


def _anchors(
    src: _Features, tgt: _Features, scorer: _Scorer, params: Params
) -> list[tuple[int, int]]:
    """Confident 1-1 pairs: mutual best candidates from rare shared keys, in a monotone chain."""
    n, m = len(src.sentences), len(tgt.sentences)
    if not n or not m:
        return []
    postings: dict[str, list[int]] = defaultdict(list)
    for j, t in enumerate(tgt.sentences):
        for key in t.keys:
            postings[key].append(j)
    centre = _diagonal(src, tgt)
    best_src: dict[int, tuple[float, int]] = {}
    best_tgt: dict[int, tuple[float, int]] = {}
    rare, left, right = params.rare, bisect.bisect_left, bisect.bisect_right
    for i, s in enumerate(src.sentences):
        lo, hi = centre[i] - params.window, centre[i] + params.window
        # each vote is 1/k for a small k: summed with fsum and ranked with the index as
        # tie-break, so the top candidates never depend on the order of the keys
        votes: dict[int, list[float]] = defaultdict(list)
        for key in s.keys:
            plist = postings.get(key)
            if plist is None:
                continue
            first = left(plist, lo)
            if first + rare < len(plist) and plist[first + rare] <= hi:
                continue  # more than `rare` here: no clue
            last = right(plist, hi, first)
            if last > first:  # rare near here: a useful clue
                weight = 1.0 / (last - first)
                for j in plist[first:last]:
                    votes[j].append(weight)
        ranked = sorted((-math.fsum(w), j) for j, w in votes.items())
        for j in (j for _, j in ranked[: params.candidates]):
            score = scorer.similarity(i, j, 1, 1)
            score -= params.anchor_length * gale_church_cost(
                s.length, tgt.sentences[j].length, scorer.ratio, scorer.variance
            )
            if score > best_src.get(i, (-1.0, -1))[0]:
                best_src[i] = (score, j)
            if score > best_tgt.get(j, (-1.0, -1))[0]:
                best_tgt[j] = (score, i)
    mutual = sorted(
        (i, j, score)
        for i, (score, j) in best_src.items()
        if best_tgt[j][1] == i and score >= params.anchor_sim
    )
    return heaviest_chain(mutual, params.lookback)


def _learn(src: _Features, tgt: _Features, anchors: list[tuple[int, int]], params: Params) -> int:
    """Link words that co-occur in the anchor pairs far more than by chance (Dice).

    Each word keeps its best partner on the other side; linked words get a shared key.
    Returns the number of links added.
    """
    # a repeated sentence pair (boilerplate, a text given twice) is one piece of evidence
    anchors = list({(src.texts[i], tgt.texts[j]): (i, j) for i, j in anchors}.values())
    count_s: Counter[str] = Counter()
    count_t: Counter[str] = Counter()
    for i, j in anchors:
        count_s.update(src.sentences[i].words.keys())
        count_t.update(tgt.sentences[j].words.keys())
    joint: Counter[tuple[str, str]] = Counter()
    for i, j in anchors:
        ws = [w for w in src.sentences[i].words if count_s[w] >= params.min_count]
        wt = [w for w in tgt.sentences[j].words if count_t[w] >= params.min_count]
        joint.update(itertools.product(ws, wt))
    best_s: dict[str, tuple[float, str]] = {}
    best_t: dict[str, tuple[float, str]] = {}
    for (a, b), c in joint.items():
        if c < params.min_count:
            continue
        dice = 2 * c / (count_s[a] + count_t[b])
        if dice > best_s.get(a, (0.0, ""))[0]:
            best_s[a] = (dice, b)
        if dice > best_t.get(b, (0.0, ""))[0]:
            best_t[b] = (dice, a)
    links = {(a, b) for a, (d, b) in best_s.items() if d >= params.learn}
    links |= {(a, b) for b, (d, a) in best_t.items() if d >= params.learn}
    by_src: dict[str, list[str]] = defaultdict(list)
    by_tgt: dict[str, list[str]] = defaultdict(list)
    for k, (a, b) in enumerate(sorted(links)):
        by_src[a].append(f"a:{k}")
        by_tgt[b].append(f"a:{k}")
    for feats, table in ((src, by_src), (tgt, by_tgt)):
        for key in [k for k in feats.key_df if k.startswith("a:")]:
            del feats.key_df[key]
        for sent in feats.sentences:
            for key in [k for k in sent.keys if k.startswith("a:")]:
                del sent.keys[key]
            for word, mask in sent.words.items():
                for key in table.get(word, ()):
                    sent.keys[key] = sent.keys.get(key, 0) | mask
                    feats.key_df[key] += 1
    return len(links)


def _dp(n: int, m: int, band: list[Span], scorer: _Scorer) -> list[tuple[SentenceBead, float]]:
    """The cheapest path through the band: its beads in order, each with its own cost."""
    size = scorer.params.max_bead
    shapes = [(1, 0), (0, 1)]
    shapes += [(a, b) for a in range(1, size) for b in range(1, size) if a + b <= size]
    shapes.sort(key=lambda t: (t[0] + t[1] if t[0] and t[1] else 2.5, t))  # likely best first
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
    `_confidence`)."""
    costed, scorer = _aligned(src, tgt, lexicon, ratio)
    beads = [bead for bead, _ in costed]
    if scorer is None:
        return beads, [1.0] * len(beads)
    return beads, [_confidence(scorer, bead, len(src), len(tgt)) for bead in beads]


def _aligned(
    src: Sequence[str],
    tgt: Sequence[str],
    lexicon: Lexicon,
    ratio: float | None = None,
    params: Params = DEFAULT_PARAMS,
) -> tuple[list[tuple[SentenceBead, float]], _Scorer | None]:
    """The beads with their costs (what the search adds for each: lower is a surer bead;
    a 1-0 or 0-1 bead costs `Params.skip`), and the scorer that chose them (None when a
    side is empty)."""
    n, m = len(src), len(tgt)
    if not n or not m:
        skips: list[SentenceBead] = [([i], []) for i in range(n)] + [([], [j]) for j in range(m)]
        return [(bead, params.skip) for bead in skips], None
    sf = _Features(src, 0, lexicon, params)
    tf = _Features(tgt, 1, lexicon, params)
    shared = sf.key_df.keys() & tf.key_df.keys()
    sf.keep(shared)
    tf.keep(shared)
    scorer = _Scorer(sf, tf, params, ratio)
    anchors = _anchors(sf, tf, scorer, params)
    for _ in range(params.rounds):
        if len(anchors) < params.min_learn or not _learn(sf, tf, anchors, params):
            break
        scorer = _Scorer(sf, tf, params, ratio)
        anchors = _anchors(sf, tf, scorer, params)
    band = anchor_band(n, m, anchors, params.band, params.max_band)
    return _dp(n, m, band, scorer), scorer


#: A bead's confidence is 0.9 when its cost is this much below its nearest rival's.
SURE = 3.0


def _confidence(scorer: _Scorer, bead: SentenceBead, n: int, m: int) -> float:
    """How sure a sentence bead is, in [0, 1]: a logistic of its margin over its rivals.

    Rivals pair its sentences one to one with the neighbours of their partners (or leave
    them unmatched); for a bead of several sentences, also one part alone with the other
    side (a part left over is a sentence missing or added); for an unmatched sentence,
    pairing it with the nearest sentences of the other side. 0.5 is a tie.
    """
    xs, ys = bead
    skip = scorer.params.skip
    if xs and ys:
        x, y, a, b = xs[0], ys[0], len(xs), len(ys)
        own = scorer.cost(x, y, a, b)
        rivals = [(a + b) * skip]
        if a > 1 or b > 1:  # one part alone explaining the other side (the rest, half a skip)
            rivals += [scorer.cost(i, j, 1, 1) + (a + b - 2) * skip / 2 for i in xs for j in ys]
        for i in xs:
            rivals += [scorer.cost(i, j, 1, 1) + (a + b - 2) * skip for j in _near(ys, m)]
        for j in ys:
            rivals += [scorer.cost(i, j, 1, 1) + (a + b - 2) * skip for i in _near(xs, n)]
    elif xs:
        own = skip
        rivals = [scorer.cost(xs[0], j, 1, 1) for j in _around(xs[0] * m // n, m)]
    else:
        own = skip
        rivals = [scorer.cost(i, ys[0], 1, 1) for i in _around(ys[0] * n // m, n)]
    margin = min(rivals, default=own + 4 * SURE) - own
    return round(1.0 / (1.0 + math.exp(-margin * math.log(9) / SURE)), 3)


def _near(indices: Sequence[int], size: int) -> list[int]:
    """The neighbours (one away) of a run of indices, below `size`."""
    return [k for k in (indices[0] - 1, indices[-1] + 1) if 0 <= k < size]


def _around(k: int, size: int) -> range:
    return range(max(0, k - 1), min(size, k + 2))


def similarities(
    src: Sequence[str], tgt: Sequence[str], src_lang: str, tgt_lang: str
) -> list[list[float]]:
    """The share of token weight each text of `src` and each of `tgt` match, in [0, 1].

    Tokens match as in sentence alignment (cognates, names, numbers, dictionary
    translations), weighted by their rarity among these texts, so that what look-alike
    texts share counts little and what tells them apart counts much.
    """
    lexicon = load_lexicon(src_lang, tgt_lang)
    scorer = _Scorer(
        _Features(src, 0, lexicon, DEFAULT_PARAMS, counted=False),
        _Features(tgt, 1, lexicon, DEFAULT_PARAMS, counted=False),
        DEFAULT_PARAMS,
    )
    return [[scorer.similarity(i, j, 1, 1) for j in range(len(tgt))] for i in range(len(src))]


@dataclass(frozen=True)
class SentenceAlignment:
    """Two lists of sentences, the beads that align them and each bead's cost (None when
    the beads were not searched, e.g. a paragraph of one sentence on each side)."""

    src: list[str]
    tgt: list[str]
    beads: list[SentenceBead]
    #: How sure each bead is, in [0, 1] (`scored_alignment`); empty when not computed.
    confidences: list[float] = field(default_factory=list)
    costs: list[float] | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """Source and target text of each bead (sentences joined with a space)."""
        return [
            (" ".join(self.src[i] for i in xs), " ".join(self.tgt[j] for j in ys))
            for xs, ys in self.beads
        ]

    def unmatched(self) -> tuple[list[int], list[int]]:
        """Source and target sentence indices that have no counterpart."""
        return (
            [xs[0] for xs, ys in self.beads if not ys],
            [ys[0] for xs, ys in self.beads if not xs],
        )

    def kinds(self) -> dict[str, int]:
        """How many beads of each kind (`1-1`, `2-1`, `1-0`, ...), 1-1 first, then by size."""
        counts: dict[str, int] = {}
        for xs, ys in self.beads:
            kind = bead_kind((xs, ys))
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] != "1-1", kv[0])))

    def _cost(self, index: int) -> str:
        return "" if self.costs is None else f"{self.costs[index]:.6f}"

    def vecalign(self) -> str:
        """The beads in Vecalign's output format, one per line: ``[0, 1]:[0]:0.123456``
        (source and target indices, then the bead's cost when known)."""
        return "".join(
            f"{xs}:{ys}:{cost}\n" if (cost := self._cost(n)) else f"{xs}:{ys}\n"
            for n, (xs, ys) in enumerate(self.beads)
        )

    def tsv(self) -> str:
        """One bead per line: source text, target text, bead kind (`2-1`) and cost (empty
        when unknown), tab-separated (tabs and breaks inside a text become spaces)."""
        return "".join(
            f"{_one_line(a)}\t{_one_line(b)}\t{bead_kind(bead)}\t{self._cost(n)}\n"
            for n, ((a, b), bead) in enumerate(zip(self.pairs(), self.beads, strict=True))
        )

    def tmx(self, src_lang: str, tgt_lang: str, created: datetime) -> bytes:
        """A TMX 1.4b document with one unit per bead (`x-bead` kind and `x-cost` props); a
        sentence without a counterpart is a unit of its one language, with a note."""
        units = []
        langs = (src_lang, tgt_lang)
        for n, ((a, b), bead) in enumerate(zip(self.pairs(), self.beads, strict=True), 1):
            props: tuple[tuple[str, str], ...] = (("x-bead", bead_kind(bead)),)
            if self.costs is not None:
                props += (("x-cost", self._cost(n - 1)),)
            texts = [(lang, text) for lang, text in zip(langs, (a, b), strict=True) if text]
            notes: tuple[str, ...] = ()
            own_source = ""
            if len(texts) == 1:
                other = tgt_lang if texts[0][0] == src_lang else src_lang
                notes = (f"no {other} counterpart",)
                props += (("x-status", "unmatched"),)
                own_source = "" if texts[0][0] == src_lang else texts[0][0]
            variants = tuple(Variant(lang, xml_safe(text)[0]) for lang, text in texts)
            units.append(TranslationUnit(f"s{n}", variants, props, notes, srclang=own_source))
        header = TmxHeader(src_lang, created.strftime("%Y%m%dT%H%M%SZ"), segtype="sentence")
        stream = io.BytesIO()
        write_tmx(stream, header, units)
        return stream.getvalue()


def bead_kind(bead: SentenceBead) -> str:
    """`<source count>-<target count>`: `1-1`, `2-1`, `1-0` ..."""
    return f"{len(bead[0])}-{len(bead[1])}"


#: Characters of a sentence quoted in the list of unmatched sentences.
QUOTE = 60


def unmatched_lines(
    result: SentenceAlignment, src_lang: str, tgt_lang: str, *, presegmented: bool
) -> list[str]:
    """One line per sentence without a counterpart: which side, its number (its line with
    `presegmented`, 1-based) and its first words."""
    src, tgt = result.unmatched()
    where = "line" if presegmented else "sentence"
    out = []
    for lang, other, indices, texts in (
        (src_lang, tgt_lang, src, result.src),
        (tgt_lang, src_lang, tgt, result.tgt),
    ):
        for i in indices:
            text = _one_line(texts[i])
            if len(text) > QUOTE:
                text = text[: QUOTE - 1].rstrip() + "…"
            out.append(f"{lang} {where} {i + 1} has no {other} counterpart: {text!r}")
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


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
