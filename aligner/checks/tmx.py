"""Rules for TMX files someone else produced, run by `aligner validate` on a parsed
`TmxFile`; `tmx-not-well-formed` and `tmx-structure` are reported while parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from aligner.checks.base import FileRule, register, rules
from aligner.findings import Finding, Severity
from aligner.xmltree import source_line

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# RFC 5646 (BCP 47) language tag syntax, with the grandfathered tags.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"  # language, extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_GRANDFATHERED = {
    *("en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux"),
    *("i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL"),
    *("sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka"),
    *("zh-min", "zh-min-nan", "zh-xiang"),
}
_BCP47 = re.compile(rf"(?:{_LANGTAG}|[Xx](?:-{_ALNUM}{{1,8}})+)")
_TMX_DATE = re.compile(r"\d{8}T\d{6}Z")
_DATE_ATTRIBUTES = ("creationdate", "changedate", "lastusagedate")
#: Header attributes TMX 1.4b requires.
HEADER_ATTRIBUTES = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)


def valid_language_tag(tag: str) -> bool:
    """Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax)."""
    return bool(_BCP47.fullmatch(tag)) or tag.lower() in {g.lower() for g in _GRANDFATHERED}


@dataclass(frozen=True)
class TmxFile:
    """A parsed TMX document."""

    path: str
    root: etree._Element

    @property
    def header(self) -> etree._Element | None:
        return self.root.find("header")

    def units(self) -> Iterator[etree._Element]:
        yield from self.root.iterfind("body/tu")


class TmxRule(FileRule):
    """A rule over a parsed TMX file."""

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        raise NotImplementedError


@register("tmx-not-well-formed", Severity.ERROR)
class TmxNotWellFormed(FileRule):
    """Reported while parsing, by `aligner.validate`."""


@register("tmx-structure", Severity.ERROR)
class TmxStructure(FileRule):
    """Reported while checking against the DTD, by `aligner.validate`."""


@register("tmx-missing-header-attribute", Severity.ERROR)
class TmxMissingHeaderAttribute(TmxRule):
    explanation = (
        "Required: " + ", ".join(HEADER_ATTRIBUTES) + ". Without srclang OmegaT skips the file."
    )

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        if header is None:
            return
        for name in HEADER_ATTRIBUTES:
            if not (header.get(name) or "").strip():
                yield self.finding(tmx.path, source_line(header), f"<header> has no {name}")


@register("tmx-srclang", Severity.ERROR)
class TmxSrclang(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        srclang = (header.get("srclang") or "").strip() if header is not None else ""
        if not srclang or srclang == "*all*":
            return
        for tu in tmx.units():
            tu_src = (tu.get("srclang") or srclang).strip()
            if tu_src == "*all*":
                continue
            langs = [(tuv.get(XML_LANG) or "?").lower() for tuv in tu.iterfind("tuv")]
            if tu_src.lower() not in langs:
                has = ", ".join(langs) or "none"
                message = f"<tu{_tuid(tu)}> has no {tu_src} variant (it has {has})"
                yield self.finding(tmx.path, source_line(tu), message)


@register("tmx-language-code", Severity.ERROR)
class TmxLanguageCode(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        if header is not None:
            for name in ("srclang", "adminlang"):
                value = header.get(name)
                special = name == "srclang" and value == "*all*"
                if value and not special and not valid_language_tag(value):
                    yield self.finding(
                        tmx.path, source_line(header), f"header {name} {value!r} is not BCP 47"
                    )
        for element in tmx.root.iter("tu", "tuv"):
            name = "srclang" if element.tag == "tu" else XML_LANG
            value = element.get(name)
            if value is None or (element.tag == "tu" and value == "*all*"):
                continue
            if not valid_language_tag(value):
                label = "srclang" if element.tag == "tu" else "xml:lang"
                yield self.finding(
                    tmx.path, source_line(element), f"{label} {value!r} is not a BCP 47 tag"
                )


@register("tmx-creationdate", Severity.ERROR)
class TmxCreationDate(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for element in tmx.root.iter("header", "tu", "tuv"):
            for name in _DATE_ATTRIBUTES:
                value = element.get(name)
                if value is not None and not _valid_date(value):
                    yield self.finding(
                        tmx.path,
                        source_line(element),
                        f"<{element.tag}> {name} {value!r} is not a YYYYMMDDThhmmssZ date",
                    )


def _valid_date(value: str) -> bool:
    if not _TMX_DATE.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True


def _tuid(tu: etree._Element) -> str:
    tuid = tu.get("tuid")
    return f' tuid="{tuid}"' if tuid is not None else ""


@register("tmx-duplicate-tuid", Severity.ERROR)
class TmxDuplicateTuid(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        first: dict[str, int] = {}
        for tu in tmx.units():
            tuid = tu.get("tuid")
            if tuid is None:
                continue
            if tuid in first:
                yield self.finding(
                    tmx.path,
                    source_line(tu),
                    f"tuid {tuid!r} is used again (first at line {first[tuid]})",
                )
            else:
                first[tuid] = source_line(tu) or 0


@register("tmx-empty-seg", Severity.WARNING)
class TmxEmptySeg(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for tuv in tmx.root.iter("tuv"):
            seg = tuv.find("seg")
            if seg is not None and not "".join(map(str, seg.itertext())).strip() and len(seg) == 0:
                lang = tuv.get(XML_LANG) or ""
                tu = tuv.getparent()
                where = _tuid(tu) if tu is not None else ""
                yield self.finding(
                    tmx.path, source_line(seg), f"empty {lang} <seg> in <tu{where}>", lang=lang
                )


@register("tmx-unbalanced-tags", Severity.ERROR)
class TmxUnbalancedTags(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for seg in tmx.root.iter("seg"):
            open_: dict[str, int] = {}
            for element in seg.iter("bpt", "ept"):
                i = element.get("i", "")
                if element.tag == "bpt":
                    if i in open_:
                        yield self.finding(
                            tmx.path, source_line(element), f'<bpt i="{i}"> opened twice'
                        )
                    open_[i] = source_line(element) or 0
                elif i in open_:
                    del open_[i]
                else:
                    yield self.finding(
                        tmx.path, source_line(element), f'<ept i="{i}"> without a <bpt i="{i}">'
                    )
            for i, line in open_.items():
                yield self.finding(tmx.path, line, f'<bpt i="{i}"> without an <ept i="{i}">')


@register("tmx-single-variant", Severity.WARNING)
class TmxSingleVariant(TmxRule):
    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for tu in tmx.units():
            count = len(tu.findall("tuv"))
            if count < 2:
                yield self.finding(tmx.path, source_line(tu), f"<tu{_tuid(tu)}> has {count} <tuv>")


def tmx_rules() -> list[TmxRule]:
    """An instance of every registered TMX rule."""
    return [r() for r in rules() if issubclass(r, TmxRule)]
