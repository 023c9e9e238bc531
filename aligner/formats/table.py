"""The side-by-side revision table that the XLSX and TSV writers lay out.

One `Sheet` per document: a row per aligned unit (reference paragraph or block, or a
version's paragraph without a reference counterpart), a `Cell` per language with that
version's number and text, the row's status and its findings. The writers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Cell and row statuses, from best to worst.
STATUSES = ("ok", "warning", "error", "missing", "extra")


@dataclass(frozen=True)
class Cell:
    """One language's side of a row: its own number as written, its text, its status."""

    number: str = ""
    text: str = ""
    status: str = "ok"  # one of STATUSES


@dataclass(frozen=True)
class Row:
    """One aligned unit: its id and kind, a cell per language, status and findings."""

    unit: str  # `<section>:<number>` or `<kind>:<n>`; empty for a version's extra paragraph
    kind: str  # paragraph, code, title, heading, intro, text, extra, document
    cells: tuple[Cell, ...]
    status: str
    findings: tuple[str, ...] = ()  # one line each: `<lang> <severity> <rule>: <message>`


@dataclass(frozen=True)
class Sheet:
    """One document's table; `langs` are the column languages (the reference first)."""

    name: str
    langs: tuple[str, ...]
    rows: tuple[Row, ...]

    def header(self) -> list[str]:
        """`unit, kind, <lang> no., <lang>, ..., status, findings`."""
        columns = ["unit", "kind"]
        for lang in self.langs:
            columns += [f"{lang} no.", lang]
        return [*columns, "status", "findings"]

    def values(self, row: Row) -> list[str]:
        """A row's cells in header order (findings joined by newlines)."""
        out = [row.unit, row.kind]
        for cell in row.cells:
            out += [cell.number, cell.text]
        return [*out, row.status, "\n".join(row.findings)]
