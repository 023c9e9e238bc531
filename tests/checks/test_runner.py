"""`check` never passes on what it could not read or compare (aligner.checks.runner)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from aligner.cli import cli

EN = "The Assembly:\n\n1. Welcomes the report.\n\n2. Calls on States to act in 2025.\n"
FR = "L'Assemblée :\n\n1. Salue le rapport.\n\n2. Invite les États à agir en 2025.\n"


def _check(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def _pair(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "en.md").write_text(EN, encoding="utf-8")
    (folder / "fr.md").write_text(FR, encoding="utf-8")
    return folder


def test_a_clean_pair_passes_and_the_summary_counts_each_version(tmp_path: Path) -> None:
    code, _, err = _check(_pair(tmp_path / "d"))
    assert code == 0
    assert "(4 paragraphs: en 2, fr 2)" in err


def test_one_version_alone_is_a_usage_error(tmp_path: Path) -> None:
    folder = _pair(tmp_path / "d")
    code, _, err = _check(folder / "fr.md")
    assert code == 2
    assert "only one version" in err and "en reference" in err


def test_no_version_in_the_reference_language_is_a_usage_error(tmp_path: Path) -> None:
    folder = _pair(tmp_path / "d")
    shutil.copy(folder / "fr.md", tmp_path / "d" / "it.md")
    (folder / "en.md").unlink()
    code, _, err = _check(folder)
    assert code == 2
    assert "no en version" in err and "--reference" in err
    assert _check("--reference", "fr", folder)[0] != 2


def test_a_version_without_units_is_an_error(tmp_path: Path) -> None:
    folder = _pair(tmp_path / "d")
    (folder / "fr.md").write_text("# Titre\n\n## Sous-titre\n", encoding="utf-8")
    code, out, _ = _check(folder)
    assert code == 1
    assert "error no-units no paragraph could be read in fr" in out


def test_unsupported_and_unreadable_files_in_a_folder_are_reported(tmp_path: Path) -> None:
    folder = _pair(tmp_path / "d")
    (folder / "de.odt").write_bytes(b"PK\x03\x04 not really")
    code, out, _ = _check(folder)
    assert code == 2
    assert "de.odt:1:1: error unsupported-file no reader for .odt files" in out
    (folder / "de.odt").unlink()
    (folder / "de.docx").write_bytes(b"not a zip")
    code, out, _ = _check(folder)
    assert code == 2 and "de.docx:1:1: error unreadable" in out


def test_a_language_outside_the_six_is_reported_unless_named(tmp_path: Path) -> None:
    folder = _pair(tmp_path / "d")
    pl = folder / "pl.md"
    pl.write_text(
        "Zgromadzenie:\n\n1. Z zadowoleniem przyjmuje raport.\n\n"
        "2. Wzywa państwa do działania w 2025.\n",
        encoding="utf-8",
    )
    code, out, _ = _check(folder)
    assert code == 2
    assert "pl.md:1:1: error unsupported-file language pl is not one of" in out
    code, out, err = _check("--lang", f"{pl}=pl", folder)
    assert code == 0, out
    assert "pl 2" in err
