"""How reading scales with document size, in each input shape: time and peak memory.

    python benchmarks/reading.py                        # 1x, 10x and 100x the corpus
    python benchmarks/reading.py 1 10 100 300           # any factors
    python benchmarks/reading.py --shapes markdown alone docx-auto
    python benchmarks/reading.py --long 20000           # also one paragraph of N words
    python benchmarks/reading.py 0 --pdf-pages 200      # a 200-page PDF only
    python benchmarks/reading.py 0 --pdf-fidelity       # pypdf, pdfminer.six, pdftotext
    python benchmarks/reading.py 0 --scale 50000        # six versions of 50,000 paragraphs

A factor of N makes one document of N times the shipped corpus: the paragraphs and
introductory lines of all six language versions, repeated N times (each repeat tagged
with its serial number, so no text repeats), numbered on in parts of up to 900
paragraphs under their own headings (labels have at most three digits). The document
is rendered in each shape of the round-trip tests (tests/shapes.py) and read back
twice: once timed, once under tracemalloc for the peak of Python allocations (which
slows the run, so it is not timed). Reading is linear when the time per MB stays flat
as the factor grows.

`--scale N` writes the six language versions of one document of N paragraphs numbered
1..N in one section (as benchmarks/export_scale.py makes them) as Markdown and reads each:
wall and CPU seconds (best of `--repeat` reads), peak MiB of Python allocations, and the
bytes per paragraph the read Document keeps; then the English version in the other
`--scale-shapes` (hard-wrapped text, HTML, DOCX) the same way.

`--pdf-pages N` renders the synthetic document as a PDF of at least N pages (running
header, `- N -` footers, justified paragraphs; tests/pdfs.py) and reads it the same way.
`--pdf-fidelity` renders each shipped language version as a PDF and counts the
paragraphs read back exactly (number and text) through the text layer as pypdf gives
it in layout mode (what aligner reads) and plain mode, pdfminer.six, and poppler's
pdftotext (when installed).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import io
import math
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the shape renderers of the round-trip tests
sys.path.insert(0, str(ROOT / "benchmarks"))

import check_scaling  # noqa: E402
from pdfs import build_pdf  # noqa: E402
from shapes import SHAPES  # noqa: E402

from aligner.model import LANGUAGES, Block, Document, Item, Kind, Paragraph, build_document  # noqa: E402
from aligner.readers import read_document  # noqa: E402
from aligner.readers.text import parse_text  # noqa: E402

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


def synthetic(body: list[Item], factor: int, tag: str = "{text} ({serial})") -> Document:
    """The corpus body `factor` times over, numbered on in parts of `PART` paragraphs;
    repeats are tagged with their serial number by `tag`."""
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
                text = tag.format(text=item.text, serial=serial) if round_ else item.text
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


#: Shapes `--scale` reads beside Markdown: one per reader path.
SCALE_SHAPES = ("wrapped", "html-ol", "docx-auto")


@dataclass(frozen=True)
class Reading:
    """One file read: best wall and CPU seconds, peak MiB, bytes kept, paragraphs."""

    wall: float
    cpu: float
    peak: float
    kept: int
    paragraphs: int


def read_measured(path: Path, repeat: int = 1) -> Reading:
    """Read `path` `repeat` times for the best time, then once under tracemalloc for
    the peak of Python allocations and the bytes the Document keeps once read."""
    wall = cpu = math.inf
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        doc = read_document(path)
        wall = min(wall, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
        del doc
    gc.collect()
    tracemalloc.start()
    doc = read_document(path)
    doc.paragraphs  # noqa: B018  # the views every check computes
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Reading(wall, cpu, peak / 2**20, kept, len(doc.paragraphs))


def run_scale(paragraphs: int, shapes: list[str], folder: Path, repeat: int) -> None:
    """Read the six versions of an N-paragraph document, and the English one in `shapes`."""
    check_scaling.PART = 10**9  # numbers 1..N in one section
    per_version = len(read_document(CORPUS / "en.md").paragraphs)
    factor = math.ceil(paragraphs / per_version)
    work = folder / f"scale{paragraphs}"
    check_scaling.write(work, lambda d: check_scaling.repeated(d, factor))
    print(
        f"{'version':<18} {'file':>9} {'paragr.':>8} {'wall s':>8} {'CPU s':>7} "
        f"{'peak':>9} {'kept B/par':>11}"
    )
    paths = [work / f"{lang}.md" for lang in LANGUAGES]
    english = read_document(paths[0])
    for shape in shapes:
        suffix, data = SHAPES[shape](english)
        path = work / f"en-{shape}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    for path in paths:
        r = read_measured(path, repeat)
        print(
            f"{path.name:<18} {path.stat().st_size / 2**20:5.1f} MiB {r.paragraphs:8d} "
            f"{r.wall:8.2f} {r.cpu:7.2f} {r.peak:5.0f} MiB {r.kept / r.paragraphs:11.0f}",
            flush=True,
        )


def run(label: str, doc: Document, shapes: list[str], folder: Path) -> None:
    for shape in shapes:
        suffix, data = SHAPES[shape](doc)
        path = folder / f"en{suffix}"
        path.write_bytes(data)
        r = read_measured(path)
        seconds, peak, count = r.wall, r.peak, r.paragraphs
        size = len(data) / 2**20
        print(
            f"{label:>8} {shape:<16} {size:8.2f} MiB {count:7d} par "
            f"{seconds:8.3f} s {seconds / max(size, 1e-9):7.3f} s/MiB  peak {peak:8.1f} MiB",
            flush=True,
        )


def run_pdf(pages: int, body: list[Item], folder: Path) -> None:
    """Read a PDF of at least `pages` pages made from the synthetic document."""
    from pypdf import PdfReader

    factor = 1
    while True:
        # a serial tag "(123)" wrapped onto a line of its own before the next paragraph
        # would read as a number; the tag here ends the clause as the text did
        data = build_pdf(synthetic(body, factor, tag="{text} serial {serial};"))
        count = len(PdfReader(io.BytesIO(data)).pages)
        if count >= pages:
            break
        factor = max(factor + 1, math.ceil(factor * pages / count))
    path = folder / "en.pdf"
    path.write_bytes(data)
    r = read_measured(path)
    seconds, peak, read = r.wall, r.peak, r.paragraphs
    size = len(data) / 2**20
    print(
        f"{count:>5}pp {'pdf':<16} {size:8.2f} MiB {read:7d} par "
        f"(of {factor * sum(isinstance(i, Paragraph) for i in body)}) "
        f"{seconds:8.3f} s {seconds / max(size, 1e-9):7.3f} s/MiB  peak {peak:8.1f} MiB",
        flush=True,
    )


def _pypdf_text(path: Path, mode: str = "plain") -> str:
    from pypdf import PdfReader

    pages = PdfReader(path).pages
    return "\f".join(page.extract_text(extraction_mode=mode) or "" for page in pages)


def _pypdf_layout(path: Path) -> str:
    return _pypdf_text(path, "layout")


def _pdfminer_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return str(extract_text(str(path)))


def _pdftotext_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True)
    return done.stdout.decode("utf-8")


def fidelity(folder: Path) -> None:
    """Paragraphs read back exactly from a PDF of each shipped version, per extractor."""
    extractors = {"pypdf-layout": _pypdf_layout, "pypdf": _pypdf_text}
    if importlib.util.find_spec("pdfminer") is not None:
        extractors["pdfminer.six"] = _pdfminer_text
    if shutil.which("pdftotext"):
        extractors["pdftotext"] = _pdftotext_text
    totals = dict.fromkeys(extractors, 0)
    expected_total = 0
    for lang in LANGUAGES:
        doc = read_document(CORPUS / f"{lang}.md")
        path = folder / f"{lang}.pdf"
        path.write_bytes(build_pdf(doc, doc.code or ""))
        expected = [(p.number, p.text) for p in doc.paragraphs]
        expected_total += len(expected)
        row = [f"{lang}:"]
        for name, extract in extractors.items():
            items = parse_text(extract(path), markdown=False)
            got = [(p.number, p.text) for p in build_document(str(path), items).paragraphs]
            exact = sum(1 for a, b in zip(expected, got, strict=False) if a == b)
            totals[name] += exact
            row.append(f"{name} {exact}/{len(expected)} ({len(got)} read)")
        print("  ".join(row), flush=True)
    print("total: " + "  ".join(f"{n} {k}/{expected_total}" for n, k in totals.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("factors", nargs="*", type=int, default=[1, 10, 100])
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=DEFAULT_SHAPES)
    parser.add_argument("--long", type=int, default=0, help="words of one long paragraph")
    parser.add_argument("--pdf-pages", type=int, default=0, help="also read a PDF of N pages")
    parser.add_argument("--pdf-fidelity", action="store_true", help="compare PDF extractors")
    parser.add_argument("--scale", type=int, default=0, help="six versions of N paragraphs")
    parser.add_argument(
        "--scale-shapes", nargs="*", choices=sorted(SHAPES), default=list(SCALE_SHAPES)
    )
    parser.add_argument("--repeat", type=int, default=3, help="reads timed per --scale file")
    args = parser.parse_args()
    if args.scale:
        with tempfile.TemporaryDirectory() as tmp:
            run_scale(args.scale, list(args.scale_shapes), Path(tmp), args.repeat)
        if not any(f > 0 for f in args.factors):
            return
    body = corpus_body()
    print(f"{'size':>8} {'shape':<16} {'file':>12} {'read':>11} {'time':>10} {'':>11}  peak")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for factor in (f for f in args.factors if f > 0):
            run(f"{factor}x", synthetic(body, factor), list(args.shapes), folder)
        if args.long:
            run(f"{args.long}w", long_paragraph(args.long), list(args.shapes), folder)
        if args.pdf_pages:
            run_pdf(args.pdf_pages, body, folder)
        if args.pdf_fidelity:
            fidelity(folder)


if __name__ == "__main__":
    main()
