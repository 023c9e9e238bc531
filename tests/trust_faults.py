"""Faults a reviser must be able to trust `check` on: look-alike swaps and sentence gaps.

Shared by the tests and `benchmarks/trust.py`. Each maker returns a faulty copy of a
version; `CLEAN` lists the clean six-language texts (the shipped corpus and the clean
multi-sentence texts written for these tests, whose translations spell numbers their own
way and join or split sentences).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aligner.model import LANGUAGES, Document, Paragraph
from aligner.readers import read_document
from aligner.text.segment import segment

ROOT = Path(__file__).resolve().parent.parent
CLEAN = [
    ROOT / "translations" / "baku-2014-child-sex-trafficking",
    ROOT / "tests" / "data" / "clean" / "water",
    ROOT / "tests" / "data" / "clean" / "elections",
]
TARGETS = [lang for lang in LANGUAGES if lang != "en"]
#: Look-alike neighbours of the clean texts (reference numbers): both open "Also calls on
#: OSCE participating States to ..." (corpus 14/15, water 7/8), or share most words.
LOOKALIKES = {"baku-2014-child-sex-trafficking": [(14, 15), (17, 18)], "water": [(7, 8)]}


def read_set(folder: Path) -> dict[str, Document]:
    return {lang: read_document(folder / f"{lang}.md") for lang in LANGUAGES}


def _numbered(doc: Document, number: int) -> int:
    return next(
        k for k, i in enumerate(doc.items) if isinstance(i, Paragraph) and i.number == number
    )


def swap_texts(doc: Document, a: int, b: int) -> Document:
    """Paragraphs `a` and `b` exchange their texts; numbers stay in place."""
    items = list(doc.items)
    ka, kb = _numbered(doc, a), _numbered(doc, b)
    pa, pb = items[ka], items[kb]
    assert isinstance(pa, Paragraph) and isinstance(pb, Paragraph)
    items[ka], items[kb] = replace(pa, text=pb.text), replace(pb, text=pa.text)
    return replace(doc, items=tuple(items))


def move_with_numbers(doc: Document, a: int, b: int) -> Document:
    """Paragraphs `a` and `b` trade places with their numbers (13, 15, 14, 16)."""
    items = list(doc.items)
    ka, kb = _numbered(doc, a), _numbered(doc, b)
    items[ka], items[kb] = items[kb], items[ka]
    return replace(doc, items=tuple(items))


def _with_text(doc: Document, number: int, text: str) -> Document:
    k = _numbered(doc, number)
    items = list(doc.items)
    p = items[k]
    assert isinstance(p, Paragraph)
    items[k] = replace(p, text=text)
    return replace(doc, items=tuple(items))


def sentences(doc: Document, number: int) -> list[str]:
    p = doc.items[_numbered(doc, number)]
    assert isinstance(p, Paragraph)
    return segment(p.text, doc.lang or "")


def drop_sentence(doc: Document, number: int, index: int) -> Document:
    """Paragraph `number` without its sentence `index` (0-based); the paragraph keeps its
    closing punctuation."""
    parts = sentences(doc, number)
    kept = parts[:index] + parts[index + 1 :]
    if index == len(parts) - 1:
        kept[-1] = kept[-1].rstrip(",;.") + parts[-1][-1]
    return _with_text(doc, number, " ".join(kept))


def add_sentence(doc: Document, number: int, sentence: str, index: int) -> Document:
    """Paragraph `number` with `sentence` inserted before its sentence `index` (at the end
    when `index` is the count); the paragraph keeps its closing punctuation."""
    parts = sentences(doc, number)
    added = sentence.rstrip(",;.") + "."
    new = [*parts[:index], added, *parts[index:]]
    if index == len(parts):
        new[-2] = new[-2].rstrip(",;.") + "."
        new[-1] = new[-1][:-1] + parts[-1][-1]
    return _with_text(doc, number, " ".join(new))


def multi_sentence(doc: Document) -> list[int]:
    """Numbers of the paragraphs of `doc` that have several sentences."""
    return [p.number for p in doc.paragraphs if len(segment(p.text, doc.lang or "")) > 1]
