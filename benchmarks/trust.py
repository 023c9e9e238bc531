"""Can a reviser trust `aligner check`? False positives, recall per fault kind, confidence.

    python benchmarks/trust.py

Prints, in one run:
- findings on clean texts: the shipped corpus and the clean multi-sentence texts of
  tests/data/clean (translations that spell numbers their own way and join or split
  sentences), each of the six languages as the reference, and each target alone with en;
- per fault kind, recall (the fault's finding raised) and precision (of the findings of
  the fault's rule, those that are the fault's), with the other errors raised: the wave-1
  faults of tests/faults.py (two seeds per language), look-alike swaps (texts exchanged
  under kept numbers, paragraphs moved with their numbers; with the other versions as
  witnesses and alone), sentences dropped from and added to multi-sentence paragraphs;
- the confidence of right and wrong 1-1 and 1-0 links over all these runs (a link is
  right when its target paragraph's text is the clean translation of its reference
  paragraph, or, for a 1-0 link, when that translation is nowhere in the version), as
  deciles, and the share of (wrong, right) pairs that the confidence orders correctly;
  the same for the sentence links of multi-sentence paragraphs, clean and with a
  sentence dropped.
"""

from __future__ import annotations

import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from faults import MAKERS, NoPlace  # noqa: E402
from trust_faults import (  # noqa: E402
    CLEAN,
    LOOKALIKES,
    TARGETS,
    add_sentence,
    drop_sentence,
    move_with_numbers,
    multi_sentence,
    read_set,
    sentences,
    swap_texts,
)

from aligner.align.sentences import align_paragraph  # noqa: E402
from aligner.findings import Severity  # noqa: E402
from aligner.model import LANGUAGES, Alignment, Document, DocumentSet  # noqa: E402
from aligner.pipeline import check_set  # noqa: E402

Key = tuple[str, str, int | None]


def run(name: str, versions: list[Document], reference: str = "en"):
    return check_set(DocumentSet(name, tuple(versions)), reference)


def link_truth(
    alignment: Alignment, clean: Document, reference: Document
) -> list[tuple[bool, float]]:
    """(right, confidence) of each 1-1 and 1-0 link whose truth is known."""
    origin = {p.text: p.number for p in clean.paragraphs}
    clean_by_number = {p.number: p.text for p in clean.paragraphs}
    present = {p.text for p in alignment.target.paragraphs}
    out = []
    for link in alignment.links:
        if link.kind == "1-1":
            number = origin.get(link.target[0].text)
            if number is not None:
                out.append((number == link.source[0].number, link.confidence))
        elif link.kind == "1-0":
            text = clean_by_number.get(link.source[0].number)
            if text is not None:
                out.append((text not in present, link.confidence))
    return out


class Tally:
    def __init__(self) -> None:
        self.found: Counter[str] = Counter()
        self.total: Counter[str] = Counter()
        self.same_rule: Counter[str] = Counter()
        self.other_errors: Counter[str] = Counter()
        self.links: list[tuple[bool, float]] = []

    def add(self, kind: str, expected: Key, findings, alignments, clean, reference) -> None:
        keys = [(f.rule, f.lang, f.reference_paragraph) for f in findings]
        self.total[kind] += 1
        self.found[kind] += expected in keys
        self.same_rule[kind] += sum(1 for k in keys if k[0] == expected[0])
        self.other_errors[kind] += sum(
            1 for f in findings if f.severity is Severity.ERROR and f.rule != expected[0]
        )
        self.links.extend(link_truth(alignments[expected[1]], clean, reference))


def clean_runs(tally: Tally) -> None:
    print("Findings on clean texts (errors / warnings):")
    for folder in CLEAN:
        docs = read_set(folder)
        for reference in LANGUAGES:
            alignments, findings = run(folder.name, list(docs.values()), reference)
            errors = sum(f.severity is Severity.ERROR for f in findings)
            print(f"  {folder.name:<34} reference {reference}: {errors} / {len(findings) - errors}")
            if reference == "en":
                for lang in TARGETS:
                    tally.links.extend(link_truth(alignments[lang], docs[lang], docs["en"]))
        pairs = [run(folder.name, [docs["en"], docs[lang]])[1] for lang in TARGETS]
        errors = sum(f.severity is Severity.ERROR for found in pairs for f in found)
        warnings = sum(len(found) for found in pairs) - errors
        print(f"  {folder.name:<34} each target alone with en: {errors} / {warnings}")


def wave1(tally: Tally) -> None:
    docs = read_set(CLEAN[0])
    for kind, maker in sorted(MAKERS.items()):
        for lang in TARGETS:
            for seed in range(2):
                try:
                    fault = maker(docs[lang], docs["en"], random.Random(f"{kind}/{lang}/{seed}"))
                except NoPlace:
                    continue
                versions = [fault.document if d.lang == lang else d for d in docs.values()]
                alignments, findings = run(CLEAN[0].name, versions)
                key = (fault.rule, lang, fault.reference_paragraph)
                tally.add(f"wave-1 {kind}", key, findings, alignments, docs[lang], docs["en"])


def lookalikes(tally: Tally) -> None:
    for folder in CLEAN:
        docs = read_set(folder)
        for a, b in LOOKALIKES.get(folder.name, []):
            for mode, maker in (("texts swapped", swap_texts), ("moved", move_with_numbers)):
                for lang in TARGETS:
                    faulty = maker(docs[lang], a, b)
                    for alone in (False, True):
                        versions = [faulty if d.lang == lang else d for d in docs.values()]
                        if alone:
                            versions = [docs["en"], faulty]
                        alignments, findings = run(folder.name, versions)
                        keys = {(f.rule, f.reference_paragraph) for f in findings}
                        hit = ("reordered-paragraphs", a) in keys or (
                            "reordered-paragraphs",
                            b,
                        ) in keys
                        where = "alone" if alone else "6 versions"
                        kind = f"look-alike {mode} ({where})"
                        expected = ("reordered-paragraphs", lang, a if hit else -1)
                        if hit and ("reordered-paragraphs", a) not in keys:
                            expected = ("reordered-paragraphs", lang, b)
                        tally.add(kind, expected, findings, alignments, docs[lang], docs["en"])
                        doubt = any(f.rule == "possible-swap" for f in findings)
                        tally.total[f"{kind}: possible-swap only"] += 0
                        tally.found[f"{kind}: possible-swap only"] += doubt and not hit


def sentence_faults(tally: Tally) -> None:
    docs = read_set(CLEAN[1])
    for lang in TARGETS:
        doc = docs[lang]
        for number in multi_sentence(doc):
            count = len(sentences(doc, number))
            variants = [("sentence dropped", drop_sentence(doc, number, k)) for k in range(count)]
            donor = sentences(doc, 5 if number != 5 else 2)[1]
            variants += [
                ("sentence added", add_sentence(doc, number, donor, k)) for k in (1, count)
            ]
            for kind, faulty in variants:
                versions = [faulty if d.lang == lang else d for d in docs.values()]
                alignments, findings = run(CLEAN[1].name, versions)
                rule = "missing-sentence" if kind == "sentence dropped" else "extra-sentence"
                tally.add(kind, (rule, lang, number), findings, alignments, doc, docs["en"])


def sentence_links() -> list[tuple[bool, float]]:
    """(right, confidence) of the sentence beads of the water text's multi-sentence pairs,
    clean and with each sentence dropped (its translations keep the reference's sentences
    one to one, so the truth is known)."""
    docs = read_set(CLEAN[1])
    out = []
    for lang in TARGETS:
        for number in multi_sentence(docs[lang]):
            ref = sentences(docs["en"], number)
            cases = [(docs[lang], None)]
            cases += [(drop_sentence(docs[lang], number, k), k) for k in range(len(ref))]
            for doc, dropped in cases:
                tgt = sentences(doc, number)
                truth = [k for k in range(len(ref)) if k != dropped]  # ref index of each tgt
                result = align_paragraph(" ".join(ref), " ".join(tgt), "en", lang)
                for (xs, ys), confidence in zip(result.beads, result.confidences, strict=True):
                    if xs and ys:
                        right = len(xs) == len(ys) == 1 and truth[ys[0]] == xs[0]
                    else:
                        right = bool(xs) and xs[0] == dropped
                    out.append((right, confidence))
    return out


def distributions(title: str, links: list[tuple[bool, float]]) -> None:
    right = [c for ok, c in links if ok]
    wrong = [c for ok, c in links if not ok]
    print(f"\n{title} confidence (min, 10 %, 25 %, median, 75 %, 90 %, max):")
    print(f"  right links ({len(right)}): {deciles(right)}")
    print(f"  wrong links ({len(wrong)}): {deciles(wrong)}")
    if right and wrong:
        ordered = sum((w < r) + 0.5 * (w == r) for w in wrong for r in right)
        print(
            f"  pairs ordered right (wrong below right): {ordered / (len(wrong) * len(right)):.3f}"
        )
    by_band: dict[str, list[bool]] = defaultdict(list)
    for ok, c in links:
        by_band[f"{min(int(c * 10), 9) / 10:.1f}"].append(ok)
    print(
        "  share right per confidence band: "
        + ", ".join(f"{band}: {sum(v)}/{len(v)}" for band, v in sorted(by_band.items()))
    )


def deciles(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    marks = [
        ordered[min(len(ordered) - 1, int(q * len(ordered)))]
        for q in (0, 0.1, 0.25, 0.5, 0.75, 0.9)
    ]
    return " ".join(f"{m:.3f}" for m in [*marks, ordered[-1]])


def main() -> None:
    tally = Tally()
    clean_runs(tally)
    wave1(tally)
    lookalikes(tally)
    sentence_faults(tally)
    print("\nRecall and precision per fault kind:")
    print(f"  {'fault kind':<52} {'recall':>9} {'precision':>10} {'other errors':>13}")
    for kind in sorted(tally.total):
        if kind.endswith("possible-swap only"):
            continue
        found, total, same = tally.found[kind], tally.total[kind], tally.same_rule[kind]
        precision = f"{found / same:.2f}" if same else "-"
        print(f"  {kind:<52} {found:>4}/{total:<4} {precision:>10} {tally.other_errors[kind]:>13}")
        doubt = tally.found[f"{kind}: possible-swap only"]
        if doubt:
            print(f"  {'   of the rest, said to be possible swaps':<52} {doubt:>4}")
    distributions("Paragraph link", tally.links)
    distributions("Sentence link", sentence_links())


if __name__ == "__main__":
    main()
