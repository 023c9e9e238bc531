"""How reading scales with document size, in each input shape: time and peak memory.

    python benchmarks/reading.py                        # 1x, 10x and 100x the corpus
    python benchmarks/reading.py 1 10 100 300           # any factors
    python benchmarks/reading.py --shapes markdown alone docx-auto
    python benchmarks/reading.py --long 20000           # also one paragraph of N words

A factor of N makes one document of N times the shipped corpus: the paragraphs and
introductory lines of all six language versions, repeated N times (each repeat tagged
with its serial number, so no text repeats), numbered on in parts of up to 900
paragraphs under their own headings (labels have at most three digits). The document
is rendered in each shape of the round-trip tests (tests/shapes.py) and read back
twice: once timed, once under tracemalloc for the peak of Python allocations (which
slows the run, so it is not timed). Reading is linear when the time per MB stays flat
as the factor grows.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the shape renderers of the round-trip tests

from shapes import SHAPES  # noqa: E402

from aligner.model import LANGUAGES, Block, Document, Item, Kind, Paragraph, build_document  # noqa: E402
from aligner.readers import read_document  # noqa: E402

CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"

#: Paragraphs per numbered part.
PART = 900

#: Shapes read by default: one of each reader path.
DEFAULT_SHAPES = ("markdown", "wrapped", "alone", "utf16le", "docx-auto", "docx-typed", "html-ol")


def corpus_body() -> list[Item]:
    """Paragraphs and introductory lines of every shipped language version, in order."""
    body: list[Item] = []
    for lang in LANGUAGES:
        doc = read_document(CORPUS / f"{lang}.md")
        body += [
            item for item in doc.items if isinstance(item, Paragraph) or (item.kind is Kind.INTRO)
        ]
    return body


def synthetic(body: list[Item], factor: int) -> Document:
    """The corpus body `factor` times over, numbered on in parts of `PART` paragraphs."""
    items: list[Item] = [Block(Kind.TEXT, "AS (14) D E", 1), Block(Kind.TEXT, "BENCHMARK", 1)]
    number = serial = 0
    for round_ in range(factor):
        for item in body:
            if isinstance(item, Paragraph):
                if number % PART == 0:
                    items.append(Block(Kind.HEADING, f"PART {serial // PART + 1}", 1, 2))
                    number = 0
                number += 1
                serial += 1
                text = f"{item.text} ({serial})" if round_ else item.text
                items.append(Paragraph("", number, f"{number}.", text, 1))
            elif number:
                items.append(item)
    return build_document("en.md", items, lang="en", code="AS (14) D E")


def long_paragraph(words: int) -> Document:
    """A short document whose second paragraph holds `words` words."""
    items: list[Item] = [
        Block(Kind.HEADING, "RESOLUTION", 1, 2),
        Paragraph("", 1, "1.", "Recalling the resolutions,", 1),
        Paragraph("", 2, "2.", " ".join(["Brussels", "word"] * (words // 2)) + ",", 1),
        Paragraph("", 3, "3.", "Calls upon the States.", 1),
    ]
    return build_document("en.md", items, lang="en")


def measure(path: Path) -> tuple[float, float, int]:
    """(seconds, peak MiB of Python allocations, paragraphs read) for reading `path`."""
    start = time.perf_counter()
    doc = read_document(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    read_document(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20, len(doc.paragraphs)


def run(label: str, doc: Document, shapes: list[str], folder: Path) -> None:
    for shape in shapes:
        suffix, data = SHAPES[shape](doc)
        path = folder / f"en{suffix}"
        path.write_bytes(data)
        seconds, peak, count = measure(path)
        size = len(data) / 2**20
        print(
            f"{label:>8} {shape:<16} {size:8.2f} MiB {count:7d} par "
            f"{seconds:8.3f} s {seconds / max(size, 1e-9):7.3f} s/MiB  peak {peak:8.1f} MiB",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factors", nargs="*", type=int, default=[1, 10, 100])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=DEFAULT_SHAPES)
    parser.add_argument("--long", type=int, default=0, help="words of one long paragraph")
    args = parser.parse_args()
    body = corpus_body()
    print(f"{'size':>8} {'shape':<16} {'file':>12} {'read':>11} {'time':>10} {'':>11}  peak")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for factor in args.factors:
            run(f"{factor}x", synthetic(body, factor), list(args.shapes), folder)
        if args.long:
            run(f"{args.long}w", long_paragraph(args.long), list(args.shapes), folder)


if __name__ == "__main__":
    main()
