"""Parsers for untrusted XML, and typed access to lxml elements where lxml-stubs 0.5 is
wrong or silent."""

from __future__ import annotations

from lxml import etree


def hardened_parser(*, keep_comments: bool = True) -> etree.XMLParser:
    """A parser for untrusted XML: no entity expansion, no network, no DTD loading or
    validation, lxml's size limits kept; `keep_comments` False also drops comments and
    processing instructions."""
    drop = not keep_comments
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=drop, remove_pis=drop,
    )  # fmt: skip


def hardened_pull_parser() -> etree.XMLPullParser:
    """A pull parser for untrusted XML (as `hardened_parser`) reporting start tags."""
    return etree.XMLPullParser(
        events=("start",), resolve_entities=False, no_network=True, load_dtd=False,
        dtd_validation=False, huge_tree=False,
    )  # fmt: skip


def source_line(element: etree._Element) -> int | None:
    """The line `element` starts on in its file (None when lxml does not know it)."""
    line: int | None = getattr(element, "sourceline", None)
    return line
