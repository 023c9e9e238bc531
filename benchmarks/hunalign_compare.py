"""Sentence alignment beside hunalign: wall time and F1 on the Text+Berg test documents.

    python benchmarks/hunalign_compare.py [--data DIR] [--hunalign PATH] [--times 10]

hunalign (C++, the aligner LF Aligner runs) is taken from PATH, else built once from its
source archive (`--source`, default /work/shared/bench/hunalign/hunalign-src.tar.gz) into
``$XDG_CACHE_HOME/aligner/bench/hunalign`` with g++ and make, as its README says, and run
in its no-dictionary mode (an empty dictionary file). Both aligners run as command-line
programs, one process per document, from scratch folders, timed by the wall clock,
measured in one run:

- one process per short test document (start-up and dictionary loading included), the
  way hunalign is run (goal: aligner <= 6x hunalign's total wall time);
- the test documents joined and repeated `--times` times over, one long text in one
  process each (goal: aligner no slower than hunalign);
- all the test documents in one process, hunalign's ``-batch`` mode beside
  ``aligner align --batch`` (with ``--jobs 1`` and ``--jobs 2``): what aligning an archive
  costs when start-up and dictionary loading are paid once (printed, no goal);
- strict and lax F1 of both on the per-document runs, scored as
  `sentence_alignment.score` (Vecalign's score.py) does (goal: aligner strict >= 0.90).

Before timing, aligner's modules are compiled to bytecode once (``compileall``, as
``pip install`` does), so that a ``PYTHONDONTWRITEBYTECODE`` environment does not make
every process compile them from source again, and one short warm-up run builds the
dictionary index cache.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sentence_alignment import DATA, Bead, Document, load, read_beads, score

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/work/shared/bench/hunalign/hunalign-src.tar.gz")


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner" / "bench" / "hunalign"


def find_hunalign(given: str | None, source: Path) -> Path:
    """The hunalign program: given, on PATH, cached, or built now from `source`."""
    if given:
        return Path(given)
    found = shutil.which("hunalign")
    if found:
        return Path(found)
    root = cache_root()
    program = root / "src" / "hunalign" / "hunalign"
    if program.is_file():
        return program
    if not source.is_file():
        sys.exit(f"hunalign is not installed and its source {source} is missing (--source)")
    print(f"building hunalign from {source} into {root} ...", flush=True)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    with tarfile.open(source) as archive:
        archive.extractall(root, filter="data")
    subprocess.run(["make", "-C", str(program.parent)], check=True, capture_output=True)
    return program


def ladder_beads(text: str, n_src: int, n_tgt: int) -> list[Bead]:
    """hunalign's ladder (`i<TAB>j<TAB>score` rungs) as beads between consecutive rungs."""
    rungs = [(0, 0)]
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            rungs.append((int(fields[0]), int(fields[1])))
    rungs.append((n_src, n_tgt))
    beads: list[Bead] = []
    for (i1, j1), (i2, j2) in itertools.pairwise(rungs):
        if (i1, j1) != (i2, j2):
            beads.append((list(range(i1, i2)), list(range(j1, j2))))
    return beads


def vecalign_beads(text: str) -> list[Bead]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    try:
        return read_beads(Path(fh.name))
    finally:
        os.unlink(fh.name)


def timed(args: Sequence[str], cwd: Path) -> tuple[str, float]:
    """Standard output and wall time of a command."""
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout, time.perf_counter() - start


def write_pair(folder: Path, src: list[str], tgt: list[str]) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = folder / "src.txt", folder / "tgt.txt"
    for path, lines in zip(paths, (src, tgt), strict=True):
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return paths


def run_hunalign(
    program: Path, pair: tuple[Path, Path], n: tuple[int, int], work: Path
) -> tuple[list[Bead], float]:
    dictionary = work / "null.dic"
    dictionary.touch()
    out, seconds = timed([str(program), str(dictionary), str(pair[0]), str(pair[1])], work)
    return ladder_beads(out, *n), seconds


def run_aligner(pair: tuple[Path, Path], work: Path) -> tuple[list[Bead], float]:
    args = [sys.executable, "-m", "aligner", "align", str(pair[0]), str(pair[1])]
    args += ["--src-lang", "de", "--tgt-lang", "fr", "--presegmented", "--format", "vecalign"]
    out, seconds = timed(args, work)
    return vecalign_beads(out), seconds


def run_batches(program: Path, pairs: list[tuple[Path, Path]], work: Path) -> dict[str, float]:
    """Wall time of hunalign -batch and of aligner align --batch over `pairs`."""
    dictionary = work / "null.dic"
    dictionary.touch()
    seconds = {}
    for name, jobs in (("hunalign -batch", 0), ("aligner --jobs 1", 1), ("aligner --jobs 2", 2)):
        listing = work / f"batch{jobs}.tsv"
        listing.write_text(
            "".join(f"{s}\t{t}\t{work / f'{s.parent.name}.{jobs}.out'}\n" for s, t in pairs),
            encoding="utf-8",
        )
        if jobs:
            args = [sys.executable, "-m", "aligner", "align", "--batch", str(listing)]
            args += ["--src-lang", "de", "--tgt-lang", "fr", "--presegmented"]
            args += ["--jobs", str(jobs)]
        else:
            args = [str(program), "-batch", str(dictionary), str(listing)]
        seconds[name] = timed(args, work)[1]
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding test/")
    parser.add_argument("--hunalign", help="the hunalign program (default: PATH, else built)")
    parser.add_argument("--source", type=Path, default=SOURCE, help="hunalign source archive")
    parser.add_argument("--times", type=int, default=10, help="repetitions of the long text")
    args = parser.parse_args()
    program = find_hunalign(args.hunalign, args.source)
    docs: list[Document] = load("test", args.data)
    print(f"measured on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Warm-up: bytecode as an installed package has it, and the dictionary index cache.
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(ROOT / "aligner")], check=True
        )
        run_aligner(write_pair(work / "warm", docs[0].src[:5], docs[0].tgt[:5]), work)
        results: dict[str, list[list[Bead]]] = {"hunalign": [], "aligner": []}
        wall = {"hunalign": 0.0, "aligner": 0.0}
        pairs = []
        for doc in docs:
            pair = write_pair(work / doc.name, doc.src, doc.tgt)
            pairs.append(pair)
            n = (len(doc.src), len(doc.tgt))
            for name, (beads, seconds) in (
                ("hunalign", run_hunalign(program, pair, n, work)),
                ("aligner", run_aligner(pair, work)),
            ):
                results[name].append(beads)
                wall[name] += seconds
        print(f"{len(docs)} test documents, one process each:")
        print("| aligner  | wall s | strict P | strict R | strict F1 | lax F1 |")
        print("|----------|--------|----------|----------|-----------|--------|")
        scores = {}
        for name in ("hunalign", "aligner"):
            s = scores[name] = score([d.gold for d in docs], results[name])
            print(
                f"| {name:<8} | {wall[name]:6.2f} | {s.precision_strict:8.3f} | "
                f"{s.recall_strict:8.3f} | {s.f1_strict:9.3f} | {s.f1_lax:6.3f} |"
            )
        per_doc = wall["aligner"] / wall["hunalign"]
        batch = run_batches(program, pairs, work)
        print(f"the {len(docs)} documents in one process (batch mode):")
        print("  " + ", ".join(f"{name} {s:.2f} s" for name, s in batch.items()))
        src = [s for d in docs for s in d.src] * args.times
        tgt = [t for d in docs for t in d.tgt] * args.times
        pair = write_pair(work / "joined", src, tgt)
        _, hun_long = run_hunalign(program, pair, (len(src), len(tgt)), work)
        _, ali_long = run_aligner(pair, work)
        long = ali_long / hun_long
        print(f"joined {args.times}x ({len(src)} x {len(tgt)} sentences), one process each:")
        print(f"  hunalign {hun_long:7.2f} s, aligner {ali_long:7.2f} s")
        print("goals:")
        print(
            f"  per document: aligner/hunalign wall time {per_doc:5.2f} (<= 6: "
            f"{'met' if per_doc <= 6 else 'NOT met'})"
        )
        print(
            f"  joined {args.times}x: aligner/hunalign wall time {long:5.2f} (<= 1: "
            f"{'met' if long <= 1 else 'NOT met'})"
        )
        f1 = scores["aligner"].f1_strict
        print(
            f"  strict F1 {f1:.3f} (>= 0.90: {'met' if f1 >= 0.90 else 'NOT met'}; "
            f"hunalign {scores['hunalign'].f1_strict:.3f})"
        )


if __name__ == "__main__":
    main()
