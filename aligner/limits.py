"""Every limit on input, as data in one place, each with the one-line error it gives.

A limit protects time and memory against damaged, hostile or huge input: a file over the
size limit is refused before it is read, a line, a unit or a nesting level over its limit
ends the read with an `InputError` naming the file, the line and the limit. Users may raise
the file-size limit (`--max-size`, or `max-size` in `[tool.aligner]`); the others are far
above any real declaration, so reaching one means the input is not a document.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar

from aligner.errors import InputError, UsageError

MIB = 1024 * 1024
#: Largest input file read, in bytes (default; `--max-size` / `max-size` change it). The
#: longest official text we know of in the six languages is under 2 MiB as DOCX.
DEFAULT_MAX_FILE_BYTES = 64 * MIB
#: Longest line of text, in characters (a 2 MiB line is a whole declaration without breaks).
MAX_LINE_CHARS = 2 * MIB
#: Longest paragraph or block, in characters (a long preamble paragraph is under 10,000).
MAX_UNIT_CHARS = 1 * MIB
#: Most paragraphs and blocks in one document: running numbers reach the tens of thousands,
#: and `benchmarks/export_scale.py` aligns 100,000 (twice its 50,000-paragraph document).
MAX_UNITS = 200_000
#: Deepest nesting of elements, lists or tables (lxml refuses more than 255 by default).
MAX_DEPTH = 255
#: Largest paragraph number, list start or Word `w:start` (10^9: no text has that many).
MAX_NUMBER = 10**9
#: Tokens of one sentence that sentence alignment compares (bit masks over the tokens make
#: the cost grow with the square of a sentence's length; real sentences have under 500).
MAX_SENTENCE_TOKENS = 5_000
#: Most repeats of a list letter (`aaaa)`); larger counters are shown in digits.
MAX_LETTER_REPEAT = 10
#: Most directory entries one folder scan looks at.
MAX_SCAN_ENTRIES = 100_000

_MAX_FILE: ContextVar[int | None] = ContextVar("aligner_max_file", default=None)
_CONFIG_FILE: ContextVar[int | None] = ContextVar("aligner_config_max_file", default=None)
_SIZE = re.compile(r"\s*(\d+)\s*([kmgt]?)(i?b)?\s*", re.IGNORECASE)


def parse_size(value: str | int) -> int:
    """Bytes from `123`, `64M`, `64MiB`, `1G` (binary units); `UsageError` otherwise."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    match = _SIZE.fullmatch(value) if isinstance(value, str) else None
    if not match or int(match.group(1)) <= 0:
        raise UsageError(f"a size is a number of bytes such as 64M or 1G, not {value!r}")
    return int(match.group(1)) << (10 * " kmgt".index(match.group(2).lower() or " "))


def max_file_bytes() -> int:
    """The file-size limit in force: `--max-size`, else the config file's, else the default."""
    return _MAX_FILE.get() or _CONFIG_FILE.get() or DEFAULT_MAX_FILE_BYTES


def set_max_size(value: str | int | None, *, from_config: bool = False) -> None:
    """Set the file-size limit of this run (the command line wins over the config file)."""
    if value is not None:
        (_CONFIG_FILE if from_config else _MAX_FILE).set(parse_size(value))


@contextlib.contextmanager
def scope() -> Iterator[None]:
    """Limits set inside the block (one command) are undone when it ends."""
    tokens = (_MAX_FILE.set(_MAX_FILE.get()), _CONFIG_FILE.set(_CONFIG_FILE.get()))
    try:
        yield
    finally:
        _MAX_FILE.reset(tokens[0])
        _CONFIG_FILE.reset(tokens[1])


def _size(n: int) -> str:
    return f"{n // MIB} MiB" if n % MIB == 0 else f"{n} bytes"


def file_too_large(file: str, limit: int | None = None) -> InputError:
    """The error for a file over the size limit."""
    limit = max_file_bytes() if limit is None else limit
    return InputError(f"file too large (over {_size(limit)}; use --max-size)", file=file)


def too_long(file: str, line: int | None, what: str, limit: int, name: str) -> InputError:
    """The error for a line, unit, depth, count or number over its limit `name`."""
    return InputError(f"{what} over the limit of {limit:,} ({name})", file=file, line=line)


def check_lines(text: str, file: str) -> None:
    """Raise when a line of `text` (ended by LF or CR) is longer than `MAX_LINE_CHARS`.

    Linear and without copies: each step looks for the last line end within the next
    `MAX_LINE_CHARS + 1` characters, from the right, and jumps past it.
    """
    limit = MAX_LINE_CHARS
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit + 1
        last = max(text.rfind("\n", pos, end), text.rfind("\r", pos, end))
        if last < 0:
            line = text.count("\n", 0, pos) + 1
            raise too_long(file, line, "line length", limit, "MAX_LINE_CHARS")
        pos = last + 1


def check_number(value: int, file: str, line: int | None = None) -> int:
    """`value`, or an error when a numbering value is above `MAX_NUMBER`."""
    if value > MAX_NUMBER:
        raise too_long(file, line, f"numbering value {value}", MAX_NUMBER, "MAX_NUMBER")
    return value
