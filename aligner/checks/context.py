"""What every rule reads from a `Context` and how it words a finding: labels of
paragraphs, empty paragraphs, the aligned versions, lines to point at."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from aligner.checks.base import Context
from aligner.model import (
    Alignment,
    Document,
    Link,
    Paragraph,
)

# --- helpers shared by the rules ---------------------------------------------------------


def label(paragraph: Paragraph, doc: Document) -> str:
    """A paragraph's number as people cite it: "7", or "2.7" when numbering has sections;
    a label that is not a plain number as written ("3.4", "II"); "¶12" (and its line)
    for the 12th paragraph without a number."""
    if not paragraph.numbered:
        return f"{paragraph.ident} (line {paragraph.line})"
    if paragraph.key:
        return paragraph.key
    if doc.sectioned:
        return f"{paragraph.section}.{paragraph.number}"
    return str(paragraph.number)


def is_empty(paragraph: Paragraph) -> bool:
    """A paragraph with a number but no words."""
    return not any(c.isalnum() for c in paragraph.text)


def number_range(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{items[0]}–{items[-1]}"


def lower_or_higher(delta: int) -> str:
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    amount = words.get(abs(delta), str(abs(delta)))
    return f"{amount} {'lower' if delta < 0 else 'higher'}"


def target_line_after(alignment: Alignment, position: int) -> int:
    """The line of the first target paragraph linked after link `position` (else the last);
    one scan (for many gaps in one alignment use `_Neighbours`)."""
    for link in islice(alignment.links, position + 1, None):
        if link.target:
            return link.target[0].line
    paragraphs = alignment.target.paragraphs
    return paragraphs[-1].line if paragraphs else 1


def _delta(link: Link) -> int | None:
    """How much higher the target is numbered than the reference (None: not both plainly
    numbered)."""
    source, target = link.source[0], link.target[0]
    if not (source.sequential and target.sequential):
        return None
    return target.number - source.number


def aligned_versions(context: Context) -> Iterator[tuple[Document, Alignment]]:
    for doc in context.documents.versions:
        if doc is context.reference:
            continue
        alignment = context.alignments.get(doc.lang or "")
        if alignment is not None:
            yield doc, alignment
