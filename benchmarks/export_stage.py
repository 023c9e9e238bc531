"""The export stage alone: time and peak memory of each writer on aligned document sets.

    python benchmarks/export_stage.py /work/perf/doc50000
    python benchmarks/export_stage.py DIR --formats tmx,tmx-fr --cache /tmp/doc.pickle
    python benchmarks/export_stage.py DIR --profile tmx-fr    # cProfile one writer

The sets under DIR are read, aligned and checked once (`pipeline.load_aligned`, every
version), optionally pickled to `--cache` and read back from there on later runs. Each
writer then runs in a forked child process, so that one writer's garbage does not weigh on
the next: its wall and CPU time, and its peak memory above the loaded state (the child's peak
resident set, `VmHWM`, less its resident set at the start). Formats: `tmx` (every target),
`tmx-fr` (`--targets fr`), `multi` (one multilingual TMX), `po`, `xlsx`, `tsv`.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pickle
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner.export.outputs import export_po, export_tmx
from aligner.export.sidebyside import export_sheets
from aligner.pipeline import AlignedSet, load_aligned
from aligner.settings import Config

Writer = Callable[[Sequence[AlignedSet], Path], object]

WRITERS: dict[str, Writer] = {
    "tmx": lambda sets, out: export_tmx(sets, out),
    "tmx-fr": lambda sets, out: export_tmx(sets, out, targets=("fr",)),
    "multi": lambda sets, out: export_tmx(sets, out / "all.tmx", multilingual=True),
    "po": lambda sets, out: export_po(sets, out),
    "xlsx": lambda sets, out: export_sheets(sets, out, "xlsx"),
    "tsv": lambda sets, out: export_sheets(sets, out, "tsv"),
}


def _status_mib(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def aligned_sets(folder: Path, cache: Path | None) -> list[AlignedSet]:
    """The aligned sets under `folder`, from `cache` when it exists (written otherwise)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as f:
            sets: list[AlignedSet] = pickle.load(f)
        return sets
    sets = load_aligned([folder], Config())
    if cache is not None:
        with cache.open("wb") as f:
            pickle.dump(sets, f, protocol=pickle.HIGHEST_PROTOCOL)
    return sets


def run_forked(
    writer: Writer, sets: Sequence[AlignedSet], profile: bool
) -> tuple[float, float, float]:
    """Wall and CPU seconds and peak MiB above the start of `writer`, run in a child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report through the pipe, exit without cleanup
        os.close(read_end)
        Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current VmRSS
        start_mib = _status_mib("VmRSS")
        with tempfile.TemporaryDirectory() as tmp:
            profiler = cProfile.Profile() if profile else None
            start, cpu = time.perf_counter(), time.process_time()
            if profiler is not None:
                profiler.enable()
            writer(sets, Path(tmp))
            if profiler is not None:
                profiler.disable()
            seconds = time.perf_counter() - start
            cpu = time.process_time() - cpu
            peak = _status_mib("VmHWM") - start_mib
        if profiler is not None:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            sys.stdout.flush()
        os.write(write_end, f"{seconds} {cpu} {peak}".encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        seconds, cpu, peak = (float(x) for x in pipe.read().split())
    os.waitpid(pid, 0)
    return seconds, cpu, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--formats", default=",".join(WRITERS))
    parser.add_argument("--cache", type=Path, help="pickle of the aligned sets")
    parser.add_argument("--profile", help="cProfile this one format")
    args = parser.parse_args()
    start = time.perf_counter()
    sets = aligned_sets(args.folder, args.cache)
    paragraphs = sum(len(s.reference.paragraphs) for s in sets)
    print(
        f"{args.folder}: {paragraphs} reference paragraphs, loaded in "
        f"{time.perf_counter() - start:.1f} s"
    )
    formats = [args.profile] if args.profile else args.formats.split(",")
    for fmt in formats:
        seconds, cpu, peak = run_forked(WRITERS[fmt], sets, profile=bool(args.profile))
        print(f"{fmt:8} {seconds:8.2f} s wall {cpu:8.2f} s CPU {peak:8.1f} MiB")


if __name__ == "__main__":
    main()
