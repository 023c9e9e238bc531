"""How `aligner check` scales with document size: time and peak memory.

    python benchmarks/check_scaling.py                 # 1x, 10x and 100x the shipped corpus
    python benchmarks/check_scaling.py 1 10 100 1000   # any factors
    python benchmarks/check_scaling.py --long 20000    # also one paragraph padded by N words

A factor of N repeats the paragraphs (and introductory lines) of every shipped language
version N times, so a 100x document has 2,000 paragraphs per language and six languages;
each repeated paragraph ends with its serial number, so no text repeats exactly.
Paragraph numbers have at most three digits, so they run on within parts of up to 900
paragraphs, each under its own heading. Each size is checked twice: once timed (wall and
CPU), once under tracemalloc for the peaks of Python allocations while reading and while
aligning and checking (tracemalloc slows the run, so it is not timed). The time per
paragraph should stay flat as the factor grows.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from aligner.corpus import load
from aligner.formats.markdown import write_markdown
from aligner.model import LANGUAGES, Block, Document, Item, Kind, Paragraph
from aligner.pipeline import check_set, run_check
from aligner.readers import read_document

CORPUS = Path(__file__).resolve().parent.parent / "translations" / "baku-2014-child-sex-trafficking"


#: Paragraphs per numbered part of a repeated document.
PART = 900


def repeated(doc: Document, factor: int) -> Document:
    """`doc` with its body (first paragraph on) repeated `factor` times, numbered on."""
    items = list(doc.items)
    start = next(k for k, item in enumerate(items) if isinstance(item, Paragraph))
    head, body = items[:start], items[start:]
    out: list[Item] = list(head)
    number = serial = 0
    for round_ in range(factor):
        for item in body:
            if isinstance(item, Paragraph):
                if number == PART:
                    out.append(Block(Kind.HEADING, f"Part {serial}", 0, level=2))
                    number = 0
                number += 1
                serial += 1
                text = f"{item.text} ({serial})" if round_ else item.text  # no text repeats
                item = replace(item, number=number, label=f"{number}.", text=text)
            out.append(item)
    return replace(doc, items=tuple(out))


def padded(doc: Document, words: int) -> Document:
    """`doc` with its last paragraph lengthened by `words` repeated words (one long paragraph)."""
    last = doc.paragraphs[-1]
    items = tuple(
        replace(item, text="mot Bruxelles " * (words // 2) + item.text) if item is last else item
        for item in doc.items
    )
    return replace(doc, items=items)


def measure(folder: Path) -> tuple[float, float, float, float, int]:
    """(wall s, CPU s, peak MB reading, peak MB checking, findings) of checking `folder`."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run_check([folder])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    tracemalloc.start()
    sets, _ = load([folder])
    reading = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.reset_peak()
    for docset in sets:
        check_set(docset, "en")
    checking = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return wall, cpu, reading, checking, len(result.findings)


def write(folder: Path, make: Callable[[Document], Document]) -> tuple[int, int]:
    """Write every shipped version transformed by `make`; return (paragraphs, bytes)."""
    folder.mkdir()
    paragraphs = size = 0
    for lang in LANGUAGES:
        doc = make(read_document(CORPUS / f"{lang}.md"))
        text = write_markdown(doc)
        (folder / f"{lang}.md").write_text(text, encoding="utf-8")
        paragraphs += len(doc.paragraphs)
        size += len(text.encode())
    return paragraphs, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("factors", nargs="*", type=int, default=[1, 10, 100])
    parser.add_argument("--long", type=int, nargs="*", default=[], metavar="WORDS")
    args = parser.parse_args()
    header = f"{'input':<24}{'paragraphs':>11}{'MB':>7}{'wall s':>9}{'CPU s':>8}{'ms/para':>9}"
    print(header + f"{'peak MB read':>14}{'peak MB check':>15}{'findings':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        cases: list[tuple[str, Callable[[Document], Document]]] = [
            (f"{f}x corpus", lambda d, f=f: repeated(d, f)) for f in args.factors
        ]
        cases += [
            (f"fr last para +{w} words", lambda d, w=w: padded(d, w) if d.lang == "fr" else d)
            for w in args.long
        ]
        for k, (name, make) in enumerate(cases):
            folder = Path(tmp) / str(k)
            paragraphs, size = write(folder, make)
            wall, cpu, reading, checking, findings = measure(folder)
            print(
                f"{name:<24}{paragraphs:>11}{size / 2**20:>7.1f}{wall:>9.2f}{cpu:>8.2f}"
                f"{1000 * cpu / paragraphs:>9.2f}{reading:>14.1f}{checking:>15.1f}{findings:>9}",
                flush=True,
            )


if __name__ == "__main__":
    main()
