"""Start-up: `aligner --help` imports only the command line and answers in under 100 ms."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from startup import IN_PROCESS  # benchmarks/startup.py (not a package)

#: Modules that only the commands doing real work may import.
HEAVY = (
    "lxml",
    "regex",
    "polib",
    "rich",
    "aligner.model",
    "aligner.readers",
    "aligner.align.paragraphs",
)


def test_help_imports_nothing_heavy() -> None:
    code = "import sys\nfrom aligner.cli import cli\nprint(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = ast.literal_eval(done.stdout)
    heavy = [m for m in loaded if m.startswith(HEAVY)]
    assert heavy == []


def test_help_takes_under_100_ms() -> None:
    times = []
    for _ in range(5):  # the best of five: the machine may be busy
        done = subprocess.run(
            [sys.executable, "-c", IN_PROCESS], check=True, capture_output=True, text=True
        )
        assert "Usage: aligner" in done.stdout
        times.append(float(done.stderr.strip().splitlines()[-1]))
    assert min(times) < 0.100, times
