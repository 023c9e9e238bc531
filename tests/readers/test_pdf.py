"""PDF input (aligner.readers.pdf), on PDFs made in the test with fpdf2."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdfs import build_pdf, font
from test_schemes import INTRO, PARAGRAPHS, TITLE

from aligner.cli import cli
from aligner.errors import InputError
from aligner.model import LANGUAGES, Block, Kind, Paragraph, build_document
from aligner.readers import read_document

pytestmark = pytest.mark.skipif(font() is None, reason="no Unicode TTF font installed")

CODES = {lang: f"AS (33) D {letter}" for lang, letter in zip(LANGUAGES, "EFGIRS", strict=True)}


def _doc(lang: str, *, repeat: int = 8, numbered: bool = True, drop: int | None = None):
    """A declaration long enough to run over several pages (paragraphs cross pages)."""
    items: list[Block | Paragraph] = [Block(Kind.TITLE, TITLE[lang], 1)]
    number = 0
    for round_ in range(repeat):
        for k, text in enumerate(PARAGRAPHS[lang]):
            number += 1
            if round_ == 0 and k == 2:
                items.append(Block(Kind.TEXT, INTRO[lang] + ":", 1))
            if number == drop:
                continue
            label = f"{number}." if numbered else ""
            items.append(Paragraph("", number, label, f"{text[:-1]} ({round_});", 1))
    return build_document(f"{lang}.md", list(items), lang=lang, code=CODES[lang])


def _write(path: Path, doc, running: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_pdf(doc, CODES[doc.lang], running))
    return path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_pdf_reads_like_its_text(tmp_path: Path, lang: str) -> None:
    from pypdf import PdfReader

    doc = _doc(lang)
    path = _write(tmp_path / f"{lang}.pdf", doc)
    assert len(PdfReader(io.BytesIO(path.read_bytes())).pages) >= 3
    back = read_document(path)
    assert back.lang == lang
    assert back.code == CODES[lang]  # the running header, once
    assert [(p.number, p.text) for p in back.paragraphs] == [
        (p.number, p.text) for p in doc.paragraphs
    ]
    assert [b.text for b in back.blocks if b.kind is Kind.INTRO] == [INTRO[lang] + ":"]
    assert not any("- 2 -" in b.text or b.text == CODES[lang] for b in back.blocks[1:])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_running_footers_are_not_text(tmp_path: Path, lang: str) -> None:
    doc = _doc(lang)
    path = _write(tmp_path / f"{lang}.pdf", doc, running="Vienna, 2 July 2027 - www.oscepa.org")
    back = read_document(path)
    assert [(p.number, p.text) for p in back.paragraphs] == [
        (p.number, p.text) for p in doc.paragraphs
    ]
    assert not any("oscepa" in b.text for b in back.blocks)


def test_pdf_versions_are_checked_and_faults_found(tmp_path: Path) -> None:
    for lang in ("en", "fr", "ru"):
        _write(tmp_path / "doc" / f"{lang}.pdf", _doc(lang))
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "doc")])
    assert result.exit_code == 0, result.stdout
    _write(tmp_path / "doc" / "ru.pdf", _doc("ru", drop=17))
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "doc")])
    assert result.exit_code == 1
    assert "ru.pdf" in result.stdout and "missing-paragraph paragraph 17 of en" in result.stdout


def test_an_unnumbered_pdf_is_aligned_by_content(tmp_path: Path) -> None:
    for lang in ("en", "de"):
        _write(tmp_path / f"{lang}.pdf", _doc(lang, repeat=2, numbered=False))
    back = read_document(tmp_path / "de.pdf")
    assert [p.ident for p in back.paragraphs] == [f"¶{k}" for k in range(1, 11)]
    _write(tmp_path / "de.pdf", _doc("de", repeat=2, numbered=False, drop=4))
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "missing-paragraph paragraph ¶4" in result.stdout


def _bad(tmp_path: Path, name: str, data: bytes) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError):
        read_document(path)
    result = CliRunner().invoke(cli, ["show", str(path)])
    return result.exit_code, result.stderr


def test_encrypted_damaged_and_image_only_pdfs_are_one_line_errors(tmp_path: Path) -> None:
    from fpdf import FPDF
    from pypdf import PdfWriter

    good = build_pdf(_doc("en", repeat=1), CODES["en"])
    writer = PdfWriter(clone_from=io.BytesIO(good))
    writer.encrypt("secret")
    encrypted = io.BytesIO()
    writer.write(encrypted)
    scan = FPDF()
    scan.add_page()
    scan.rect(10, 10, 50, 50)
    cases = {
        "encrypted.pdf": (encrypted.getvalue(), "encrypted PDF"),
        "truncated.pdf": (good[: len(good) // 3], "damaged PDF"),
        "garbage.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8, "damaged PDF"),
        "scan.pdf": (bytes(scan.output()), "PDF without a text layer"),
    }
    for name, (data, message) in cases.items():
        code, err = _bad(tmp_path, name, data)
        assert code == 2
        assert err.count("\n") == 1 and message in err and name in err, err


def test_an_unreadable_pdf_in_a_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    for lang in ("en", "fr"):
        _write(folder / f"{lang}.pdf", _doc(lang, repeat=1))
    (folder / "de.pdf").write_bytes(b"%PDF-1.4\nnothing here")
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code == 2
    assert "de.pdf:1:1: error unreadable damaged PDF" in result.stdout


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_a_document_symbol_header_is_the_code_not_a_heading(tmp_path: Path, lang: str) -> None:
    """A UN-style symbol ("SEC.DEL/41/2027") on every page: the code, once; every
    paragraph stays in the one section the text has (ids do not depend on the layout)."""
    doc = _doc(lang, repeat=4)
    code = f"SEC.DEL/41/2027 {lang.upper()}"
    path = tmp_path / f"{lang}.pdf"
    path.write_bytes(build_pdf(doc, code))
    back = read_document(path)
    assert back.code == code
    assert [(p.ident, p.text) for p in back.paragraphs] == [
        (p.ident, p.text) for p in doc.paragraphs
    ]
    assert len({p.section for p in back.paragraphs}) == 1
    assert not any(b.text == code for b in back.blocks if b.kind is not Kind.CODE)
