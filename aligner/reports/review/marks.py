"""Marks in a review: the tokens of a version's text a finding is about, and evidence
snippets of the reference with the token that matters (a number, a quoted sentence)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from aligner.findings import Finding
from aligner.reports.review.cells import Evidence, Piece, Span
from aligner.text.numbers import number_spans

#: Rules whose finding means the whole paragraph is in the wrong language (marked whole).
_WHOLE_TEXT = frozenset({"untranslated", "wrong-language"})
_QUOTED = re.compile(r"[\"“«‘']([^\"”»’']{4,})[\"”»’']")
_SENTENCE_END = re.compile(r"[.;:!?](?=\s|$)")
#: Characters of context kept on either side of a marked token in an evidence snippet.
_CONTEXT = 60


def marks_for(finding: Finding, piece: Piece, reference_text: str | None) -> list[Span]:
    """Spans of `piece.text` that `finding` is about."""
    text = piece.text
    if not text:
        return []
    if finding.rule in _WHOLE_TEXT:
        return [(0, len(text))]
    if finding.rule == "number-mismatch" and reference_text is not None:
        expected = Counter(v for _, _, v in number_spans(reference_text))
        out = []
        for start, end, value in number_spans(text):
            if expected[value] > 0:
                expected[value] -= 1
            else:
                out.append((start, end))
        return out
    if finding.rule == "punctuation-mismatch":
        end = len(text.rstrip())
        return [(end - 1, end)] if end else []
    out = []
    for quoted in _QUOTED.findall(finding.message):  # a sentence named by its first words
        at = text.find(quoted.rstrip(".… "))
        if at >= 0:
            out.append(_sentence_span(text, at))
    return out


def _sentence_span(text: str, start: int) -> Span:
    end = _SENTENCE_END.search(text, start)
    return (start, end.end() if end else len(text))


def evidence_for(finding: Finding, ref_lang: str, ref: Piece, target_text: str) -> list[Evidence]:
    """The reference token a finding is about, in a short snippet of the reference text."""
    spans: list[Span] = []
    if finding.rule == "number-mismatch":
        found = Counter(v for _, _, v in number_spans(target_text))
        for start, end, value in number_spans(ref.text):
            if found[value] > 0:
                found[value] -= 1
            else:
                spans.append((start, end))
    for quoted in _QUOTED.findall(finding.message):
        at = ref.text.find(quoted.rstrip(".… "))
        if at >= 0:
            spans.append(_sentence_span(ref.text, at))
    if not spans:
        return []
    lo = max(0, min(s for s, _ in spans) - _CONTEXT)
    hi = min(len(ref.text), max(e for _, e in spans) + _CONTEXT)
    snippet = ("…" if lo else "") + ref.text[lo:hi] + ("…" if hi < len(ref.text) else "")
    shift = 1 if lo else 0
    marks = tuple((s - lo + shift, e - lo + shift) for s, e in sorted(spans))
    return [Evidence(ref_lang, ref.label, snippet, marks)]


def merge_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans covering `spans`."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)
