"""The reader interface, the one registry of readers, and the entry point `read_document`.

Choosing a reader: a conclusive content signature wins (a zip archive is read as DOCX,
an HTML document as HTML, whatever the extension says); otherwise the extension
decides; a file with an unknown extension is read as text if it looks like text.

Decisions on edge cases: an empty file (no text at all) is an `InputError`; a file with
text but no numbered paragraph reads fine as a `Document` without paragraphs.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from aligner import limits
from aligner.atomic import display
from aligner.errors import InputError, UsageError
from aligner.model import LANGUAGES, Block, Document, Item, Paragraph, build_document
from aligner.readers.docx import DocxReader
from aligner.readers.html import HtmlReader
from aligner.readers.pdf import PdfReader
from aligner.readers.source import read_bytes
from aligner.readers.text import TextReader
from aligner.text.code import find_code
from aligner.text.langid import ISO_639_1, detect_language
from aligner.text.params import LANGID


class Reader(Protocol):
    """One input format: its file extensions, a content test, and a parser."""

    name: str
    extensions: tuple[str, ...]

    def sniff(self, data: bytes) -> bool:
        """Whether `data` looks like this format."""

    def parse(self, data: bytes, path: str) -> list[Item]:
        """Blocks and paragraphs (section unassigned) in source order; `InputError` if bad."""


#: Every reader. Readers before the last have conclusive signatures (PDF, zip, HTML) and are
#: tried on the content first; the last one (text) is the catch-all.
READERS: tuple[Reader, ...] = (PdfReader(), DocxReader(), HtmlReader(), TextReader())


def reader_for(path: str | Path, data: bytes) -> Reader:
    """The reader for a file: content signature, then extension, then text if it is text."""
    for reader in READERS[:-1]:
        if reader.sniff(data):
            return reader
    suffix = Path(path).suffix.lower()
    for reader in READERS:
        if suffix in reader.extensions:
            return reader
    if READERS[-1].sniff(data):
        return READERS[-1]
    raise InputError("unrecognized format: not text, PDF, DOCX or HTML", file=str(path))


def read_document(path: str | Path, lang: str | None = None) -> Document:
    """Read one language version of a document in any supported format.

    `lang` overrides the language found from the file name, document code or text.
    Raises `InputError` naming the file (and line where known) on bad input, and
    `UsageError` for a `lang` that is not one of the six languages.
    """
    if lang is not None:
        lang = lang.lower()
        if lang not in LANGUAGES and lang not in ISO_639_1:
            raise UsageError(
                f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)}, "
                "or another ISO 639-1 code)"
            )
    return parse_document(read_bytes(path), display(path), lang)


def parse_document(data: bytes, name: str, lang: str | None = None) -> Document:
    """Parse the bytes of a version (named `name`, whose extension chooses the format when
    the content does not); see `read_document`. Lines, paragraphs and their count are
    bounded by `aligner.limits`."""
    with _collector_paused():
        return _parse(data, name, lang)


def _parse(data: bytes, name: str, lang: str | None) -> Document:
    reader = reader_for(name, data)
    try:
        items = reader.parse(data, name)
    except InputError as exc:
        if exc.file:
            raise
        raise InputError(exc.message, file=name, line=exc.line) from None
    check_items(items, name)
    if not items:
        raise InputError("empty document: no text found", file=name)
    code = _find_code(items)
    if lang is None:
        kind = Paragraph if any(isinstance(i, Paragraph) for i in items) else Block
        lang = detect_language(name, code, _sample(i.text for i in items if isinstance(i, kind)))
    return build_document(name, items, lang=lang, code=code, fresh=True)


def _sample(texts: Iterable[str]) -> str:
    """`texts` joined with spaces, as far as `guess_language` reads (`LANGID.sample`)."""
    taken: list[str] = []
    size = 0
    for text in texts:
        taken.append(text)
        size += len(text) + 1
        if size > LANGID.sample:
            break
    return " ".join(taken)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader runs: the lines, pieces and
    items it makes hold no reference cycles (reference counting frees them), and as they
    grow the collector would walk them again and again (15-25 % of the time of reading
    50,000 paragraphs, measured)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_items(items: list[Item], file: str) -> None:
    """Raise when a document has more units than `MAX_UNITS` or a unit over `MAX_UNIT_CHARS`."""
    if len(items) > limits.MAX_UNITS:
        raise limits.too_long(file, None, "number of paragraphs", limits.MAX_UNITS, "MAX_UNITS")
    for item in items:
        if len(item.text) > limits.MAX_UNIT_CHARS:
            raise limits.too_long(
                file, item.line, "paragraph length", limits.MAX_UNIT_CHARS, "MAX_UNIT_CHARS"
            )


def _find_code(items: list[Item]) -> str | None:
    """The first document code line, as written (whitespace normalized)."""
    for item in items:
        if isinstance(item, Block) and (code := find_code(item.text)):
            return code
    return None
