"""Export orchestration (aligner.export.outputs): targets, option conflicts, inputs never
overwritten, and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from exporting import CORPUS, NAME, aligned, document

from aligner.cli import cli
from aligner.errors import UsageError
from aligner.export.outputs import export_paths, export_po, export_tmx
from aligner.model import Paragraph, build_document


def test_targets_choose_and_warn(tmp_path: Path) -> None:
    en, fr, de = (document(lang, ["A."]) for lang in ("en", "fr", "de"))
    report = export_tmx([aligned([en, fr, de])], tmp_path, targets=["de", "es"])
    assert [p.name for p, _ in report.written] == ["doc.en-de.tmx"]
    assert report.warnings == ["doc: no es version to export"]


def test_option_conflicts_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="multilingual"):
        export_paths([CORPUS], "po", tmp_path, multilingual=True)
    with pytest.raises(UsageError, match="paragraph"):
        export_paths([CORPUS], "po", tmp_path, segment="sentence")
    en, fr = document("en", ["A."]), document("fr", ["B."])
    with pytest.raises(UsageError, match="bilingual"):
        export_tmx([aligned([en, fr])], tmp_path / "x.tmx", multilingual=True, segment="sentence")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="folder"):
        export_po([aligned([en, fr])], tmp_path / "file")


def test_never_writes_over_an_input(tmp_path: Path) -> None:
    victim = tmp_path / "m.tmx"
    victim.write_text("keep")
    en = build_document(str(victim), [Paragraph("", 1, "1.", "A.", 1)], lang="en")
    with pytest.raises(UsageError, match="input"):
        export_tmx([aligned([en, document("fr", ["B."])])], victim, multilingual=True)
    assert victim.read_text() == "keep"


def test_cli_export_writes_and_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1404302400")
    result = CliRunner().invoke(
        cli, ["export", str(CORPUS), "--to", "tmx", "--targets", "fr,de", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{tmp_path / f'{NAME}.en-fr.tmx'}: 26 translation units",
        f"{tmp_path / f'{NAME}.en-de.tmx'}: 26 translation units",
    ]
    result = CliRunner().invoke(cli, ["export", str(CORPUS), "--to", "po", "-o", str(tmp_path)])
    assert result.exit_code == 0 and result.stdout.count("26 messages") == 6


def test_cli_export_lists_left_out_paragraphs(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    (folder / "en.md").write_bytes((CORPUS / "en.md").read_bytes())
    lines = (CORPUS / "fr.md").read_text(encoding="utf-8").splitlines()
    (folder / "fr.md").write_text(
        "\n".join(line for line in lines if not line.startswith("7. ")) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["export", str(folder), "--to", "tmx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "aligner: warning: left out doc:1:7 (fr)" in result.stderr
    assert "doc.en-fr.tmx: 25 translation units" in result.stdout  # 19 paragraphs, 6 blocks


def test_cli_export_bad_input_is_a_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "none"), "--to", "po"])
    assert result.exit_code == 2
    assert result.stderr.startswith("aligner: error: ") and result.stderr.count("\n") == 1
    result = CliRunner().invoke(cli, ["export", str(CORPUS), "--to", "po", "--lang", "oops"])
    assert result.exit_code == 2 and "FILE=LANG" in result.stderr


def test_a_damaged_version_stops_an_export_of_other_targets(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    folder.mkdir()
    for lang in ("en", "fr"):
        (folder / f"{lang}.md").write_bytes((CORPUS / f"{lang}.md").read_bytes())
    (folder / "de.md").write_bytes(b"\xff\xfe\x00broken")  # not exported, but unreadable
    out = tmp_path / "out"
    for fmt in ("tmx", "po"):
        result = CliRunner().invoke(
            cli, ["export", str(folder), "--to", fmt, "--targets", "fr", "-o", str(out)]
        )
        assert result.exit_code == 2, result.output
        assert "de.md" in result.stderr
        assert not out.exists()  # nothing written
