"""Export and check of one very long document, beside translate-toolkit's po2tmx.

    python benchmarks/export_scale.py                    # 50,000 paragraphs, and 100,000
    python benchmarks/export_scale.py --paragraphs 5000 --no-growth
    python benchmarks/export_scale.py --all              # also every target, and PO

One document of N numbered paragraphs in the six languages (the shipped resolution
repeated, see `check_scaling.repeated`; numbered 1..N in one section, or in parts of
`--part` paragraphs). Each command runs in its own process, timed by the wall clock,
its peak memory the child's maximum resident set size (`os.wait4`). Measured in one run:

- `aligner export --to tmx --targets fr` against `po2tmx` turning the same N en-fr pairs
  (a PO file written here with polib) into TMX: the time ratio (goal <= 1.0) and peak
  memory (goal <= 300 MiB);
- `aligner check` against the same po2tmx time (goal <= 2.0);
- with twice the paragraphs, the growth of export time (goal <= 2.3x) and peak memory
  (goal <= 1.5x).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_scaling

from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Run:
    """Wall time (s) and peak resident memory (MiB) of one command."""

    seconds: float
    mib: float


def measure(args: list[str], cwd: Path) -> Run:
    """Run `args` (output discarded) and measure it; a failure stops the benchmark."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    start = time.perf_counter()
    child = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert child.stderr is not None
    err = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({child.returncode}): {err.decode()[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def make_document(folder: Path, paragraphs: int, part: int) -> int:
    """Write the six versions of an N-paragraph document into `folder`; return N."""
    check_scaling.PART = part or 10**9
    factor = max(1, paragraphs // 20)
    total, _ = check_scaling.write(folder, lambda d: check_scaling.repeated(d, factor))
    return total // 6


def make_po(folder: Path, po: Path) -> None:
    """The en-fr pairs of the document (paragraph k with paragraph k) as a PO file."""
    en, fr = (read_document(folder / f"{lang}.md") for lang in ("en", "fr"))
    catalog = polib.POFile(wrapwidth=79)
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "fr"}
    for a, b in zip(en.paragraphs, fr.paragraphs, strict=True):
        catalog.append(
            polib.POEntry(msgctxt=f"{a.section}:{a.number}", msgid=a.text, msgstr=b.text)
        )
    catalog.save(str(po))


def aligner(*args: str) -> list[str]:
    return [sys.executable, "-m", "aligner", *args, "--jobs", "1"]


def size_runs(work: Path, paragraphs: int, part: int, every: bool) -> dict[str, Run]:
    folder = work / f"doc{paragraphs}"
    n = make_document(folder, paragraphs, part)
    po = work / f"fr{paragraphs}.po"
    make_po(folder, po)
    out = work / f"out{paragraphs}"
    runs = {
        "po2tmx": measure(["po2tmx", "-l", "fr", "-i", str(po), "-o", str(work / "p.tmx")], work),
        "export tmx fr": measure(
            aligner("export", str(folder), "--to", "tmx", "--targets", "fr", "-o", str(out)), work
        ),
        "check": measure(aligner("check", str(folder)), work),
    }
    if every:
        runs["export tmx all"] = measure(
            aligner("export", str(folder), "--to", "tmx", "-o", str(out)), work
        )
        runs["export po all"] = measure(
            aligner("export", str(folder), "--to", "po", "-o", str(out)), work
        )
    print(f"{n:,} paragraphs x 6 languages ({_mb(folder):.0f} MB):")
    for name, run in runs.items():
        ratio = run.seconds / runs["po2tmx"].seconds
        print(f"  {name:<16}{run.seconds:8.1f} s {run.mib:8.0f} MiB   {ratio:5.2f}x po2tmx's time")
    shutil.rmtree(out, ignore_errors=True)
    return runs


def _mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.iterdir()) / 2**20


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=50_000)
    parser.add_argument("--part", type=int, default=0, help="paragraphs per section (0: one)")
    parser.add_argument("--no-growth", action="store_true", help="skip the 2x run")
    parser.add_argument("--all", action="store_true", help="also export every target and PO")
    args = parser.parse_args()
    if shutil.which("po2tmx") is None:
        sys.exit("po2tmx (translate-toolkit) is not installed")
    print(f"measured on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        one = size_runs(work, args.paragraphs, args.part, args.all)
        base, export, check = one["po2tmx"], one["export tmx fr"], one["check"]
        print("goals:")
        ratio = export.seconds / base.seconds
        print(f"  export tmx fr / po2tmx time  {ratio:6.2f} (<= 1.0: {verdict(ratio <= 1.0)})")
        print(
            f"  export tmx fr peak memory    {export.mib:6.0f} MiB (<= 300: "
            f"{verdict(export.mib <= 300)}; po2tmx {base.mib:.0f} MiB)"
        )
        ratio = check.seconds / base.seconds
        print(f"  check / po2tmx time          {ratio:6.2f} (<= 2.0: {verdict(ratio <= 2.0)})")
        if not args.no_growth:
            two = size_runs(work, 2 * args.paragraphs, args.part, False)
            t = two["export tmx fr"].seconds / export.seconds
            m = two["export tmx fr"].mib / export.mib
            c = two["check"].seconds / check.seconds
            p = two["po2tmx"].seconds / base.seconds
            print("growth with twice the paragraphs:")
            print(
                f"  export time {t:5.2f}x (<= 2.3: {verdict(t <= 2.3)}), check time {c:5.2f}x, "
                f"po2tmx time {p:5.2f}x"
            )
            print(
                f"  export peak memory {m:5.2f}x (<= 1.5: {verdict(m <= 1.5)}), po2tmx "
                f"{two['po2tmx'].mib / base.mib:5.2f}x"
            )


if __name__ == "__main__":
    main()
