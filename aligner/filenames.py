"""File names as shown in every output: bytes that are not UTF-8 and control characters
escaped, so reports, TMX, PO and HTML stay valid whatever a folder is called."""

from __future__ import annotations

import re

#: Surrogates (undecodable bytes under `surrogateescape`), C0/C1 controls and DEL.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_name(name: str) -> str:
    """`name` with undecodable bytes as `\\xNN` and control characters as `\\xNN`."""
    return _UNSAFE.sub(_escape, name)
