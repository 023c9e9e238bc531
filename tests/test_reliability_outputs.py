"""No input is ever destroyed: outputs onto inputs (named or found in folders), devices,
FIFOs, symlinks, `-`, and export names that clash."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from aligner.atomic import input_scope, note_input, output_batch, write_atomic
from aligner.cli import cli
from aligner.errors import UsageError

PO = Path(__file__).parent / "data" / "po"
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="making device nodes needs root")


def two_versions(folder: Path) -> Path:
    """A document folder holding the shipped English and French versions."""
    folder.mkdir(parents=True, exist_ok=True)
    for lang in ("en", "fr"):
        shutil.copy(CORPUS / f"{lang}.md", folder / f"{lang}.md")
    return folder


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_validate_never_writes_over_a_file_found_in_a_validated_folder(tmp_path: Path) -> None:
    shutil.copy(PO / "valid.po", tmp_path / "x.po")
    before = (tmp_path / "x.po").read_bytes()
    code, _, err = run("validate", str(tmp_path), "-o", str(tmp_path / "x.po"))
    assert code == 2
    assert "refusing to overwrite an input file" in err
    assert (tmp_path / "x.po").read_bytes() == before


def test_check_never_writes_over_an_unreadable_file_of_a_checked_folder(tmp_path: Path) -> None:
    folder = two_versions(tmp_path / "doc")
    damaged = folder / "de.docx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    code, _, err = run("check", str(folder), "-o", str(damaged))
    assert code == 2
    assert "refusing to overwrite an input file" in err
    assert damaged.read_bytes() == b"PK\x03\x04 not really a zip"


def test_a_noted_input_is_refused_by_any_path_even_through_a_symlink(tmp_path: Path) -> None:
    source = tmp_path / "en.md"
    source.write_text("keep")
    link = tmp_path / "link.md"
    link.symlink_to(source)
    with input_scope():
        note_input(source)
        with pytest.raises(UsageError, match="input"):
            write_atomic(link, "x")
    assert source.read_text() == "keep"
    write_atomic(link, "x")  # outside the command's scope it is an ordinary output


def test_dash_is_standard_output_and_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("validate", str(PO / "valid.po"), "--format", "json", "-o", "-")
    assert code == 0
    assert out.lstrip().startswith("{")
    assert not (tmp_path / "-").exists()


def test_dev_null_stays_a_device() -> None:
    code, _, _ = run("validate", str(PO / "valid.po"), "-o", os.devnull)
    assert code == 0
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@ROOT_ONLY
def test_a_private_device_node_is_written_through_not_replaced(tmp_path: Path) -> None:
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    link = tmp_path / "stdout-like"
    link.symlink_to(node)
    for target in (node, link):
        code, _, _ = run("validate", str(PO / "valid.po"), "-o", str(target))
        assert code == 0
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    assert link.is_symlink() and os.readlink(link) == str(node)
    assert sorted(os.listdir(tmp_path)) == ["null", "stdout-like"]  # no temporary left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_written_through(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(10)
    assert got == [b"through the pipe\n"]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_file_keeps_the_link_and_replaces_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real.txt"
    target.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, "new")
    assert link.is_symlink()
    assert target.read_text() == "new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_socket_or_other_special_file_is_refused(tmp_path: Path) -> None:
    import socket

    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        with pytest.raises(UsageError, match="not a file"):
            write_atomic(path, "x")
    assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_documents_of_the_same_name_get_distinct_export_names(tmp_path: Path) -> None:
    two_versions(tmp_path / "in" / "a" / "doc")
    two_versions(tmp_path / "in" / "b" / "doc")
    out = tmp_path / "out"
    code, stdout, err = run("export", str(tmp_path / "in"), "--to", "po", "-o", str(out))
    assert code == 0, err
    names = sorted(os.listdir(out))
    assert names == ["a-doc.fr.po", "a-doc.pot", "b-doc.fr.po", "b-doc.pot"]
    assert len(stdout.splitlines()) == 4


def test_an_output_name_written_twice_in_one_run_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="same name"), output_batch(tmp_path) as batch:
        for _ in range(2):
            with batch.open(tmp_path / "x.po") as stream:
                stream.write(b"x")
    assert os.listdir(tmp_path) == []  # nothing half-written is left


def test_export_of_the_working_folder_names_files_after_its_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = two_versions(tmp_path / "resolution")
    monkeypatch.chdir(folder)
    code, _, err = run("export", ".", "--to", "po", "-o", str(tmp_path / "out"))
    assert code == 0, err
    assert sorted(os.listdir(tmp_path / "out")) == ["resolution.fr.po", "resolution.pot"]
