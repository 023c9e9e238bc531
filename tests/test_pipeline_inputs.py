"""`check` never passes on what it could not read or compare (aligner.pipeline)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
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


@pytest.mark.parametrize(
    "command",
    [
        ["review"],
        ["export", "--to", "tmx"],
        ["export", "--to", "po"],
        ["export", "--to", "tsv"],
    ],
)
def test_review_and_export_refuse_one_version_or_no_reference(
    tmp_path: Path, command: list[str]
) -> None:
    folder = _pair(tmp_path / "d")
    out = tmp_path / "out"
    extra = ["-o", str(out)] if command[0] == "export" else []
    alone = CliRunner().invoke(cli, [command[0], str(folder / "fr.md"), *command[1:], *extra])
    assert alone.exit_code == 2 and "only one version" in alone.output, alone.output
    shutil.copy(folder / "fr.md", folder / "it.md")
    (folder / "en.md").unlink()
    none = CliRunner().invoke(cli, [command[0], str(folder), *command[1:], *extra])
    assert none.exit_code == 2 and "no en version" in none.output, none.output
    assert not out.exists()


@pytest.mark.parametrize(
    "command", [["review"], ["export", "--to", "po"], ["export", "--to", "tmx"]]
)
def test_review_and_export_fail_on_a_version_without_units(
    tmp_path: Path, command: list[str]
) -> None:
    folder = _pair(tmp_path / "d")
    (folder / "de.md").write_text("# Titel\n\n## Untertitel\n", encoding="utf-8")
    out = tmp_path / "out"
    extra = ["-o", str(out)] if command[0] == "export" else []
    result = CliRunner().invoke(cli, [command[0], str(folder), *command[1:], *extra])
    assert result.exit_code == 2, result.output
    assert "no paragraph could be read in de" in result.output
    assert not out.exists() or not any(out.iterdir())  # no catalog written as a success


NUMBERED = {
    "en": [
        "Welcomes the report of the Secretary General on water cooperation in Central Asia "
        "and the progress made since 2019,",
        "Calls on the participating States to ratify the Convention on transboundary rivers "
        "by the end of 2025,",
        "Decides to hold its next meeting on water security in Vienna in July 2026.",
    ],
    "de": [
        "begrüßt den Bericht des Generalsekretärs über die Zusammenarbeit im Wasserbereich in "
        "Zentralasien und die seit 2019 erzielten Fortschritte,",
        "fordert die Teilnehmerstaaten auf, das Übereinkommen über grenzüberschreitende Flüsse "
        "bis Ende 2025 zu ratifizieren,",
        "beschließt, seine nächste Tagung über Wassersicherheit im Juli 2026 in Wien abzuhalten.",
    ],
    "ru": [
        "приветствует доклад Генерального секретаря о сотрудничестве в области водных ресурсов "
        "в Центральной Азии и о прогрессе, достигнутом с 2019 года,",
        "призывает государства-участники ратифицировать Конвенцию о трансграничных реках до "
        "конца 2025 года,",
        "постановляет провести следующее совещание по водной безопасности в Вене в июле 2026 года.",
    ],
}


@pytest.mark.parametrize("lang", ["de", "ru"])
def test_a_version_that_lost_all_its_numbers_is_an_error(tmp_path: Path, lang: str) -> None:
    numbered = "".join(f"{k}. {t}\n\n" for k, t in enumerate(NUMBERED["en"], 1))
    (tmp_path / "en.md").write_text("DECLARATION\n\n" + numbered, encoding="utf-8")
    bare = "\n\n".join(NUMBERED[lang])
    (tmp_path / f"{lang}.md").write_text("ERKLÄRUNG\n\n" + bare + "\n", encoding="utf-8")
    code, out, _ = _check(tmp_path)
    assert code == 1, out
    assert f"error numbering-lost {lang} has no paragraph numbers, en numbers 3" in out
    assert "missing-paragraph" not in out  # aligned by content all the same
    (tmp_path / f"{lang}.md").write_text(
        "ERKLÄRUNG\n\n" + "".join(f"{k}. {t}\n\n" for k, t in enumerate(NUMBERED[lang], 1)),
        encoding="utf-8",
    )
    assert "numbering-lost" not in _check(tmp_path)[1]
