"""Headings of a format that does not mark them (plain text, unstyled Word, PDF text)."""

from __future__ import annotations

from aligner.model import Block, Item, Kind, Paragraph
from aligner.readers.layout import ends_terminal, is_upper
from aligner.readers.params import ASSEMBLY
from aligner.text.code import find_code


def infer_headings(items: list[Item], *, wrapped: bool) -> list[Item]:
    """`items` with the unnumbered blocks that read as headings made headings: all-capitals
    lines directly before a paragraph, or (outside hard-wrapped text) a short line without
    final punctuation just before a section's first paragraph; not the document's title
    or code."""
    out = list(items)
    # The first block of a document (after its code line) is its title, not a heading,
    # when other blocks stand between it and the first paragraph.
    title = next(
        (k for k, item in enumerate(items) if isinstance(item, Block) and not find_code(item.text)),
        None,
    )
    last_number = 0
    for k, item in enumerate(items):
        if not isinstance(item, Paragraph):
            continue
        starts_section = last_number == 0 or (not item.key and item.number <= 1)
        last_number = item.number if not item.key else max(last_number, 1)
        j = k - 1
        while j >= 0 and isinstance(block := items[j], Block) and block.kind is Kind.TEXT:
            text = block.text
            short = (
                not wrapped
                and starts_section
                and j == k - 1
                and len(text) <= ASSEMBLY.section_title_chars
                and text[:1].isupper()
                and not ends_terminal(text)
            )
            if find_code(text) or not (is_upper(text) or short) or (j == title and j < k - 1):
                break
            out[j] = Block(Kind.HEADING, text, block.line, block.level)
            j -= 1
    return out
