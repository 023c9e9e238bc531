"""The review as terminal tables (rich): each version's own number and line, marked tokens.

One table per document and language, or (`side_by_side`) one per document with every
language in a column. With `only_suspect`, rows without a finding or a faulty cell are
left out, and a document or language with nothing left says so in one line.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aligner.reports.review.cells import Cell, DocumentReview, Row

_STYLES = {"error": "bold red", "warning": "yellow", "missing": "bold red", "extra": "bold blue"}
_MARK = "reverse bold"


def _marked(out: Text, text: str, marks: Sequence[tuple[int, int]], color: bool) -> None:
    """Append `text` to `out` with `marks` in reverse video (between ⟦ ⟧ without colour)."""
    at = 0
    for start, end in marks:
        out.append(text[at:start])
        token = text[start:end]
        out.append(token if color else f"⟦{token}⟧", style=_MARK)
        at = end
    out.append(text[at:])


def _cell_text(cell: Cell | None, *, findings: bool, color: bool) -> Text:
    out = Text()
    if cell is None:
        return out
    for piece in cell.pieces:
        own = f"{cell.lang} {piece.label}".strip()
        out.append(f"{own} · line {piece.line}\n", style="dim")
        _marked(out, piece.text, piece.marks, color)
        out.append("\n")
    if cell.confidence is not None:
        out.append(f"confidence {cell.confidence:.2f}\n", style="dim")
    if cell.note:
        out.append(cell.note + "\n", style="italic")
    if findings:
        out.append_text(_findings_text(cell, color))
    out.rstrip()
    return out


def _findings_text(cell: Cell, color: bool) -> Text:
    out = Text()
    for rf in cell.findings:
        f = rf.finding
        out.append(f"{f.severity} ", style=_STYLES.get(str(f.severity), ""))
        out.append(f"{f.rule}: ", style="cyan")
        out.append(f.message + "\n")
        for e in rf.evidence:
            out.append(f"{e.lang} {e.label}: ", style="dim")
            _marked(out, e.text, e.marks, color)
            out.append("\n")
        if f.revision is not None:
            out.append(f"changed since: {f.revision.diff}\n", style="dim")
    return out


def _status(cell: Cell | None, color: bool) -> Text:
    if cell is None:
        return Text()
    text = Text(cell.status, style=_STYLES.get(cell.status, "green"))
    if cell.findings:
        text.append("\n")
        text.append_text(_findings_text(cell, color))
    text.rstrip()
    return text


def _label(row: Row) -> str:
    return row.unit or "+"


def render_text(
    reviews: Sequence[DocumentReview],
    *,
    only_suspect: bool = False,
    color: bool = False,
    width: int = 120,
    side_by_side: bool = False,
) -> str:
    """The review of `reviews` as text (ANSI styles when `color`)."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        highlight=False,
        force_terminal=color,
        emoji=False,
    )
    clean: list[str] = []
    for review in reviews:
        if only_suspect and not review.suspect:
            clean.append(review.name)
            continue
        for rf in review.findings:
            f = rf.finding
            console.print(f"{review.name}: {f.severity} {f.rule}: {f.message}", markup=False)
        ref = review.reference
        if side_by_side:
            rows = [r for r in review.rows if r.suspect] if only_suspect else review.rows
            table = Table(
                title=f"{review.name}: {ref} and {', '.join(review.langs)}", show_lines=True
            )
            table.add_column("#", no_wrap=True)
            for lang in [ref, *review.langs]:
                table.add_column(lang, ratio=1)
            for row in rows:
                cells = [
                    _cell_text(row.cells.get(x), findings=True, color=color)
                    for x in [ref, *review.langs]
                ]
                table.add_row(_label(row), *cells)
            console.print(table)
            continue
        for lang in review.langs:
            rows = [r for r in review.rows if lang in r.cells]
            if only_suspect:
                rows = [r for r in rows if r.cells[lang].status != "ok" or r.cells[lang].findings]
            title = f"{review.name}: {ref} → {lang}"
            if not rows:
                console.print(f"{title}: nothing to review", markup=False)
                continue
            table = Table(title=title, show_lines=True, expand=True)
            table.add_column("#", no_wrap=True)
            table.add_column(ref, ratio=1)
            table.add_column(lang, ratio=1)
            table.add_column("status", ratio=1)
            for row in rows:
                table.add_row(
                    _label(row),
                    _cell_text(row.cells.get(ref), findings=True, color=color),
                    _cell_text(row.cells[lang], findings=False, color=color),
                    _status(row.cells[lang], color),
                )
            console.print(table)
    if clean:
        names = ", ".join(clean) if len(clean) <= 10 else f"{len(clean)} documents"
        console.print(f"nothing to review in {names}", markup=False)
    return out.getvalue()
