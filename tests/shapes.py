"""Generate documents and render them in every shape a language version arrives in.

`documents` is a hypothesis strategy for declarations; each renderer in `SHAPES` returns
(file suffix, bytes). DOCX and HTML are built with lxml.
"""

from __future__ import annotations

import io
import textwrap
import zipfile
from collections.abc import Callable

import lxml.html
from hypothesis import strategies as st
from lxml import etree

from aligner.model import (
    Block,
    Document,
    Item,
    Kind,
    Paragraph,
    build_document,
    normalize_space,
)

Shape = Callable[[Document], tuple[str, bytes]]


# --- generated documents ---------------------------------------------------------

_LATIN = "abcdefghijklmnopqrstuvwxyzàâçéèêëîïôùûüÿœäößñáíóúì"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_SPECIAL = [
    "l’Assemblée",
    "l'OSCE",
    "«\u00a0droits\u00a0»",
    "«права»",
    "„Schutz“",
    "¿cómo?",
    "¡basta!",
    "OSCE",
    "ОБСЕ",
    "2013",
    "(1999)",
    "21",
    "1.5",
    "n°\u00a05",
    "10\u00a0%",
    "co-operation",
    "well-being",
    "Reise- und",
    "—",
    "État",
    "St. Petersburg",
    "art.\u00a07",
    "R&D",
]
_word = st.one_of(
    st.text(_LATIN, min_size=1, max_size=9),
    st.text(_LATIN, min_size=1, max_size=9).map(str.capitalize),
    st.text(_CYRILLIC, min_size=1, max_size=9),
    st.sampled_from(_SPECIAL),
)
_upper_word = st.text("ABCDEFGHIJKLMNOPRSTUVWÉÀÜБДЖЗИЛ", min_size=2, max_size=10)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A declaration: code, title, sections (restarting or continuing), intros, paragraphs."""
    items: list[Item] = []
    line = 1
    code = draw(st.sampled_from([None, "AS (14) D F", "AS (23) DE", "AS (9) D R"]))
    if code:
        items.append(Block(Kind.TEXT, code, line))
    title = draw(st.lists(_upper_word, min_size=1, max_size=6))
    items.append(Block(Kind.TEXT, " ".join(title), line))
    number = 0
    for _ in range(draw(st.integers(1, 3))):
        heading = draw(st.lists(_upper_word, min_size=1, max_size=5))
        items.append(Block(Kind.HEADING, " ".join(heading), line, 2))
        if draw(st.booleans()):
            number = 0  # a resolution restarts its numbering; a chapter continues it
        intro_at = draw(st.integers(0, 6))
        for k in range(draw(st.integers(1, 6))):
            if k == intro_at and k:
                intro = draw(st.lists(_word, min_size=1, max_size=5))
                items.append(Block(Kind.TEXT, "Die " + " ".join(intro) + ":", line))
            number += 1
            words = draw(st.lists(_word, min_size=1, max_size=40))
            text = normalize_space(" ".join(words) + draw(st.sampled_from([",", ";", "."])))
            items.append(Paragraph("", number, f"{number}.", text, line))
    return build_document("doc.md", items, code=code)


# --- text ---------------------------------------------------------------------


def _lines(
    doc: Document,
    *,
    markdown: bool = True,
    label: Callable[[Paragraph], str] = lambda p: f"{p.number}. ",
    width: int | None = None,
    alone: bool = False,
) -> list[str]:
    """The document as lines: blank lines around blocks, paragraphs one after another."""
    out: list[str] = []
    previous: Item | None = None
    for item in doc.items:
        if isinstance(item, Paragraph):
            if not isinstance(previous, Paragraph) and out:
                out.append("")
            if alone:
                out.append(label(item).strip())
                out.extend(textwrap.wrap(item.text, width or 10_000, break_long_words=False))
            elif width:
                out.extend(textwrap.wrap(label(item) + item.text, width, break_long_words=False))
            else:
                out.append(label(item) + item.text)
        else:
            assert isinstance(item, Block)
            if out:
                out.append("")
            if item.kind is Kind.HEADING and markdown:
                out.append("#" * (item.level or 2) + " " + item.text)
            elif item.kind is Kind.TITLE and markdown:
                out.append(f"**{item.text}**")
            else:
                out.append(item.text)
        previous = item
    return out


def _page_breaks(doc: Document, lines: list[str], every: int, bare: bool = True) -> list[str]:
    """Insert page furniture every `every` lines, between and inside paragraphs."""
    code = [doc.code] if doc.code else []
    out: list[str] = []
    page = 1
    for n, line in enumerate(lines, 1):
        out.append(line)
        if n % every:
            continue
        page += 1
        variant = page % 5
        if variant == 0:
            out += ["", f"\f- {page} -", "", *code, ""]
        elif variant == 1:
            out += [f"Page {page}", "\f" + (code[0] if code else "")]
        elif variant == 2 and bare:
            out += ["", str(page), ""]
        elif variant == 3:
            out += ["\f"]
        else:
            out += [""]
    return out


def _text(lines: list[str], newline: str = "\n") -> str:
    return newline.join(lines) + newline


def markdown(doc: Document) -> tuple[str, bytes]:
    return ".md", _text(_lines(doc)).encode()


def plain(doc: Document) -> tuple[str, bytes]:
    """Plain text without Markdown markup: headings are bare (all-capitals) lines."""
    return ".txt", _text(_lines(doc, markdown=False)).encode()


def wrapped(doc: Document) -> tuple[str, bytes]:
    """Hard-wrapped at 60 columns, with page numbers, form feeds and headers every 7 lines."""
    lines = _lines(doc, markdown=False, width=60)
    return ".txt", _text(_page_breaks(doc, lines, 7)).encode()


def wrapped_markdown(doc: Document) -> tuple[str, bytes]:
    """Hard-wrapped Markdown with page furniture every 5 lines."""
    return ".md", _text(_page_breaks(doc, _lines(doc, width=45), 5)).encode()


def paren(doc: Document) -> tuple[str, bytes]:
    return ".md", _text(_lines(doc, label=lambda p: f"{p.number}) ")).encode()


def parens(doc: Document) -> tuple[str, bytes]:
    return ".txt", _text(_lines(doc, label=lambda p: f"({p.number}) ")).encode()


def tab(doc: Document) -> tuple[str, bytes]:
    return ".txt", _text(_lines(doc, label=lambda p: f"{p.number}.\t")).encode()


def nbsp(doc: Document) -> tuple[str, bytes]:
    return ".md", _text(_lines(doc, label=lambda p: f"{p.number}.\u00a0")).encode()


def space_dot(doc: Document) -> tuple[str, bytes]:
    return ".md", _text(_lines(doc, label=lambda p: f"{p.number} . ")).encode()


def alone(doc: Document) -> tuple[str, bytes]:
    """Text extracted from a PDF: the number alone on its line, the text wrapped below."""
    lines = _lines(doc, markdown=False, width=70, alone=True)
    return ".txt", _text(_page_breaks(doc, lines, 9, bare=False)).encode()


def crlf_bom(doc: Document) -> tuple[str, bytes]:
    return ".md", _text(_lines(doc), "\r\n").encode("utf-8-sig")


def cr(doc: Document) -> tuple[str, bytes]:
    return ".txt", _text(_lines(doc, markdown=False), "\r").encode()


def utf16le(doc: Document) -> tuple[str, bytes]:
    return ".md", ("\ufeff" + _text(_lines(doc), "\r\n")).encode("utf-16-le")


def utf16be(doc: Document) -> tuple[str, bytes]:
    return ".txt", ("\ufeff" + _text(_lines(doc, markdown=False))).encode("utf-16-be")


# --- DOCX ---------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_XML = "http://www.w3.org/XML/1998/namespace"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _w(tag))
    for key, value in attrs.items():
        el.set(_w(key), value)
    return el


def _runs(p: etree._Element, text: str) -> None:
    """Text as several runs (split at spaces), as Word writes edited text."""
    words = text.split(" ")
    chunks = [" ".join(words[i : i + 3]) for i in range(0, len(words), 3)]
    for k, chunk in enumerate(chunks):
        t = _sub(_sub(p, "r"), "t")
        t.text = chunk + (" " if k < len(chunks) - 1 else "")
        t.set(f"{{{_XML}}}space", "preserve")


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _docx(doc: Document, auto: bool) -> bytes:
    document = etree.Element(_w("document"), nsmap={"w": W, "r": _R})
    body = _sub(document, "body")
    numbering = etree.Element(_w("numbering"), nsmap={"w": W})
    abstract = _sub(numbering, "abstractNum", abstractNumId="0")
    for ilvl, (fmt, text) in enumerate((("decimal", "%1."), ("lowerLetter", "(%2)"))):
        lvl = _sub(abstract, "lvl", ilvl=str(ilvl))
        _sub(lvl, "start", val="1")
        _sub(lvl, "numFmt", val=fmt)
        _sub(lvl, "lvlText", val=text)
    nums: list[etree._Element] = []
    expected = None
    for item in doc.items:
        p = _sub(body, "p")
        if isinstance(item, Block):
            if item.kind is Kind.HEADING:
                _sub(_sub(p, "pPr"), "pStyle", val=f"Heading{item.level or 2}")
            _runs(p, item.text)
            continue
        if not auto:
            _runs(p, item.label)
            _sub(_sub(p, "r"), "tab")
            _runs(p, item.text)
            continue
        if item.number != expected:  # a restart or a jump: a new list instance
            num = etree.Element(_w("num"))
            num.set(_w("numId"), str(len(nums) + 1))
            _sub(num, "abstractNumId", val="0")
            _sub(_sub(num, "lvlOverride", ilvl="0"), "startOverride", val=str(item.number))
            nums.append(num)
        expected = item.number + 1
        num_pr = _sub(_sub(p, "pPr"), "numPr")
        _sub(num_pr, "ilvl", val="0")
        _sub(num_pr, "numId", val=str(len(nums)))
        _runs(p, item.text)
    for num in nums:
        numbering.append(num)
    styles = etree.Element(_w("styles"), nsmap={"w": W})
    normal = _sub(styles, "style", type="paragraph", styleId="Normal", default="1")
    _sub(normal, "name", val="Normal")
    for level in range(1, 7):
        style = _sub(styles, "style", type="paragraph", styleId=f"Heading{level}")
        _sub(style, "name", val=f"heading {level}")
        _sub(style, "basedOn", val="Normal")
    return _package(document, {"styles": styles, "numbering": numbering})


Run = tuple[str, ...]


def _package(document: etree._Element, parts: dict[str, etree._Element]) -> bytes:
    """A DOCX archive: the main document plus styles/numbering parts, with relationships."""
    types = etree.Element(f"{{{_CT}}}Types", nsmap={None: _CT})
    for ext, ctype in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(types, f"{{{_CT}}}Default", Extension=ext, ContentType=ctype)
    rels = etree.Element(f"{{{_PKG}}}Relationships", nsmap={None: _PKG})
    etree.SubElement(
        rels,
        f"{{{_PKG}}}Relationship",
        Id="rId1",
        Type=f"{_R}/officeDocument",
        Target="word/document.xml",
    )
    doc_rels = etree.Element(f"{{{_PKG}}}Relationships", nsmap={None: _PKG})
    for k, kind in enumerate(parts, 1):
        etree.SubElement(
            doc_rels,
            f"{{{_PKG}}}Relationship",
            Id=f"rId{k}",
            Type=f"{_R}/{kind}",
            Target=f"{kind}.xml",
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _xml(types))
        z.writestr("_rels/.rels", _xml(rels))
        z.writestr("word/document.xml", _xml(document))
        z.writestr("word/_rels/document.xml.rels", _xml(doc_rels))
        for kind, root in parts.items():
            z.writestr(f"word/{kind}.xml", _xml(root))
    return out.getvalue()


def _fragment(tag: str, inner: str) -> etree._Element:
    """A part from literal test XML (its children given as text), parsed by lxml."""
    return etree.fromstring(f'<w:{tag} xmlns:w="{W}">{inner}</w:{tag}>')


def build_docx(
    paragraphs: list[tuple[str | None, tuple[str, int] | None, str | list[Run]]],
    numbering: str | None = "",
    styles: str | None = "",
) -> bytes:
    """A DOCX from (style id, (numId, ilvl) or None, text or runs) per paragraph.

    Runs are ("t", text), ("tab",), ("br",), ("noBreakHyphen",), ("instrText", code),
    ("del", text), ("ins", text) or ("sym", hex code); `numbering` and `styles` are the
    children of those parts as literal XML (None: no such part in the archive).
    """
    document = etree.Element(_w("document"), nsmap={"w": W})
    body = _sub(document, "body")
    for style, num, content in paragraphs:
        p = _sub(body, "p")
        if style or num:
            ppr = _sub(p, "pPr")
            if style:
                _sub(ppr, "pStyle", val=style)
            if num:
                num_pr = _sub(ppr, "numPr")
                _sub(num_pr, "ilvl", val=str(num[1]))
                _sub(num_pr, "numId", val=num[0])
        if isinstance(content, str):
            _runs(p, content)
            continue
        for kind, *args in content:
            if kind in ("del", "ins"):
                r = _sub(_sub(p, kind), "r")
                _sub(r, "delText" if kind == "del" else "t").text = args[0]
            elif kind == "sym":
                _sub(_sub(p, "r"), "sym", font="Arial", char=args[0])
            else:
                el = _sub(_sub(p, "r"), kind)
                if args:
                    el.text = args[0]
                    el.set(f"{{{_XML}}}space", "preserve")
    parts = {"styles": styles, "numbering": numbering}
    return _package(
        document, {kind: _fragment(kind, xml) for kind, xml in parts.items() if xml is not None}
    )


def docx_auto(doc: Document) -> tuple[str, bytes]:
    """Numbers only in Word's automatic numbering (numbering.xml)."""
    return ".docx", _docx(doc, auto=True)


def docx_typed(doc: Document) -> tuple[str, bytes]:
    """Numbers typed in the text, a tab after them."""
    return ".docx", _docx(doc, auto=False)


# --- HTML ---------------------------------------------------------------------


def _html(doc: Document, lists: bool) -> bytes:
    root = lxml.html.fromstring("<html><head><title>t</title></head><body></body></html>")
    head = root.find("head")
    assert head is not None
    etree.SubElement(head, "style").text = "p { margin: 0 }"
    body = root.find("body")
    assert body is not None
    ol: etree._Element | None = None
    expected = None
    for item in doc.items:
        if isinstance(item, Block):
            ol = None
            tag = f"h{item.level or 2}" if item.kind is Kind.HEADING else "p"
            etree.SubElement(body, tag).text = item.text
            continue
        if not lists:
            p = etree.SubElement(body, "p")
            b = etree.SubElement(p, "b")
            b.text = item.label
            b.tail = " " + item.text
            continue
        if ol is None:
            ol = etree.SubElement(body, "ol", start=str(item.number))
            expected = item.number
        li = etree.SubElement(ol, "li")
        if item.number != expected:
            li.set("value", str(item.number))
        li.text = item.text
        expected = item.number + 1
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="utf-8")


def html_ol(doc: Document) -> tuple[str, bytes]:
    return ".html", _html(doc, lists=True)


def html_p(doc: Document) -> tuple[str, bytes]:
    return ".htm", _html(doc, lists=False)


#: Every shape by name.
SHAPES: dict[str, Shape] = {
    "markdown": markdown,
    "plain": plain,
    "wrapped": wrapped,
    "wrapped-markdown": wrapped_markdown,
    "paren": paren,
    "parens": parens,
    "tab": tab,
    "nbsp": nbsp,
    "space-dot": space_dot,
    "alone": alone,
    "crlf-bom": crlf_bom,
    "cr": cr,
    "utf16le": utf16le,
    "utf16be": utf16be,
    "docx-auto": docx_auto,
    "docx-typed": docx_typed,
    "html-ol": html_ol,
    "html-p": html_p,
}
