"""Whole runs: signals end them cleanly (128 + signal, temporary files removed), a killed
run's temporary files are removed by the next, concurrent exports never mix their files,
and outputs are byte-identical across runs and hash seeds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS

from aligner.cli import cli
from aligner.interrupt import Interrupted

PO = Path(__file__).parent / "data" / "po"
FIFOS = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


def versions(folder: Path, langs: tuple[str, ...] = ("en", "fr")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        shutil.copy(CORPUS / f"{lang}.md", folder / f"{lang}.md")
    return folder


def temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if ".aligner-" in name]


def _blocked(pid: int, seconds: float = 20) -> None:
    """Wait until process `pid` sleeps in the kernel (opening the FIFO), or `seconds`."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            wchan = Path(f"/proc/{pid}/wchan").read_text()
        except OSError:
            wchan = ""
        if any(word in wchan for word in ("fifo", "pipe", "partner")):
            return
        time.sleep(0.1)


@FIFOS
@pytest.mark.parametrize(
    "signum,code",
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_ends_the_run_with_128_plus_the_signal(
    tmp_path: Path, signum: int, code: int
) -> None:
    fifo = tmp_path / "report"
    os.mkfifo(fifo)  # nobody reads it: the run waits in open()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aligner", "validate", str(PO / "valid.po"), "-o", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _blocked(proc.pid)
    time.sleep(0.3)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert b"Traceback" not in err
    assert err.decode().strip() == "aligner: interrupted"


_SCRIPT = """
import sys, time
from aligner.atomic import atomic_output
from aligner.interrupt import Interrupted, handled
try:
    with handled(), atomic_output(sys.argv[1]) as stream:
        stream.write(b"x" * 1000000)
        stream.flush()
        print("ready", flush=True)
        time.sleep(60)
except Interrupted as exc:
    sys.exit(exc.exit_code)
"""


def test_sigterm_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.tmx"
    target.write_text("old")
    proc = subprocess.Popen(
        [sys.executable, "-c", _SCRIPT, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
    assert temporaries(tmp_path)  # the temporary file exists while writing
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(30) == 143
    assert temporaries(tmp_path) == []
    assert target.read_text() == "old"


def test_an_interrupted_folder_export_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import aligner.export.outputs

    folder = versions(tmp_path / "doc", ("en", "fr", "de"))
    out = tmp_path / "out"
    real = aligner.export.outputs.render_catalog
    calls = []

    def interrupted(*args: object, **kwargs: object) -> str:
        calls.append(1)
        if len(calls) == 3:  # after the .pot and one .po were written
            raise Interrupted(signal.SIGTERM)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(aligner.export.outputs, "render_catalog", interrupted)
    result = CliRunner().invoke(cli, ["export", str(folder), "--to", "po", "-o", str(out)])
    assert result.exit_code == 143
    assert os.listdir(out) == []  # nothing renamed into place, no temporary left


def test_a_killed_runs_temporary_files_are_removed_by_the_next_run(tmp_path: Path) -> None:
    folder = versions(tmp_path / "doc")
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    stale = out / f".doc.pot.aligner-{gone.pid}-abcd.tmp"
    stale.write_bytes(b"x" * 1000)
    mine = out / f".doc.pot.aligner-{os.getpid()}-live.tmp"  # a live process: kept
    mine.write_bytes(b"y")
    result = CliRunner().invoke(cli, ["export", str(folder), "--to", "po", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert mine.exists()


def _export(folder: Path, out: Path, epoch: int, seed: str = "0") -> subprocess.Popen[bytes]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-m", "aligner", "export", str(folder), "--to", "po", "-o", str(out)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_concurrent_exports_never_mix_their_files(tmp_path: Path) -> None:
    folder = versions(tmp_path / "doc", ("en", "fr", "de"))
    out = tmp_path / "out"
    runs = [_export(folder, out, epoch) for epoch in (1_000_000_000, 1_500_000_000)]
    for proc in runs:
        assert proc.wait(120) == 0, proc.stderr.read() if proc.stderr else ""
    dates = set()
    for path in out.iterdir():
        line = next(x for x in path.read_text().splitlines() if "POT-Creation-Date" in x)
        dates.add(line)
    assert len(dates) == 1  # every file from the same run
    assert temporaries(out) == []


def test_outputs_are_byte_identical_across_runs_and_hash_seeds(tmp_path: Path) -> None:
    folder = versions(tmp_path / "doc", ("en", "fr", "ru"))
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        assert _export(folder, out, 1_600_000_000, seed).wait(120) == 0
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1600000000"}
        for fmt in ("json", "sarif", "junit"):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "aligner",
                    "check",
                    str(folder),
                    "--format",
                    fmt,
                    "-o",
                    str(out / f"report.{fmt}"),
                ],
                env=env,
                timeout=120,
                check=False,
            )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "aligner",
                "export",
                str(folder),
                "--to",
                "tmx",
                "-o",
                str(out / "tmx"),
            ],
            env=env,
            timeout=120,
            check=True,
            capture_output=True,
        )
        outputs.append(
            {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
        )
    assert len(outputs[0]) >= 7
    assert outputs[0] == outputs[1]
