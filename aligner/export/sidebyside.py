"""Side-by-side revision tables (XLSX, TSV): what LF Aligner users revise in a spreadsheet.

`document_sheet` turns an aligned set into a `Sheet`: a row per reference unit in document
order (blocks paired as in the PO and TMX export), a row for each paragraph a version adds,
placed after the reference paragraph it follows, and a first `document` row for findings
about a whole file. Every finding lands in the row and language cell it names, and colours
it: error (and missing, extra) or warning. `export_sheets` writes the tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from aligner.atomic import atomic_output
from aligner.errors import UsageError
from aligner.export.units import ExportReport, block_units, creation_time
from aligner.findings import Finding, Severity
from aligner.formats.table import Cell, Row, Sheet
from aligner.formats.tsv import render_tsv
from aligner.formats.xlsx import write_xlsx
from aligner.model import LANGUAGES, Block, Paragraph, item_keys
from aligner.pipeline import AlignedSet
from aligner.reports.common import one_line

FORMATS = ("xlsx", "tsv")
#: The worse of two statuses, by rank.
_RANK = {"ok": 0, "warning": 1, "error": 2, "missing": 2, "extra": 2}


def _worst(statuses: Sequence[str]) -> str:
    ranked = max((_RANK[s] for s in statuses), default=0)
    return {0: "ok", 1: "warning", 2: "error"}[ranked]


def _label(paragraphs: Sequence[Paragraph]) -> str:
    return "+".join(p.label for p in paragraphs)


def _text(paragraphs: Sequence[Paragraph]) -> str:
    return " ".join(p.text for p in paragraphs)


class _Grid:
    """Rows being built: cells by (row, language), findings by row."""

    def __init__(self, langs: Sequence[str]) -> None:
        self.langs = list(langs)
        self.rows: list[tuple[str, str]] = []  # (unit, kind)
        self.cells: list[dict[str, Cell]] = []
        self.findings: list[list[Finding]] = []

    def add(self, unit: str, kind: str, cells: dict[str, Cell]) -> int:
        self.rows.append((unit, kind))
        self.cells.append(cells)
        self.findings.append([])
        return len(self.rows) - 1

    def note(self, row: int, f: Finding, lang: str) -> None:
        self.findings[row].append(f)
        cell = self.cells[row].get(lang, Cell())
        status = "error" if f.severity >= Severity.ERROR else "warning"
        if _RANK[status] > _RANK[cell.status]:
            cell = Cell(cell.number, cell.text, status)
        self.cells[row][lang] = cell

    def sheet(self, name: str, order: Sequence[str]) -> Sheet:
        rows = []
        for (unit, kind), cells, found in zip(self.rows, self.cells, self.findings, strict=True):
            row_cells = tuple(cells.get(lang, Cell()) for lang in order)
            lines = tuple(
                one_line(f"{f.lang} {f.severity} {f.rule}: {f.message}")
                for f in sorted(found, key=lambda f: (_order(f.lang), f.line, f.rule))
            )
            rows.append(Row(unit, kind, row_cells, _worst([c.status for c in row_cells]), lines))
        return Sheet(name, tuple(order), tuple(rows))


def _order(lang: str) -> int:
    return LANGUAGES.index(lang) if lang in LANGUAGES else len(LANGUAGES)


def document_sheet(aligned: AlignedSet, langs: Sequence[str]) -> Sheet:
    """The side-by-side table of one aligned set over columns `langs` (the reference first;
    a language the set lacks gets empty cells)."""
    ref = aligned.reference
    ref_lang = ref.lang or ""
    targets = [lang for lang in langs if lang != ref_lang and aligned.documents.get(lang)]
    # per language: each reference paragraph's counterpart, and the paragraphs it adds
    # after a reference paragraph (None: before the first)
    linked: dict[str, dict[Paragraph, Cell]] = {}
    versions: dict[str, dict[Paragraph, tuple[Paragraph, ...]]] = {}
    extras: dict[Paragraph | None, list[tuple[str, tuple[Paragraph, ...]]]] = {}
    for lang in targets:
        alignment = aligned.alignments.get(lang)
        own: dict[Paragraph, Cell] = {}
        theirs: dict[Paragraph, tuple[Paragraph, ...]] = {}
        after: Paragraph | None = None
        for link in alignment.links if alignment else ():
            if not link.source:
                extras.setdefault(after, []).append((lang, link.target))
                continue
            first, *merged = link.source
            after = link.source[-1]
            theirs[first] = link.target
            if link.target:
                own[first] = Cell(_label(link.target), _text(link.target))
            for p in merged:  # merged into one version paragraph: its text is in `first`'s row
                own[p] = Cell(_label(link.target), "", "error" if link.target else "missing")
        linked[lang] = own
        versions[lang] = theirs
    grid = _Grid(langs)
    document_row = grid.add("", "document", {})
    ref_rows: dict[Paragraph, int] = {}
    target_rows: dict[str, list[tuple[Paragraph, int]]] = {lang: [] for lang in targets}

    def add_extras(after: Paragraph | None) -> None:
        for lang, paragraphs in extras.get(after, []):
            cell = Cell(_label(paragraphs), _text(paragraphs), "extra")
            row = grid.add("", "extra", {lang: cell})
            target_rows[lang] += [(p, row) for p in paragraphs]

    add_extras(None)
    blocks = {u.key: u for u in block_units(aligned, targets)}
    for key, item in zip(item_keys(ref), ref.items, strict=True):
        cells: dict[str, Cell]
        if isinstance(item, Block):
            cells = {ref_lang: Cell("", item.text)}
            for lang in targets:
                cp = blocks[key].counterparts[lang]
                cells[lang] = Cell("", cp.text or "", "ok" if cp.text else "missing")
            grid.add(key, item.kind.value, cells)
            continue
        cells = {ref_lang: Cell(item.label, item.text)}
        for lang in targets:
            cells[lang] = linked[lang].get(item, Cell(status="missing"))
        row = grid.add(key, "paragraph", cells)
        ref_rows[item] = row
        for lang in targets:
            target_rows[lang] += [(p, row) for p in versions[lang].get(item, ())]
        add_extras(item)
    ref_index = _index(ref_rows.items())
    target_index = {lang: _index(rows) for lang, rows in target_rows.items()}
    for f in aligned.findings:
        where, lang = _place(f, ref_lang, ref_index, target_index)
        grid.note(document_row if where is None else where, f, lang)
    sheet = grid.sheet(aligned.name, langs)
    if not sheet.rows[0].findings:  # no finding about a whole file: no document row
        sheet = Sheet(sheet.name, sheet.langs, sheet.rows[1:])
    return sheet


_Index = dict[int | str, list[tuple[Paragraph, int]]]


def _index(rows: Iterable[tuple[Paragraph, int]]) -> _Index:
    out: _Index = {}
    for p, row in rows:
        out.setdefault(p.cited, []).append((p, row))
    return out


def _find(index: _Index, number: int | str | None, section: str | None) -> int | None:
    """The row of the paragraph numbered `number` (or with that id: "3.4", "¶2"; in
    `section` if it has one there)."""
    if number is None:
        return None
    candidates = index.get(number, [])
    exact = [row for p, row in candidates if section is None or p.section == section]
    chosen = exact or [row for _, row in candidates]
    return chosen[0] if chosen else None


def _place(
    f: Finding, ref_lang: str, ref_index: _Index, target_index: Mapping[str, _Index]
) -> tuple[int | None, str]:
    """The row and language cell a finding belongs to (row None: the whole document)."""
    if f.lang == ref_lang or not f.lang:
        number = f.paragraph if f.paragraph is not None else f.reference_paragraph
        return _find(ref_index, number, f.section), ref_lang
    row = _find(target_index.get(f.lang, {}), f.paragraph, f.section)
    if row is None:
        row = _find(ref_index, f.reference_paragraph, f.section)
    return row, f.lang


def columns(sets: Sequence[AlignedSet], targets: Sequence[str] | None) -> list[str]:
    """The languages of the table: the reference, then every target in LANGUAGES order."""
    refs = list(dict.fromkeys(a.reference.lang or "" for a in sets))
    present = {lang for a in sets for lang in a.documents.langs}
    wanted = present if targets is None else set(targets) & present
    rest = sorted(wanted - set(refs), key=lambda lang: (_order(lang), lang))
    return [*refs, *rest]


def export_sheets(
    sets: Sequence[AlignedSet],
    output: str | Path,
    fmt: str,
    *,
    targets: Sequence[str] | None = None,
    locales: Mapping[str, str] | None = None,
) -> ExportReport:
    """Write one XLSX workbook (a sheet per document) or one TSV file (a `document` column)
    to `output`: a file, or a folder that gets `<document>.<fmt>` for a single document."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown table format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if len({a.reference.lang for a in sets}) > 1:
        raise UsageError("the documents have different reference languages")
    path = Path(output)
    if str(output) != "-" and (path.is_dir() or not path.suffix):  # "-": standard output
        if len(sets) > 1:
            raise UsageError(f"--to {fmt} with several documents needs -o FILE.{fmt}")
        path = path / f"{sets[0].name}.{fmt}"
    langs = columns(sets, targets)
    sheets = [document_sheet(a, langs) for a in sets]
    codes = tuple((locales or {}).get(lang, lang) for lang in langs)
    sheets = [Sheet(s.name, codes, s.rows) for s in sheets]
    inputs = [d.path for a in sets for d in a.documents.versions]
    with atomic_output(path, inputs=inputs) as stream:
        if fmt == "xlsx":
            write_xlsx(stream, sheets, creation_time())
        else:
            stream.write(render_tsv(sheets).encode("utf-8", "replace"))  # lone surrogates
    report = ExportReport()
    report.written.append((path, sum(len(s.rows) for s in sheets)))
    return report
