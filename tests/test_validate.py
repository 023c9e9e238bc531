"""validate: TMX and PO findings on deliberately broken samples, formats and exit codes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from exporting import DATA, corpus_set

from aligner.checks import REGISTRY
from aligner.checks.files import PoRule, TmxRule, valid_language_tag
from aligner.cli import cli
from aligner.export import export_po, export_tmx
from aligner.validate import validate

TMX = DATA / "tmx"
PO = DATA / "po"

EXPECTED = {
    TMX / "valid.tmx": set(),
    TMX / "not-well-formed.tmx": {"tmx-not-well-formed"},
    TMX / "entity-bomb.tmx": {"tmx-not-well-formed"},
    TMX / "not-tmx.tmx": {"unreadable"},
    TMX / "external-entity.tmx": {"tmx-structure"},
    TMX / "lang-not-xml-lang.tmx": {"tmx-structure", "tmx-srclang"},
    TMX / "missing-srclang.tmx": {"tmx-missing-header-attribute"},
    TMX / "srclang-not-in-tu.tmx": {"tmx-srclang"},
    TMX / "language-code.tmx": {"tmx-language-code"},
    TMX / "creationdate.tmx": {"tmx-creationdate"},
    TMX / "duplicate-tuid.tmx": {"tmx-duplicate-tuid"},
    TMX / "empty-seg.tmx": {"tmx-empty-seg"},
    TMX / "unbalanced-tags.tmx": {"tmx-unbalanced-tags"},
    TMX / "single-variant.tmx": {"tmx-single-variant"},
    PO / "valid.po": set(),
    PO / "template.pot": set(),
    PO / "syntax-unterminated.po": {"po-syntax"},
    PO / "syntax-garbage.po": {"po-syntax"},
    PO / "invalid-utf8.po": {"po-syntax"},
    PO / "duplicate.po": {"po-duplicate"},
    PO / "format.po": {"po-format"},
    PO / "newline.po": {"po-newline"},
    PO / "header.po": {"po-header"},
    PO / "fuzzy.po": {"po-fuzzy"},
    PO / "untranslated.po": {"po-untranslated"},
}


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: p.name)
def test_each_sample_gives_exactly_its_rules(path: Path) -> None:
    result = validate([path])
    assert {f.rule for f in result.findings} == EXPECTED[path]
    assert all(f.file == str(path) and f.line >= 1 for f in result.findings)


def test_every_sample_is_covered() -> None:
    on_disk = {p for folder in (TMX, PO) for p in folder.iterdir() if p.suffix != ".md"}
    assert on_disk == set(EXPECTED)


def test_every_file_rule_is_registered_and_exercised() -> None:
    file_rules = {k for k, r in REGISTRY.items() if k.startswith(("tmx-", "po-"))}
    assert file_rules == set().union(*EXPECTED.values()) - {"unreadable"}
    run_on_files = {k for k in file_rules if issubclass(REGISTRY[k], TmxRule | PoRule)}
    assert run_on_files == file_rules - {"tmx-not-well-formed", "tmx-structure", "po-syntax"}


def test_findings_carry_lines_and_messages() -> None:
    [f] = validate([TMX / "duplicate-tuid.tmx"]).findings
    assert f.line == 5 and "d:1:1" in f.message
    [f] = validate([PO / "syntax-garbage.po"]).findings
    assert f.line == 15 and "this line is not PO" in f.message


def test_hostile_xml_is_neither_expanded_nor_read() -> None:
    start = time.perf_counter()
    result = validate([TMX / "entity-bomb.tmx", TMX / "external-entity.tmx"])
    assert time.perf_counter() - start < 2
    assert not any("root:" in f.message for f in result.findings)  # /etc/passwd not read


def test_our_exports_validate_clean(tmp_path: Path) -> None:
    export_tmx([corpus_set()], tmp_path)
    export_tmx([corpus_set()], tmp_path / "all.tmx", multilingual=True)
    export_po([corpus_set()], tmp_path)
    result = validate([tmp_path])
    assert result.findings == ()
    assert len(result.documents) == 12


@pytest.mark.parametrize(
    ("tag", "ok"),
    [
        ("en", True),
        ("fr-CA", True),
        ("sr-Latn-RS", True),
        ("zh-Hant", True),
        ("es-419", True),
        ("de-CH-1996", True),
        ("x-klingon", True),
        ("i-klingon", True),
        ("EN-us", True),
        ("en_US", False),
        ("e", False),
        ("english", True),  # 5-8 letters: registered-language syntax
        ("en-", False),
        ("fr-FR-", False),
        ("123", False),
        ("", False),
    ],
)
def test_language_tags(tag: str, ok: bool) -> None:
    assert valid_language_tag(tag) is ok


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_exit_codes() -> None:
    assert run(str(TMX / "valid.tmx"), str(PO / "valid.po"))[0] == 0
    assert run(str(PO / "fuzzy.po"))[0] == 0
    assert run("--fail-on", "warning", str(PO / "fuzzy.po"))[0] == 1
    assert run(str(TMX / "duplicate-tuid.tmx"))[0] == 1
    assert run("--fail-on", "never", str(TMX / "duplicate-tuid.tmx"))[0] == 0
    code, out, _ = run(str(TMX / "valid.tmx"), "no/such/file.tmx")
    assert code == 2 and "unreadable" in out


def test_cli_text_lines_and_summary() -> None:
    code, out, err = run(str(TMX / "empty-seg.tmx"))
    assert code == 0
    assert out == (
        f'{TMX / "empty-seg.tmx"}:5:1: warning tmx-empty-seg empty fr <seg> in <tu tuid="d:1:1">\n'
    )
    assert "1 warning" in err


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "junit"])
def test_cli_other_formats(fmt: str, tmp_path: Path) -> None:
    report = tmp_path / f"report.{fmt}"
    code, out, _ = run("--format", fmt, "-o", str(report), str(PO))
    assert code == 1 and out == ""
    text = report.read_text(encoding="utf-8")
    assert "po-duplicate" in text
    if fmt == "json":
        data = json.loads(text)
        assert {f["rule"] for f in data["findings"]} >= {"po-syntax", "po-fuzzy"}
        assert data["summary"]["errors"] == 7


def test_cli_refuses_to_write_the_report_over_an_input(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes((PO / "valid.po").read_bytes())
    code, _, err = run("-o", str(target), str(target))
    assert code == 2 and "input" in err
    assert target.read_bytes() == (PO / "valid.po").read_bytes()
