"""What a review shows: per document, one row per reference unit, one cell per language.

Built once from aligned sets (`aligner.pipeline.AlignedSet`) and rendered as HTML or as a
terminal table. Every finding is attached to exactly one cell (or to its document when it
names no paragraph), gets a stable anchor (`finding_anchor`) and the configuration entries
that keep a reviser's decision (`suggestions`).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from aligner.findings import Finding, Severity
from aligner.model import Block, Document, Kind, Link, Paragraph
from aligner.pipeline import AlignedSet
from aligner.text.numbers import number_spans

#: Cell statuses, mildest first (the matrix colours them).
STATUSES: tuple[str, ...] = ("ok", "warning", "error", "missing", "extra")

#: Rules whose finding means the whole paragraph is in the wrong language (marked whole).
_WHOLE_TEXT = frozenset({"untranslated", "wrong-language"})
#: Rules about a link between paragraphs: the reviser may pin the right link.
_LINK_RULES = frozenset(
    {
        "missing-paragraph",
        "extra-paragraph",
        "merged-paragraphs",
        "split-paragraph",
        "reordered-paragraphs",
        "misnumbered-paragraph",
        "length-mismatch",
        "number-mismatch",
    }
)
_QUOTED = re.compile(r"[\"“«‘']([^\"”»’']{4,})[\"”»’']")
_SENTENCE_END = re.compile(r"[.;:!?](?=\s|$)")
_ID_SAFE = re.compile(r"[^A-Za-z0-9.\-]")
#: Characters of context kept on either side of a marked token in an evidence snippet.
_CONTEXT = 60

Span = tuple[int, int]


def _escape(part: str) -> str:
    """`part` with every character but ASCII letters, digits, '.' and '-' as `_<hex>_`."""
    return _ID_SAFE.sub(lambda m: f"_{ord(m.group(0)):x}_", part) or "_"


def unit_of(finding: Finding) -> str:
    """The unit a finding is about, as its anchor names it: the reference paragraph
    (`7`, or `2.7` in section 2), else `x` and the version's own number, else `doc`."""
    number = finding.reference_paragraph
    prefix = "" if number is not None else "x"
    if number is None:
        number = finding.paragraph
    if number is None:
        return "doc"
    section = f"{finding.section}." if finding.section not in (None, "1") else ""
    return f"{prefix}{section}{number}"


def finding_anchor(finding: Finding) -> str:
    """The HTML id of a finding in the review report: `f-<doc>-<lang>-<unit>-<rule>`.

    Parts are escaped (see `_escape`); a second finding with the same id gets `-2`, a
    third `-3` (in the order of the sorted findings).
    """
    parts = (finding.document, finding.lang, unit_of(finding), finding.rule)
    return "f-" + "-".join(_escape(p) for p in parts)


def finding_anchors(findings: Iterable[Finding]) -> dict[Finding, str]:
    """The HTML id of each finding, numbered as the review page numbers repeats (`-2`,
    `-3` in the order it lists findings); SARIF links use it too."""
    ids: Counter[str] = Counter()
    out = {}
    for f in sorted(findings, key=_order):
        anchor = finding_anchor(f)
        ids[anchor] += 1
        out[f] = anchor if ids[anchor] == 1 else f"{anchor}-{ids[anchor]}"
    return out


def row_anchor(document: str, unit: str) -> str:
    """The HTML id of a row: `u-<doc>-<unit>`."""
    return f"u-{_escape(document)}-{_escape(unit)}"


@dataclass(frozen=True)
class Piece:
    """One paragraph or block of a version as a cell shows it (own number, line, text)."""

    label: str  # the version's own number ("7", "2.7"); "" for an unnumbered block
    line: int
    text: str
    marks: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """A snippet of another text with the token that matters marked (e.g. the lacking year)."""

    lang: str
    label: str
    text: str
    marks: tuple[Span, ...]


@dataclass(frozen=True)
class ReviewFinding:
    """A finding as the review shows it."""

    finding: Finding
    anchor: str
    evidence: tuple[Evidence, ...] = ()
    suggestions: tuple[str, ...] = ()  # TOML entries that keep the reviser's decision


@dataclass
class Cell:
    """What one language gives one row."""

    lang: str
    status: str = "ok"
    pieces: list[Piece] = field(default_factory=list)
    note: str = ""
    findings: list[ReviewFinding] = field(default_factory=list)
    confidence: float | None = None
    link: Link | None = None


@dataclass
class Row:
    """One reference unit (or one extra unit of a version) across languages."""

    unit: str  # reference unit id: "7", "2.7", "title:1"; "" for an extra unit
    kind: str  # "paragraph", "block" or "extra"
    anchor: str
    cells: dict[str, Cell]  # by language, the reference first
    paragraph: Paragraph | None = None

    @property
    def suspect(self) -> bool:
        return any(c.status != "ok" or c.findings for c in self.cells.values())


@dataclass(frozen=True)
class LangSummary:
    """Counts for one language of one document."""

    lang: str
    errors: int
    warnings: int
    aligned: int  # reference paragraphs with a counterpart
    units: int  # reference paragraphs
    extra: int
    confidence: float | None  # mean link confidence, when the alignment gives one


@dataclass
class DocumentReview:
    """The review of one document set."""

    name: str
    reference: str
    langs: list[str]  # shown target languages
    rows: list[Row]
    summaries: list[LangSummary]
    findings: list[ReviewFinding]  # findings that name no unit (whole file)
    paths: dict[str, str]

    @property
    def suspect(self) -> bool:
        return bool(self.findings) or any(r.suspect for r in self.rows)


def unit_id(paragraph: Paragraph, doc: Document) -> str:
    """A paragraph's number as people cite it: "7", or "2.7" when numbering has sections;
    its id when not a plain number ("3.4", "¶12")."""
    if not paragraph.sequential:
        return paragraph.ident
    if len(doc.sections) > 1:
        return f"{paragraph.section}.{paragraph.number}"
    return str(paragraph.number)


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def suggestions(finding: Finding, reference: str, cell: Cell | None) -> tuple[str, ...]:
    """The `[[tool.aligner.suppress]]` entry that keeps `finding` from coming back, and,
    for a finding about a link, the `[[tool.aligner.pin]]` that fixes the link shown (or,
    for a missing paragraph, the link to the version's paragraph of the same number)."""
    lines = ["[[tool.aligner.suppress]]", f"rule = {_toml(finding.rule)}"]
    if finding.document:
        lines.append(f"document = {_toml(finding.document)}")
    if finding.lang:
        lines.append(f"lang = {_toml(finding.lang)}")
    number = finding.paragraph if finding.paragraph is not None else finding.reference_paragraph
    if number is not None:
        lines.append(f"paragraph = {number}")
    if finding.section not in (None, "1"):
        lines.append(f"section = {_toml(finding.section or '')}")
    lines.append('reason = "deliberate: "')
    out = ["\n".join(lines)]
    if cell is not None and finding.rule in _LINK_RULES and finding.lang != reference:
        pin = _pin_for(finding, reference, cell)
        if pin:
            out.append(
                "\n".join(
                    [
                        "[[tool.aligner.pin]]",
                        f"document = {_toml(finding.document)}",
                        f"link = {_toml(pin)}",
                        'reason = "checked by a reviser"',
                    ]
                )
            )
    return tuple(out)


def _pin_for(finding: Finding, reference: str, cell: Cell) -> str | None:
    link = cell.link
    if link is not None and link.kind == "1-1":
        ref, tgt = link.source[0], link.target[0]
        return f"{reference} {_pin_number(ref)} = {finding.lang} {_pin_number(tgt)}"
    if finding.rule == "missing-paragraph" and finding.reference_paragraph is not None:
        section = f"{finding.section}:" if finding.section not in (None, "1") else ""
        n = finding.reference_paragraph
        return f"{reference} {section}{n} = {finding.lang} {section}{n}"
    return None


def _pin_number(p: Paragraph) -> str:
    if not p.sequential:
        return p.ident
    return f"{p.section}:{p.number}" if p.section != "1" else str(p.number)


def _marks_for(finding: Finding, piece: Piece, reference_text: str | None) -> list[Span]:
    """Spans of `piece.text` that `finding` is about."""
    text = piece.text
    if not text:
        return []
    if finding.rule in _WHOLE_TEXT:
        return [(0, len(text))]
    if finding.rule == "number-mismatch" and reference_text is not None:
        expected = Counter(v for _, _, v in number_spans(reference_text))
        out = []
        for start, end, value in number_spans(text):
            if expected[value] > 0:
                expected[value] -= 1
            else:
                out.append((start, end))
        return out
    if finding.rule == "punctuation-mismatch":
        end = len(text.rstrip())
        return [(end - 1, end)] if end else []
    out = []
    for quoted in _QUOTED.findall(finding.message):  # a sentence named by its first words
        at = text.find(quoted.rstrip(".… "))
        if at >= 0:
            out.append(_sentence_span(text, at))
    return out


def _sentence_span(text: str, start: int) -> Span:
    end = _SENTENCE_END.search(text, start)
    return (start, end.end() if end else len(text))


def _evidence(finding: Finding, ref_lang: str, ref: Piece, target_text: str) -> list[Evidence]:
    """The reference token a finding is about, in a short snippet of the reference text."""
    spans: list[Span] = []
    if finding.rule == "number-mismatch":
        found = Counter(v for _, _, v in number_spans(target_text))
        for start, end, value in number_spans(ref.text):
            if found[value] > 0:
                found[value] -= 1
            else:
                spans.append((start, end))
    for quoted in _QUOTED.findall(finding.message):
        at = ref.text.find(quoted.rstrip(".… "))
        if at >= 0:
            spans.append(_sentence_span(ref.text, at))
    if not spans:
        return []
    lo = max(0, min(s for s, _ in spans) - _CONTEXT)
    hi = min(len(ref.text), max(e for _, e in spans) + _CONTEXT)
    snippet = ("…" if lo else "") + ref.text[lo:hi] + ("…" if hi < len(ref.text) else "")
    shift = 1 if lo else 0
    marks = tuple((s - lo + shift, e - lo + shift) for s, e in sorted(spans))
    return [Evidence(ref_lang, ref.label, snippet, marks)]


def merge_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping spans covering `spans`."""
    out: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


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
    for f in sorted(aligned.findings, key=_order):
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
                extra = _marks_for(f, piece, ref_piece.text if ref_piece else None)
                spans = merge_spans([*piece.marks, *extra])
                pieces.append(Piece(piece.label, piece.line, piece.text, spans))
            cell.pieces = pieces
            if ref_piece is not None:
                target_text = " ".join(p.text for p in cell.pieces)
                evidence = _evidence(f, ref_lang, ref_piece, target_text)
        cell.findings.append(
            ReviewFinding(f, anchor, tuple(evidence), suggestions(f, ref_lang, cell))
        )
    for row in rows:
        for cell in row.cells.values():
            if cell.status == "ok":
                cell.status = _severity_status(cell)
    return loose


def _order(f: Finding) -> tuple[str, str, int, int, str, str]:
    return (f.lang, f.file, f.line, f.column, f.rule, f.message)


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
