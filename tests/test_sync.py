"""aligner sync (aligner.sync): writes the lock deterministically, one unit per line;
--lang rewrites only that translation; a damaged lock is refused and left as it is."""

from __future__ import annotations

import json
from pathlib import Path

from amending import copy_corpus
from click.testing import CliRunner

from aligner.cli import cli
from aligner.lock import FORMAT_VERSION, LOCK_NAME


def lock_text(folder: Path) -> str:
    return (folder / LOCK_NAME).read_text(encoding="utf-8")


def test_sync_writes_one_sorted_unit_per_line_and_the_same_bytes_twice(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    runner = CliRunner()
    result = runner.invoke(cli, ["sync", str(folder)])
    assert result.exit_code == 0
    names = "baku fr, baku de, baku it, baku ru, baku es"
    assert result.output == f"{folder / LOCK_NAME}: recorded {names} (100 units)\n"
    first = lock_text(folder)
    assert runner.invoke(cli, ["sync", str(folder)]).exit_code == 0
    assert lock_text(folder) == first
    data = json.loads(first)
    assert data["aligner-lock"] == FORMAT_VERSION
    assert [(t["document"], t["lang"]) for t in data["translations"]] == [
        ("baku", lang) for lang in sorted(["fr", "de", "it", "ru", "es"])
    ]
    unit_lines = [line for line in first.split("\n") if '"unit":' in line]
    assert len(unit_lines) == 100
    assert all(json.loads(line.strip().rstrip(","))["text"] for line in unit_lines)
    assert not list(folder.glob(".*tmp"))


def test_sync_lang_rewrites_only_that_translation(synced: Path) -> None:
    before = lock_text(synced).split("\n")
    result = CliRunner().invoke(cli, ["sync", str(synced), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    after = lock_text(synced).split("\n")
    changed = [b for b, a in zip(before, after, strict=True) if a != b]
    assert len(changed) == 3  # ru: its checksum and its records of en 3 and en 7, nothing else
    check = CliRunner().invoke(cli, ["check", str(synced)])
    stale = [line for line in check.output.splitlines() if "stale-translation" in line]
    assert sorted(Path(line.split(":")[0]).name for line in stale) == sorted(
        f"{lang}.md" for lang in ["fr", "de", "it", "es"] for _ in range(2)
    )


def test_sync_lang_unknown_is_a_usage_error(synced: Path) -> None:
    result = CliRunner().invoke(cli, ["sync", str(synced), "--lang", "pl"])
    assert result.exit_code == 2
    assert "no pl version" in result.output


def test_sync_refuses_a_damaged_lock_and_leaves_it(synced: Path) -> None:
    (synced / LOCK_NAME).write_text("{", encoding="utf-8")
    result = CliRunner().invoke(cli, ["sync", str(synced), "--lang", "fr"])
    assert result.exit_code == 2 and "damaged lock" in result.output
    assert lock_text(synced) == "{"
