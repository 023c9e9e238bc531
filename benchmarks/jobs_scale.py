"""--jobs 1 against --jobs 2 (or more) on many document folders, measured in one run.

    python benchmarks/jobs_scale.py [--folders 120] [--jobs 2]

Writes FOLDERS copies of the shipped six-language resolution (each copy's paragraphs end
with its serial number, so no two documents are alike), then times `check`, `export --to
tmx` and `review --format html` over all of them with `--jobs 1` and `--jobs N`, one
process each, by the wall clock (the best of `--repeat` runs, as `timeit` reports: the
others measure what else the machine was doing), and checks that both give byte-identical
output. The goal: >= 1.5x faster with 2 jobs (on a machine with 2 free cores).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from aligner.formats.markdown import write_markdown
from aligner.model import LANGUAGES, Paragraph
from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"


def make_archive(root: Path, folders: int) -> None:
    docs = [read_document(CORPUS / f"{lang}.md") for lang in LANGUAGES]
    for k in range(folders):
        folder = root / f"doc{k:04d}"
        folder.mkdir(parents=True)
        for doc in docs:
            items = tuple(
                replace(i, text=f"{i.text} ({k})") if isinstance(i, Paragraph) else i
                for i in doc.items
            )
            text = write_markdown(replace(doc, items=items))
            (folder / f"{doc.lang}.md").write_text(text, encoding="utf-8")


def run(args: list[str], cwd: Path) -> tuple[float, bytes]:
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{path}" if path else str(ROOT)}
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "aligner", *args], cwd=cwd, env=env, capture_output=True
    )
    if done.returncode not in (0, 1):
        sys.exit(f"aligner {' '.join(args)} failed: {done.stderr.decode()[-2000:]}")
    return time.perf_counter() - start, done.stdout + done.stderr


def same_tree(a: Path, b: Path) -> bool:
    names = sorted(p.name for p in a.iterdir())
    if names != sorted(p.name for p in b.iterdir()):
        return False
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folders", type=int, default=120)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    args = parser.parse_args()
    print(f"measured on {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_archive(work / "archive", args.folders)
        print(f"{args.folders} document folders x 6 languages, best of {args.repeat} runs each")
        print(f"| command     | --jobs 1 s | --jobs {args.jobs} s | speed-up | same output |")
        print("|-------------|------------|------------|----------|-------------|")
        speedups = []
        for name, extra in (
            ("check", ["check", "archive"]),
            ("export tmx", ["export", "archive", "--to", "tmx", "-o", "OUT"]),
            ("review html", ["review", "archive", "--format", "html", "-o", "OUT/r.html"]),
        ):
            results = []
            for jobs in (1, args.jobs):
                out = work / f"out{jobs}"
                out.mkdir(exist_ok=True)
                cmd = [a.replace("OUT", str(out)) for a in extra] + ["--jobs", str(jobs)]
                runs = [run(cmd, work) for _ in range(max(1, args.repeat))]
                seconds, text = min(runs, key=lambda r: r[0])
                results.append((seconds, text.replace(str(out).encode(), b"OUT"), out))
            (one, text1, out1), (many, text2, out2) = results
            same = text1 == text2 and same_tree(out1, out2)
            speedups.append(one / many)
            print(
                f"| {name:<11} | {one:10.2f} | {many:10.2f} | {one / many:7.2f}x | "
                f"{'yes' if same else 'NO'} |"
            )
            for out in (out1, out2):
                for p in out.iterdir():
                    p.unlink()
        worst = min(speedups)
        print(
            f"goal: >= 1.5x with {args.jobs} jobs: {'met' if worst >= 1.5 else 'NOT met'} "
            f"(lowest {worst:.2f}x)"
        )


if __name__ == "__main__":
    main()
