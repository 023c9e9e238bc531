"""PDF: the text layer of each page, read with pypdf in layout mode, then read as text.

pypdf was chosen by measured fidelity (`python benchmarks/reading.py 0 --pdf-fidelity`):
the six shipped versions made into PDFs with running headers, `- N -` footers, justified
text and paragraphs crossing pages read back exactly with pypdf (120/120 paragraphs,
layout and plain mode alike), with poppler's pdftotext 118/120 (two Russian paragraphs
lost) and with pdfminer.six 86/120 (its layout analysis splits wrapped lines into boxes
and misplaces the header). Layout mode keeps the vertical gaps between paragraphs as
blank lines, which is what tells the paragraphs of an unnumbered PDF apart. pypdf is
pure Python, so `pip install .` reads PDFs. Pages are joined with form feeds, so page
furniture (the document code, page numbers, lines running on most pages) is dropped by
the text reader, as in text that pdftotext made.
Lines in findings are lines of the extracted text.
"""

from __future__ import annotations

import io
import logging

from aligner.errors import InputError
from aligner.model import Item
from aligner.readers.text import parse_text

#: At most this many pages are read (the Assembly's longest texts have a few hundred).
MAX_PAGES = 5000


class PdfReader:
    """PDF files with a text layer (not scans)."""

    name = "pdf"
    extensions: tuple[str, ...] = (".pdf",)

    def sniff(self, data: bytes) -> bool:
        """A PDF: the `%PDF-` header within the first kilobyte."""
        return b"%PDF-" in data[:1024]

    def parse(self, data: bytes, path: str) -> list[Item]:
        text = "\f".join(_pages(data, path))
        if not text.strip():
            raise InputError(
                "PDF without a text layer (a scanned image?): no text to read; run OCR on it first",
                file=path,
            )
        return parse_text(text, markdown=False)


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
