"""A document's parsed structure as plain data and as text (what `aligner show` prints)."""

from __future__ import annotations

import json
from typing import Any

from aligner.model import Block, Document, Paragraph


def describe(doc: Document) -> dict[str, Any]:
    """The structure as JSON-ready data.

    `file`, `lang`, `code` and `paragraphs` (section, number, label, id as reports cite
    it, numbered, text, line) are the contract; `sections` and `blocks` (kind, text,
    line, level) are extra.
    """
    return {
        "file": doc.path,
        "lang": doc.lang,
        "code": doc.code,
        "paragraphs": [
            {
                "section": p.section,
                "number": p.number,
                "label": p.label,
                "id": p.ident,
                "numbered": p.numbered,
                "text": p.text,
                "line": p.line,
            }
            for p in doc.paragraphs
        ],
        "sections": [
            {
                "id": s.id,
                "heading": s.heading,
                "numbers": [p.number for p in s.paragraphs],
            }
            for s in doc.sections
        ],
        "blocks": [
            {"kind": str(b.kind), "text": b.text, "line": b.line, "level": b.level}
            for b in doc.blocks
        ],
    }


def to_json(doc: Document) -> str:
    """`describe` as indented JSON, non-ASCII kept, keys in a fixed order."""
    return json.dumps(describe(doc), ensure_ascii=False, indent=2) + "\n"


def to_text(doc: Document) -> str:
    """One line per block or paragraph, in document order, under a short header."""
    paragraphs = doc.paragraphs
    out = [
        f"file: {doc.path}",
        f"lang: {doc.lang or '?'}   code: {doc.code or '-'}   "
        f"paragraphs: {len(paragraphs)}   sections: {len(doc.sections)}",
        "",
    ]
    for item in doc.items:
        if isinstance(item, Paragraph):
            name = item.label or item.ident
            out.append(f"{item.line:>5}  §{item.section:<3} {name:<5} {item.text}")
        elif isinstance(item, Block):
            kind = f"[{item.kind}{item.level or ''}]"
            out.append(f"{item.line:>5}  {kind:<10}{item.text}")
    return "\n".join(out) + "\n"
