"""Language detection: file name, document code, text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.model import LANGUAGES
from aligner.readers import read_document
from aligner.text.langid import (
    code_language,
    detect_language,
    find_code,
    guess_language,
    language_from_path,
)

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "translations"
    / "baku-2014-child-sex-trafficking"
)


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("fr.md", "fr"),
        ("translations/x/ru.docx", "ru"),
        ("AS14DF_fr.docx", "fr"),
        ("resolution.fr.txt", "fr"),
        ("plain-fr.txt", "fr"),
        ("baku_ES.html", "es"),
        ("declaration.de-DE.md", "de"),
        ("german.md", "de"),
        ("fr/declaration.md", "fr"),
        ("AS14DG.docx", "de"),
        ("AS(14)DI.txt", "it"),
        ("declaracion-de-baku.md", None),  # "de" inside a name is a word, not a language
        ("it-policy/notes.md", None),
        ("report.txt", None),
        ("edit.md", None),
    ],
)
def test_language_from_path(path: str, lang: str | None) -> None:
    assert language_from_path(path) == lang


@pytest.mark.parametrize(
    ("text", "code", "lang"),
    [
        ("AS (14) D F", "AS (14) D F", "fr"),
        ("AS (14) DF", "AS (14) DF", "fr"),
        ("AS(14)D F", "AS(14)D F", "fr"),
        ("AS (14) DE", "AS (14) DE", "en"),
        ("  **AS  (14)\u00a0D R**  ", "AS (14) D R", "ru"),
        ("АS (14) D G", "АS (14) D G", "de"),  # Cyrillic А typed for Latin A
        ("AS (14) D X", None, None),
        ("The AS (14) D E declaration", None, "en"),
    ],
)
def test_document_code(text: str, code: str | None, lang: str | None) -> None:
    assert find_code(text) == code
    assert code_language(text) == lang


@pytest.mark.parametrize("lang", [p.stem for p in sorted(CORPUS.glob("*.md"))])
def test_every_paragraph_of_the_corpus_is_recognized(lang: str) -> None:
    doc = read_document(CORPUS / f"{lang}.md")
    for paragraph in doc.paragraphs:
        guessed, confidence = guess_language(paragraph.text)
        assert guessed == lang, paragraph.text
        assert confidence > 0.9


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Recalling the resolutions on human trafficking adopted by the Assembly", "en"),
        ("Rappelant les résolutions sur la traite des êtres humains adoptées", "fr"),
        ("unter Hinweis auf die von der Versammlung angenommenen Entschließungen", "de"),
        ("Richiamando le risoluzioni sulla tratta di esseri umani adottate dall'Assemblea", "it"),
        ("Ссылаясь на резолюции о торговле людьми, принятые Ассамблеей", "ru"),
        ("Recordando las resoluciones sobre la trata de personas aprobadas por la Asamblea", "es"),
    ],
)
def test_guess_language_of_a_sentence(text: str, lang: str) -> None:
    guessed, confidence = guess_language(text)
    assert guessed == lang
    assert confidence >= 0.75


@pytest.mark.parametrize("text", ["", "OSCE", "2014", "(1999), 21", "Baku", "la"])
def test_no_evidence_means_low_confidence(text: str) -> None:
    assert guess_language(text)[1] < 0.5


@given(st.text(max_size=200))
def test_guess_language_is_total(text: str) -> None:
    lang, confidence = guess_language(text)
    assert lang is None or lang in LANGUAGES
    assert 0.0 <= confidence <= 1.0


def test_detection_order_name_then_code_then_text(tmp_path: Path) -> None:
    assert detect_language("fr.md", "AS (14) D G", "the text is English") == "fr"
    assert detect_language("doc.md", "AS (14) D G", "the text is English") == "de"
    assert detect_language("doc.md", None, "the text is in English and it is long") == "en"
    assert detect_language("doc.md", None, "OSCE") is None
    path = tmp_path / "declaration.txt"
    path.write_text("AS (14) D I\n\n1. Recalling the resolutions,\n", encoding="utf-8")
    assert read_document(path).lang == "it"
    assert read_document(path, lang="ES").lang == "es"
