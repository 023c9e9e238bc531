"""The review as one self-contained HTML page (CSS and JavaScript inlined, nothing fetched).

Layout: a summary per document and language, a coverage matrix (documents x languages x
units, one linked cell per reference unit and language, `data-doc`, `data-lang`,
`data-paragraph`, `data-status`), then per document the side-by-side rows
(`data-ref-paragraph`, one `data-lang` cell per language showing that version's own number
and line, findings inline with their anchors and the config entries that keep a decision).
Same review, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from lxml import etree
from lxml.html import builder as E

from aligner import __version__
from aligner.findings import Revision
from aligner.model import LANGUAGE_NAMES
from aligner.reports.review.anchors import row_anchor
from aligner.reports.review.cells import (
    STATUSES,
    Cell,
    DocumentReview,
    Evidence,
    Piece,
    ReviewFinding,
    Row,
)

#: What a matrix cell shows besides its colour (so status never rests on colour alone).
SYMBOLS = {"ok": "✓", "warning": "!", "error": "✗", "missing": "–", "extra": "+"}


def _asset(name: str) -> str:
    return (resources.files("aligner") / "data" / "review" / name).read_text("utf-8")


def _lang_name(lang: str) -> str:
    return f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})"


def _marked(text: str, marks: Sequence[tuple[int, int]]) -> list[Any]:
    """`text` as lxml children with every span in `marks` inside `<mark>`."""
    out: list[Any] = []
    at = 0
    for start, end in marks:
        if start > at:
            out.append(text[at:start])
        out.append(E.E.mark(text[start:end]))
        at = end
    if at < len(text):
        out.append(text[at:])
    return out


def _attrs(**values: str) -> dict[str, str]:
    return {k.replace("_", "-"): v for k, v in values.items()}


def _piece(piece: Piece, lang: str) -> list[Any]:
    own = f"{lang} {piece.label}" if piece.label else lang
    meta = E.DIV(E.CLASS("own"), E.SPAN(own, E.CLASS("num")), " ", E.SPAN(f"line {piece.line}"))
    return [meta, E.P(E.CLASS("text"), *_marked(piece.text, piece.marks))]


def _evidence(e: Evidence) -> Any:
    own = f"{e.lang} {e.label}: " if e.label else f"{e.lang}: "
    return E.P(
        E.CLASS("evidence"), E.SPAN(own, E.CLASS("num")), *_marked(e.text, e.marks), lang=e.lang
    )


def _diff(revision: Revision, paths: dict[str, str]) -> Any:
    """A stale unit's reference text change since the translation was made from it:
    removed words in `<del>`, added ones in `<ins>`."""
    para = E.P(
        E.CLASS("diff"), "changed since: ", **_attrs(data_previous_unit=" ".join(revision.units))
    )
    for hunk in revision.hunks:
        if hunk.op in "-+":
            para.append((E.DEL if hunk.op == "-" else E.INS)(hunk.text))
            para[-1].tail = " "
        elif len(para):
            para[-1].tail = f"{para[-1].tail or ''}{hunk.text or '…'} "
        else:
            para.text = f"{para.text}{hunk.text or '…'} "
    return para


def _finding(rf: ReviewFinding, paths: dict[str, str]) -> Any:
    f = rf.finding
    severity = str(f.severity)
    where = f"{paths.get(f.lang, f.file) or f.file}:{max(f.line, 1)}"
    box = E.DIV(
        E.CLASS(f"finding sev-{severity}"),
        E.SPAN(severity, E.CLASS("badge")),
        " ",
        E.CODE(f.rule, E.CLASS("rule")),
        " ",
        E.SPAN(f.message, E.CLASS("message")),
        " ",
        E.A(where, E.CLASS("where"), href=f"#{rf.anchor}", title="link to this finding"),
        *(_evidence(e) for e in rf.evidence),
        *([_diff(f.revision, paths)] if f.revision is not None else []),
        id=rf.anchor,
        lang="en",
        tabindex="-1",
        **_attrs(data_rule=f.rule, data_severity=severity, data_lang=f.lang),
    )
    if rf.suggestions:
        keep = E.DETAILS(E.CLASS("keep"), E.SUMMARY("Keep this decision (pyproject.toml)"))
        for snippet in rf.suggestions:
            keep.append(E.PRE(E.CODE(snippet)))
            keep.append(E.BUTTON("Copy", E.CLASS("copy"), type="button"))
        box.append(keep)
    return box


def _cell(cell: Cell, review: DocumentReview, row: Row) -> Any:
    td = E.TD(
        E.CLASS(f"c st-{cell.status}"),
        lang=cell.lang,
        tabindex="-1",
        **_attrs(data_lang=cell.lang, data_label=cell.lang),
    )
    if cell.confidence is not None:
        td.set("data-confidence", f"{cell.confidence:.2f}")
    for piece in cell.pieces:
        td.extend(_piece(piece, cell.lang))
    if cell.confidence is not None:
        td.append(E.DIV(f"confidence {cell.confidence:.2f}", E.CLASS("conf"), lang="en"))
    if cell.note:
        td.append(E.P(cell.note, E.CLASS("note"), lang="en"))
    for rf in cell.findings:
        td.append(_finding(rf, review.paths))
    return td


def _side_by_side(review: DocumentReview, rows: Sequence[Row]) -> Any:
    langs = [review.reference, *review.langs]
    head = E.TR(
        E.TH("#", scope="col", **_attrs(data_lang="")),
        *(E.TH(_lang_name(x), scope="col", lang="en", **_attrs(data_lang=x)) for x in langs),
    )
    body = E.TBODY()
    for row in rows:
        tr = E.TR(
            E.CLASS(f"row kind-{row.kind}" + (" suspect" if row.suspect else "")),
            id=row.anchor,
            **_attrs(data_ref_paragraph=row.unit, data_doc=review.name),
        )
        label = row.unit if row.kind != "extra" else "+"
        tr.append(E.TH(E.A(label, href=f"#{row.anchor}"), scope="row"))
        for lang in langs:
            cell = row.cells.get(lang)
            if cell is None:
                tr.append(E.TD(E.CLASS("c blank"), lang=lang, **_attrs(data_lang=lang)))
            else:
                tr.append(_cell(cell, review, row))
        body.append(tr)
    return E.TABLE(E.CLASS("sbs"), E.THEAD(head), body)


def _matrix(review: DocumentReview, shown: set[str]) -> Any:
    """One row per language, one cell per reference paragraph (and extra unit)."""
    columns = [r for r in review.rows if r.kind != "block"]
    head = E.TR(E.TH("language", scope="col"))
    for row in columns:
        head.append(E.TH(row.unit or "+", scope="col"))
    table = E.TABLE(
        E.CLASS("matrix"),
        E.CAPTION(review.name),
        E.THEAD(head),
        **_attrs(data_doc=review.name),
    )
    body = E.TBODY()
    for lang in [review.reference, *review.langs]:
        tr = E.TR(E.TH(lang, scope="row", title=_lang_name(lang)), **_attrs(data_lang=lang))
        for row in columns:
            cell = row.cells.get(lang)
            if cell is None:
                tr.append(E.TD(E.CLASS("none")))
                continue
            unit = row.unit or (cell.pieces[0].label if cell.pieces else "")
            label = f"{lang} {unit}: {cell.status}"
            if row.kind == "extra":
                label = f"{lang} {unit}: extra (no {review.reference} counterpart)"
            inner: Any
            if row.anchor in shown:
                inner = E.A(SYMBOLS[cell.status], href=f"#{row.anchor}", title=label)
                inner.set("aria-label", label)
            else:
                inner = E.SPAN(SYMBOLS[cell.status], title=label)
            tr.append(
                E.TD(
                    E.CLASS(f"m st-{cell.status}"),
                    inner,
                    **_attrs(
                        data_doc=review.name,
                        data_lang=lang,
                        data_paragraph=unit,
                        data_status=cell.status,
                    ),
                )
            )
        body.append(tr)
    table.append(body)
    return table


def _summary(reviews: Sequence[DocumentReview], shown: set[str]) -> Any:
    """A row per document, a cell per language: errors, warnings, aligned of all paragraphs,
    extra paragraphs and mean confidence (when the alignment gives one)."""
    langs: list[str] = []
    for review in reviews:
        for summary in review.summaries:
            if summary.lang not in langs:
                langs.append(summary.lang)
    head = E.TR(E.TH("document", scope="col"))
    for lang in langs:
        head.append(E.TH(_lang_name(lang), scope="col", **_attrs(data_lang=lang)))
    body = E.TBODY()
    for review in reviews:
        name: Any = review.name
        if review.name in shown:
            name = E.A(review.name, href=f"#d-{_doc_id(review.name)}")
        tr = E.TR(E.TH(name, scope="row"), **_attrs(data_doc=review.name))
        found = {s.lang: s for s in review.summaries}
        for lang in langs:
            s = found.get(lang)
            if s is None:
                tr.append(E.TD("—", E.CLASS("none"), **_attrs(data_lang=lang)))
                continue
            status = "error" if s.errors else "warning" if s.warnings else "ok"
            parts = [
                E.SPAN(f"{s.errors} error{'s' if s.errors != 1 else ''}", E.CLASS("e")),
                ", ",
                E.SPAN(f"{s.warnings} warning{'s' if s.warnings != 1 else ''}", E.CLASS("w")),
                E.BR(),
                f"{s.aligned} of {s.units} aligned",
            ]
            if s.extra:
                parts.append(f", {s.extra} extra")
            if s.confidence is not None:
                parts += [E.BR(), f"confidence {s.confidence:.2f}"]
            tr.append(
                E.TD(
                    E.CLASS(f"st-{status}"),
                    *parts,
                    **_attrs(
                        data_doc=review.name,
                        data_lang=lang,
                        data_errors=str(s.errors),
                        data_warnings=str(s.warnings),
                        data_aligned=str(s.aligned),
                    ),
                )
            )
        body.append(tr)
    return E.TABLE(E.CLASS("summary"), E.THEAD(head), body)


def _doc_id(name: str) -> str:
    return row_anchor(name, "")[2:-1]


def _filters(reviews: Sequence[DocumentReview]) -> Any:
    langs: list[str] = []
    rules: set[str] = set()
    for review in reviews:
        for lang in [review.reference, *review.langs]:
            if lang not in langs:
                langs.append(lang)
        rules.update(rf.finding.rule for rf in _all_findings(review))
    languages = E.FIELDSET(E.LEGEND("Languages"))
    for lang in langs:
        languages.append(
            E.LABEL(
                E.INPUT(type="checkbox", checked="checked", **_attrs(data_filter_lang=lang)),
                f" {lang}",
                title=_lang_name(lang),
            )
        )
    severity = E.FIELDSET(E.LEGEND("Severity"))
    for name in ("error", "warning"):
        severity.append(
            E.LABEL(
                E.INPUT(type="checkbox", checked="checked", **_attrs(data_filter_severity=name)),
                f" {name}s",
            )
        )
    rule = E.SELECT(E.OPTION("every rule", value=""), id="filter-rule")
    for rule_id in sorted(rules):
        rule.append(E.OPTION(rule_id, value=rule_id))
    rows = E.LABEL(E.INPUT(type="checkbox", id="filter-suspect"), " only rows with findings")
    keys = E.P(
        E.CLASS("keys"),
        "Keys: ",
        E.KBD("j"),
        "/",
        E.KBD("k"),
        " next/previous finding, ",
        E.KBD("l"),
        "/",
        E.KBD("h"),
        " next/previous language, ",
        E.KBD("Esc"),
        " clear filters",
    )
    return E.E.nav(
        E.FORM(
            languages,
            severity,
            E.FIELDSET(E.LEGEND("Rule"), E.LABEL("rule ", rule)),
            E.FIELDSET(E.LEGEND("Rows"), rows),
            E.P(E.CLASS("count"), id="shown", role="status"),
            keys,
            id="filters",
        ),
        id="controls",
        **{"aria-label": "Filters"},
    )


def _all_findings(review: DocumentReview) -> list[ReviewFinding]:
    out = list(review.findings)
    for row in review.rows:
        for cell in row.cells.values():
            out.extend(cell.findings)
    return out


def render_html(
    reviews: Sequence[DocumentReview], *, only_suspect: bool = False, reference: str = "en"
) -> bytes:
    """The review page for `reviews` (with `only_suspect`, rows and documents without a
    finding or a faulty cell are left out and the page says there is nothing to review)."""
    findings = [rf for r in reviews for rf in _all_findings(r)]
    errors = sum(str(rf.finding.severity) == "error" for rf in findings)
    warnings = sum(str(rf.finding.severity) == "warning" for rf in findings)
    main = E.E.main(id="main")
    header = E.E.header(
        E.H1("aligner review"),
        E.P(
            f"{len(reviews)} document{'s' if len(reviews) != 1 else ''}, reference "
            f"{_lang_name(reviews[0].reference if reviews else reference)}: "
            f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''}",
            id="totals",
        ),
    )
    clean = [r for r in reviews if not r.suspect]
    shown_reviews = [r for r in reviews if r.suspect] if only_suspect else list(reviews)
    main.append(
        E.E.section(
            E.H2("Summary", id="summary-h"),
            E.DIV(_summary(reviews, {r.name for r in shown_reviews}), E.CLASS("scroll")),
            id="summary",
            **{"aria-labelledby": "summary-h"},
        )
    )
    if not any(r.suspect for r in reviews):
        main.append(
            E.P(
                E.CLASS("nothing"),
                "Nothing to review: every unit of every document is aligned with no finding.",
                id="nothing",
            )
        )
    elif clean:
        names = ", ".join(r.name for r in clean)
        main.append(E.P(E.CLASS("nothing"), f"Nothing to review in {names}."))
    if shown_reviews:
        matrix = E.E.section(
            E.H2("Coverage", id="matrix-h"),
            E.P(
                E.CLASS("legend"),
                *(
                    item
                    for status in STATUSES
                    for item in (E.SPAN(SYMBOLS[status], E.CLASS(f"m st-{status}")), f" {status} ")
                ),
            ),
            id="matrix",
            **{"aria-labelledby": "matrix-h"},
        )
        main.append(matrix)
    for review in shown_reviews:
        rows = [r for r in review.rows if r.suspect] if only_suspect else review.rows
        shown = {r.anchor for r in rows}
        matrix.append(E.DIV(_matrix(review, shown), E.CLASS("scroll")))
        heading_id = f"d-{_doc_id(review.name)}"
        section = E.E.section(
            E.CLASS("document"),
            E.H2(review.name, id=f"{heading_id}-h"),
            id=heading_id,
            **_attrs(data_doc=review.name, aria_labelledby=f"{heading_id}-h"),
        )
        if review.findings:
            section.append(
                E.DIV(
                    E.CLASS("doc-findings"),
                    E.H3("Whole-document findings"),
                    *(_finding(rf, review.paths) for rf in review.findings),
                )
            )
        if not review.suspect:
            section.append(E.P(E.CLASS("nothing"), "Nothing to review in this document."))
        if rows:
            section.append(_side_by_side(review, rows))
        main.append(section)
    body = E.BODY(
        E.A("Skip to the report", E.CLASS("skip"), href="#main"),
        header,
        _filters(shown_reviews),
        main,
        E.E.footer(E.P(f"aligner {__version__}")),
        E.E.script(_asset("review.js")),
    )
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.META(name="generator", content=f"aligner {__version__}"),
            E.TITLE("aligner review"),
            E.STYLE(_asset("review.css")),
        ),
        body,
        lang="en",
    )
    return etree.tostring(page, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")
