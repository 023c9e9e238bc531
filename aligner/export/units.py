"""What becomes a TMX unit or a PO entry: one `Unit` per reference paragraph or
unnumbered block, with the counterpart text of every language and the reasons a pair is
suspect (`tmx_units` and `po_entries` make TUs and entries of them)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from aligner.checks.structure import reordered_links
from aligner.errors import UsageError
from aligner.findings import Finding, Revision, Severity
from aligner.formats.tmx import xml_safe
from aligner.model import Alignment, Block, Document, Kind, Link, Paragraph, item_keys
from aligner.pipeline import AlignedSet

#: What the `#.` comment of an unnumbered block says it is.
BLOCK_COMMENTS: dict[Kind, str] = {
    Kind.CODE: "document code",
    Kind.TITLE: "title block",
    Kind.HEADING: "heading",
    Kind.INTRO: "introductory line",
    Kind.TEXT: "unnumbered text",
}
SEGMENTS = ("paragraph", "sentence")

#: Warnings that say the content of a pair differs, so the pair is not trusted. Other
#: warnings (length, end punctuation, document code, introductory line) leave it trusted.
CONTENT_WARNINGS = frozenset({"number-mismatch", "untranslated", "wrong-language", "possible-swap"})


def makes_suspect(finding: Finding) -> bool:
    """Whether a finding on a paragraph keeps its pair out of a TMX (and fuzzy in PO)."""
    return finding.severity >= Severity.ERROR or finding.rule in CONTENT_WARNINGS


@dataclass(frozen=True)
class Counterpart:
    """The text one language gives a reference item (None when it has none)."""

    text: str | None
    reasons: tuple[str, ...] = ()  # why the pair is suspect; empty when it is trusted
    revision: Revision | None = None  # the reference text it was made from, when changed since
    confidence: float | None = None  # of the paragraph link (`Link.confidence`), if any
    file: str = ""  # the version's file, and the first line of the text there (0: none)
    line: int = 0

    @property
    def suspect(self) -> bool:
        return bool(self.reasons)


@dataclass(frozen=True)
class Unit:
    """One reference paragraph or unnumbered block and its counterparts by language."""

    key: str  # "<section>:<number>" for paragraphs, "<kind>:<ordinal>" for blocks
    source: str
    line: int
    comment: str
    paragraph: Paragraph | None
    counterparts: Mapping[str, Counterpart] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """`paragraph`, or the block's kind (`code`, `title`, `heading`, `intro`, `text`)."""
        return "paragraph" if self.paragraph is not None else self.key.split(":")[0]


@dataclass
class ExportReport:
    """What an export wrote (file and unit count) and what it warns about."""

    written: list[tuple[Path, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def creation_time() -> datetime:
    """Now in UTC, or `SOURCE_DATE_EPOCH` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is None or not epoch.strip():
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(epoch), UTC)
    except (ValueError, OverflowError, OSError):
        raise UsageError(f"SOURCE_DATE_EPOCH is not a Unix time: {epoch!r}") from None


def _names(finding: Finding, paragraph: Paragraph, *, reference_side: bool) -> bool:
    number = finding.reference_paragraph if reference_side else finding.paragraph
    if number != paragraph.cited:
        return False
    return finding.section is None or finding.section == paragraph.section


def _link_reasons(link: Link, lang: str) -> list[str]:
    if link.kind == "1-1":
        return []
    if not link.target:
        return [f"no {lang} counterpart"]
    if len(link.source) > 1:
        return [f"merged into one {lang} paragraph with its neighbour ({link.kind})"]
    return [f"split into {len(link.target)} {lang} paragraphs ({link.kind})"]


class _FindingIndex:
    """Findings by the language and paragraph number they name (so that finding the ones
    naming a paragraph costs the same however many findings there are)."""

    def __init__(self, findings: Sequence[Finding]):
        self._named: dict[tuple[str, int | str | None, bool], list[tuple[int, Finding]]] = {}
        for k, f in enumerate(findings):
            for side, number in ((False, f.paragraph), (True, f.reference_paragraph)):
                self._named.setdefault((f.lang, number, side), []).append((k, f))

    def findings(self, wanted: Iterable[tuple[str, Paragraph, bool]]) -> list[Finding]:
        """Every finding that names one of the `wanted` paragraphs (language, paragraph,
        whether on the reference side: see `_names`), each once, in the findings' order."""
        hits: dict[int, Finding] = {}
        for lang, p, reference_side in wanted:
            for k, f in self._named.get((lang, p.number, reference_side), ()):
                if _names(f, p, reference_side=reference_side):
                    hits[k] = f
        return [hits[k] for k in sorted(hits)]


def _crossing(alignment: Alignment) -> frozenset[int]:
    """`reordered_links`, without its search when the links keep the target's order
    (the usual case: each link's first target paragraph stands after the one before)."""
    index = {id(p): k for k, p in enumerate(alignment.target.paragraphs)}
    previous = -1
    for link in alignment.links:
        if link.target:
            position = index.get(id(link.target[0]), -1)  # -1: not the target's own object
            if position <= previous:
                return reordered_links(alignment)
            previous = position
    return frozenset()


def paragraph_units(aligned: AlignedSet, targets: Sequence[str]) -> list[Unit]:
    """One unit per reference paragraph, with every target's aligned text and suspicions."""
    ref = aligned.reference
    naming = _FindingIndex([f for f in aligned.findings if makes_suspect(f)])
    by_lang: dict[str, dict[Paragraph, Counterpart]] = {}
    for lang in targets:
        alignment = aligned.alignments.get(lang)
        found: dict[Paragraph, Counterpart] = {}
        crossing = _crossing(alignment) if alignment else frozenset()
        version = alignment.target.path if alignment else ""
        doubted = {k for pair in alignment.doubts for k in pair} if alignment else set()
        for k, link in enumerate(alignment.links if alignment else ()):
            reasons = _link_reasons(link, lang)
            if k in crossing:
                reasons.append(f"reordered: crosses another {lang} paragraph")
            if k in doubted:  # possible-swap is reported once, at the first of the two
                reasons.append(f"possible-swap: may be swapped with another {lang} paragraph")
            if link.confidence < aligned.min_confidence:
                reasons.append(
                    f"link confidence {link.confidence:.2f} below {aligned.min_confidence:g}"
                )
            named = naming.findings((lang, t, False) for t in link.target)
            reasons += [f"{f.rule}: {f.message}" for f in named]
            for index, p in enumerate(link.source):
                sides = dict.fromkeys((lang, ref.lang or ""))
                named = naming.findings((x, p, x != ref.lang) for x in sides)
                own = reasons + [f"{f.rule}: {f.message}" for f in named]
                revision = None
                for f in named:
                    revision = revision or (f.revision if f.lang == lang else None)
                text = " ".join(t.text for t in link.target) if index == 0 else None
                line = link.target[0].line if index == 0 and link.target else 0
                found[p] = Counterpart(
                    text or None,
                    tuple(dict.fromkeys(own)),
                    revision,
                    link.confidence,
                    file=version,
                    line=line,
                )
        by_lang[lang] = found
    headings = {p: section.heading for section in ref.sections for p in section.paragraphs}
    units = []
    for key, item in zip(item_keys(ref), ref.items, strict=True):
        if isinstance(item, Paragraph):
            counterparts = {
                lang: by_lang[lang].get(item, Counterpart(None, (f"not aligned in {lang}",)))
                for lang in targets
            }
            units.append(
                Unit(key, item.text, item.line, headings.get(item, ""), item, counterparts)
            )
    return units


def _blocks_by_kind(doc: Document) -> dict[Kind, list[Block]]:
    out: dict[Kind, list[Block]] = {}
    for block in doc.blocks:
        out.setdefault(block.kind, []).append(block)
    return out


def block_units(aligned: AlignedSet, targets: Sequence[str]) -> list[Unit]:
    """One unit per unnumbered block of the reference (code, title, headings, intro lines).

    The n-th block of a kind pairs with the n-th block of that kind in a target, when the
    target has as many blocks of that kind as the reference.
    """
    ref = aligned.reference
    ref_blocks = _blocks_by_kind(ref)
    target_docs = {
        lang: doc for lang in targets if (doc := aligned.documents.get(lang)) is not None
    }
    target_blocks = {lang: _blocks_by_kind(doc) for lang, doc in target_docs.items()}
    units = []
    ordinal: Counter[Kind] = Counter()
    for key, block in zip(item_keys(ref), ref.items, strict=True):
        if not isinstance(block, Block):
            continue
        n = ordinal[block.kind]
        ordinal[block.kind] += 1
        count = len(ref_blocks[block.kind])
        counterparts = {}
        for lang in targets:
            theirs = target_blocks.get(lang, {}).get(block.kind, [])
            if len(theirs) == count:
                path = target_docs[lang].path
                counterparts[lang] = Counterpart(theirs[n].text, file=path, line=theirs[n].line)
            else:
                why = f"{len(theirs)} {block.kind.value} blocks in {lang}, {count} here"
                counterparts[lang] = Counterpart(None, (why,))
        comment = BLOCK_COMMENTS[block.kind]
        units.append(Unit(key, block.text, block.line, comment, None, counterparts))
    return units


def document_units(aligned: AlignedSet, targets: Sequence[str]) -> list[Unit]:
    """Block and paragraph units in the reference's document order."""
    blocks = iter(block_units(aligned, targets))
    paragraphs = iter(paragraph_units(aligned, targets))
    return [
        next(paragraphs) if isinstance(item, Paragraph) else next(blocks)
        for item in aligned.reference.items
    ]


def _clean(text: str, where: str, report: ExportReport) -> str:
    safe, dropped = xml_safe(text)
    if dropped:
        report.warnings.append(f"{where}: dropped {dropped} character(s) not allowed in XML 1.0")
    return safe


def _clean_counterpart(cp: Counterpart, where: str, report: ExportReport) -> Counterpart:
    """`cp` with its text `_clean` (None when empty), the same object when that changes
    nothing."""
    if not cp.text:
        return cp if cp.text is None else replace(cp, text=None)
    text = _clean(cp.text, where, report)
    return cp if text == cp.text else replace(cp, text=text)


def sanitize(units: list[Unit], aligned: AlignedSet, report: ExportReport) -> list[Unit]:
    """The units with XML-1.0-illegal characters dropped (one warning per text)."""
    out = []
    ref_path = aligned.reference.path
    for unit in units:
        source = _clean(unit.source, f"{ref_path}:{unit.line}", report)
        counterparts = {
            lang: _clean_counterpart(cp, f"{aligned.name} {lang} {unit.key}", report)
            for lang, cp in unit.counterparts.items()
        }
        out.append(Unit(unit.key, source, unit.line, unit.comment, unit.paragraph, counterparts))
    return out
