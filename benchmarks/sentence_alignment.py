"""Sentence-alignment benchmark on the Text+Berg German–French gold set (Bleualign dev/test).

    python benchmarks/sentence_alignment.py            # test set, with and without lexicon
    python benchmarks/sentence_alignment.py --dev      # the dev set (the only one to tune on)

Prints strict and lax precision, recall and F1 per document and in total, scored exactly
as Vecalign's ``score.py`` defines them (Thompson & Koehn 2019, after Sennrich & Volk
2011): precision over every test bead (1-0 and 0-1 included) against all gold beads,
recall over the gold beads with both sides against the test beads with both sides, a
bead counting for lax when a non-exact match overlaps a matching bead on both sides, and
counts summed over documents before dividing. Also prints the runtime and the scaling
ratio: the time to align the test documents joined and repeated ten times over the time
to align them joined once (the target is at most 12).

The gold data (benchmarks/data/textberg, GPL-2.0, see its README) is only read here.
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.align.sentences import align_sentences
from aligner.text.lexicon import Lexicon, load_lexicon

DATA = Path(__file__).resolve().parent / "data" / "textberg" / "textberg-de-fr"

Bead = tuple[Sequence[int], Sequence[int]]


def read_beads(path: Path) -> list[Bead]:
    """Beads from a Vecalign-format file: lines like ``[0, 1]:[2]``."""
    beads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split(":") if f.strip()]
        if len(fields) < 2:
            raise ValueError(f"{path}: bad alignment line {line!r}")
        beads.append((ast.literal_eval(fields[0]), ast.literal_eval(fields[1])))
    return beads


@dataclass
class Counts:
    """True and false positive counts, strict and lax."""

    tp_strict: int = 0
    fp_strict: int = 0
    tp_lax: int = 0
    fp_lax: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp_strict += other.tp_strict
        self.fp_strict += other.fp_strict
        self.tp_lax += other.tp_lax
        self.fp_lax += other.fp_lax
        return self


def _match_counts(gold: Iterable[Bead], test: Iterable[Bead]) -> Counts:
    """Vecalign's ``_precision``: how many test beads are in gold (strict) or overlap (lax)."""
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if len(x) or len(y)}
    test_set = {(tuple(x), tuple(y)) for x, y in test if len(x) or len(y)}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for xs, ys in gold_set:
        for x in xs:
            gold_targets[x].update(ys)
    counts = Counts()
    for bead in test_set:
        if bead in gold_set:
            counts.tp_strict += 1
            counts.tp_lax += 1
            continue
        counts.fp_strict += 1
        targets = set().union(*(gold_targets.get(x, set()) for x in bead[0]))
        if targets & set(bead[1]):
            counts.tp_lax += 1
        else:
            counts.fp_lax += 1
    return counts


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Precision, recall and F1, strict and lax."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def score(gold_list: Sequence[Sequence[Bead]], test_list: Sequence[Sequence[Bead]]) -> Score:
    """Vecalign's ``score_multiple``: counts summed over documents, then the ratios."""
    p, r = Counts(), Counts()
    for gold, test in zip(gold_list, test_list, strict=True):
        p += _match_counts(gold, test)
        test_both = [(x, y) for x, y in test if len(x) and len(y)]
        gold_both = [(x, y) for x, y in gold if len(x) and len(y)]
        r += _match_counts(test_both, gold_both)  # recall: the roles swapped
    ps, pl = _ratio(p.tp_strict, p.tp_strict + p.fp_strict), _ratio(p.tp_lax, p.tp_lax + p.fp_lax)
    rs, rl = _ratio(r.tp_strict, r.tp_strict + r.fp_strict), _ratio(r.tp_lax, r.tp_lax + r.fp_lax)
    return Score(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


@dataclass
class Document:
    """One gold document: sentences on both sides and the gold beads."""

    name: str
    src: list[str]
    tgt: list[str]
    gold: list[Bead]


def load(split: str, data: Path = DATA) -> list[Document]:
    """The documents of `split` ("dev" or "test")."""
    docs = []
    for folder in sorted((data / split).iterdir()):
        lines = [
            (folder / f).read_text(encoding="utf-8").splitlines() for f in ("src.txt", "tgt.txt")
        ]
        docs.append(Document(folder.name, lines[0], lines[1], read_beads(folder / "gold.txt")))
    return docs


def run(docs: Sequence[Document], lexicon: Lexicon) -> tuple[list[list[Bead]], list[float]]:
    """Align every document; return the beads and the seconds each took."""
    results, seconds = [], []
    for doc in docs:
        start = time.perf_counter()
        results.append(align_sentences(doc.src, doc.tgt, "de", "fr", lexicon=lexicon))
        seconds.append(time.perf_counter() - start)
    return results, seconds


def _row(name: str, s: Score, seconds: float) -> str:
    return (
        f"| {name:<8} | {s.precision_strict:.3f} | {s.recall_strict:.3f} | {s.f1_strict:.3f} "
        f"| {s.precision_lax:.3f} | {s.recall_lax:.3f} | {s.f1_lax:.3f} | {seconds:7.2f} |"
    )


def report(docs: Sequence[Document], lexicon: Lexicon, label: str) -> Score:
    """Print the per-document and total table for one lexicon setting."""
    results, seconds = run(docs, lexicon)
    print(f"\n{label} — {lexicon.describe()}")
    print("| doc      | P strict | R strict | F1 strict | P lax | R lax | F1 lax | seconds |")
    print("|----------|-------|-------|-------|-------|-------|-------|---------|")
    for doc, beads, secs in zip(docs, results, seconds, strict=True):
        print(_row(doc.name, score([doc.gold], [beads]), secs))
    total = score([d.gold for d in docs], results)
    print(_row("total", total, sum(seconds)))
    return total


def _cpu_seconds(src: list[str], tgt: list[str], lexicon: Lexicon) -> float:
    """Processor time of one alignment (less disturbed by other processes than wall time)."""
    start = time.process_time()
    align_sentences(src, tgt, "de", "fr", lexicon=lexicon)
    return time.process_time() - start


def scaling(docs: Sequence[Document], lexicon: Lexicon, times: int = 10) -> float:
    """Time to align the documents joined `times` over, relative to joined once.

    The short text is aligned twice before and twice after the long one and its mean time
    is used, so both sides of the ratio average the machine's load over similar spans.
    """
    src = [s for d in docs for s in d.src]
    tgt = [t for d in docs for t in d.tgt]
    align_sentences(src, tgt, "de", "fr", lexicon=lexicon)  # fill the lexicon's cache
    short = [_cpu_seconds(src, tgt, lexicon) for _ in range(2)]
    many = _cpu_seconds(src * times, tgt * times, lexicon)
    short += [_cpu_seconds(src, tgt, lexicon) for _ in range(2)]
    once = sum(short) / len(short)
    ratio = many / once
    print(
        f"\nscaling (CPU time): {len(src)}x{len(tgt)} sentences {once:.2f} s "
        f"(mean of {len(short)} runs); {times}x longer ({len(src) * times}x{len(tgt) * times}) "
        f"{many:.2f} s; ratio {ratio:.2f} (target <= {1.2 * times:.0f})"
    )
    return ratio


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", action="store_true", help="score the dev set instead of test")
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding dev/ and test/")
    parser.add_argument("--no-scaling", action="store_true", help="skip the scaling measurement")
    args = parser.parse_args(argv)
    split = "dev" if args.dev else "test"
    docs = load(split, args.data)
    print(f"Text+Berg de-fr {split}: {len(docs)} documents (Bleualign gold, GPL-2.0)")
    with_lexicon = load_lexicon("de", "fr")
    report(docs, with_lexicon, "with lexicon" if with_lexicon else "lexicon not installed")
    if with_lexicon:
        report(docs, Lexicon("de", "fr"), "without lexicon")
    if not args.no_scaling:
        scaling(docs, with_lexicon)
    return 0


if __name__ == "__main__":
    sys.exit(main())
