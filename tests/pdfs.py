"""Make PDFs like the Assembly's in tests and benchmarks (fpdf2, a Unicode TTF font).

Each page carries the document code as a running header and `- N -` as its footer;
paragraphs are justified and flow across pages.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aligner.model import Block, Document, Kind, Paragraph

FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
)


def font() -> Path | None:
    """A TTF font with Latin and Cyrillic letters, if one is installed."""
    return next((f for f in FONTS if f.exists()), None)


def build_pdf(doc: Document, code: str = "AS (14) D E", running: str = "") -> bytes:
    """`doc` as a PDF: title, headings, introductory lines and numbered paragraphs;
    `running` is one more line in every footer (an address, a date)."""
    from fpdf import FPDF

    path = font()
    assert path is not None, "no Unicode TTF font (apt-get install fonts-dejavu-core)"

    class Pages(FPDF):  # type: ignore[misc]
        def header(self) -> None:
            self.set_font("body", size=9)
            self.cell(0, 8, code, align="R")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-20 if running else -15)
            self.set_font("body", size=9)
            if running:
                self.cell(0, 5, running, align="L")
                self.ln(5)
            self.cell(0, 10, f"- {self.page_no()} -", align="C")

    pdf = Pages(format="A4")
    pdf.set_creation_date(datetime(2014, 7, 2, tzinfo=UTC))  # reproducible bytes
    pdf.add_font("body", fname=str(path))
    pdf.set_auto_page_break(True, margin=25 if running else 20)
    pdf.add_page()
    for item in doc.items:
        if isinstance(item, Paragraph):
            pdf.set_font("body", size=11)
            text = f"{item.label}  {item.text}" if item.numbered else item.text
            pdf.multi_cell(0, 6, text, align="J")
        elif isinstance(item, Block) and item.kind is not Kind.CODE:
            heading = item.kind in (Kind.TITLE, Kind.HEADING)
            pdf.set_font("body", size=13 if heading else 11)
            pdf.multi_cell(0, 7, item.text, align="C" if heading else "L")
        pdf.ln(3)
    return bytes(pdf.output())
