"""Content rules: what a matched paragraph pair disagrees on.

They look at paragraph pairs the alignment matched one to one: numbers and amounts,
language, length and closing punctuation. Empty and untranslated paragraphs are reported
once, by their own rule, and skipped by the others.
"""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import regex

from aligner.align.paragraphs import length_model
from aligner.checks.base import Context, SetRule, register
from aligner.checks.context import is_empty, label
from aligner.checks.params import CONTENT
from aligner.findings import Finding, Severity
from aligner.model import LANGUAGE_NAMES, Document, Paragraph
from aligner.text.features import END_SKIPPED, end_punctuation
from aligner.text.langid import guess_language
from aligner.text.numbers import numbers
from aligner.text.numerals import expand_ranges, readings

_WORDS = regex.compile(r"\p{L}+")


@dataclass(frozen=True)
class Pair:
    """A non-empty 1-1 link of a version, with the verdicts several rules need."""

    doc: Document
    reference: Paragraph
    target: Paragraph
    language: str | None  # of the target text (`language_of`)
    untranslated: bool  # the target is the reference text or in its language


#: The pairs of each live context, computed once for all rules (dropped with the context).
_PAIRS: dict[int, list[Pair]] = {}


def matched_pairs(context: Context) -> list[Pair]:
    """Every non-empty 1-1 link of every version, with its verdicts (computed once)."""
    found = _PAIRS.get(id(context))
    if found is not None:
        return found
    found = []
    ref_lang = context.reference.lang or ""
    for doc in context.documents.versions:
        alignment = context.alignments.get(doc.lang or "")
        if doc is context.reference or alignment is None:
            continue
        for link in alignment.links:
            if len(link.source) == len(link.target) == 1:
                r, t = link.source[0], link.target[0]
                if not is_empty(r) and not is_empty(t):
                    words = _words(t.text)  # read once for both verdicts
                    language = language_of(t.text, len(words))
                    copied = _identical(r, words) or language == ref_lang
                    found.append(Pair(doc, r, t, language, ref_lang != doc.lang and copied))
    _PAIRS[id(context)] = found
    weakref.finalize(context, _PAIRS.pop, id(context), None)
    return found


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


@lru_cache(maxsize=4096)
def language_of(text: str, words: int) -> str | None:
    """The language of a paragraph of this many `words` when it is long and clear enough
    to tell, else None."""
    if words < CONTENT.language_words:
        return None
    lang, confidence = guess_language(text)
    return lang if confidence >= CONTENT.language_confidence else None


def _identical(reference: Paragraph, words: list[str]) -> bool:
    """Whether a target paragraph of these `words` has those of `reference` (from
    `CONTENT.identical_words` on)."""
    return len(words) >= CONTENT.identical_words and words == _words(reference.text)


class PairRule(SetRule):
    """A rule on each matched paragraph pair (`matched_pairs`): `message` says what is
    wrong with one, reported at the version's paragraph."""

    def check(self, context: Context) -> Iterable[Finding]:
        for pair in matched_pairs(context):
            message = self.message(pair, context.reference)
            if message is not None:
                t = pair.target
                yield self.finding(pair.doc, t.line, message, paragraph=t, reference=pair.reference)

    def message(self, pair: Pair, ref: Document) -> str | None:
        """What is wrong with `pair` of a version and reference `ref`, or None."""
        raise NotImplementedError


@register("untranslated", Severity.ERROR)
class Untranslated(PairRule):
    def message(self, pair: Pair, ref: Document) -> str | None:
        if not pair.untranslated:
            return None
        doc, ref_lang = pair.doc, ref.lang or ""
        name = LANGUAGE_NAMES.get(ref_lang, ref_lang)
        return (
            f"paragraph {label(pair.target, doc)} of {doc.lang} is not translated: it is in "
            f"{name} like {ref_lang} {label(pair.reference, ref)}"
        )


@register("wrong-language", Severity.ERROR)
class WrongLanguage(PairRule):
    def message(self, pair: Pair, ref: Document) -> str | None:
        doc, guess = pair.doc, pair.language
        if guess is None or guess in (doc.lang, ref.lang or "") or doc.lang not in LANGUAGE_NAMES:
            return None
        return (
            f"paragraph {label(pair.target, doc)} of {doc.lang} is in "
            f"{LANGUAGE_NAMES.get(guess, guess)}, not {LANGUAGE_NAMES[doc.lang or '']}"
        )


def _format_number(value: float) -> str:
    if value == int(value):
        value = int(value)
        for factor, word in ((10**9, " billion"), (10**6, " million")):
            if value >= factor and value % (factor // 1000) == 0:
                return f"{value / factor:g}{word}"
        return str(value)
    return f"{value:g}"


@register("number-mismatch", Severity.ERROR)
class NumberMismatch(PairRule):
    def message(self, pair: Pair, ref: Document) -> str | None:
        doc, r, t = pair.doc, pair.reference, pair.target
        if pair.untranslated:
            return None
        changed = changed_numbers(r.text, ref.lang or "", t.text, doc.lang or "")
        if changed is None:
            return None
        missing, extra = changed
        lacking = ", ".join(_format_number(v) for v in missing)
        has = ", ".join(_format_number(v) for v in extra)
        return (
            f"paragraph {label(t, doc)} of {doc.lang} lacks {lacking} of "
            f"{ref.lang or ''} {label(r, ref)}" + (f" (it has {has})" if has else "")
        )


def changed_numbers(
    reference: str, ref_lang: str, target: str, lang: str
) -> tuple[list[float], list[float]] | None:
    """(numbers of `reference` that `target` lacks, numbers `target` has instead), or None.

    A number the target writes another way (`aligner.text.numerals.readings`: in words, in
    Roman numerals, as a short year range, inside a code) is not lacking. A number the
    target has, only fewer times, counts as lacking only when the target also has a number
    the reference has in no spelling (a year repeated in English may be "that year").
    """
    reference, target = expand_ranges(reference), expand_ranges(target)
    expected, found = Counter(numbers(reference)), Counter(numbers(target))
    missing = expected - found
    if not missing:
        return None
    extra = found - expected
    spelled = readings(target, lang)
    gone = [v for v in missing if v not in found and v not in spelled]
    new = [v for v in extra if v not in readings(reference, ref_lang)]
    fewer = [v for v in missing if v in found]
    lacking = sorted(gone + (fewer if new else []))
    if not lacking:
        return None
    return lacking, sorted(new)


@register("length-mismatch", Severity.WARNING)
class LengthMismatch(PairRule):
    def check(self, context: Context) -> Iterable[Finding]:
        self.ratios = {lang: length_model(a).ratio for lang, a in context.alignments.items()}
        return super().check(context)

    def message(self, pair: Pair, ref: Document) -> str | None:
        doc, r, t = pair.doc, pair.reference, pair.target
        if pair.untranslated:
            return None
        predicted = self.ratios[doc.lang or ""] * len(r.text)
        actual = len(t.text)
        share = actual / predicted if predicted else 1.0
        if CONTENT.short <= share <= CONTENT.long or abs(actual - predicted) < CONTENT.length_chars:
            return None
        return (
            f"paragraph {label(t, doc)} of {doc.lang} is {share:.0%} of the length "
            f"{ref.lang or ''} {label(r, ref)} predicts ({actual} of {predicted:.0f} characters)"
        )


_CLASSES = {",": "a comma", ";": "a semicolon", ".": "a full stop", ":": "a colon", "": "nothing"}
#: Marks of the full-stop class named as they are ("ends with a question mark").
_STOPS = {"?": "a question mark", "!": "an exclamation mark", "…": "an ellipsis"}


def _end_mark(text: str) -> str:
    """The closing punctuation of `text` in words, naming a "?" or "!" as itself."""
    found = end_punctuation(text)
    stripped = text.rstrip(END_SKIPPED)
    if found == "." and stripped and stripped[-1] in _STOPS:
        return _STOPS[stripped[-1]]
    return _CLASSES[found]


@register("punctuation-mismatch", Severity.WARNING)
class PunctuationMismatch(PairRule):
    def message(self, pair: Pair, ref: Document) -> str | None:
        doc, r, t = pair.doc, pair.reference, pair.target
        if end_punctuation(r.text) == end_punctuation(t.text) or pair.untranslated:
            return None
        return (
            f"paragraph {label(t, doc)} of {doc.lang} ends with {_end_mark(t.text)}, "
            f"{ref.lang or ''} {label(r, ref)} with {_end_mark(r.text)}"
        )
