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


def test_align_of_text_files_loads_no_reader_of_another_format(tmp_path: Path) -> None:
    """`aligner align` reads plain text: the DOCX, HTML and PDF readers (and lxml) stay
    unloaded, as each short document is one process."""
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("Der Rat tagt.\n", encoding="utf-8")
    tgt.write_text("Le conseil siège.\n", encoding="utf-8")
    code = (
        "import sys\nfrom aligner.exits import main\n"
        f"sys.argv = ['aligner', 'align', {str(src)!r}, {str(tgt)!r}, '--src-lang', 'de',"
        " '--tgt-lang', 'fr', '--presegmented']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = ast.literal_eval(done.stderr.strip().splitlines()[-1])
    assert "aligner.readers.source" in loaded
    other = [
        m
        for m in loaded
        if m.startswith(
            (
                "lxml",
                "aligner.readers.docx",
                "aligner.readers.pdf",
                "aligner.readers.html",
                "aligner.readers.base",
            )
        )
    ]
    assert other == []
