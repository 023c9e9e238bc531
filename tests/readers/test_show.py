"""`aligner show FILE [--format text|json] [--lang L]`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from shapes import docx_auto

from aligner.cli import cli
from aligner.readers import read_document

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "translations"
    / "baku-2014-child-sex-trafficking"
)

SCHEMA = {
    "type": "object",
    "required": ["file", "lang", "code", "paragraphs"],
    "properties": {
        "file": {"type": "string"},
        "lang": {"type": "string"},
        "code": {"type": ["string", "null"]},
        "paragraphs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["section", "number", "label", "text", "line"],
                "properties": {
                    "section": {"type": "string"},
                    "number": {"type": "integer"},
                    "label": {"type": "string"},
                    "text": {"type": "string"},
                    "line": {"type": "integer", "minimum": 1},
                },
            },
        },
    },
}


def show(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["show", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_of_the_english_original() -> None:
    path = str(CORPUS / "en.md")
    code, out, _ = show("--format", "json", path)
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["file"] == path
    assert data["lang"] == "en"
    assert data["code"] == "AS (14) DE"
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, 21))
    assert {p["section"] for p in data["paragraphs"]} == {"1"}
    first = data["paragraphs"][0]
    assert first["label"] == "1."
    assert first["line"] == 21
    assert first["text"].startswith("Recalling the resolutions on human trafficking")
    assert [s["id"] for s in data["sections"]] == ["1"]
    assert {
        "kind": "intro",
        "text": "The OSCE Parliamentary Assembly:",
        "line": 35,
        "level": 0,
    } in (data["blocks"])


@pytest.mark.parametrize("source", sorted(CORPUS.glob("*.md")), ids=lambda p: p.stem)
def test_every_language_shows_twenty_paragraphs(source: Path) -> None:
    code, out, _ = show("--format", "json", str(source))
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert data["lang"] == source.stem
    assert [p["number"] for p in data["paragraphs"]] == list(range(1, 21))


def test_json_is_stable_and_keeps_non_ascii(tmp_path: Path) -> None:
    path = tmp_path / "ru.md"
    path.write_text("AS (14) D R\n\n1. Ссылаясь на «резолюции»,\n", encoding="utf-8")
    first = show("--format", "json", str(path))[1]
    assert first == show("--format", "json", str(path))[1]
    assert "«резолюции»" in first
    assert first.startswith('{\n  "file": ')


def test_lang_option_overrides_detection() -> None:
    code, out, _ = show("--format", "json", "--lang", "fr", str(CORPUS / "en.md"))
    assert code == 0
    assert json.loads(out)["lang"] == "fr"


def test_text_format_lists_blocks_and_paragraphs() -> None:
    code, out, _ = show(str(CORPUS / "en.md"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"file: {CORPUS / 'en.md'}"
    assert "lang: en" in lines[1] and "code: AS (14) DE" in lines[1]
    assert "paragraphs: 20" in lines[1]
    assert any("[heading2]RESOLUTION ON" in line for line in lines)
    assert sum(1 for line in lines if "§1" in line) == 20


def test_show_reads_a_docx(tmp_path: Path) -> None:
    reference = read_document(CORPUS / "en.md")
    suffix, data = docx_auto(reference)
    path = tmp_path / f"en{suffix}"
    path.write_bytes(data)
    code, out, _ = show("--format", "json", str(path))
    assert code == 0
    parsed = json.loads(out)
    assert parsed["code"] == "AS (14) DE"
    assert [p["text"] for p in parsed["paragraphs"]] == [p.text for p in reference.paragraphs]
    assert [p["line"] for p in parsed["paragraphs"]][:2] == [6, 7]  # paragraph index in the body


def test_a_document_without_paragraphs_is_shown(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("Only a note, no numbered paragraph.\n", encoding="utf-8")
    code, out, _ = show("--format", "json", str(path))
    assert code == 0
    assert json.loads(out)["paragraphs"] == []
