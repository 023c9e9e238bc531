"""Where exported texts come from (aligner.export.positions): paths as `#:` and `x-file`
give them, and each unit's line in every version."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from exporting import aligned, document

from aligner.export.positions import ReferencePaths, reference_path, version_positions


def test_paths_are_relative_below_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work" / "doc").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "work")
    assert reference_path(str(tmp_path / "work" / "doc" / "en.md")) == "doc/en.md"
    outside = str(tmp_path / "other" / "en.md")
    assert reference_path(outside) == Path(outside).as_posix()
    paths = ReferencePaths()
    assert paths["doc/en.md"] == "doc/en.md" and list(paths) == ["doc/en.md"]
    assert os.path.isabs(paths[outside])


def test_version_positions_name_every_version_but_the_reference() -> None:
    en = document("en", ["One.", "Two."])
    de = document("de", ["Eins."])
    fr = document("fr", ["Un.", "Deux."])
    positions = version_positions(aligned([en, de, fr]))
    assert positions["1:1"] == (("doc/de.md", 1), ("doc/fr.md", 1))
    assert positions["1:2"] == (("doc/fr.md", 2),)
