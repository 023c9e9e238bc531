"""HTML, parsed with lxml.html; nothing referenced by the page is ever fetched.

Block elements (`p`, `li`, `div`, `h1`-`h6`, table cells...) become units; `<br>` splits
a block into lines; `<ol start>` and `<li value>` give automatic paragraph numbers;
nested lists and bullets are sub-items; script, style and the head are ignored.
A unit's line is its element's source line.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from aligner import limits
from aligner.errors import InputError
from aligner.model import Item
from aligner.readers.assemble import assemble
from aligner.readers.labels import RUNNING, format_number, parse_label
from aligner.readers.pieces import Mode, Piece
from aligner.readers.source import decode
from aligner.xmltree import source_line

_SIGNATURE = re.compile(
    r"\A(?:\s|<!--.*?-->)*(?:<\?xml[^>]*>\s*)?(?:\s|<!--.*?-->)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]",
    re.IGNORECASE | re.DOTALL,
)
_SUBSET = re.compile(r"<!(?:DOCTYPE[^<>\[]*\[|ENTITY)", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_IGNORED = {"script", "style", "noscript", "template", "head", "title", "iframe", "object", "svg"}
_BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


class HtmlReader:
    """HTML and XHTML pages."""

    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def sniff(self, data: bytes) -> bool:
        """An HTML document: starts with a doctype or an html/head/body tag."""
        return bool(_SIGNATURE.match(_head_text(data)))

    def parse(self, data: bytes, path: str) -> list[Item]:
        text = _decode(data, path)
        if m := _SUBSET.search(text):
            raise InputError(
                "HTML with a DOCTYPE subset or entity declaration is refused",
                file=path,
                line=text.count("\n", 0, m.start()) + 1,
            )
        text = re.sub(r"\A\s*<\?xml[^>]*\?>", "", text)
        if not text.strip():
            return []
        parser = lxml.html.HTMLParser(
            no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
        )
        try:
            root = lxml.html.document_fromstring(text, parser=parser)
        except (etree.ParserError, ValueError) as exc:
            raise InputError(f"unreadable HTML: {exc}", file=path) from None
        for error in parser.error_log:  # lxml stops at its limits and keeps what it read
            if error.type_name == "ERR_RESOURCE_LIMIT" or "XML_PARSE_HUGE" in error.message:
                why = error.message.split(",")[0].split(": try")[0].strip()
                raise InputError(
                    f"unreadable HTML: over the parser's limits ({why}; nesting is limited to "
                    f"{limits.MAX_DEPTH} levels, a text node to 10 MB)",
                    file=path,
                    line=error.line or None,
                )
        walker = _Walker()
        walker.walk(root)
        walker.flush(1)
        units = walker.units
        explicit = any(u.heading for u in units)
        return assemble(units, Mode.BLOCKS, infer_headings=not explicit)


def fragment_units(text: str, first_line: int) -> list[Piece]:
    """The units of an HTML block inside another format (a Markdown `<ol>`), its lines
    counted from `first_line`; lists are numbered as in an HTML page."""
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = lxml.html.fragment_fromstring(text, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return []
    walker = _Walker()
    walker.walk(root)
    walker.flush(1)
    for unit in walker.units:
        unit.line = first_line + max(unit.line, 1) - 1
    return walker.units


def _head_text(data: bytes) -> str:
    head = data[:2048]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(enc, errors="ignore")
    return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="ignore")


def _decode(data: bytes, path: str) -> str:
    """UTF-8/UTF-16 as for text; else the charset the page declares, if it decodes."""
    try:
        return decode(data, path)
    except InputError:
        m = _CHARSET.search(data[:4096])
        if not m or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise
        try:
            text = data.decode(m.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            raise InputError(
                f"cannot decode as UTF-8 or as the declared charset {m.group(1).decode()!r}",
                file=path,
            ) from None
        return decode(text.encode("utf-8"), path)


@dataclass
class _List:
    ordered: bool
    next: int = 1
    kind: str = "1"


class _Walker:
    """Collects units from the element tree in document order."""

    def __init__(self) -> None:
        self.units: list[Piece] = []
        self.buffer: list[str] = []
        self.line = 0
        self.heading = 0
        self.number: tuple[int, str] | None = None
        self.sub = ""
        self.lists: list[_List] = []
        self.gap = 1

    def add(self, text: str | None, line: int | None) -> None:
        if text:
            if not self.buffer and text.strip():
                self.line = line or self.line
            self.buffer.append(text)

    def flush(self, gap: int) -> None:
        text = "".join(self.buffer).strip()
        self.buffer = []
        if text:
            if self.number is not None:
                number, label = self.number
                typed = parse_label(text)
                if typed and typed.style in RUNNING and typed.number == number and typed.rest:
                    text = typed.rest  # the number typed again inside the <li>
                self.units.append(Piece(text, self.line, self.gap, number=number, label=label))
            elif self.sub:
                self.units.append(Piece(f"{self.sub} {text}", self.line, self.gap, sub=True))
            else:
                self.units.append(Piece(text, self.line, self.gap, heading=self.heading))
            self.number, self.sub = None, ""
            self.gap = gap
        else:
            self.gap = max(self.gap, gap)

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _IGNORED or not tag:
            self.add(el.tail, source_line(el))
            return
        if tag == "br":
            self.flush(0)
            self.add(el.tail, source_line(el))
            return
        block = tag in _BLOCKS
        if block:
            self.flush(1)
            self.line = source_line(el) or self.line
        if tag in _HEADINGS:
            self.heading = _HEADINGS[tag]
        elif tag in ("ol", "ul"):
            kind = "none" if _NO_MARKER.search(el.get("style", "")) else el.get("type") or "1"
            self.lists.append(_List(tag == "ol", _start(el.get("start"), 1, el), kind))
        elif tag == "li":
            self.start_item(el)
        self.add(el.text, source_line(el))
        for child in el:
            self.walk(child)
        if block:
            self.flush(1)
        if tag == "li":
            if self.number is not None:  # an empty item keeps its number
                number, label = self.number
                line = source_line(el) or self.line
                self.units.append(Piece("", line, self.gap, number=number, label=label))
                self.gap = 1
            self.number, self.sub = None, ""
        if tag in _HEADINGS:
            self.heading = 0
        elif tag in ("ol", "ul") and self.lists:
            self.lists.pop()
        self.add(el.tail, source_line(el))

    def start_item(self, el: etree._Element) -> None:
        """Number an `<li>`: top-level decimal items are paragraphs, others sub-items."""
        if not self.lists:
            return
        current = self.lists[-1]
        if current.kind == "none" or _NO_MARKER.search(el.get("style", "")):
            return  # markers hidden: numbers, if any, are typed in the text
        if not current.ordered:
            self.sub = "•"
            return
        number = _start(el.get("value"), current.next, el)
        current.next = number + 1
        outer = [lst for lst in self.lists[:-1] if lst.ordered]
        if not outer and current.kind == "1":
            self.number = (number, f"{number}.")
        else:
            self.sub = f"{_marker(number, current.kind)})"


def _start(value: str | None, default: int, el: etree._Element) -> int:
    """A list's `start` or an item's `value` (the default when absent or not a number);
    above `limits.MAX_NUMBER` it is an `InputError` (the file is added by the reader)."""
    try:
        number = int(value) if value is not None and len(value) < 40 else default
    except ValueError:
        number = default
    return limits.check_number(number, "", source_line(el))


def _marker(number: int, kind: str) -> str:
    fmt = {"a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}
    return format_number(number, fmt.get(kind, "decimal"))
