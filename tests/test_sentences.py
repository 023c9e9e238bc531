"""Sentences inside paragraphs: a dropped or added sentence is named, with its first words."""

from __future__ import annotations

import pytest
from trust_faults import (
    CLEAN,
    TARGETS,
    add_sentence,
    drop_sentence,
    multi_sentence,
    read_set,
    sentences,
)

from aligner.checks import sentences as rules
from aligner.checks.runner import check_set
from aligner.model import DocumentSet

WATER = read_set(CLEAN[1])


def _check(lang: str, faulty):
    versions = tuple(faulty if d.lang == lang else d for d in WATER.values())
    return check_set(DocumentSet("water", versions), "en")[1]


@pytest.mark.parametrize("lang", TARGETS)
def test_every_dropped_sentence_is_named(lang: str) -> None:
    doc = WATER[lang]
    numbers = multi_sentence(doc)
    assert len(numbers) >= 4
    for number in numbers:
        ref = sentences(WATER["en"], number)
        for index in range(len(sentences(doc, number))):
            findings = _check(lang, drop_sentence(doc, number, index))
            gaps = [f for f in findings if f.rule == "missing-sentence"]
            assert [(f.lang, f.reference_paragraph) for f in gaps] == [(lang, number)]
            first = " ".join(ref[index].split()[:3])
            message = gaps[0].message
            named = (
                f"lacks sentence {index + 1} of {len(ref)} of en {number}: " in message
                or f" {index + 1} or {index + 2} of {len(ref)} of en {number} " in message
                or f" {index} or {index + 1} of {len(ref)} of en {number} " in message
            )
            assert named and f'"{first}' in message, message  # or a neighbour it ties with
            assert gaps[0].line == next(p.line for p in doc.paragraphs if p.number == number)
            # what else is reported follows from the drop (its numbers, its end), never a
            # structural finding
            assert {f.rule for f in findings} <= {
                "missing-sentence",
                "number-mismatch",
                "punctuation-mismatch",
                "length-mismatch",
            }


@pytest.mark.parametrize("lang", TARGETS)
def test_every_added_sentence_is_named(lang: str) -> None:
    doc = WATER[lang]
    for number in multi_sentence(doc):
        donor = 5 if number != 5 else 2
        pasted = sentences(doc, donor)[1]
        for index in (1, len(sentences(doc, number))):
            findings = _check(lang, add_sentence(doc, number, pasted, index))
            extra = [f for f in findings if f.rule == "extra-sentence"]
            assert [(f.lang, f.reference_paragraph) for f in extra] == [(lang, number)]
            assert f'"{" ".join(pasted.split()[:3])}' in extra[0].message
            assert f"(sentence {index + 1} of " in extra[0].message


def test_one_sentence_paragraphs_are_not_aligned(corpus_docs, monkeypatch) -> None:
    """The shipped resolution has one sentence per paragraph: no sentence alignment runs."""
    calls = []
    monkeypatch.setattr(rules, "align_sentences", lambda *a, **k: calls.append(a) or [])
    _, findings = check_set(DocumentSet("d", tuple(corpus_docs.values())), "en")
    assert findings == [] and calls == []


def test_the_rules_are_errors() -> None:
    assert rules.MissingSentence.severity is rules.ExtraSentence.severity
    assert str(rules.MissingSentence.severity) == "error"
