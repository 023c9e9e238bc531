"""Word documents (`.docx`), read with lxml straight from the zip archive.

Paragraph numbers may be typed in the text or come from Word's automatic numbering
(`w:numPr` on the paragraph or its style, resolved through `word/numbering.xml`).
Headings come from paragraph styles (Heading 1-6 in any language, or an outline level).
A paragraph's "line" is its 1-based index among the body's paragraphs.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from aligner import limits
from aligner.errors import InputError
from aligner.model import Item
from aligner.readers.assemble import assemble
from aligner.readers.labels import RUNNING, format_number, parse_label
from aligner.readers.layout import is_page_number, is_running_header
from aligner.readers.pieces import Mode, Piece
from aligner.readers.source import parse_xml

#: Most bytes unpacked from one archive (all parts read together).
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADING_NAME = re.compile(
    r"(?:heading|titre|überschrift|uberschrift|berschrift|titolo|título|titulo|ttulo"
    r"|encabezado|заголовок)\s*([1-6])",
    re.IGNORECASE,
)
_SKIP = {
    "pPr",
    "rPr",
    "del",
    "moveFrom",
    "instrText",
    "delText",
    "txbxContent",
    "Fallback",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "fldData",
    "drawing",
    "pict",
    "object",
    "p",
}


class DocxReader:
    """Office Open XML word-processing documents."""

    name = "docx"
    extensions: tuple[str, ...] = (".docx", ".docm", ".dotx")

    def sniff(self, data: bytes) -> bool:
        """A zip archive (a DOCX is one)."""
        return data.startswith(_ZIP_MAGIC)

    def parse(self, data: bytes, path: str) -> list[Item]:
        package = _Package(data, path)
        main = package.main_part()
        document = package.xml(main)
        if document is None:
            raise InputError(f"not a DOCX file: no {main} in the archive", file=path)
        rels = package.relations(main)
        styles_xml = package.xml(rels.get("styles", "word/styles.xml"))
        numbering_xml = package.xml(rels.get("numbering", "word/numbering.xml"))
        w = etree.QName(document).namespace or ""
        styles = _Styles(styles_xml, w)
        numbering = _Numbering(numbering_xml, w, styles)
        units = _units(document, w, styles, numbering, path)
        explicit = any(u.heading for u in units)
        return assemble(units, Mode.BLOCKS, infer_headings=not explicit)


class _Package:
    """The zip archive, read part by part within one budget of unpacked bytes."""

    def __init__(self, data: bytes, path: str) -> None:
        self.path = path
        self.budget = MAX_UNPACKED_BYTES
        if not data.startswith(_ZIP_MAGIC):
            raise InputError("not a DOCX file: not a zip archive", file=path)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
            raise InputError(
                f"not a DOCX file: damaged or truncated zip archive ({exc})", file=path
            ) from None

    def read(self, name: str) -> bytes | None:
        """A part's bytes, or None when the archive lacks it."""
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > self.budget:
            raise InputError(
                f"{name} unpacks to {info.file_size} bytes, over the limit of "
                f"{MAX_UNPACKED_BYTES} (zip bomb?)",
                file=self.path,
            )
        out = bytearray()
        try:
            with self.zip.open(info) as f:
                while chunk := f.read(1 << 20):
                    out += chunk
                    if len(out) > self.budget:
                        raise InputError(
                            f"{name} unpacks to more than {MAX_UNPACKED_BYTES} bytes (zip bomb?)",
                            file=self.path,
                        )
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise InputError(
                f"not a DOCX file: damaged or truncated zip archive ({name}: {exc})",
                file=self.path,
            ) from None
        self.budget -= len(out)
        return bytes(out)

    def xml(self, name: str) -> etree._Element | None:
        data = self.read(name)
        return None if data is None else parse_xml(data, self.path, name)

    def main_part(self) -> str:
        """The main document part named by the package relationships (word/document.xml)."""
        root = self.xml("_rels/.rels")
        if root is not None:
            for rel in root.iter(f"{{{_REL}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument") and rel.get("Target"):
                    return posixpath.normpath(rel.get("Target", "").lstrip("/"))
        return "word/document.xml"

    def relations(self, part: str) -> dict[str, str]:
        """Related parts of `part` by relationship type ("styles", "numbering")."""
        folder, name = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", name + ".rels"))
        out: dict[str, str] = {}
        if root is not None:
            for rel in root.iter(f"{{{_REL}}}Relationship"):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External" or not target:
                    continue
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                if target.startswith("/"):
                    out[kind] = posixpath.normpath(target.lstrip("/"))
                else:
                    out[kind] = posixpath.normpath(posixpath.join(folder, target))
        return out


def _local(el: etree._Element) -> str:
    """An element's local name ("" for comments and the like); faster than `etree.QName`."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None


def _int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute (the default when absent or not a number); a value above
    `limits.MAX_NUMBER` is an `InputError` (the file is added by the reader)."""
    try:
        number = int(value) if value is not None and len(value) < 40 else default
    except ValueError:
        return default
    return None if number is None else limits.check_number(number, "")


class _Styles:
    """Paragraph styles: names, inheritance, numbering and outline level."""

    def __init__(self, root: etree._Element | None, w: str) -> None:
        self.w = w
        self.styles: dict[str, _Style] = {}
        self.default: str | None = None
        if root is None:
            return
        a = f"{{{w}}}"
        for el in root.iter(f"{a}style"):
            if el.get(f"{a}type", "paragraph") != "paragraph":
                continue
            sid = el.get(f"{a}styleId", "")
            style = _Style(
                name=_val(el.find(f"{a}name"), w) or "",
                based_on=_val(el.find(f"{a}basedOn"), w),
            )
            ppr = el.find(f"{a}pPr")
            if ppr is not None:
                num = ppr.find(f"{a}numPr")
                if num is not None:
                    style.num_id = _val(num.find(f"{a}numId"), w)
                    style.ilvl = _int(_val(num.find(f"{a}ilvl"), w))
                style.outline = _int(_val(ppr.find(f"{a}outlineLvl"), w))
            self.styles[sid] = style
            if el.get(f"{a}default") in ("1", "true", "on"):
                self.default = sid

    def chain(self, sid: str | None) -> list[tuple[str, _Style]]:
        """The style and the styles it is based on, nearest first."""
        out: list[tuple[str, _Style]] = []
        seen: set[str] = set()
        while sid and sid in self.styles and sid not in seen and len(out) < 20:
            seen.add(sid)
            out.append((sid, self.styles[sid]))
            sid = self.styles[sid].based_on
        return out

    def heading_level(self, sid: str | None) -> int:
        """1-6 for a heading style (by outline level, name or id), else 0.

        A style id that styles.xml does not define still counts by its id ("Heading2").
        """
        if sid and sid not in self.styles and (m := _HEADING_NAME.fullmatch(sid)):
            return int(m.group(1))
        for style_id, style in self.chain(sid):
            if style.outline is not None:
                return style.outline + 1 if style.outline < 6 else 0
            for name in (style.name, style_id):
                if m := _HEADING_NAME.fullmatch(name.strip()):
                    return int(m.group(1))
        return 0

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style gives its paragraphs."""
        for _, style in self.chain(sid):
            if style.num_id is not None:
                return style.num_id, style.ilvl
        return None, None


def _val(el: etree._Element | None, w: str) -> str | None:
    return None if el is None else el.get(f"{{{w}}}val")


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    style: str | None = None


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, _Level] = field(default_factory=dict)


class _Numbering:
    """Word's automatic numbering: definitions and the running counters of one document."""

    def __init__(self, root: etree._Element | None, w: str, styles: _Styles) -> None:
        self.w = w
        self.styles = styles
        self.abstracts: dict[str, dict[int, _Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum -> numbering style it follows
        self.nums: dict[str, _Num] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        if root is None:
            return
        a = f"{{{w}}}"
        for el in root.iter(f"{a}abstractNum"):
            aid = el.get(f"{a}abstractNumId", "")
            self.abstracts[aid] = {
                _int(lvl.get(f"{a}ilvl"), 0) or 0: self._level(lvl) for lvl in el.iter(f"{a}lvl")
            }
            if (link := _val(el.find(f"{a}numStyleLink"), w)) is not None:
                self.links[aid] = link
        for el in root.iter(f"{a}num"):
            num = _Num(_val(el.find(f"{a}abstractNumId"), w) or "")
            for override in el.iter(f"{a}lvlOverride"):
                ilvl = _int(override.get(f"{a}ilvl"), 0) or 0
                start = _int(_val(override.find(f"{a}startOverride"), w))
                if start is not None:
                    num.starts[ilvl] = start
                if (lvl := override.find(f"{a}lvl")) is not None:
                    num.levels[ilvl] = self._level(lvl)
            self.nums[el.get(f"{a}numId", "")] = num

    def _level(self, el: etree._Element) -> _Level:
        a, w = f"{{{self.w}}}", self.w
        legal = el.find(f"{a}isLgl")
        return _Level(
            start=_int(_val(el.find(f"{a}start"), w), 1) or 0,
            fmt=_val(el.find(f"{a}numFmt"), w) or "decimal",
            text=_val(el.find(f"{a}lvlText"), w) or "",
            legal=legal is not None and _val(legal, w) not in ("0", "false", "off"),
            style=_val(el.find(f"{a}pStyle"), w),
        )

    def _abstract_id(self, num_id: str) -> str | None:
        """The abstract definition of a list, following numbering-style links."""
        aid = self.nums[num_id].abstract if num_id in self.nums else None
        for _ in range(5):
            if aid is None or aid not in self.links:
                break
            linked, _ = self.styles.numbering(self.links[aid])
            aid = self.nums[linked].abstract if linked in self.nums else None
        return aid if aid in self.abstracts else None

    def level_for_style(self, num_id: str, sid: str | None) -> int:
        aid = self._abstract_id(num_id)
        if aid is not None and sid:
            for ilvl, level in self.abstracts[aid].items():
                if level.style == sid:
                    return ilvl
        return 0

    def next(self, num_id: str, ilvl: int) -> tuple[int, str, bool] | None:
        """Advance the list's counter: (number, label as displayed, is a paragraph number).

        A paragraph number is a decimal level whose text shows only its own counter
        ("%1.", "%2)"); other levels and bullets are sub-items. None: not numbered.
        """
        if not 0 <= ilvl <= 8:
            return None
        aid = self._abstract_id(num_id)
        num = self.nums.get(num_id, _Num(""))
        # An undefined list is shown as a plain decimal list ("1.", "2.", ...).
        defined = self.abstracts.get(aid, {}) if aid is not None else {}
        aid = aid if aid is not None else f"undefined:{num_id}"
        levels = {**defined, **num.levels}
        counters = self.counters.setdefault(aid, [None] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for depth, start in num.starts.items():
                if 0 <= depth <= 8:
                    counters[depth] = start - 1
                    counters[depth + 1 :] = [None] * (8 - depth)
        level = levels.get(ilvl, _Level(text=f"%{ilvl + 1}."))
        if level.fmt == "none":
            return None
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        counters[ilvl + 1 :] = [None] * (8 - ilvl)

        def shown(k: int) -> str:
            lvl = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else lvl.start
            return format_number(value or 0, "decimal" if level.legal else lvl.fmt)

        text = level.text if level.text or level.fmt == "bullet" else f"%{ilvl + 1}."
        label = re.sub(r"%([1-9])", lambda m: shown(int(m.group(1)) - 1), text).strip()
        places = re.findall(r"%([1-9])", text)
        main = _is_decimal(level.fmt) and places == [str(ilvl + 1)]
        if level.fmt == "bullet":
            label = "•" if not label or not label.isprintable() or label >= "\ue000" else label
        return counters[ilvl] or 0, label, main


def _is_decimal(fmt: str) -> bool:
    return fmt.startswith("decimal") or fmt in ("ordinal", "cardinalText", "ordinalText")


def _text(p: etree._Element) -> str:
    """The visible text of a paragraph (runs, tabs, breaks, simple symbols)."""
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = _local(child)
            if not tag or tag in _SKIP:
                continue
            if tag == "t":
                out.append(child.text or "")
            elif tag == "tab":
                out.append("\t")
            elif tag in ("br", "cr"):
                out.append("\n")
            elif tag == "noBreakHyphen":
                out.append("\u2011")
            elif tag == "sym":
                code = next(
                    (str(v) for k, v in child.attrib.items() if str(k).endswith("}char")), ""
                )
                value = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,5}", code) else 0xE000
                if 0x20 <= value < 0xD800:  # no controls, surrogates or symbol-font PUA codes
                    out.append(chr(value))
            else:
                walk(child)

    walk(p)
    return "".join(out)


def _units(  # noqa: C901, PLR0912  (one branch per kind of Word block)
    document: etree._Element, w: str, styles: _Styles, numbering: _Numbering, path: str
) -> list[Piece]:
    a = f"{{{w}}}"
    body = document.find(f"{a}body")
    if body is None:
        raise InputError("not a DOCX file: word/document.xml has no body", file=path)
    units: list[Piece] = []
    index = 0
    code_seen = False
    for p in body.iter(f"{a}p"):
        if any(_local(up) in ("txbxContent", "Fallback") for up in p.iterancestors()):
            continue
        index += 1
        ppr = p.find(f"{a}pPr")
        sid = _val(ppr.find(f"{a}pStyle"), w) if ppr is not None else None
        sid = sid or styles.default
        text = _text(p).replace("\n", " ")
        level = styles.heading_level(sid)
        outline = _int(_val(ppr.find(f"{a}outlineLvl"), w)) if ppr is not None else None
        if outline is not None:
            level = outline + 1 if outline < 6 else 0
        num_id, ilvl = styles.numbering(sid)
        style_numbered = num_id is not None
        num = ppr.find(f"{a}numPr") if ppr is not None else None
        if num is not None:
            direct_id = _val(num.find(f"{a}numId"), w)
            direct_lvl = _int(_val(num.find(f"{a}ilvl"), w))
            if direct_id is not None:
                num_id, style_numbered = direct_id, False
            ilvl = direct_lvl if direct_lvl is not None else ilvl
        counted = None
        if num_id not in (None, "0"):
            if ilvl is None:
                ilvl = numbering.level_for_style(num_id, sid) if style_numbered else 0
            counted = numbering.next(num_id, ilvl)
        if not text.strip():
            if counted is not None and counted[2] and not level:  # keeps its number
                units.append(Piece("", index, 1, number=counted[0], label=counted[1]))
            continue
        if counted is None:
            s = text.strip()
            if not level and (is_page_number(s) or (code_seen and is_running_header(s))):
                continue
            code_seen = code_seen or is_running_header(s)
            units.append(Piece(text, index, 1, heading=level))
            continue
        number, label, main = counted
        if level:
            units.append(Piece(f"{label} {text}", index, 1, heading=level))
        elif main:
            typed = parse_label(text)
            if typed and typed.style in RUNNING and typed.number == number and typed.rest:
                text = typed.rest  # the number typed again after the automatic one
            units.append(Piece(text, index, 1, number=number, label=label))
        else:
            units.append(Piece(f"{label} {text}", index, 1, sub=True))
    return units
