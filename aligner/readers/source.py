"""Input files to text: their bytes read safely, byte order marks and encodings, line
numbers, and XML parsed with entities, DTDs and the network refused.

A leaf module (lxml is imported when XML is parsed): `aligner align` reads plain text
through it without loading the readers of every format.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from aligner import limits
from aligner.atomic import display, note_input
from aligner.errors import InputError

if TYPE_CHECKING:
    from lxml import etree

# --- reading ------------------------------------------------------------------


def read_bytes(path: str | Path, limit: int | None = None, *, state: bool = False) -> bytes:
    """The bytes of a regular file, refusing missing paths, directories, FIFOs, devices and
    files over `limit` (default: `aligner.limits.max_file_bytes()`), before reading them.

    The file is opened without blocking (a FIFO cannot hang the run) and checked to be a
    regular file on the open descriptor, so a swap after the check cannot fool it.
    Unless `state` (aligner's own state file, such as `aligner.lock`, which a run reads
    and rewrites), the file is noted as an input that no output may overwrite.
    """
    name = display(path)
    limit = limits.max_file_bytes() if limit is None else limit
    if not state:
        note_input(path)
    try:
        if os.path.isdir(path):
            raise InputError("is a directory, expected a file", file=name)
        if not os.path.lexists(path):
            raise InputError("no such file", file=name)
        if not os.path.exists(path):
            raise InputError("dangling symbolic link", file=name)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as f:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise InputError("not a regular file (FIFO, device or socket)", file=name)
            if st.st_size > limit:
                raise limits.file_too_large(name, limit)
            os.set_blocking(fd, True)
            data = f.read(st.st_size + 1)  # a buffer of the file's size, not of the limit
            while len(data) <= limit and (more := f.read(1 << 20)):
                data += more  # the file grew since its size was taken
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=name) from None
    if len(data) > limit:
        raise limits.file_too_large(name, limit)
    return data


# --- decoding -----------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16-LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16-BE"),
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def line_of(text: str, offset: int) -> int:
    """The 1-based line of character `offset` in `text` (CRLF, CR and LF all count once)."""
    return len(_LINE_BREAK.findall(text, 0, offset)) + 1


def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; refuse anything else.

    Raises `InputError` naming the line of an invalid byte, a lone surrogate, or a
    control character such as NUL (binary data).
    """
    encoding, name, body = "utf-8", "UTF-8", data
    for bom, enc, label in _BOMS:
        if data.startswith(bom):
            encoding, name, body = enc, label, data[len(bom) :]
            break
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode(encoding, errors="replace")
        line = line_of(before, len(before))
        column = len(before) - max(before.rfind("\n"), before.rfind("\r"))
        bad = body[exc.start : exc.start + 2 if encoding != "utf-8" else exc.start + 1]
        raise InputError(
            f"not valid {name} text: {exc.reason} (byte {bad.hex(' ')}) at column {column}",
            file=file,
            line=line,
        ) from None
    if (encoding != "utf-8" or _has_control(body)) and (m := _CONTROL.search(text)):
        hint = ""
        if m.group() == "\x00" and encoding == "utf-8" and body[1::2].count(0) > len(body) // 4:
            hint = " (UTF-16 without a byte-order mark?)"
        raise InputError(
            f"binary data, not text: control character U+{ord(m.group()):04X}{hint}",
            file=file,
            line=line_of(text, m.start()),
        )
    return text


#: The bytes of `_CONTROL`; in UTF-8 they stand for themselves only.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CHUNK = 1 << 20


def _has_control(body: bytes) -> bool:
    """Whether UTF-8 `body` holds a byte of `_CONTROL` (in C, a MiB at a time)."""
    return any(
        len(chunk := body[k : k + _CHUNK]) != len(chunk.translate(None, _CONTROL_BYTES))
        for k in range(0, len(body), _CHUNK)
    )


_CONTENT_LINE = re.compile(r"[^\r\n]+")
#: Line breaks of `str.splitlines` that are not line breaks here (`content_lines`).
_OTHER_BREAKS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of each non-empty line; lines end at LF, CRLF or CR only (not
    at the other characters str.splitlines knows). Empty lines cost no Python step, so
    20 MB of line breaks read in C time."""
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    # as many lines as LF, CR and CRLF make: no other break split them (one at the very
    # end would not add a line, so it is looked at)
    if len(lines) == breaks + (text[-1:] not in ("", "\n", "\r")) and (
        text[-1:] not in _OTHER_BREAKS
    ):
        return iter([(k, line) for k, line in enumerate(lines, 1) if line])
    del lines
    return _matched_lines(text)


def _matched_lines(text: str) -> Iterator[tuple[int, str]]:
    """`content_lines` of text with line breaks `str.splitlines` does not share."""
    line, end = 1, 0
    for m in _CONTENT_LINE.finditer(text):
        if m.start() > end:
            gap = text[end : m.start()]
            line += gap.count("\n") + gap.count("\r") - gap.count("\r\n")
        yield line, m.group()
        end = m.end()


# --- XML ------------------------------------------------------------------------

_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def parse_xml(data: bytes, file: str, part: str) -> etree._Element:
    """Parse untrusted XML with a hardened parser; refuse any DOCTYPE or entity declaration.

    Nothing is ever loaded, fetched or expanded: a DTD (and so every entity-expansion
    bomb and external entity) is refused before parsing.
    """
    probe = data
    for bom, enc, _ in _BOMS[1:]:
        if data.startswith(bom):
            probe = data.decode(enc, errors="replace").encode("utf-8")
    if _DECLARATIONS.search(probe):
        raise InputError(f"{part}: XML with a DOCTYPE or entity declaration is refused", file=file)
    from lxml import etree

    from aligner.xmltree import hardened_parser

    try:
        root = etree.fromstring(data, hardened_parser(keep_comments=False))
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{part}: malformed XML: {exc.msg}", file=file) from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]  # not in lxml-stubs 0.5
        raise InputError(f"{part}: XML with a DOCTYPE is refused", file=file)
    return root
