"""A fault generator: every kind of fault `aligner check` must find, made in any clean version.

Each maker takes a clean target version, the clean reference version (paragraph k of one
translates paragraph k of the other) and a random generator, and returns the faulty
version with the finding it must raise: (rule, reference paragraph number).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from aligner.findings import Finding
from aligner.formats.markdown import write_markdown
from aligner.model import Document, Item, Paragraph


@dataclass(frozen=True)
class Fault:
    """A faulty version and the one finding it must raise."""

    kind: str
    rule: str
    reference_paragraph: int | None
    document: Document


class NoPlace(Exception):
    """The document offers no place for this fault (e.g. no number to change)."""


def _paragraph_positions(doc: Document) -> list[int]:
    return [i for i, item in enumerate(doc.items) if isinstance(item, Paragraph)]


def _with_items(doc: Document, items: Sequence[Item]) -> Document:
    return replace(doc, items=tuple(items))


def _shift_after(items: list[Item], start: int, section: str, delta: int) -> None:
    """Add `delta` to the numbers of the paragraphs of `section` from item `start` on."""
    for i in range(start, len(items)):
        item = items[i]
        if isinstance(item, Paragraph) and item.section == section:
            items[i] = replace(item, number=item.number + delta, label=f"{item.number + delta}.")


def _pick(rng: random.Random, doc: Document, ok: Callable[[int, Paragraph], bool]) -> int:
    """An item index of a random paragraph satisfying `ok(paragraph index, paragraph)`."""
    positions = _paragraph_positions(doc)
    choices = [pos for k, pos in enumerate(positions) if ok(k, doc.items[pos])]  # type: ignore[arg-type]
    if not choices:
        raise NoPlace
    return rng.choice(choices)


def _same_section_next(doc: Document, k: int) -> bool:
    ps = doc.paragraphs
    return k + 1 < len(ps) and ps[k + 1].section == ps[k].section


def drop(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Remove a paragraph and renumber the rest of its section."""
    pos = _pick(rng, target, lambda k, p: True)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    items = list(target.items)
    del items[pos]
    _shift_after(items, pos, p.section, -1)
    return Fault("drop", "missing-paragraph", p.number, _with_items(target, items))


def merge(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Join a paragraph and the next one into one; renumber the rest."""
    pos = _pick(rng, target, lambda k, p: _same_section_next(target, k))
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    nxt = next(
        i for i in range(pos + 1, len(target.items)) if isinstance(target.items[i], Paragraph)
    )
    q = target.items[nxt]
    assert isinstance(q, Paragraph)
    items = list(target.items)
    items[pos] = replace(p, text=f"{p.text} {q.text}")
    del items[nxt]
    _shift_after(items, nxt, p.section, -1)
    return Fault("merge", "merged-paragraphs", p.number, _with_items(target, items))


_BREAK = re.compile(r"[,;:] ")


def _split_point(text: str) -> int | None:
    """Where to cut a paragraph in two: a clause boundary near the middle, else a space."""
    middle = len(text) // 2
    cuts = [m.end() for m in _BREAK.finditer(text) if 0.25 < m.end() / len(text) < 0.75]
    if not cuts:
        cuts = [m.end() for m in re.finditer(r" ", text) if 0.4 < m.end() / len(text) < 0.6]
    return min(cuts, key=lambda c: abs(c - middle)) if cuts else None


def split(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Cut a paragraph in two at a clause boundary; renumber the rest."""
    pos = _pick(rng, target, lambda k, p: len(p.text) >= 80 and _split_point(p.text) is not None)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    cut = _split_point(p.text)
    assert cut is not None
    items = list(target.items)
    _shift_after(items, pos + 1, p.section, +1)
    items[pos] = replace(p, text=p.text[:cut].rstrip())
    items.insert(
        pos + 1, replace(p, number=p.number + 1, label=f"{p.number + 1}.", text=p.text[cut:])
    )
    return Fault("split", "split-paragraph", p.number, _with_items(target, items))


def swap(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Exchange the texts of two paragraphs, keeping their numbers."""
    positions = _paragraph_positions(target)
    if len(positions) < 2:
        raise NoPlace
    a, b = sorted(rng.sample(positions, 2))
    pa, pb = target.items[a], target.items[b]
    assert isinstance(pa, Paragraph) and isinstance(pb, Paragraph)
    items = list(target.items)
    items[a], items[b] = replace(pa, text=pb.text), replace(pb, text=pa.text)
    return Fault("swap", "reordered-paragraphs", pa.number, _with_items(target, items))


def duplicate_number(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Give a paragraph the number of the one before it."""
    ps = target.paragraphs
    pos = _pick(rng, target, lambda k, p: k > 0 and ps[k - 1].section == p.section)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    items = list(target.items)
    items[pos] = replace(p, number=p.number - 1, label=f"{p.number - 1}.")
    return Fault("duplicate", "duplicate-number", p.number, _with_items(target, items))


def skip_number(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Skip a number: the paragraph and all after it in its section are numbered one higher."""
    pos = _pick(rng, target, lambda k, p: True)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    items = list(target.items)
    _shift_after(items, pos, p.section, +1)
    return Fault("skip", "numbering-gap", p.number, _with_items(target, items))


_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")


def change_number(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Change a year or a count that the reference paragraph also has."""
    refs = {p.number: p for p in reference.paragraphs}

    def shared(p: Paragraph) -> list[re.Match[str]]:
        r = refs.get(p.number)
        return [m for m in _DIGITS.finditer(p.text) if r and m.group(0) in _DIGITS.findall(r.text)]

    pos = _pick(rng, target, lambda k, p: bool(shared(p)))
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    m = rng.choice(shared(p))
    value = int(m.group(0))
    new = str(value - 1 if value > 1900 else value + 1)
    text = p.text[: m.start()] + new + p.text[m.end() :]
    items = list(target.items)
    items[pos] = replace(p, text=text)
    return Fault("number", "number-mismatch", p.number, _with_items(target, items))


def untranslate(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Leave a paragraph in the reference language (its reference text)."""
    refs = {p.number: p for p in reference.paragraphs}
    pos = _pick(
        rng, target, lambda k, p: p.number in refs and len(refs[p.number].text.split()) >= 6
    )
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    items = list(target.items)
    items[pos] = replace(p, text=refs[p.number].text)
    return Fault("untranslated", "untranslated", p.number, _with_items(target, items))


def insert(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Insert an extra paragraph (a distant paragraph pasted again); renumber the rest."""
    ps = target.paragraphs
    if len(ps) < 4:
        raise NoPlace
    pos = _pick(rng, target, lambda k, p: True)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    k = ps.index(p)
    far = max(range(len(ps)), key=lambda j: (abs(j - k), -j))
    items = list(target.items)
    _shift_after(items, pos + 1, p.section, +1)
    extra = replace(p, number=p.number + 1, label=f"{p.number + 1}.", text=ps[far].text)
    items.insert(pos + 1, extra)
    return Fault("insert", "extra-paragraph", None, _with_items(target, items))


def empty(target: Document, reference: Document, rng: random.Random) -> Fault:
    """Remove a paragraph's text, keeping its number.

    Not right before unnumbered text: a lone "12." followed by a line is the number-on-its-
    own-line layout, whose text is the next line.
    """
    items = target.items
    positions = _paragraph_positions(target)
    followed = {pos for pos in positions if pos + 1 < len(items) and pos + 1 in positions}
    pos = _pick(rng, target, lambda k, p: positions[k] in followed)
    p = target.items[pos]
    assert isinstance(p, Paragraph)
    items = list(target.items)
    items[pos] = replace(p, text="")
    return Fault("empty", "empty-paragraph", p.number, _with_items(target, items))


#: Every fault maker by name.
MAKERS: dict[str, Callable[[Document, Document, random.Random], Fault]] = {
    "drop": drop,
    "merge": merge,
    "split": split,
    "swap": swap,
    "duplicate": duplicate_number,
    "skip": skip_number,
    "number": change_number,
    "untranslated": untranslate,
    "insert": insert,
    "empty": empty,
}


def drop_many(doc: Document, indices: Sequence[int]) -> Document:
    """Remove the paragraphs at `indices` (paragraph positions) and renumber each section."""
    gone = {doc.paragraphs[k] for k in indices}
    items = [i for i in doc.items if i not in gone]
    out: list[Item] = []
    counters: dict[str, int] = {}
    for item in items:
        if isinstance(item, Paragraph):
            first = next(p.number for p in doc.paragraphs if p.section == item.section)
            n = counters.get(item.section, first - 1) + 1
            counters[item.section] = n
            item = replace(item, number=n, label=f"{n}.")
        out.append(item)
    return _with_items(doc, out)


def write_set(documents: Sequence[Document], folder: Path) -> list[Path]:
    """Write each version as `<lang>.md` in `folder` (Markdown, the Assembly's layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in documents:
        path = folder / f"{doc.lang}.md"
        path.write_text(write_markdown(doc), encoding="utf-8")
        paths.append(path)
    return paths


def check_written(tmp: Path, documents: list[Document], **options: Any) -> list[Finding]:
    """The findings of checking `documents` written as one set in `tmp` (read back first)."""
    from aligner.corpus import load
    from aligner.pipeline import check_set

    write_set(documents, tmp)
    sets, unread = load([tmp])
    assert unread == []
    return check_set(sets[0], "en", **options)[1]


def key(f: Finding) -> tuple[str, str, int | str | None]:
    """What a finding is about: its rule, language and reference paragraph."""
    return (f.rule, f.lang, f.reference_paragraph)


def with_paragraph(doc: Document, which: int, **changes: Any) -> Document:
    """`doc` with paragraph number `which` changed."""
    items = tuple(
        replace(i, **changes) if isinstance(i, Paragraph) and i.number == which else i
        for i in doc.items
    )
    return replace(doc, items=items)
