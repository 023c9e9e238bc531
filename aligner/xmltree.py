"""Typed access to lxml elements where lxml-stubs 0.5 is wrong or silent."""

from __future__ import annotations

from lxml import etree


def source_line(element: etree._Element) -> int | None:
    """The line `element` starts on in its file (None when lxml does not know it)."""
    line: int | None = getattr(element, "sourceline", None)
    return line
