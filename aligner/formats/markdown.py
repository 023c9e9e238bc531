"""Write a `Document` back as Markdown in the layout the Assembly's files use.

Every text is escaped so that it reads back as the same text in the same place: inline
markup characters (`*`, `_`, `(` right after `]`, backslash before punctuation, `<`,
entity-like `&`) are escaped everywhere, so no emphasis, link (`javascript:` included) or
HTML (`<script>`) can appear; at the start of a block, what Markdown or aligner's reader
would take for structure (a number `21.`, `#`, `>`, `-`/`+`/`*` lists, `---` rules,
`|` tables, a lone number) is neutralised too; `aligner.readers.layout.clean_markdown`
undoes all of it.
"""

from __future__ import annotations

import re

from aligner.model import Block, Document, Kind, Paragraph

_INLINE = re.compile(
    r"[*_`]|(?<=\])\(|\\(?=[!-/:-@\[-`{-~])|<"
    r"|&(?=[A-Za-z][A-Za-z0-9]{1,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)"
)
_ENTITIES = {"<": "&lt;", "&": "&amp;"}
#: At the start of a block: a leading digit (numbered paragraph, page number), or a
#: character that opens a Markdown block (heading, quote, list, rule, table, setext line).
_BLOCK_START = re.compile(r"[0-9]|[#>+\-=|~:]")


def escape_inline(text: str) -> str:
    """`text` with every character that Markdown would read as markup escaped."""
    return _INLINE.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), text)


def escape_heading(text: str) -> str:
    """A heading's text escaped inline, every `#` escaped (no closing sequence)."""
    return escape_inline(text).replace("#", "\\#")


def escape_block(text: str) -> str:
    """`text` escaped inline and at its start, where it would open a Markdown block."""
    text = escape_inline(text)
    m = _BLOCK_START.match(text)
    if m is None:
        return text
    first = m.group()
    if first.isdigit():
        return f"&#{ord(first)};{text[1:]}"  # a digit cannot be backslash-escaped
    return "\\" + text


def write_markdown(doc: Document) -> str:
    """Render the document: code line, bold title block, headings, numbered paragraphs."""
    out: list[str] = []
    previous: Kind | str | None = None
    for item in doc.items:
        if isinstance(item, Paragraph):
            if previous != "paragraph" and out:
                out.append("")
            if not item.numbered:
                out.extend([""] if out else [])
                out.append(escape_block(item.text))
            elif item.key:
                out.append(f"{item.label} {escape_block(item.text)}")
            else:
                out.append(f"{item.number}. {escape_block(item.text)}")
            previous = "paragraph"
            continue
        assert isinstance(item, Block)
        if out:
            out.append("")
        if item.kind is Kind.HEADING:
            out.append("#" * (item.level or 2) + " " + escape_heading(item.text))
        elif item.kind is Kind.TITLE:
            out.append(f"**{escape_block(item.text)}**")
        else:
            out.append(escape_block(item.text))
        previous = item.kind
    return "\n".join(out) + "\n"
