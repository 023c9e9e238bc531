"""PDF: the text layer of each page, read with pypdf in layout mode, then read as text.

pypdf was chosen by measured fidelity (`python benchmarks/reading.py 0 --pdf-fidelity`):
the six shipped versions made into PDFs with running headers, `- N -` footers, justified
text and paragraphs crossing pages read back exactly with pypdf (120/120 paragraphs,
layout and plain mode alike), with poppler's pdftotext 118/120 (two Russian paragraphs
lost) and with pdfminer.six 86/120 (its layout analysis splits wrapped lines into boxes
and misplaces the header). Layout mode keeps the vertical gaps between paragraphs as
blank lines, which is what tells the paragraphs of an unnumbered PDF apart. pypdf is
pure Python, so `pip install .` reads PDFs. Pages are joined with form feeds, so page
furniture (the document code repeated, page numbers) is dropped by the text reader.
Lines in findings are lines of the extracted text.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter

from aligner.errors import InputError
from aligner.model import Item
from aligner.readers.layout import ends_terminal, is_running_header
from aligner.readers.text import parse_text

#: At most this many pages are read (the Assembly's longest texts have a few hundred).
MAX_PAGES = 5000
#: A line among the first or last `EDGE` lines of at least `RUNNING_SHARE` of the pages
#: (of a PDF of `MIN_PAGES` pages or more) is a running header or footer: a paragraph's
#: text never repeats there on most pages (and a line ending a clause is text), while a
#: header or footer is on every page but perhaps the first.
EDGE = 2
RUNNING_SHARE = 0.6
MIN_PAGES = 3
_DIGIT = re.compile(r"[0-9]")


class PdfReader:
    """PDF files with a text layer (not scans)."""

    name = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniff(self, data: bytes) -> bool:
        """A PDF: the `%PDF-` header within the first kilobyte."""
        return b"%PDF-" in data[:1024]

    def parse(self, data: bytes, path: str) -> list[Item]:
        text = "\f".join(without_running_lines(_pages(data, path)))
        if not text.strip():
            raise InputError(
                "PDF without a text layer (a scanned image?): no text to read; run OCR on it first",
                file=path,
            )
        return parse_text(text, markdown=False)


def without_running_lines(pages: list[str]) -> list[str]:
    """Pages without the lines that run at the top or bottom of most of them (a title,
    a date, an address, "Page 3 of 9"), digits aside; the document code stays for the
    text reader, which keeps it once."""
    if len(pages) < MIN_PAGES:
        return pages
    edges: list[list[int]] = []
    counts: Counter[str] = Counter()
    for page in pages:
        lines = page.split("\n")
        filled = [k for k, line in enumerate(lines) if line.strip()]
        edge = filled[:EDGE] + filled[-EDGE:]
        edges.append(edge)
        counts.update({_shape(lines[k]) for k in edge})
    running = {
        shape
        for shape, n in counts.items()
        if n >= RUNNING_SHARE * len(pages)
        and not is_running_header(shape.replace("#", "1"))
        and not ends_terminal(shape)  # a line of a paragraph, repeated text
    }
    out = []
    for page, edge in zip(pages, edges, strict=True):
        lines = page.split("\n")
        for k in edge:
            if _shape(lines[k]) in running:
                lines[k] = ""
        out.append("\n".join(lines))
    return out


def _shape(line: str) -> str:
    """A line with its whitespace normalized and every digit as '#' (page numbers vary)."""
    return _DIGIT.sub("#", " ".join(line.split()))


def _pages(data: bytes, path: str) -> list[str]:
    """The text of every page; `InputError` for an encrypted, damaged or huge PDF."""
    from pypdf import PdfReader as Pdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings are not ours
    try:
        reader = Pdf(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError("encrypted PDF: cannot read it without its password", file=path)
        if len(reader.pages) > MAX_PAGES:
            raise InputError(f"PDF with more than {MAX_PAGES} pages", file=path)
        return [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise InputError("encrypted PDF: cannot read it without its password", file=path) from None
    except RecursionError:
        raise InputError("damaged PDF: objects nested too deeply", file=path) from None
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"damaged PDF: {reason[:200]}", file=path) from None
