"""Write side-by-side tables as an Excel workbook with openpyxl, byte for byte reproducibly.

One worksheet per document: a bold header row naming the columns (frozen, with a filter),
wrapped text aligned to the top, each faulty language cell and status filled in its status
colour. Every value is written as a string (a text starting with `=` stays text, never a
formula). openpyxl stamps the time of writing into the document properties and the zip
entries; both are set to `created` instead, so the same input gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import datetime
from typing import BinaryIO

import regex
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from aligner.filenames import escape_name
from aligner.formats.table import Sheet

#: Fills per status: Excel's own "bad" (light red) and "neutral" (light yellow) styles.
FILLS = {
    "error": "FFC7CE",
    "missing": "FFC7CE",
    "extra": "FFC7CE",
    "warning": "FFEB9C",
}
#: Column widths in characters: ids and numbers narrow, texts and findings wide.
WIDTHS = {"unit": 12, "kind": 10, "number": 7, "text": 60, "status": 9, "findings": 60}
#: Excel's limits: 31 characters per sheet name, 32,767 per cell.
SHEET_NAME_MAX = 31
CELL_MAX = 32767
_NOT_IN_SHEET_NAME = regex.compile(r"[\[\]:*?/\\\x00-\x1f]")
#: Characters XML 1.0 forbids (openpyxl refuses them).
_ILLEGAL = regex.compile(r"[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")


def _text(value: str) -> str:
    value = _ILLEGAL.sub("\ufffd", value)
    return value if len(value) <= CELL_MAX else value[: CELL_MAX - 1] + "…"


def sheet_titles(names: Sequence[str]) -> list[str]:
    """Worksheet names Excel accepts, unique (case-insensitively) and in order."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        base = _NOT_IN_SHEET_NAME.sub("_", escape_name(name)).strip("'") or "document"
        title, n = base[:SHEET_NAME_MAX], 1
        while title.lower() in seen:
            n += 1
            suffix = f"~{n}"
            title = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        seen.add(title.lower())
        out.append(title)
    return out


def _widths(sheet: Sheet) -> list[int]:
    widths = [WIDTHS["unit"], WIDTHS["kind"]]
    for _ in sheet.langs:
        widths += [WIDTHS["number"], WIDTHS["text"]]
    return [*widths, WIDTHS["status"], WIDTHS["findings"]]


def _reproducible(data: bytes, when: datetime) -> bytes:
    """The zip `data` again with every entry dated `when` (zip dates start in 1980)."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def write_xlsx(stream: BinaryIO, sheets: Sequence[Sheet], created: datetime) -> None:
    """Write the workbook of `sheets` to `stream`, dated `created` (UTC)."""
    book = Workbook()
    for default in list(book.worksheets):  # the empty sheet a new workbook starts with
        book.remove(default)
    naive = created.replace(tzinfo=None)
    book.properties.creator = "aligner"
    book.properties.lastModifiedBy = "aligner"
    book.properties.created = naive
    book.properties.modified = naive
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    fills = {k: PatternFill("solid", start_color=v, end_color=v) for k, v in FILLS.items()}
    for sheet, title in zip(sheets, sheet_titles([s.name for s in sheets]), strict=True):
        ws = book.create_sheet(title)
        header = sheet.header()
        for column, value in enumerate(header, 1):
            cell = ws.cell(row=1, column=column, value=_text(value))
            cell.font = bold
            cell.alignment = wrap
        for index, row in enumerate(sheet.rows, 2):
            values = sheet.values(row)
            statuses = ["", ""]
            for lang_cell in row.cells:
                statuses += [lang_cell.status, lang_cell.status]
            statuses += [row.status, row.status]
            for column, (value, status) in enumerate(zip(values, statuses, strict=True), 1):
                cell = ws.cell(row=index, column=column)
                if value:  # an empty cell stays empty (but keeps its fill)
                    cell.value = _text(value)
                    cell.data_type = "s"  # never a formula, whatever the text starts with
                cell.alignment = wrap
                if status in fills:
                    cell.fill = fills[status]
        for column, width in enumerate(_widths(sheet), 1):
            ws.column_dimensions[get_column_letter(column)].width = width
        ws.freeze_panes = "C2"  # the header and the unit id stay in view
        last = get_column_letter(len(header))
        ws.auto_filter.ref = f"A1:{last}{max(len(sheet.rows) + 1, 2)}"
    if not sheets:
        book.create_sheet("empty")
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save, which stamps `modified` with the time of saving
    ExcelWriter(book, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    stream.write(_reproducible(buffer.getvalue(), created))
