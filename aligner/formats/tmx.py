"""Write TMX 1.4b translation memories with lxml's incremental `xmlfile` writer.

Each `TranslationUnit` is built, written and dropped in turn, so memory stays flat however
many units there are. Text must be XML-safe: pass it through `xml_safe` first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

import regex
from lxml import etree

from aligner import __version__

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Characters XML 1.0 does not allow, not even as character references.
_ILLEGAL = regex.compile(r"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")

Prop = tuple[str, str]


def xml_safe(text: str) -> tuple[str, int]:
    """`text` without the characters XML 1.0 forbids, and how many were dropped."""
    return _ILLEGAL.subn("", text)


@dataclass(frozen=True)
class Variant:
    """One language version of a unit (`<tuv>`)."""

    lang: str
    text: str
    props: tuple[Prop, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TranslationUnit:
    """One `<tu>`: an id, properties and a variant per language."""

    tuid: str
    variants: tuple[Variant, ...]
    props: tuple[Prop, ...] = ()
    notes: tuple[str, ...] = ()
    changedate: str = ""  # YYYYMMDDThhmmssZ; left out when empty
    srclang: str = ""  # this unit's source language when not the header's (else empty)


@dataclass(frozen=True)
class TmxHeader:
    """The `<header>` attributes TMX 1.4b requires."""

    srclang: str
    creationdate: str  # YYYYMMDDThhmmssZ
    segtype: str = "paragraph"
    adminlang: str = "en"
    datatype: str = "plaintext"
    o_tmf: str = "aligner"

    def attributes(self) -> dict[str, str]:
        return {
            "creationtool": "aligner",
            "creationtoolversion": __version__,
            "datatype": self.datatype,
            "segtype": self.segtype,
            "o-tmf": self.o_tmf,
            "adminlang": self.adminlang,
            "srclang": self.srclang,
            "creationdate": self.creationdate,
        }


def _fill(element: etree._Element, props: tuple[Prop, ...], notes: tuple[str, ...]) -> None:
    for note in notes:
        etree.SubElement(element, "note").text = note
    for kind, value in props:
        etree.SubElement(element, "prop", type=kind).text = value


def _unit_element(unit: TranslationUnit) -> etree._Element:
    tu = etree.Element("tu", tuid=unit.tuid)
    if unit.changedate:
        tu.set("changedate", unit.changedate)
    if unit.srclang:
        tu.set("srclang", unit.srclang)
    _fill(tu, unit.props, unit.notes)
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv", {_XML_LANG: variant.lang})
        _fill(tuv, variant.props, variant.notes)
        etree.SubElement(tuv, "seg").text = variant.text
    return tu


def write_tmx(stream: BinaryIO, header: TmxHeader, units: Iterable[TranslationUnit]) -> int:
    """Write a TMX 1.4b document to `stream`; return the number of units written."""
    count = 0
    with etree.xmlfile(stream, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(etree.Element("header", header.attributes()))
            xf.write("\n  ")
            with xf.element("body"):
                for unit in units:
                    xf.write("\n    ")
                    element = _unit_element(unit)
                    etree.indent(element, space="  ", level=2)
                    xf.write(element)
                    count += 1
                xf.write("\n  ")
            xf.write("\n")
    stream.write(b"\n")
    return count
