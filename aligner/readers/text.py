"""Markdown and plain text, including text extracted from the Assembly's PDFs.

Lines become units: blank lines, form feeds, page numbers and repeated document-code
headers only mark gaps; Markdown headings (`#`, setext) are headings; everything else
goes to `assemble`, in hard-wrapped mode when numbered lines run on into the next line.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from itertools import pairwise

from aligner.langid import CODE_PATTERN, find_code
from aligner.model import Item
from aligner.readers.common import (
    Mode,
    Unit,
    assemble,
    clean_markdown,
    content_lines,
    decode,
    is_page_number,
    is_rule,
    is_running_header,
    parse_label,
)

_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")


class TextReader:
    """Markdown (`.md`) and plain text (`.txt`): one reader, as Markdown is plain text."""

    name = "text"
    extensions = (".md", ".markdown", ".txt", ".text")

    def sniff(self, data: bytes) -> bool:
        """Text: a UTF-16 byte-order mark, or no NUL byte near the start."""
        head = data[:8192]
        return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in head

    def parse(self, data: bytes, path: str) -> list[Item]:
        units = _units(content_lines(decode(data, path)))
        mode = Mode.WRAPPED if _is_wrapped(units) else Mode.UNWRAPPED
        explicit = any(u.heading for u in units)
        return assemble(units, mode, clean=clean_markdown, infer_headings=not explicit)


def _units(lines: Iterable[tuple[int, str]]) -> list[Unit]:
    """Units of the numbered non-empty lines; a skipped (empty) line is a gap."""
    units: list[Unit] = []
    gap = 0
    code_seen = False
    last = 0
    for number, raw in lines:
        if number > last + 1:
            gap = max(gap, 1)  # empty lines in between
        last = number
        for k, piece in enumerate(raw.split("\f")):
            if k:
                gap = 2  # form feed: a page break
            s = piece.strip()
            if not s or (s.startswith("<!--") and s.endswith("-->")):
                gap = max(gap, 1)
                continue
            if heading := _atx_heading(piece):
                level, title = heading
                if title:
                    units.append(Unit(title, number, max(gap, 1), heading=level))
                gap = 1
                continue
            if (
                _SETEXT.match(piece)
                and units
                and gap == 0
                and (units[-1].gap or len(units) == 1)
                and not units[-1].heading
                and parse_label(units[-1].text) is None
            ):
                units[-1].heading = 1 if "=" in s else 2
                gap = 1
                continue
            if is_rule(s) or is_page_number(s):
                gap = max(gap, 2 if is_page_number(s) else 1)
                continue
            if is_running_header(s):
                if code_seen:
                    gap = 2  # the code repeated at the top of a page
                    continue
                code_seen = True
                m = CODE_PATTERN.search(s)
                code = find_code(s) or (m.group() if m else s)  # without a page number
                units.append(Unit(code, number, max(gap, 1)))
                gap = 1
                continue
            units.append(Unit(piece, number, gap))
            gap = 0
    return units


def _atx_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading line ("## Title ##"): its level and title without closing hashes."""
    m = _ATX.fullmatch(line)
    if not m:
        return None
    title = (m.group(2) or "").rstrip(" \t")
    bare = title.rstrip("#")
    if bare != title and (not bare or bare[-1] in " \t"):
        title = bare.rstrip(" \t")  # the optional closing sequence
    return len(m.group(1)), title


def _is_wrapped(units: list[Unit]) -> bool:
    """Hard-wrapped text: some numbered line runs on directly into a further line."""
    for a, b in pairwise(units):
        if b.gap or a.heading or b.heading:
            continue
        if parse_label(a.text) is not None and parse_label(b.text) is None:
            return True
    return False
