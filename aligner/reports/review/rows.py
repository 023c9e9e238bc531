"""A review built from aligned sets (`aligner.pipeline.AlignedSet`): per document, one
row per reference unit (and per extra unit of a version), one cell per language, and every
finding attached to exactly one cell (or to its document when it names no paragraph),
with its anchor (`anchors`), marks and evidence (`marks`) and the configuration entries
that keep a reviser's decision (`suggestions`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from aligner.findings import Finding, Severity
from aligner.model import Block, Document, Kind, Paragraph
from aligner.pipeline import AlignedSet
from aligner.reports.review.anchors import finding_anchors, review_order, row_anchor, unit_id
from aligner.reports.review.cells import (
    Cell,
    DocumentReview,
    Evidence,
    LangSummary,
    Piece,
    ReviewFinding,
    Row,
)
from aligner.reports.review.marks import evidence_for, marks_for, merge_spans
from aligner.reports.review.suggestions import suggestions


def _severity_status(cell: Cell) -> str:
    worst = max((rf.finding.severity for rf in cell.findings), default=None)
    if worst is Severity.ERROR:
        return "error"
    if worst is Severity.WARNING:
        return "warning"
    return "ok"


def _piece(p: Paragraph, doc: Document) -> Piece:
    return Piece(unit_id(p, doc), p.line, p.text)


def _block_rows(aligned: AlignedSet, langs: Sequence[str]) -> dict[int, Row]:
    """Rows of the reference's unnumbered blocks, by item index."""
    ref = aligned.reference
    ref_lang = ref.lang or ""

    def by_kind(doc: Document) -> dict[Kind, list[Block]]:
        out: dict[Kind, list[Block]] = {}
        for block in doc.blocks:
            out.setdefault(block.kind, []).append(block)
        return out

    mine = by_kind(ref)
    theirs = {lang: by_kind(doc) for lang in langs if (doc := aligned.documents.get(lang))}
    seen: Counter[Kind] = Counter()
    rows = {}
    for index, item in enumerate(ref.items):
        if not isinstance(item, Block):
            continue
        seen[item.kind] += 1
        n = seen[item.kind]
        unit = f"{item.kind.value}:{n}"
        cells = {ref_lang: Cell(ref_lang, pieces=[Piece("", item.line, item.text)])}
        for lang in langs:
            blocks = theirs.get(lang, {}).get(item.kind, [])
            cell = Cell(lang)
            if n <= len(blocks):
                cell.pieces.append(Piece("", blocks[n - 1].line, blocks[n - 1].text))
            if len(blocks) != len(mine[item.kind]):
                cell.status = "warning" if n <= len(blocks) else "missing"
                cell.note = (
                    f"{len(blocks)} {item.kind.value} blocks in {lang}, "
                    f"{len(mine[item.kind])} in {ref_lang}"
                )
            cells[lang] = cell
        rows[index] = Row(unit, "block", row_anchor(aligned.name, unit), cells)
    return rows


def review_document(  # noqa: C901, PLR0912  (rows, summaries and findings in one pass)
    aligned: AlignedSet, langs: Sequence[str]
) -> DocumentReview:
    """The rows, summaries and placed findings of one aligned set for languages `langs`."""
    ref = aligned.reference
    ref_lang = ref.lang or ""
    rows_by_paragraph: dict[Paragraph, Row] = {}
    seen_ids: Counter[str] = Counter()
    for p in ref.paragraphs:
        unit = unit_id(p, ref)
        seen_ids[unit] += 1
        if seen_ids[unit] > 1:
            unit = f"{unit}+{seen_ids[unit]}"
        cells = {ref_lang: Cell(ref_lang, pieces=[_piece(p, ref)])}
        rows_by_paragraph[p] = Row(unit, "paragraph", row_anchor(aligned.name, unit), cells, p)
    extras: dict[Paragraph | None, list[Row]] = {}
    for lang in langs:
        doc = aligned.documents.get(lang)
        alignment = aligned.alignments.get(lang)
        last: Paragraph | None = None
        for link in alignment.links if alignment and doc else ():
            if not link.source:
                for t in link.target:
                    assert doc is not None
                    own = unit_id(t, doc)
                    cell = Cell(lang, "extra", [_piece(t, doc)], link=link)
                    cell.note = f"no {ref_lang} counterpart"
                    anchor = row_anchor(aligned.name, f"{lang}-x{own}")
                    extras.setdefault(last, []).append(Row("", "extra", anchor, {lang: cell}))
                continue
            for index, p in enumerate(link.source):
                assert doc is not None
                cell = Cell(lang, link=link, confidence=link.confidence)
                if not link.target:
                    cell.status, cell.note = "missing", f"no {lang} counterpart"
                elif index == 0:
                    cell.pieces = [_piece(t, doc) for t in link.target]
                    if len(link.target) > 1:
                        cell.note = f"{ref_lang} {unit_id(p, ref)} is split in {lang}"
                if len(link.source) > 1:
                    numbers = " and ".join(unit_id(s, ref) for s in link.source)
                    held = " ".join(f"{lang} {unit_id(t, doc)}" for t in link.target)
                    cell.note = f"{held} holds {ref_lang} {numbers}" + (
                        " (shown above)" if index else ""
                    )
                if link.kind != "1-1" and cell.status == "ok":
                    cell.status = "error"
                rows_by_paragraph[p].cells[lang] = cell
                last = p
        for row in rows_by_paragraph.values():
            if lang not in row.cells:
                row.cells[lang] = Cell(lang, "missing", note=f"not aligned in {lang}")
    blocks = _block_rows(aligned, langs)
    rows: list[Row] = list(extras.get(None, []))
    for index, item in enumerate(ref.items):
        if isinstance(item, Block):
            rows.append(blocks[index])
        else:
            rows.append(rows_by_paragraph[item])
            rows.extend(extras.get(item, []))
    loose = _place_findings(aligned, rows, [ref_lang, *langs])
    return DocumentReview(
        aligned.name,
        ref_lang,
        list(langs),
        rows,
        _summaries(aligned, rows, langs),
        loose,
        {d.lang or "": d.path for d in aligned.documents.versions},
    )


def _place_findings(
    aligned: AlignedSet, rows: list[Row], langs: Sequence[str]
) -> list[ReviewFinding]:
    """Attach each finding to the cell it is about; return those that name no cell."""
    ref = aligned.reference
    ref_lang = ref.lang or ""
    by_own: dict[tuple[str, str, int | str], tuple[Row, Cell]] = {}
    by_ref: dict[tuple[str, str, int | str], tuple[Row, Cell]] = {}
    by_number: dict[tuple[str, int | str], tuple[Row, Cell]] = {}  # any section
    for row in rows:
        for lang, cell in row.cells.items():
            for t in cell.link.target if cell.link and cell.pieces else ():
                by_own.setdefault((lang, t.section, t.cited), (row, cell))
            if lang == ref_lang and row.paragraph is not None:
                key = (lang, row.paragraph.section, row.paragraph.cited)
                by_own.setdefault(key, (row, cell))
            if row.paragraph is not None:
                key = (lang, row.paragraph.section, row.paragraph.cited)
                by_ref.setdefault(key, (row, cell))
                by_number.setdefault((lang, row.paragraph.cited), (row, cell))
    anchors = finding_anchors(aligned.findings)
    loose: list[ReviewFinding] = []
    for f in sorted(aligned.findings, key=review_order):
        if f.lang not in langs:
            continue
        anchor = anchors[f]
        found = _cell_for(f, by_own, by_ref, by_number)
        if found is None:
            loose.append(ReviewFinding(f, anchor, (), suggestions(f, ref_lang, None)))
            continue
        row, cell = found
        evidence: list[Evidence] = []
        if f.lang != ref_lang:
            mine = row.cells.get(ref_lang)
            ref_piece = mine.pieces[0] if mine and mine.pieces and row.paragraph else None
            pieces = []
            for piece in cell.pieces:
                extra = marks_for(f, piece, ref_piece.text if ref_piece else None)
                spans = merge_spans([*piece.marks, *extra])
                pieces.append(Piece(piece.label, piece.line, piece.text, spans))
            cell.pieces = pieces
            if ref_piece is not None:
                target_text = " ".join(p.text for p in cell.pieces)
                evidence = evidence_for(f, ref_lang, ref_piece, target_text)
        cell.findings.append(
            ReviewFinding(f, anchor, tuple(evidence), suggestions(f, ref_lang, cell))
        )
    for row in rows:
        for cell in row.cells.values():
            if cell.status == "ok":
                cell.status = _severity_status(cell)
    return loose


def _cell_for(
    f: Finding,
    by_own: dict[tuple[str, str, int | str], tuple[Row, Cell]],
    by_ref: dict[tuple[str, str, int | str], tuple[Row, Cell]],
    by_number: dict[tuple[str, int | str], tuple[Row, Cell]],
) -> tuple[Row, Cell] | None:
    """The cell a finding is about: the one showing the version paragraph it names, else
    the one of the reference paragraph it names (in its section, else in any)."""
    section = "1" if f.section is None else f.section
    if f.paragraph is not None:
        found = by_own.get((f.lang, section, f.paragraph))
        if found is not None:
            return found
    if f.reference_paragraph is not None:
        hit = by_ref.get((f.lang, section, f.reference_paragraph))
        return hit or by_number.get((f.lang, f.reference_paragraph))
    return None


def _summaries(aligned: AlignedSet, rows: Sequence[Row], langs: Sequence[str]) -> list[LangSummary]:
    out = []
    ref_lang = aligned.reference.lang or ""
    for lang in [ref_lang, *langs]:
        mine = [f for f in aligned.findings if f.lang == lang]
        paragraph_rows = [r for r in rows if r.kind == "paragraph"]
        aligned_count = sum(
            1 for r in paragraph_rows if lang in r.cells and r.cells[lang].status != "missing"
        )
        confidences = [
            c.confidence
            for r in paragraph_rows
            if (c := r.cells.get(lang)) is not None and c.confidence is not None
        ]
        out.append(
            LangSummary(
                lang,
                sum(f.severity is Severity.ERROR for f in mine),
                sum(f.severity is Severity.WARNING for f in mine),
                aligned_count,
                len(paragraph_rows),
                sum(1 for r in rows if r.kind == "extra" and lang in r.cells),
                sum(confidences) / len(confidences) if confidences else None,
            )
        )
    return out


def chosen_langs(aligned: AlignedSet, targets: Sequence[str] | None) -> list[str]:
    """The target languages to show: `targets` that the set has (default: all but the
    reference)."""
    present = [x for x in aligned.documents.langs if x != aligned.reference.lang]
    return present if targets is None else [x for x in targets if x in present]


def review_sets(
    sets: Sequence[AlignedSet], targets: Sequence[str] | None = None
) -> list[DocumentReview]:
    """Every document's review, in input order."""
    return [review_document(a, chosen_langs(a, targets)) for a in sets]
