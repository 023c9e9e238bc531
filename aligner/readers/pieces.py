"""What a format reader hands to assembly: its source cut into `Piece`s (a line of text,
a Word paragraph, an HTML block), and how blank lines between them are read (`Mode`)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    """How blank lines between units are read."""

    WRAPPED = "wrapped"  # hard-wrapped text: a blank line does not end a paragraph
    UNWRAPPED = "unwrapped"  # a paragraph per line: a blank line separates blocks
    BLOCKS = "blocks"  # every unit is a block of its own (Word paragraph, HTML <p>)


@dataclass(slots=True)
class Piece:
    """One line (text) or block (docx, html) of source, in order.

    `gap` is what separates it from the previous unit: 0 nothing (a wrapped line),
    1 a blank line or block boundary, 2 a page break (form feed, page number, header).
    """

    text: str
    line: int
    gap: int = 0
    heading: int = 0  # heading level when the format marks it (Markdown #, Word style)
    number: int | None = None  # automatic number (Word numbering, HTML <ol>)
    label: str = ""
    sub: bool = False  # an automatic sub-item (lower list level, bullet)
