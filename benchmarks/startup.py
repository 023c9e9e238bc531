"""Start-up time of `aligner --help`, beside the bare interpreter, measured in one run.

    python benchmarks/startup.py [RUNS]

Prints the best wall time over RUNS (default 10) of `python -c pass`, of
`python -m aligner --help`, their difference (what aligner itself costs) and the processor
time from the first import of `aligner.cli` to the end of the help text, measured inside
the process. The goal: under 100 ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Imports aligner.cli and prints --help, then the processor time that took, in seconds,
#: on stderr (processor time: other processes on a busy machine do not count).
IN_PROCESS = (
    "import time, sys; t = time.process_time()\n"
    "from aligner.cli import cli\n"
    "try:\n"
    "    cli(['--help'], prog_name='aligner')\n"
    "except SystemExit:\n"
    "    pass\n"
    "sys.stderr.write(repr(time.process_time() - t))\n"
)


def _env() -> dict[str, str]:
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}


def wall(args: list[str], runs: int) -> float:
    """The best wall time of running `args`, in seconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=_env())
        best = min(best, time.perf_counter() - start)
    return best


def in_process(runs: int) -> float:
    """The best processor time, inside the process, of importing the CLI and printing --help."""
    best = float("inf")
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", IN_PROCESS],
            check=True,
            capture_output=True,
            text=True,
            env=_env(),
        )
        best = min(best, float(done.stderr.strip().splitlines()[-1]))
    return best


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    bare = wall([sys.executable, "-c", "pass"], runs)
    helped = wall([sys.executable, "-m", "aligner", "--help"], runs)
    inside = in_process(runs)
    print(f"python -c pass            {1000 * bare:7.1f} ms")
    print(f"python -m aligner --help  {1000 * helped:7.1f} ms")
    print(f"aligner's own share       {1000 * (helped - bare):7.1f} ms (goal < 100 ms)")
    print(f"import cli + print help   {1000 * inside:7.1f} ms (processor time, in process)")


if __name__ == "__main__":
    main()
