"""Content rules on matched pairs (aligner.checks.content)."""

from __future__ import annotations

from pathlib import Path

import pytest
from faults import check_written, key, with_paragraph

from aligner.checks import Severity
from aligner.model import (
    Document,
    DocumentSet,
)
from aligner.pipeline import check_set


def test_a_paragraph_in_a_third_language(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    french = corpus_docs["fr"].paragraphs[11].text
    faulty = with_paragraph(corpus_docs["de"], 12, text=french)
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [key(f) for f in findings] == [("wrong-language", "de", 12)]


def test_a_truncated_paragraph(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    text = corpus_docs["it"].paragraphs[7].text
    faulty = with_paragraph(corpus_docs["it"], 8, text=text[: len(text) * 9 // 20] + ",")
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [key(f) for f in findings] == [("length-mismatch", "it", 8)]


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_paragraphs_cut_short_are_length_mismatches(
    corpus_docs: dict[str, Document], lang: str
) -> None:
    """A paragraph cut to 40 % is still that paragraph (few of its words recur elsewhere)."""
    en, doc = corpus_docs["en"], corpus_docs[lang]
    for p in doc.paragraphs:
        cut = p.text[: len(p.text) * 2 // 5].rsplit(" ", 1)[0] + p.text[-1]
        faulty = with_paragraph(doc, p.number, text=cut)
        findings = check_set(DocumentSet("d", (en, faulty)), "en")[1]
        assert ("length-mismatch", lang, p.number) in {key(f) for f in findings}
        # the cut may take numbers with it (an error since numbers are content faults)
        assert all(
            f.severity is Severity.WARNING or f.rule == "number-mismatch" for f in findings
        ), p.number


def test_a_placeholder_is_no_cut_paragraph(corpus_docs: dict[str, Document]) -> None:
    faulty = with_paragraph(corpus_docs["fr"], 7, text="Texte à traduire.")
    findings = check_set(DocumentSet("d", (corpus_docs["en"], faulty)), "en")[1]
    assert ("missing-paragraph", "fr", 7) in {key(f) for f in findings}


def test_other_closing_punctuation(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    text = corpus_docs["es"].paragraphs[2].text
    faulty = with_paragraph(corpus_docs["es"], 3, text=text[:-1] + ";")
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [key(f) for f in findings] == [("punctuation-mismatch", "es", 3)]


@pytest.mark.parametrize(
    ("lang", "mark", "words"),
    [
        ("es", "?", "a question mark"),
        ("fr", "!", "an exclamation mark"),
        ("ru", "?", "a question mark"),
    ],
)
def test_the_real_end_mark_is_named(
    corpus_docs: dict[str, Document], tmp_path: Path, lang: str, mark: str, words: str
) -> None:
    """A paragraph ending in "?" or "!" where the reference has a comma says so."""
    text = corpus_docs[lang].paragraphs[2].text
    faulty = with_paragraph(corpus_docs[lang], 3, text=text[:-1] + mark)
    findings = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert [key(f) for f in findings] == [("punctuation-mismatch", lang, 3)]
    assert f"ends with {words}, en 3 with a comma" in findings[0].message
