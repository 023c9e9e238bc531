"""Helpers for the export, apply, validate and client tests: documents and alignments by hand.

Alignments here pair paragraphs by section and number, so the writers are tested on their
own, independently of the aligner.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hypothesis import strategies as st

from aligner.findings import Finding
from aligner.model import (
    LANGUAGES,
    Alignment,
    Block,
    Document,
    DocumentSet,
    Item,
    Kind,
    Link,
    Paragraph,
    build_document,
)
from aligner.pipeline import AlignedSet
from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
DATA = Path(__file__).resolve().parent / "data"
NAME = "baku-2014-child-sex-trafficking"


def document(
    lang: str,
    texts: Sequence[str],
    *,
    folder: str = "doc",
    title: str | None = None,
    heading: str | None = None,
    intro_before: int | None = None,
    code: str | None = None,
) -> Document:
    """A document with an optional code line, title, heading and intro line, then paragraphs
    numbered 1.. from `texts` (the intro line stands before paragraph `intro_before`)."""
    items: list[Item] = []
    line = 1
    if code:
        items.append(Block(Kind.TEXT, code, line))
        line += 2
    if title:
        items.append(Block(Kind.TEXT, title, line))
        line += 2
    if heading:
        items.append(Block(Kind.HEADING, heading, line, 2))
        line += 2
    for n, text in enumerate(texts, 1):
        if intro_before == n:
            items.append(Block(Kind.TEXT, f"{title or 'The Assembly'}:", line))
            line += 2
        items.append(Paragraph("", n, f"{n}.", text, line))
        line += 1
    return build_document(f"{folder}/{lang}.md", items, lang=lang, code=code)


def pair_by_number(reference: Document, target: Document) -> Alignment:
    """1-1 links between paragraphs with the same section and number; 1-0 for the rest."""
    theirs = {(p.section, p.number): p for p in target.paragraphs}
    links = []
    for p in reference.paragraphs:
        match = theirs.pop((p.section, p.number), None)
        links.append(Link((p,), (match,) if match else ()))
    links += [Link((), (p,)) for p in theirs.values()]
    return Alignment(reference, target, tuple(links))


def aligned(
    docs: Sequence[Document], reference: str = "en", findings: Sequence[Finding] = ()
) -> AlignedSet:
    """An `AlignedSet` of `docs` (one document) aligned by number to the `reference` version."""
    ref = next(d for d in docs if d.lang == reference)
    name = ref.name
    alignments = {d.lang or "": pair_by_number(ref, d) for d in docs if d is not ref}
    return AlignedSet(DocumentSet(name, tuple(docs)), ref, alignments, tuple(findings))


def corpus_docs() -> list[Document]:
    """The six shipped language versions."""
    return [read_document(CORPUS / f"{lang}.md") for lang in LANGUAGES]


def corpus_set() -> AlignedSet:
    """The shipped corpus aligned by number."""
    return aligned(corpus_docs())


#: Pieces of tricky text: markup characters, quotes, no-break spaces, dashes, Cyrillic,
#: emoji (with a skin-tone modifier), and control characters XML 1.0 forbids.
TRICKY_PIECES = [
    *"aZ &<>\"'\u00a0\u202f«»—–…/\\%$#;:,.()[]{}éßжЖ",
    *("😀", "👍🏽", "\x07", "\x1f", "word ", "&amp; ", "<b>", "\\n"),
]


def tricky_text() -> st.SearchStrategy[str]:
    """Paragraph texts with something visible besides spaces and control characters."""
    return (
        st.lists(st.sampled_from(TRICKY_PIECES), min_size=1, max_size=40)
        .map("".join)
        .filter(lambda s: any(c.isalnum() for c in s))
    )
