"""Sentence rules: a sentence of a matched paragraph left out, or one added.

Every 1-1 paragraph pair in which either side has several sentences is segmented
(`aligner.text.segment`) and aligned sentence by sentence (`aligner.align.sentences`, with the
document pair's length ratio and the installed dictionaries). A reference sentence with
no counterpart is missing, a version's sentence with none extra, but only when the
paragraph lengths agree: the version must be shorter (or longer) than its reference
paragraph predicts by at least half of that sentence, so a sentence that was rephrased,
or split and joined differently, is not reported. When a neighbouring sentence fits the
rest as well as the unmatched one, the message names both. One-sentence pairs, and pairs
too close to their predicted length to lack or add a sentence, cost nothing more.
"""

from __future__ import annotations

import statistics
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from aligner.align.paragraphs import length_model
from aligner.align.sentences import align_sentences, similarities
from aligner.checks.base import Context, SetRule, register
from aligner.checks.content import Pair, matched_pairs
from aligner.checks.context import label
from aligner.checks.params import SENTENCE_CHECKS as PARAMS
from aligner.findings import Finding, Severity
from aligner.model import Document, Paragraph
from aligner.text.lexicon import load_lexicon
from aligner.text.segment import segment


@dataclass(frozen=True)
class SentenceGap:
    """One unmatched sentence of a paragraph pair."""

    pair: Pair
    missing: bool  # a reference sentence without counterpart (else an extra one)
    sentence: str
    index: int  # 1-based place among its paragraph's sentences
    count: int  # sentences of that paragraph
    #: A neighbouring sentence (1-based) that fits the other side just as well: either may
    #: be the one left out (or added); None when the evidence tells.
    rival: int | None = None
    rival_sentence: str = ""
    #: The version's source line where the sentence starts (an extra one) or would stand
    #: (a missing one: where the version sentence after the gap starts); 0: the paragraph's.
    line: int = 0


#: The gaps of each live context, computed once for both rules.
_GAPS: dict[int, list[SentenceGap]] = {}


def gaps(context: Context) -> list[SentenceGap]:
    """Every missing or extra sentence of the multi-sentence pairs of a context."""
    found = _GAPS.get(id(context))
    if found is not None:
        return found
    found = list(_find(context))
    _GAPS[id(context)] = found
    weakref.finalize(context, _GAPS.pop, id(context), None)
    return found


def _find(context: Context) -> Iterator[SentenceGap]:
    ref_lang = context.reference.lang or ""
    ratios = {lang: length_model(a).ratio for lang, a in context.alignments.items()}
    for pair in matched_pairs(context):
        lang = pair.doc.lang or ""
        if pair.untranslated or not lang:
            continue
        src = segment(pair.reference.text, ref_lang)
        tgt = segment(pair.target.text, lang)
        if len(src) == 1 and len(tgt) == 1:
            continue
        ratio = ratios.get(lang) or 1.0
        # how much longer the version is than its reference paragraph predicts
        surplus = len(pair.target.text) - ratio * len(pair.reference.text)
        if not _may_lack(src, -surplus / ratio) and not _may_lack(tgt, surplus):
            continue  # too close to its predicted length to lack or add any sentence
        beads = align_sentences(src, tgt, ref_lang, lang, load_lexicon(ref_lang, lang), ratio=ratio)
        partners = (
            {s[0]: t[0] for s, t in beads if len(s) == len(t) == 1},
            {t[0]: s[0] for s, t in beads if len(s) == len(t) == 1},
        )
        ties = _Ties(src, tgt, ref_lang, lang, ratio, partners)
        lines = _sentence_lines(pair.target, tgt)
        after = 0  # the version sentence after the beads so far
        for s, t in beads:
            where = lines[min(after, len(lines) - 1)] if lines else pair.target.line
            after += len(t)
            if len(s) == 2 and len(t) == 1:
                s = [_odd_one(s, [len(src[k]) * ratio for k in s], len(tgt[t[0]]))]
                t = []
            elif len(s) == 1 and len(t) == 2:
                t = [_odd_one(t, [len(tgt[k]) for k in t], len(src[s[0]]) * ratio)]
                s = []
            if s and not t and s[0] >= 0:
                sentence = src[s[0]]
                if len(
                    sentence.split()
                ) >= PARAMS.min_words and -surplus >= PARAMS.share * ratio * len(sentence):
                    near = ties.rival(s[0], missing=True)
                    yield SentenceGap(
                        pair, True, sentence, s[0] + 1, len(src), *_rival(near, src), where
                    )
            elif t and not s and t[0] >= 0:
                sentence = tgt[t[0]]
                if len(sentence.split()) >= PARAMS.min_words and surplus >= PARAMS.share * len(
                    sentence
                ):
                    near = ties.rival(t[0], missing=False)
                    yield SentenceGap(
                        pair, False, sentence, t[0] + 1, len(tgt), *_rival(near, tgt), lines[t[0]]
                    )


def _sentence_lines(paragraph: Paragraph, sentences: list[str]) -> list[int]:
    """The source line on which each of the paragraph's sentences starts."""
    lines, offset = [], 0
    for sentence in sentences:
        found = paragraph.text.find(sentence[: PARAMS.locate_chars], offset)
        offset = found if found >= 0 else offset
        lines.append(paragraph.line_at(offset))
        offset += len(sentence) if found >= 0 else 0
    return lines


class _Ties:
    """Whether a neighbour of an unmatched sentence fits its partner no better than it."""

    def __init__(
        self,
        src: list[str],
        tgt: list[str],
        src_lang: str,
        tgt_lang: str,
        ratio: float,
        partners: tuple[dict[int, int], dict[int, int]],
    ):
        self.src, self.tgt, self.langs, self.ratio = src, tgt, (src_lang, tgt_lang), ratio
        self.partners = partners
        self.matrix: list[list[float]] = []

    def rival(self, k: int, *, missing: bool) -> int | None:
        """A neighbour of unmatched sentence k (of the reference when `missing`) whose partner
        k fits as well by its words (within `PARAMS.tie`) and length (`PARAMS.length_tie`)."""
        if not self.matrix:
            self.matrix = similarities(self.src, self.tgt, *self.langs)
        mine_side, other_side = (self.src, self.tgt) if missing else (self.tgt, self.src)
        scale = self.ratio if missing else 1 / self.ratio
        for near in (k - 1, k + 1):
            other = self.partners[0 if missing else 1].get(near)
            if other is None:
                continue
            words = [self.matrix[x][other] if missing else self.matrix[other][x] for x in (k, near)]
            target = len(other_side[other])
            fit = [abs(target - scale * len(mine_side[x])) / target for x in (k, near)]
            if words[0] >= words[1] - PARAMS.tie and fit[0] <= fit[1] + PARAMS.length_tie:
                return near
        return None


def _rival(near: int | None, texts: list[str]) -> tuple[int | None, str]:
    return (None, "") if near is None else (near + 1, texts[near])


def _may_lack(sentences: list[str], deficit: float) -> bool:
    """Whether a paragraph this much too short (in its side's characters) may lack one of
    `sentences` that would be reported."""
    sizes = [len(x) for x in sentences if len(x.split()) >= PARAMS.min_words]
    return bool(sizes) and deficit >= PARAMS.share * min(sizes)


def _odd_one(parts: list[int], lengths: list[float], other: float) -> int:
    """In a 2-1 bead, the part left over when the other side is as long as one part alone.

    -1 when the two parts together fit the other side better than either alone (sentences
    joined or split in translation, nothing left out).
    """
    together = abs(other - sum(lengths))
    alone = [abs(other - length) for length in lengths]
    best = min(range(2), key=lambda k: alone[k])
    if alone[best] >= together or alone[best] > PARAMS.share * min(lengths):
        return -1
    return parts[1 - best]


def _quote(sentence: str) -> str:
    words = sentence.split()
    return " ".join(words[: PARAMS.quoted]) + ("…" if len(words) > PARAMS.quoted else "")


@register("missing-sentence", Severity.ERROR)
class MissingSentence(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        return _gap_findings(self.__class__, context, missing=True)


@register("extra-sentence", Severity.ERROR)
class ExtraSentence(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        return _gap_findings(self.__class__, context, missing=False)


def _gap_findings(rule: type[SetRule], context: Context, *, missing: bool) -> Iterator[Finding]:
    """The findings of `rule` for the sentence gaps of one direction: sentences of the
    reference the version lacks (`missing`), or sentences the version adds."""
    ref = context.reference
    for gap in gaps(context):
        if gap.missing != missing:
            continue
        doc, r, t = gap.pair.doc, gap.pair.reference, gap.pair.target
        message = _gap_message(gap, doc, ref)
        yield rule.finding(doc, gap.line or t.line, message, paragraph=t, reference=r)


def _gap_message(gap: SentenceGap, doc: Document, ref: Document) -> str:
    """What a missing or extra sentence's finding says, naming both sentences when either
    may be the one."""
    r, t = gap.pair.reference, gap.pair.target
    head, cited = f"paragraph {label(t, doc)} of {doc.lang}", f"{ref.lang} {label(r, ref)}"
    if gap.rival is None:
        quoted = f'"{_quote(gap.sentence)}"'
        if gap.missing:
            return f"{head} lacks sentence {gap.index} of {gap.count} of {cited}: {quoted}"
        return (
            f"{head} has a sentence {cited} lacks (sentence {gap.index} of {gap.count}): {quoted}"
        )
    a, b = sorted([(gap.index, gap.sentence), (gap.rival, gap.rival_sentence)])
    quoted = f'"{_quote(a[1])}" or "{_quote(b[1])}"'
    if gap.missing:
        return (
            f"{head} lacks sentence {a[0]} or {b[0]} of {gap.count} of {cited} "
            f"(the rest of {doc.lang} {label(t, doc)} fits either): {quoted}"
        )
    return (
        f"{head} has a sentence {cited} lacks (sentence {a[0]} or {b[0]} of {gap.count}; "
        f"{cited} fits either): {quoted}"
    )


@register("subparagraph-mismatch", Severity.ERROR)
class ArticleParagraph(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        ref_lang = ref.lang or ""
        pairs = matched_pairs(context)
        # the median length ratio of the matched pairs: robust to the faulty article itself
        by_lang: dict[str, list[float]] = {}
        for pair in pairs:
            by_lang.setdefault(pair.doc.lang or "", []).append(
                len(pair.target.text) / max(1, len(pair.reference.text))
            )
        ratios = {lang: statistics.median(values) for lang, values in by_lang.items()}
        for pair in pairs:
            doc, r, t = pair.doc, pair.reference, pair.target
            src, tgt = list(r.parts) or [r.text], list(t.parts) or [t.text]
            lang = doc.lang or ""
            if len(src) == len(tgt) or not lang:
                continue
            ratio = ratios.get(lang) or 1.0
            beads = align_sentences(
                src, tgt, ref_lang, lang, load_lexicon(ref_lang, lang), ratio=ratio
            )
            ours, theirs = _article(t, doc), _article(r, ref)
            counts = f"({ref.lang} has {len(src)} paragraphs there, {doc.lang} {len(tgt)})"
            sim = similarities(src, tgt, ref_lang, lang)
            for s, g in beads:
                # 2-1: joined, or one left out (the length tells); the content tells which
                if (
                    len(s) == 2
                    and len(g) == 1
                    and _one_fits([len(src[k]) * ratio for k in s], len(tgt[g[0]]))
                ):
                    s, g = [min(s, key=lambda k: sim[k][g[0]])], []
                elif (
                    len(s) == 1
                    and len(g) == 2
                    and _one_fits([len(tgt[k]) for k in g], len(src[s[0]]) * ratio)
                ):
                    s, g = [], [min(g, key=lambda k: sim[s[0]][k])]
                if s and not g:
                    what = (
                        f'lacks {theirs} ¶{s[0] + 1} of {ref.lang} {counts}: "{_quote(src[s[0]])}"'
                    )
                elif g and not s:
                    quote = _quote(tgt[g[0]])
                    what = f'has a paragraph {theirs} lacks, ¶{g[0] + 1} {counts}: "{quote}"'
                elif len(s) > len(g):
                    joined = " and ".join(f"¶{k + 1}" for k in s)
                    what = f"¶{g[0] + 1} joins {theirs} {joined} of {ref.lang} in one {counts}"
                elif len(g) > len(s):
                    split = " and ".join(f"¶{k + 1}" for k in g)
                    what = f"splits {theirs} ¶{s[0] + 1} of {ref.lang} into {split} {counts}"
                else:
                    continue
                yield self.finding(
                    doc,
                    t.line,
                    f"{ours} of {doc.lang} {what}",
                    paragraph=t,
                    reference=r,
                )


def _one_fits(lengths: list[float], other: float) -> bool:
    """Whether `other` is nearer the length of one of two parts than of both together."""
    return min(abs(other - length) for length in lengths) < abs(other - sum(lengths))


def _article(paragraph: Paragraph, doc: Document) -> str:
    """An article as written ("Artikel 3"), else its number as cited."""
    written = paragraph.label.strip().rstrip(".:")
    return written if written and not written[:1].isdigit() else label(paragraph, doc)
