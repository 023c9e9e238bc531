"""validate: TMX and PO findings on deliberately broken samples, formats and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from exporting import DATA, corpus_set
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.checks import REGISTRY
from aligner.checks.po import PoRule
from aligner.checks.tmx import TmxRule, valid_language_tag
from aligner.cli import cli
from aligner.export.outputs import export_po, export_tmx
from aligner.validate import classify, validate

TMX = DATA / "tmx"
PO = DATA / "po"

EXPECTED = {
    TMX / "valid.tmx": set(),
    TMX / "not-well-formed.tmx": {"tmx-not-well-formed"},
    TMX / "entity-bomb.tmx": {"tmx-not-well-formed"},
    TMX / "not-tmx.tmx": {"unreadable"},
    TMX / "external-entity.tmx": {"tmx-structure"},
    TMX / "entity-bomb-attribute.tmx": {"tmx-not-well-formed"},
    TMX / "parameter-entity.tmx": set(),
    TMX / "billion-laughs.xml": {"unreadable"},
    TMX / "external-entity.html": {"unreadable"},
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
    PO / "not-po.po": {"unreadable"},
}

HOSTILE = [
    TMX / "entity-bomb.tmx",
    TMX / "entity-bomb-attribute.tmx",
    TMX / "external-entity.tmx",
    TMX / "parameter-entity.tmx",
    TMX / "billion-laughs.xml",
    TMX / "external-entity.html",
]


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
    result = validate(HOSTILE)
    assert time.perf_counter() - start < 2
    assert not any("root:" in f.message for f in result.findings)  # /etc/passwd not read
    assert all(len(f.message) < 300 for f in result.findings)  # nothing expanded into them


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_external_entities_and_dtds_are_never_opened(tmp_path: Path) -> None:
    """Each sample points at a named pipe: opening it would block until the timeout."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    valid = (TMX / "valid.tmx").read_text(encoding="utf-8")
    body = valid[valid.index("<tmx") :]
    doctypes = {
        "entity.tmx": f'<!DOCTYPE tmx [<!ENTITY x SYSTEM "{fifo.as_uri()}">]>',
        "parameter.tmx": f'<!DOCTYPE tmx [<!ENTITY % x SYSTEM "{fifo.as_uri()}"> %x;]>',
        "dtd.tmx": f'<!DOCTYPE tmx SYSTEM "{fifo.as_uri()}">',
        "page.html": f'<!DOCTYPE html [<!ENTITY x SYSTEM "{fifo.as_uri()}">]><html>&x;</html>',
    }
    for name, doctype in doctypes.items():
        text = doctype + (body.replace("<seg>", "<seg>&x;", 1) if "tmx" in name else "")
        (tmp_path / name).write_text(text, encoding="utf-8")
    names = [str(tmp_path / n) for n in doctypes]
    run = subprocess.run(
        [sys.executable, "-m", "aligner", "validate", "--format", "json", *names],
        capture_output=True,
        text=True,
        timeout=60,
    )
    found = {Path(f["file"]).name: f["rule"] for f in json.loads(run.stdout)["findings"]}
    assert found.get("page.html") == "unreadable" and run.returncode == 2


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
    assert code == 2 and out == ""  # not-po.po is unreadable
    text = report.read_text(encoding="utf-8")
    assert "po-duplicate" in text and "not-po.po" in text
    if fmt == "json":
        data = json.loads(text)
        assert {f["rule"] for f in data["findings"]} >= {"po-syntax", "po-fuzzy", "unreadable"}
        assert data["summary"]["errors"] == 8


def test_cli_refuses_to_write_the_report_over_an_input(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes((PO / "valid.po").read_bytes())
    code, _, err = run("-o", str(target), str(target))
    assert code == 2 and "input" in err
    assert target.read_bytes() == (PO / "valid.po").read_bytes()


# --- what is not TMX or PO, and what cannot be read ---------------------------------------

_EMPTY = "empty file"
_ROOT = "its XML root is <{}>, not <tmx>"
NOT_VALIDATABLE = {
    "empty.md": (b"", _EMPTY),
    "empty.po": (b"", _EMPTY),
    "empty.tmx": (b"", _EMPTY),
    "blank.pot": (b" \n\t\r\n", _EMPTY),
    "bom.txt": (b"\xef\xbb\xbf\n", _EMPTY),
    "bom16.tmx": (b"\xff\xfe \x00\n\x00", _EMPTY),
    "prose.md": (
        "1. Une déclaration.\n2. Deux.\n".encode(),
        "not a TMX or PO file: no <tmx> root and no msgid line",
    ),
    "prose.tmx": (b"1. not XML at all\n", "not a TMX file: no XML root element"),
    "broken.xml": (b"<?xml version='1.0'?><!DOCTYPE", "not a TMX file: no XML root element"),
    "prose.po": (b"Bonjour\n", "not a PO file: no msgid line"),
    "nul.po": (b'msgid "a"\nmsgstr "b\x00"\n', "not a PO file: binary data"),
    "random.docx": (bytes(range(256)) * 8, "not a TMX or PO file: binary data"),
    "xliff.xml": (b'<?xml version="1.0"?><xliff/>', "not a TMX file: " + _ROOT.format("xliff")),
    "page.html": (b"<html><p>1. Text</p></html>", "not a TMX or PO file: " + _ROOT.format("html")),
    "html.po": (b"<html/>", "not a PO file: " + _ROOT.format("html")),
}


@pytest.mark.parametrize("name", sorted(NOT_VALIDATABLE))
def test_empty_binary_and_foreign_files_are_unreadable(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    data, message = NOT_VALIDATABLE[name]
    path.write_bytes(data)
    [f] = validate([path]).findings
    assert (f.rule, f.file, f.line, f.message) == ("unreadable", str(path), 1, message)
    assert str(f.severity) == "error"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=300) | st.text(max_size=300).map(str.encode),
    suffix=st.sampled_from([".tmx", ".xml", ".po", ".pot", ".md", ""]),
)
def test_any_bytes_give_findings_never_a_crash(data: bytes, suffix: str, tmp_path: Path) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    kind, why = classify(str(path), data)
    findings = validate([path]).findings
    unreadable = [f for f in findings if f.rule == "unreadable"]
    assert (kind is None) == bool(unreadable) and (kind is None) == (why != "")
    assert all(f.file == str(path) and f.line >= 1 for f in findings)


def test_content_decides_not_the_name(tmp_path: Path) -> None:
    (tmp_path / "memory.xml").write_bytes((TMX / "duplicate-tuid.tmx").read_bytes())
    (tmp_path / "memory.txt").write_bytes((TMX / "duplicate-tuid.tmx").read_bytes())
    (tmp_path / "catalog").write_bytes((PO / "duplicate.po").read_bytes())
    result = validate(sorted(tmp_path.iterdir()))
    rules = {Path(f.file).name: f.rule for f in result.findings}
    assert rules == {
        "memory.xml": "tmx-duplicate-tuid",
        "memory.txt": "tmx-duplicate-tuid",
        "catalog": "po-duplicate",
    }


def test_utf16_tmx_is_tmx(tmp_path: Path) -> None:
    text = (TMX / "valid.tmx").read_text(encoding="utf-8")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "utf16.tmx"
    path.write_bytes(text.encode("utf-16"))
    assert validate([path]).findings == ()


def test_a_file_that_cannot_be_read_is_reported_and_the_rest_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.po"
    locked.write_bytes((PO / "valid.po").read_bytes())
    real_open = os.open

    def refuse(path: str | Path, flags: int, *args: int) -> int:
        if Path(path).name == "locked.po":
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    code, out, _ = run(str(locked), str(TMX / "duplicate-tuid.tmx"))
    assert code == 2
    assert f"{locked}:1:1: error unreadable cannot read: Permission denied" in out
    assert "tmx-duplicate-tuid" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.po")
    [f] = validate([tmp_path / "pipe.po"]).findings
    assert (f.rule, f.message) == ("unreadable", "not a regular file (FIFO, device or socket)")


def test_folders(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    other = tmp_path / "other"
    (other / "sub").mkdir(parents=True)
    (other / "notes.md").write_text("no memory here\n", encoding="utf-8")
    (other / "sub" / "xliff.xml").write_text("<xliff/>", encoding="utf-8")
    mixed = tmp_path / "mixed"
    (mixed / "deep").mkdir(parents=True)
    (mixed / "README.md").write_text("# readme\n", encoding="utf-8")
    (mixed / "a.xml").write_bytes((TMX / "valid.tmx").read_bytes())
    (mixed / "skip.xml").write_text("<html/>", encoding="utf-8")
    (mixed / "deep" / "b.po").write_bytes((PO / "fuzzy.po").read_bytes())
    (mixed / "deep" / "c.tmx").write_bytes(b"")
    result = validate([empty, other, mixed])
    got = sorted((Path(f.file).name, f.rule) for f in result.findings)
    assert got == [
        ("b.po", "po-fuzzy"),
        ("c.tmx", "unreadable"),
        ("empty", "unreadable"),
        ("other", "unreadable"),
    ]
    assert [s.versions[0].path for s in result.documents] == [
        str(mixed / "a.xml"),
        str(mixed / "deep" / "b.po"),
        str(mixed / "deep" / "c.tmx"),
    ]
    assert "no TMX or PO file" in next(f.message for f in result.findings if f.file == str(empty))


def test_cli_unreadable_gives_2_whatever_fail_on(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_bytes(b"")
    for fail_on in ("error", "warning", "never"):
        code, out, _ = run("--fail-on", fail_on, str(empty), str(PO / "fuzzy.po"))
        assert code == 2
        assert f"{empty}:1:1: error unreadable empty file\n" in out and "po-fuzzy" in out
    assert run(str(tmp_path))[0] == 2  # a folder with no TMX or PO file


@pytest.mark.parametrize("fmt", ["json", "github", "sarif", "junit"])
def test_cli_unreadable_in_every_format(fmt: str, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.bin"
    garbage.write_bytes(b"\x00\x01\x02garbage")
    code, out, _ = run("--format", fmt, str(garbage), str(TMX / "valid.tmx"))
    assert code == 2 and "unreadable" in out and "garbage.bin" in out
    if fmt == "json":
        data = json.loads(out)
        assert [f["rule"] for f in data["findings"]] == ["unreadable"]
        assert data["summary"]["errors"] == 1


def test_cli_missing_path_is_one_line_naming_it() -> None:
    code, out, _ = run("no/such/file.tmx")
    assert code == 2
    assert out == "no/such/file.tmx:1:1: error unreadable no such file or directory\n"


def test_cli_needs_a_path() -> None:
    code, _, err = run()
    assert code == 2 and "Missing argument" in err


def test_select_and_ignore(tmp_path: Path) -> None:
    both = [PO / "fuzzy.po", TMX / "duplicate-tuid.tmx", PO / "syntax-garbage.po"]
    everything = {"po-fuzzy", "tmx-duplicate-tuid", "po-syntax"}
    assert {f.rule for f in validate(both).findings} == everything
    assert {f.rule for f in validate(both, select=["po-fuzzy"]).findings} == {"po-fuzzy"}
    ignored = validate(both, ignore=["po-fuzzy", "po-syntax"]).findings
    assert {f.rule for f in ignored} == {"tmx-duplicate-tuid"}
    empty = tmp_path / "empty.po"
    empty.write_bytes(b"")
    kept = validate([empty], select=["po-fuzzy"], ignore=["unreadable"]).findings
    assert [f.rule for f in kept] == ["unreadable"]  # never hidden, as in check


def test_cli_select_and_ignore() -> None:
    dup, fuzzy = str(TMX / "duplicate-tuid.tmx"), str(PO / "fuzzy.po")
    assert run("--ignore", "tmx-duplicate-tuid", dup)[0] == 0
    code, out, _ = run("--select", "po-fuzzy, tmx-empty-seg", "--fail-on", "warning", dup, fuzzy)
    assert code == 1 and "po-fuzzy" in out and "tmx-duplicate-tuid" not in out
    code, _, err = run("--select", "no-such-rule", dup)
    assert code == 2 and "unknown rule no-such-rule" in err and len(err.splitlines()) == 1
