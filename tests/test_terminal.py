"""The terminal: colour choice, progress only on a terminal, --statistics and -q."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from aligner.cli import cli
from aligner.pipeline import CHECK, READ, run_check
from aligner.terminal import Silent, TerminalProgress, progress_for, use_color

ROOT = Path(__file__).resolve().parent.parent


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, stage: str, done: int, total: int, /) -> None:
        self.calls.append((stage, done, total))


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {}, True, True),
        ("auto", {}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"NO_COLOR": ""}, True, True),  # an empty NO_COLOR does not count
    ],
)
def test_use_color(monkeypatch, choice, env, tty, expected) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    stream = FakeTTY() if tty else io.StringIO()
    assert use_color(choice, stream) is expected


def test_color_option_on_check(runner: CliRunner, corpus_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    (folder / "ru.md").unlink()
    (folder / "xx.txt").write_text("", encoding="utf-8")  # unreadable: a finding
    plain = runner.invoke(cli, ["check", str(folder), "--color", "never"])
    colored = runner.invoke(cli, ["check", str(folder), "--color", "always"])
    assert "\x1b[" not in plain.output and "\x1b[" in colored.output
    forced = runner.invoke(cli, ["check", str(folder)], env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.output


def test_library_reports_progress_through_the_callback(corpus_dir: Path, tmp_path: Path) -> None:
    for name in ("a", "b"):
        shutil.copytree(corpus_dir, tmp_path / name)
    recorder = Recorder()
    run_check([tmp_path], progress=recorder)
    read = [c for c in recorder.calls if c[0] == READ]
    aligned = [c for c in recorder.calls if c[0] == CHECK]
    assert read == [(READ, k, 12) for k in range(1, 13)]
    assert aligned == [(CHECK, 1, 2), (CHECK, 2, 2)]


def test_progress_only_on_a_terminal_outside_ci(monkeypatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert isinstance(progress_for(io.StringIO()), Silent)
    assert isinstance(progress_for(FakeTTY()), TerminalProgress)
    assert isinstance(progress_for(FakeTTY(), quiet=True), Silent)
    assert isinstance(progress_for(FakeTTY(), machine=True), Silent)
    monkeypatch.setenv("CI", "true")
    assert isinstance(progress_for(FakeTTY()), Silent)


def test_short_runs_show_no_progress() -> None:
    stream = FakeTTY()
    with progress_for(stream) as progress:
        progress(READ, 1, 6)
    assert stream.getvalue() == ""


def _many(corpus_dir: Path, tmp_path: Path, count: int) -> Path:
    for k in range(count):
        shutil.copytree(corpus_dir, tmp_path / "docs" / f"d{k:02}")
    return tmp_path / "docs"


def test_progress_appears_on_a_terminal_and_never_in_a_pipe(
    corpus_dir: Path, tmp_path: Path
) -> None:
    folder = _many(corpus_dir, tmp_path, 9)  # 54 files: over MANY_FILES
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(ROOT)
    command = [sys.executable, "-m", "aligner", "check", str(folder)]
    piped = subprocess.run(command, capture_output=True, env=env, timeout=300)
    assert b"files read" not in piped.stderr and b"\x1b[" not in piped.stderr
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    seen = _read_all(leader)
    process.wait(timeout=300)
    os.close(leader)
    assert b"files read" in seen and b"documents aligned" in seen
    export = [sys.executable, "-m", "aligner", "export", str(folder), "--to", "po"]
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*export, "-o", str(tmp_path / "po")],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    exported = _read_all(leader)
    process.wait(timeout=300)
    os.close(leader)
    assert b"units exported" in exported
    assert b"in 54 files" in seen
    json_run = subprocess.Popen(
        [*command, "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    assert b"files read" not in json_run.communicate(timeout=300)[1]


def _read_all(fd: int) -> bytes:
    seen = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return seen
        if not chunk:
            return seen
        seen += chunk


def test_statistics_and_quiet(runner: CliRunner, corpus_dir: Path, tmp_path: Path) -> None:
    import re

    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    de = folder / "de.md"
    de.write_text(re.sub(r",\n5\. ", ", ", de.read_text(encoding="utf-8")), encoding="utf-8")
    fr = folder / "fr.md"
    fr.write_text(fr.read_text(encoding="utf-8").replace("2013", "2012"), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(folder), "--statistics"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    counts = {line.split()[1]: int(line.split()[0]) for line in lines}
    assert counts["merged-paragraphs"] == 1 and counts["number-mismatch"] >= 1
    assert counts == dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    assert "paragraphs" in result.stderr  # the summary line
    quiet = runner.invoke(cli, ["check", str(folder), "-q"])
    assert quiet.exit_code == 1 and quiet.stderr == "" and "merged-paragraphs" in quiet.stdout
    bad = runner.invoke(cli, ["check", str(folder), "--statistics", "--format", "json"])
    assert bad.exit_code == 2
