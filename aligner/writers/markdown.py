"""Write a `Document` back as Markdown in the layout the Assembly's files use."""

from __future__ import annotations

from aligner.model import Block, Document, Kind, Paragraph


def write_markdown(doc: Document) -> str:
    """Render the document: code line, bold title block, headings, numbered paragraphs."""
    out: list[str] = []
    previous: Kind | str | None = None
    for item in doc.items:
        if isinstance(item, Paragraph):
            if previous != "paragraph" and out:
                out.append("")
            out.append(f"{item.number}. {item.text}")
            previous = "paragraph"
            continue
        assert isinstance(item, Block)
        if out:
            out.append("")
        if item.kind is Kind.HEADING:
            out.append("#" * (item.level or 2) + " " + item.text)
        elif item.kind is Kind.TITLE:
            out.append(f"**{item.text}**")
        else:
            out.append(item.text)
        previous = item.kind
    return "\n".join(out) + "\n"
