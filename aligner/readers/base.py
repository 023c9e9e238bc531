"""The reader interface and the one entry point, `read_document`.

PROVISIONAL: a minimal Markdown/plain-text reader so other parts can be built;
the full reader set (encodings, docx, html, sniffing, language detection) replaces it.
"""

from __future__ import annotations

import re
from pathlib import Path

from aligner.errors import InputError
from aligner.model import Block, Document, Item, Kind, Paragraph, build_document

_LABEL = re.compile(r"^\s*(\d{1,4})\s?[.)]\s+")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_CODE = re.compile(r"AS\s*\(\d+\)\s*D\s*([EFGIRS])\b")


def read_document(path: str | Path, lang: str | None = None) -> Document:
    """Read one language version; raise `InputError` naming the file on bad input."""
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", file=str(p)) from None
    items: list[Item] = []
    code = None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if m := _HEADING.match(line):
            items.append(Block(Kind.HEADING, m.group(2).strip("*"), n, len(m.group(1))))
        elif m := _LABEL.match(line):
            items.append(
                Paragraph("", int(m.group(1)), line[: m.end()].strip(), line[m.end() :], n)
            )
        else:
            if code is None and (m := _CODE.search(line)):
                code = line
            items.append(Block(Kind.TEXT, line.strip("*"), n))
    stem = p.name.split(".")[0]
    return build_document(str(p), items, lang=lang or (stem if len(stem) == 2 else None), code=code)
