"""Bad input: exit status 2, one line naming the file (and line), fast, nothing written."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.errors import InputError, UsageError
from aligner.readers import read_document
from aligner.readers.source import parse_xml, read_bytes

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
EXPECTED: dict[str, dict[str, str | int | None]] = json.loads(
    (BAD / "EXPECTED.json").read_text(encoding="utf-8")
)


def test_every_sample_has_an_expectation() -> None:
    samples = {p.name for p in BAD.iterdir() if p.suffix not in (".json", ".py")}
    assert samples == set(EXPECTED)


def run_show(path: Path) -> tuple[int, str, str, float]:
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["show", str(path)])
    return result.exit_code, result.stdout, result.stderr, time.perf_counter() - start


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_sample(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    shutil.copyfile(BAD / name, path)
    code, out, err, seconds = run_show(path)
    expected = EXPECTED[name]
    where = f"{path}:{expected['line']}: " if expected["line"] else f"{path}: "
    assert code == 2
    assert out == ""
    assert err.startswith(f"aligner: error: {where}")
    assert str(expected["message"]) in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert seconds < 1.0
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # nothing written beside it
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.file == str(path)
    assert info.value.line == expected["line"]


def test_missing_path(tmp_path: Path) -> None:
    code, _, err, _ = run_show(tmp_path / "nowhere.md")
    assert code == 2
    assert err == f"aligner: error: {tmp_path / 'nowhere.md'}: no such file\n"


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    code, _, err, _ = run_show(tmp_path)
    assert code == 2
    assert err == f"aligner: error: {tmp_path}: is a directory, expected a file\n"


def test_unknown_language_override(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("1. Text.\n", encoding="utf-8")
    with pytest.raises(UsageError):
        read_document(path, lang="english")
    result = CliRunner().invoke(cli, ["show", "--lang", "xx", str(path)])
    assert result.exit_code == 2
    assert "unknown language 'xx'" in result.stderr


def test_a_doctype_hidden_in_utf16_xml_is_refused() -> None:
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY e SYSTEM "/etc/passwd">]>'
        "<document>&e;</document>"
    )
    with pytest.raises(InputError, match="DOCTYPE"):
        parse_xml(b"\xff\xfe" + xml.encode("utf-16-le"), "x.docx", "word/document.xml")


def test_html_without_declarations_does_not_expand_unknown_entities(tmp_path: Path) -> None:
    page = tmp_path / "en.html"
    page.write_text("<!DOCTYPE html><html><body><p>1. A &unknown; B.</p></body></html>")
    assert read_document(page).paragraphs[0].text == "A &unknown; B."


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "en.md"
    path.write_bytes(b"1. Text.\n" * 4)
    assert read_bytes(path, limit=36) == b"1. Text.\n" * 4
    too_large = r"file too large \(over 35 bytes; use --max-size\)"
    with pytest.raises(InputError, match=too_large) as info:
        read_bytes(path, limit=35)
    assert info.value.file == str(path)
