"""Side-by-side review: every reference item next to its counterpart in each language.

Revisers read it to confirm what `check` says; suspect pairs carry the reasons. The text
form is a terminal table (rich); the HTML form is one self-contained page built with lxml.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from lxml import etree
from lxml.html import builder as E
from rich.console import Console
from rich.table import Table

from aligner.checks.base import Revision
from aligner.export import AlignedSet, ExportReport, Unit, document_units, sanitize
from aligner.model import LANGUAGE_NAMES

REVIEW_FORMATS = ("text", "html")

_CSS = """
body { font-family: sans-serif; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border: 1px solid #ccc; padding: .4em; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.key { white-space: nowrap; color: #555; }
td.suspect { background: #fff1f0; }
td.missing { background: #fff1f0; color: #999; font-style: italic; }
ul.reasons { margin: .4em 0 0 1em; padding: 0; color: #a8071a; font-size: .85em; }
p.diff { margin: .4em 0 0; font-size: .85em; }
p.diff del { background: #ffd8d3; }
p.diff ins { background: #d9f7be; text-decoration: none; }
"""


def _units(aligned: AlignedSet, targets: Sequence[str], only_suspect: bool) -> list[Unit]:
    units = sanitize(document_units(aligned, targets), aligned, ExportReport())
    if only_suspect:
        units = [u for u in units if any(c.suspect for c in u.counterparts.values())]
    return units


def _label(unit: Unit) -> str:
    return str(unit.paragraph.number) if unit.paragraph else unit.comment


def render_review_text(
    sets: Sequence[AlignedSet],
    targets: Sequence[str] | None = None,
    *,
    only_suspect: bool = False,
    color: bool = False,
    width: int = 120,
) -> str:
    """One table per document and target language: number, reference, target, status."""
    out = io.StringIO()
    console = Console(
        file=out, width=width, color_system="standard" if color else None, highlight=False
    )
    for aligned in sets:
        ref_lang = aligned.reference.lang or "?"
        for lang in _chosen(aligned, targets):
            units = _units(aligned, [lang], only_suspect)
            title = f"{aligned.name}: {ref_lang} → {lang}"
            if not units:
                console.print(f"{title}: {'nothing suspect' if only_suspect else 'no text'}")
                continue
            table = Table(title=title, show_lines=True, expand=True)
            table.add_column("#", no_wrap=True)
            table.add_column(ref_lang, ratio=1)
            table.add_column(lang, ratio=1)
            table.add_column("status", ratio=1)
            for unit in units:
                cp = unit.counterparts[lang]
                status = "\n".join(cp.reasons) if cp.suspect else "ok"
                style = "red" if cp.suspect else None
                table.add_row(_label(unit), unit.source, cp.text or "—", status, style=style)
            console.print(table)
    return out.getvalue()


def render_review_html(
    sets: Sequence[AlignedSet],
    targets: Sequence[str] | None = None,
    *,
    only_suspect: bool = False,
) -> bytes:
    """A self-contained HTML page: per document, one row per reference item, one column
    per language; suspect cells are shaded and list their reasons."""
    body = E.BODY(E.H1("aligner review"))
    for aligned in sets:
        langs = _chosen(aligned, targets)
        ref_lang = aligned.reference.lang or "?"
        header = E.TR(
            E.TH("#"), *(E.TH(LANGUAGE_NAMES.get(x, x), lang=x) for x in [ref_lang, *langs])
        )
        rows = [header]
        for unit in _units(aligned, langs, only_suspect):
            cells = [E.TD(_label(unit), E.CLASS("key")), E.TD(unit.source, lang=ref_lang)]
            for lang in langs:
                cp = unit.counterparts[lang]
                cell = E.TD(cp.text or "(no counterpart)", lang=lang)
                if cp.suspect:
                    cell.set("class", "suspect" if cp.text else "missing")
                    cell.append(E.UL(*(E.LI(r) for r in cp.reasons), E.CLASS("reasons")))
                if cp.revision:
                    cell.append(_diff_html(cp.revision, aligned.reference.lang or ""))
                cells.append(cell)
            rows.append(E.TR(*cells))
        body.append(E.H2(aligned.name))
        body.append(E.TABLE(*rows))
    page = E.HTML(E.HEAD(E.META(charset="utf-8"), E.TITLE("aligner review"), E.STYLE(_CSS)), body)
    return etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")


def _diff_html(revision: Revision, lang: str) -> etree._Element:
    """The change of a stale unit's reference text since the translation was made from it:
    removed words in `<del>`, added ones in `<ins>`."""
    para: etree._Element = E.P(E.CLASS("diff"), "changed since: ", lang=lang)
    para.set("data-previous-unit", " ".join(revision.units))
    for hunk in revision.hunks:
        if hunk.op in "-+":
            mark = E.DEL(hunk.text) if hunk.op == "-" else E.INS(hunk.text)
            para.append(mark)
            mark.tail = " "
        elif len(para):
            para[-1].tail = f"{para[-1].tail or ''}{hunk.text or '…'} "
        else:
            para.text = f"{para.text}{hunk.text or '…'} "
    return para


def _chosen(aligned: AlignedSet, targets: Sequence[str] | None) -> list[str]:
    present = [x for x in aligned.documents.langs if x != aligned.reference.lang]
    return present if targets is None else [x for x in targets if x in present]
