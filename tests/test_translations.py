"""The shipped corpus: the English original verbatim and five complete translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.model import CODE_LETTERS, LANGUAGES
from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
SEED = ROOT.parent / "shared" / "seed" / "baku-2014-child-sex-trafficking.en.md"


@pytest.mark.skipif(not SEED.exists(), reason="../shared is not beside this checkout")
def test_english_is_the_seed_verbatim() -> None:
    assert (CORPUS / "en.md").read_bytes() == SEED.read_bytes()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_all_twenty_paragraphs(lang: str) -> None:
    doc = read_document(CORPUS / f"{lang}.md")
    assert doc.lang == lang
    assert [p.number for p in doc.paragraphs] == list(range(1, 21))
    assert all(len(p.text) > 40 for p in doc.paragraphs)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_document_code_names_the_language(lang: str) -> None:
    doc = read_document(CORPUS / f"{lang}.md")
    assert doc.code is not None
    letter = doc.code.replace(" ", "")[-1]
    assert CODE_LETTERS[letter] == lang


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_translation_keeps_the_layout_of_the_original(lang: str) -> None:
    """Headings, blank lines and paragraph lines stand where the English has them."""
    en = (CORPUS / "en.md").read_text(encoding="utf-8").splitlines()
    other = (CORPUS / f"{lang}.md").read_text(encoding="utf-8").splitlines()
    assert len(other) == len(en)

    def shape(line: str) -> str:
        stripped = line.strip()
        if not stripped:
            return "blank"
        if stripped.startswith("#"):
            return stripped.split()[0]
        head = stripped.split(".")[0]
        return f"paragraph {head}" if head.isdigit() else "text"

    assert [shape(x) for x in other] == [shape(x) for x in en]
