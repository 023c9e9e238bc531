"""Atomic output: whole files or nothing, parents created, inputs never overwritten."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aligner import atomic
from aligner.atomic import atomic_output, check_not_input, output_batch, write_atomic
from aligner.errors import UsageError


def test_writes_text_and_bytes_and_creates_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "out.txt"
    write_atomic(target, "é\n")
    assert target.read_bytes() == "é\n".encode()
    write_atomic(target, b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"
    assert os.listdir(target.parent) == ["out.txt"]


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_output(target) as stream:
        stream.write(b"half")
        raise RuntimeError("writer failed")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.tmx"]


def test_the_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.po"
    write_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_inputs_are_recognized_by_any_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "en.md"
    source.write_text("keep")
    link = tmp_path / "link.md"
    link.symlink_to(source)
    monkeypatch.chdir(tmp_path)
    for spelling in ("en.md", "./en.md", str(source), "link.md"):
        with pytest.raises(UsageError, match="input"):
            write_atomic(spelling, "x", inputs=[source])
    with pytest.raises(UsageError):
        check_not_input(source, ["./en.md"])
    assert source.read_text() == "keep"
    check_not_input(tmp_path / "new.md", [source])


def test_a_folder_or_unwritable_place_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="directory"):
        write_atomic(tmp_path, "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match="cannot write"):
        write_atomic(tmp_path / "file" / "below.txt", "x")


def test_a_batch_puts_every_file_on_disk_before_renaming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with output_batch(tmp_path) as batch:
        for k in range(20):
            with batch.open(tmp_path / f"f{k}.tmx") as stream:
                stream.write(f"unit {k}".encode())
        assert not any(tmp_path.glob("f*.tmx"))  # nothing in place before the commit
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"f{k}.tmx" for k in range(20))
    assert all((tmp_path / f"f{k}.tmx").read_text() == f"unit {k}" for k in range(20))
    assert len(synced) == 20
    assert all(".aligner-" in name for name in synced)  # the temporary files, before renaming


def test_a_batch_file_that_cannot_be_synced_names_itself_and_nothing_is_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        if "f3.tmx" in os.readlink(f"/proc/self/fd/{fd}"):
            raise OSError(5, "Input/output error")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(UsageError, match=r"f3\.tmx") as caught, output_batch(tmp_path) as batch:
        for k in range(6):
            with batch.open(tmp_path / f"f{k}.tmx") as stream:
                stream.write(b"x")
    assert "Input/output error" in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # no target, no temporary file left


def test_a_batch_removes_stale_temporaries_once_per_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stale temporary files go, but a batch of many files lists its folder once (a listing
    per file would make an export of many documents quadratic)."""
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = tmp_path / f".a.tmx.aligner-{gone.pid}-x.tmp"
    stale.write_bytes(b"x")
    listed: list[str] = []
    real = os.listdir
    monkeypatch.setattr(atomic.os, "listdir", lambda p: listed.append(str(p)) or real(p))
    with atomic.output_batch(tmp_path) as batch:
        for k in range(20):
            with batch.open(tmp_path / f"f{k}.tmx") as stream:
                stream.write(b"x")
    assert not stale.exists()
    assert listed.count(str(tmp_path)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"f{k}.tmx" for k in range(20))
