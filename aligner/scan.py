"""Walk a folder safely: regular files only, each folder once, and everything skipped said.

Only regular files are returned (checked with `stat` before anything is opened); a FIFO,
device, socket or dangling link is reported as skipped. A symlinked folder is followed once
(by device and inode); a link back to a folder already walked, or to one of its own
ancestors, or into /proc, /sys or /dev, is reported once and not followed. Unless asked,
hidden entries (`.name`) are not looked at; when asked, `_name` folders are not walked.
The walk is iterative (no recursion over the depth of the tree) and bounded by
`aligner.limits.MAX_SCAN_ENTRIES`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from aligner import limits
from aligner.atomic import display
from aligner.errors import InputError


@dataclass
class Walk:
    """Folders in walking order with the regular files each directly holds, and what was
    skipped, as (path, why) pairs."""

    folders: list[tuple[Path, list[Path]]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


LOOP = "symbolic link to a folder already scanned (a loop?); not followed"
SYSTEM = "symbolic link into a system folder (/proc, /sys, /dev); not followed"
#: Kernel pseudo-filesystems: walking them reads the whole machine (`/proc/self/root`).
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def walk(root: str | Path, *, skip_underscore: bool = False, hidden: bool = False) -> Walk:
    """Walk `root` depth first in name order; raise `InputError` if it cannot be listed
    or holds more than `MAX_SCAN_ENTRIES` entries."""
    out = Walk()
    seen: set[tuple[int, int]] = set()
    stack = [Path(root)]
    scanned = 0
    while stack:
        folder = stack.pop()
        try:
            st = os.stat(folder)
            if (st.st_dev, st.st_ino) in seen or _back_to_ancestor(folder):
                out.skipped.append((display(folder), LOOP))
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if folder == Path(root):
                raise InputError(
                    f"cannot list folder: {exc.strerror or exc}", file=display(folder)
                ) from None
            out.skipped.append((display(folder), f"cannot list folder: {exc.strerror or exc}"))
            continue
        scanned += len(entries)
        if scanned > limits.MAX_SCAN_ENTRIES:
            raise limits.too_long(
                display(root),
                None,
                "entries in this folder and below it",
                limits.MAX_SCAN_ENTRIES,
                "MAX_SCAN_ENTRIES",
            )
        files, subs = [], []
        for entry in entries:
            if entry.name.startswith(".") and not hidden:
                continue
            path = folder / entry.name
            try:
                mode = os.stat(path).st_mode
            except OSError as exc:
                why = "dangling symbolic link" if entry.is_symlink() else exc.strerror or str(exc)
                out.skipped.append((display(path), f"{why}; skipped"))
                continue
            if stat.S_ISDIR(mode):
                if entry.is_symlink() and _in_system_folder(path):
                    out.skipped.append((display(path), SYSTEM))
                elif not (skip_underscore and entry.name.startswith("_")):
                    subs.append(path)
            elif stat.S_ISREG(mode):
                files.append(path)
            else:
                out.skipped.append(
                    (display(path), "not a regular file (FIFO, device or socket); skipped")
                )
        out.folders.append((folder, files))
        stack.extend(reversed(subs))
    return out


def _back_to_ancestor(folder: Path) -> bool:
    """Whether `folder` is a symlink to itself or to a folder that contains it."""
    if not folder.is_symlink():
        return False
    target = os.path.realpath(folder)
    here = os.path.realpath(folder.parent)
    return here == target or here.startswith(target.rstrip(os.sep) + os.sep)


def _in_system_folder(folder: Path) -> bool:
    """Whether `folder` resolves into one of the `SYSTEM_FOLDERS`."""
    target = os.path.realpath(folder)
    return any(target == top or target.startswith(top + os.sep) for top in SYSTEM_FOLDERS)
