"""Write side-by-side tables as tab-separated values (UTF-8, LF, RFC 4180 quoting).

One file holds every document: its first column names the document, the rest are the
sheet's columns, so a reviser filters one table in any spreadsheet. Line breaks and tabs
inside a value become spaces except between findings, which are joined by ` | `.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import regex

from aligner.filenames import escape_name
from aligner.formats.table import Sheet

_BREAKS = regex.compile(r"[\t\r\n\v\f\x85\u2028\u2029]+")


def _value(text: str) -> str:
    return _BREAKS.sub(" ", text)


def render_tsv(sheets: Sequence[Sheet]) -> str:
    """The TSV text of `sheets` (all with the same languages): a header row, then rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    if not sheets:
        return ""
    writer.writerow(["document", *sheets[0].header()])
    for sheet in sheets:
        for row in sheet.rows:
            values = sheet.values(row)
            values[-1] = " | ".join(row.findings)
            writer.writerow([escape_name(sheet.name), *(_value(v) for v in values)])
    return out.getvalue()
