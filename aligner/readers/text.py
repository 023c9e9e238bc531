"""Markdown and plain text, including text extracted from the Assembly's PDFs.

Lines become units: blank lines, form feeds, page numbers and repeated document-code
headers only mark gaps; Markdown headings (`#`, setext) are headings; everything else
goes to `assemble`, in hard-wrapped mode when numbered lines run on into the next line.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise

from aligner import limits
from aligner.model import Item, normalize_space
from aligner.readers.assemble import assemble
from aligner.readers.html import fragment_units
from aligner.readers.labels import RUNNING, Label, parse_label
from aligner.readers.layout import (
    clean_markdown,
    code_match,
    ends_terminal,
    is_page_number,
    is_rule,
    is_running_header,
)
from aligner.readers.params import LAYOUT
from aligner.readers.pieces import Mode, Piece
from aligner.readers.source import content_lines, decode
from aligner.text.code import find_code

#: An HTML block in Markdown: a line that starts with one of these tags, up to the line
#: that closes it (a `<p>` block ends at its closing tag or a blank line).
_HTML_BLOCK = re.compile(
    r"\s{0,3}<(ol|ul|div|table|p|section|blockquote|article|main|h[1-6])(?=[\s>/])", re.IGNORECASE
)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*))?")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE_FIRST = frozenset("-*_=")  # what a rule line (`is_rule`) starts with


class TextReader:
    """Markdown (`.md`) and plain text (`.txt`): one reader, as Markdown is plain text."""

    name = "text"
    extensions: tuple[str, ...] = (".md", ".markdown", ".txt", ".text")

    def sniff(self, data: bytes) -> bool:
        """Text: a UTF-16 byte-order mark, or no NUL byte near the start."""
        head = data[:8192]
        return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in head

    def parse(self, data: bytes, path: str) -> list[Item]:
        text = decode(data, path)
        limits.check_lines(text, path)
        return parse_text(text)


def parse_text(text: str, *, markdown: bool = True) -> list[Item]:
    """Blocks and paragraphs of decoded text (`markdown`: inline markup is removed)."""
    if "\f" in text:
        text = "\f".join(without_running_lines(text.split("\f")))
    units = _units(content_lines(text))
    labels = [parse_label(u.text) for u in units]
    mode = Mode.WRAPPED if _is_wrapped(units, labels) else Mode.UNWRAPPED
    explicit = any(u.heading for u in units)
    clean = clean_markdown if markdown else normalize_space
    return assemble(units, mode, clean=clean, infer_headings=not explicit, labels=labels)


_DIGIT = re.compile(r"[0-9]")


def without_running_lines(pages: list[str]) -> list[str]:
    """Pages without the lines that run at the top or bottom of most of them (a title,
    a date, an address, "Page 3 of 9"), digits aside; the document code stays for the
    text reader, which keeps it once."""
    if len(pages) < LAYOUT.min_pages:
        return pages
    edges: list[list[int]] = []
    counts: Counter[str] = Counter()
    for page in pages:
        lines = page.split("\n")
        filled = [k for k, line in enumerate(lines) if line.strip()]
        edge = filled[: LAYOUT.edge] + filled[-LAYOUT.edge :]
        edges.append(edge)
        counts.update({_shape(lines[k]) for k in edge})
    running = {
        shape
        for shape, n in counts.items()
        if n >= LAYOUT.running_share * len(pages)
        and not is_running_header(shape.replace("#", "1"))
        and not ends_terminal(shape)  # a line of a paragraph, repeated text
    }
    out = []
    for page, edge in zip(pages, edges, strict=True):
        lines = page.split("\n")
        for k in edge:
            if _shape(lines[k]) in running:
                lines[k] = ""
        out.append("\n".join(lines))
    return out


def _shape(line: str) -> str:
    """A line with its whitespace normalized and every digit as '#' (page numbers vary)."""
    return _DIGIT.sub("#", " ".join(line.split()))


def _front_matter(lines: list[tuple[int, str]]) -> int:
    """The number of entries of a YAML front matter block (`---` ... `---`), else 0."""
    if not lines or lines[0] != (1, lines[0][1]) or lines[0][1].strip() != "---":
        return 0
    for k in range(1, len(lines)):
        number, line = lines[k]
        if line.strip() in ("---", "..."):
            return k + 1
        if number != lines[k - 1][0] + 1 or not (":" in line or line[:1] in " \t-#"):
            return 0  # not YAML: a thematic break before text
    return 0


def _html_block_end(lines: list[tuple[int, str]], start: int, tag: str) -> int:
    """The index after the last entry of the HTML block opened at `lines[start]`."""
    opens = re.compile(rf"<{tag}(?=[\s>/])", re.IGNORECASE)
    closes = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth = 0
    for k in range(start, len(lines)):
        if tag.lower() == "p" and k > start and lines[k][0] != lines[k - 1][0] + 1:
            return k  # a blank line ends a paragraph block
        depth += len(opens.findall(lines[k][1])) - len(closes.findall(lines[k][1]))
        if depth <= 0:
            return k + 1
    return len(lines)


def _units(numbered: Iterable[tuple[int, str]]) -> list[Piece]:
    """Units of the numbered non-empty lines; a skipped (empty) line is a gap."""
    lines = list(numbered)
    units: list[Piece] = []
    gap = 0
    code_seen = False
    page = 0
    last = 0
    index = _front_matter(lines)
    if index:
        last, gap = lines[index - 1][0], 1
    while index < len(lines):
        number, raw = lines[index]
        index += 1
        if number > last + 1:
            gap = max(gap, 1)  # empty lines in between
        last = number
        if "<" in raw[:4] and (block := _HTML_BLOCK.match(raw)):
            end = _html_block_end(lines, index - 1, block.group(1))
            html = "\n".join(line for _, line in lines[index - 1 : end])
            found = fragment_units(html, number)
            for k, unit in enumerate(found):
                unit.gap = max(unit.gap, 1) if k == 0 else unit.gap
            units.extend(found)
            index, last, gap = end, lines[end - 1][0], 1
            continue
        for k, piece in enumerate(raw.split("\f") if "\f" in raw else (raw,)):
            if k:
                gap = 2  # form feed: a page break
                page += 1
            s = piece.strip()
            if not s or (s.startswith("<!--") and s.endswith("-->")):
                gap = max(gap, 1)
                continue
            if "#" in piece[:4] and (heading := _atx_heading(piece)):
                level, title = heading
                if title:
                    units.append(Piece(title, number, max(gap, 1), heading=level))
                gap = 1
                continue
            if (
                s[0] in "=-"
                and _SETEXT.match(piece)
                and units
                and gap == 0
                and (units[-1].gap or len(units) == 1)
                and not units[-1].heading
                and parse_label(units[-1].text) is None
            ):
                units[-1].heading = 1 if "=" in s else 2
                gap = 1
                continue
            if (s[0] in _RULE_FIRST and is_rule(s)) or is_page_number(s):
                gap = max(gap, 2 if is_page_number(s) else 1)
                continue
            if is_running_header(s):
                if code_seen or page or len(units) >= LAYOUT.code_head_units:
                    gap = 2  # a running header or footer: the code on a page's edge
                    continue
                code_seen = True
                m = code_match(s)
                code = find_code(s) or (m.group() if m else s)  # without a page number
                units.append(Piece(code, number, max(gap, 1)))
                gap = 1
                continue
            units.append(Piece(piece, number, gap))
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


def _is_wrapped(units: list[Piece], labels: list[Label | None]) -> bool:
    """Hard-wrapped text: some numbered line runs on directly into a further line
    (`labels`: `parse_label` of each unit's text)."""
    for k, (a, b) in enumerate(pairwise(units)):
        if b.gap or a.heading or b.heading:
            continue
        first = labels[k]
        if first is not None and first.style in RUNNING and labels[k + 1] is None:
            return True
    return False
