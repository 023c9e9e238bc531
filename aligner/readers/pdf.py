"""PDF: the text layer of each page, read with pypdf, then read as plain text.

pypdf was chosen by measured fidelity (benchmarks/reading.py --pdf-fidelity): on
generated six-language PDFs with running headers, `- N -` page numbers, justified
text and paragraphs broken across pages, pypdf's text gave every paragraph exactly
(216/216); pdfminer.six's layout analysis split lines into separate boxes and moved the
header (144/216); poppler's pdftotext was as good (215/216) but is not a Python package.
Pages are joined with form feeds, so page furniture (the document code repeated, page
numbers) is dropped by the text reader like in a text export of a PDF.
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
    extensions = (".pdf",)

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
        return [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (FileNotDecryptedError, DependencyError):
        raise InputError("encrypted PDF: cannot read it without its password", file=path) from None
    except RecursionError:
        raise InputError("damaged PDF: objects nested too deeply", file=path) from None
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"damaged PDF: {reason[:200]}", file=path) from None
