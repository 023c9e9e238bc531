"""Where the texts of an export come from, as `#:` comments and `x-file` props name them:
paths relative to the working folder, and each unit's file:line in every version."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from aligner.export.units import Unit, document_units
from aligner.pipeline import AlignedSet

Positions = Mapping[str, tuple[tuple[str, int], ...]]


def version_positions(aligned: AlignedSet, units: Sequence[Unit] = ()) -> Positions:
    """For each unit key, the file:line of its text in every version (the reference's
    excluded), whichever languages an export writes (`units`: the set's units, reused
    when they hold every version)."""
    langs = [lang for lang in aligned.documents.langs if lang != aligned.reference.lang]
    if not units or list(units[0].counterparts) != langs:
        units = document_units(aligned, langs)
    paths = ReferencePaths()
    return {
        unit.key: tuple(
            (paths[cp.file], cp.line)
            for cp in unit.counterparts.values()
            if cp.file and cp.line > 0
        )
        for unit in units
    }


def reference_path(path: str) -> str:
    """The path a `#:` comment gives: relative to the working folder when below it."""
    relative = os.path.relpath(Path(path).resolve())
    return Path(relative if not relative.startswith("..") else path).as_posix()


class ReferencePaths(dict[str, str]):
    """`reference_path` of each path asked for, worked out once (one per export pass, so
    a long-running process sees later changes of the working folder)."""

    def __missing__(self, path: str) -> str:
        self[path] = found = reference_path(path)
        return found
