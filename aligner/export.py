"""Export aligned document sets as TMX 1.4b translation memories or POT/PO catalogs.

The flow: `aligner.pipeline.load_aligned` reads, aligns and checks the inputs;
`paragraph_units` and `block_units` turn each set into `Unit`s, one per reference paragraph
or unnumbered block, holding the counterpart text of every language and the reasons it is
suspect (an error or a content warning names it, see `makes_suspect`, or the link is not
1-1);
`export_tmx` and `export_po` write the files. Suspect pairs are left out of TMX (listed in
the report) unless `include_suspect`, and marked fuzzy in PO with the reasons as translator
comments. Blocks (document code, title, headings, introductory lines) are units in both
formats (`x-kind` prop in TMX). `locales` maps a language to the code written for it
(`fr` -> `fr-FR`: TMX `xml:lang`, PO `Language` in gettext's spelling `fr_FR`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.atomic import OutputBatch, atomic_output, input_scope, output_batch
from aligner.checks.amendments import StaleTranslation
from aligner.checks.base import Finding, Revision, Severity
from aligner.checks.structure import reordered_links
from aligner.errors import UsageError
from aligner.model import Block, Document, Kind, Link, Paragraph, item_keys
from aligner.pipeline import EXPORT, Progress, load_aligned
from aligner.pipeline import AlignedSet as AlignedSet  # where callers long found it
from aligner.reports.common import one_line
from aligner.writers.po import CatalogEntry, WrapMemo, gettext_locale, render_catalog
from aligner.writers.tmx import Prop, TmxHeader, TranslationUnit, Variant, write_tmx, xml_safe

if TYPE_CHECKING:
    from aligner.config import Config

#: What the `#.` comment of an unnumbered block says it is.
BLOCK_COMMENTS: dict[Kind, str] = {
    Kind.CODE: "document code",
    Kind.TITLE: "title block",
    Kind.HEADING: "heading",
    Kind.INTRO: "introductory line",
    Kind.TEXT: "unnumbered text",
}
SEGMENTS = ("paragraph", "sentence")
#: What `aligner export --to` writes: memories, catalogs, side-by-side tables.
EXPORT_FORMATS = ("tmx", "po", "xlsx", "tsv")

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
        self._named: dict[tuple[str, int | None, bool], list[tuple[int, Finding]]] = {}
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


def paragraph_units(aligned: AlignedSet, targets: Sequence[str]) -> list[Unit]:
    """One unit per reference paragraph, with every target's aligned text and suspicions."""
    ref = aligned.reference
    naming = _FindingIndex([f for f in aligned.findings if makes_suspect(f)])
    by_lang: dict[str, dict[Paragraph, Counterpart]] = {}
    for lang in targets:
        alignment = aligned.alignments.get(lang)
        found: dict[Paragraph, Counterpart] = {}
        crossing = reordered_links(alignment) if alignment else frozenset()
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
    for key, p in zip(item_keys(ref), ref.items, strict=True):
        if isinstance(p, Paragraph):
            counterparts = {
                lang: by_lang[lang].get(p, Counterpart(None, (f"not aligned in {lang}",)))
                for lang in targets
            }
            units.append(Unit(key, p.text, p.line, headings.get(p, ""), p, counterparts))
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


def sanitize(units: list[Unit], aligned: AlignedSet, report: ExportReport) -> list[Unit]:
    """The units with XML-1.0-illegal characters dropped (one warning per text)."""
    out = []
    ref_path = aligned.reference.path
    for unit in units:
        source = _clean(unit.source, f"{ref_path}:{unit.line}", report)
        counterparts = {
            lang: replace(
                cp,
                text=_clean(cp.text, f"{aligned.name} {lang} {unit.key}", report)
                if cp.text
                else None,
            )
            for lang, cp in unit.counterparts.items()
        }
        out.append(Unit(unit.key, source, unit.line, unit.comment, unit.paragraph, counterparts))
    return out


def _targets(aligned: AlignedSet, wanted: Sequence[str] | None, report: ExportReport) -> list[str]:
    ref_lang = aligned.reference.lang
    present = [lang for lang in aligned.documents.langs if lang != ref_lang]
    if wanted is None:
        return present
    for lang in wanted:
        if lang not in present and lang != ref_lang:
            report.warnings.append(f"{aligned.name}: no {lang} version to export")
    return [lang for lang in wanted if lang in present]


def _inputs(sets: Sequence[AlignedSet]) -> list[str]:
    return [doc.path for aligned in sets for doc in aligned.documents.versions]


def _left_out(report: ExportReport, tuid: str, lang: str, why: str) -> None:
    report.warnings.append(f"left out {tuid} ({lang}): {why}")


def _code(locales: Mapping[str, str] | None, lang: str) -> str:
    """The code written for `lang`: its `locales` entry, else `lang` itself."""
    return (locales or {}).get(lang, lang)


def _variant(lang: str, text: str, reasons: tuple[str, ...], file: str, line: int) -> Variant:
    """A `<tuv>`: its text, `x-file`/`x-line` where it comes from, and why it is suspect."""
    props: list[Prop] = []
    if file:
        props.append(("x-file", _reference_path(file)))
        if line > 0:
            props.append(("x-line", str(line)))
    if reasons:
        props.append(("x-status", "suspect"))
    return Variant(lang, text, props=tuple(props), notes=reasons)


def _unit_props(aligned: AlignedSet, unit: Unit) -> tuple[Prop, ...]:
    """A `<tu>`'s props: document, kind of unit, section and number, document code."""
    props: list[Prop] = [("x-document", aligned.name), ("x-kind", unit.kind)]
    if unit.paragraph is not None:
        props += [
            ("x-section", unit.paragraph.section),
            ("x-paragraph", unit.paragraph.ident),
        ]
    if aligned.reference.code:
        props.append(("x-document-code", aligned.reference.code))
    return tuple(props)


def _source(aligned: AlignedSet, unit: Unit, locales: Mapping[str, str] | None) -> Variant:
    ref = aligned.reference
    return _variant(_code(locales, ref.lang or ""), unit.source, (), ref.path, unit.line)


def _usable(cp: Counterpart, include_suspect: bool) -> str | None:
    """Why a counterpart cannot go into a TMX, or None when it can."""
    if not cp.text:
        return "; ".join(cp.reasons) or "empty"
    if cp.suspect and not include_suspect:
        return "; ".join(cp.reasons)
    return None


def bilingual_units(
    aligned: AlignedSet,
    units: list[Unit],
    lang: str,
    *,
    include_suspect: bool,
    segment: str,
    report: ExportReport,
    locales: Mapping[str, str] | None = None,
    changedate: str = "",
) -> Iterator[TranslationUnit]:
    """The TUs of a `<reference>-<lang>` TMX: trusted pairs (and suspect ones if asked)."""
    ref_lang = aligned.reference.lang or ""
    code = _code(locales, lang)
    for unit in units:
        tuid = f"{aligned.name}:{unit.key}"
        cp = unit.counterparts[lang]
        why = _usable(cp, include_suspect)
        if why is not None:
            _left_out(report, tuid, lang, why)
            continue
        assert cp.text is not None
        props = _unit_props(aligned, unit)
        if segment == "paragraph":
            target = _variant(code, cp.text, cp.reasons, cp.file, cp.line)
            yield TranslationUnit(
                tuid, (_source(aligned, unit, locales), target), props, changedate=changedate
            )
            continue
        from aligner.sentalign import align_paragraph

        sentences = align_paragraph(unit.source, cp.text, ref_lang, lang)
        sure = aligned.min_confidence
        for n, ((source, target_text), confidence) in enumerate(
            zip(sentences.pairs(), sentences.confidences, strict=True), 1
        ):
            if not source or not target_text:
                _left_out(report, f"{tuid}:s{n}", lang, "sentence without a counterpart")
                continue
            if confidence < sure:
                why = f"sentence link confidence {confidence:.2f} below {sure:g}"
                _left_out(report, f"{tuid}:s{n}", lang, why)
                continue
            yield TranslationUnit(
                f"{tuid}:s{n}",
                (
                    replace(_source(aligned, unit, locales), text=source),
                    _variant(code, target_text, cp.reasons, cp.file, cp.line),
                ),
                (*props, ("x-sentence", str(n))),
                changedate=changedate,
            )


def multilingual_units(
    aligned: AlignedSet,
    units: list[Unit],
    targets: Sequence[str],
    *,
    include_suspect: bool,
    report: ExportReport,
    locales: Mapping[str, str] | None = None,
    changedate: str = "",
) -> Iterator[TranslationUnit]:
    """TUs holding the reference and every target language that has a usable counterpart."""
    for unit in units:
        tuid = f"{aligned.name}:{unit.key}"
        variants = [_source(aligned, unit, locales)]
        for lang in targets:
            cp = unit.counterparts[lang]
            why = _usable(cp, include_suspect)
            if why is None and cp.text:
                code = _code(locales, lang)
                variants.append(_variant(code, cp.text, cp.reasons, cp.file, cp.line))
            else:
                _left_out(report, tuid, lang, why or "empty")
        if len(variants) > 1:
            yield TranslationUnit(
                tuid, tuple(variants), _unit_props(aligned, unit), changedate=changedate
            )


def _unique_names(sets: Sequence[AlignedSet]) -> None:
    """Refuse documents of one name in one memory: their tuids would clash."""
    seen: dict[str, AlignedSet] = {}
    for aligned in sets:
        other = seen.setdefault(aligned.name, aligned)
        if other is not aligned:
            raise UsageError(
                f"two documents are named {aligned.name} ({other.reference.path} and "
                f"{aligned.reference.path}): their tuids would clash in one memory; "
                "export them separately"
            )


#: The multilingual memory `--merge` writes beside the language-pair ones.
MERGED_MULTILINGUAL = "multilingual.tmx"


def export_tmx(
    sets: Sequence[AlignedSet],
    output: str | Path,
    *,
    targets: Sequence[str] | None = None,
    multilingual: bool = False,
    include_suspect: bool = False,
    segment: str = "paragraph",
    progress: Progress | None = None,
    locales: Mapping[str, str] | None = None,
    merge: bool = False,
) -> ExportReport:
    """Write `<document>.<ref>-<lang>.tmx` per target into folder `output`, or one
    multilingual TMX (`output` a file, or a folder that gets `<document>.tmx`);
    `progress` is told the units written after each file.

    With `merge`, folder `output` gets one `<ref>-<lang>.tmx` per language pair over all
    documents and `multilingual.tmx` (only the latter with `multilingual`).
    """
    if segment not in SEGMENTS:
        raise UsageError(f"unknown segment {segment!r}; choose one of {', '.join(SEGMENTS)}")
    if multilingual and segment != "paragraph":
        raise UsageError("--segment sentence needs bilingual files (drop --multilingual)")
    report = ExportReport()
    inputs = _inputs(sets)
    when = tmx_date()
    srclangs = {aligned.reference.lang or "" for aligned in sets}
    prepared = [
        (aligned, langs, sanitize(document_units(aligned, langs), aligned, report))
        for aligned in sets
        for langs in [_targets(aligned, targets, report)]
    ]

    def header(srclang: str, seg: str = segment) -> TmxHeader:
        return TmxHeader(srclang=_code(locales, srclang), creationdate=when, segtype=seg)

    def write_multilingual(path: Path, batch: OutputBatch | None = None) -> None:
        if len(srclangs) > 1:
            raise UsageError("the documents have different reference languages")

        def units() -> Iterator[TranslationUnit]:  # one document at a time
            for aligned, langs, found in prepared:
                yield from multilingual_units(
                    aligned,
                    found,
                    langs,
                    include_suspect=include_suspect,
                    report=report,
                    locales=locales,
                    changedate=when,
                )

        opened = atomic_output(path, inputs=inputs) if batch is None else batch.open(path)
        with opened as stream:
            count = write_tmx(stream, header(next(iter(srclangs)), "paragraph"), units())
        report.written.append((path, count))
        _exported(progress, report)

    def pair_units(
        lang: str, chosen: Sequence[tuple[AlignedSet, list[str], list[Unit]]]
    ) -> Iterator[TranslationUnit]:
        for aligned, _, found in chosen:
            yield from bilingual_units(
                aligned,
                found,
                lang,
                include_suspect=include_suspect,
                segment=segment,
                report=report,
                locales=locales,
                changedate=when,
            )

    def merged(batch: OutputBatch) -> None:
        """One memory per language pair over every document, and a multilingual one."""
        if not multilingual:
            pairs = sorted(
                {
                    (aligned.reference.lang or "", lang)
                    for aligned, langs, _ in prepared
                    for lang in langs
                }
            )
            for ref_lang, lang in pairs:
                chosen = [e for e in prepared if e[0].reference.lang == ref_lang and lang in e[1]]
                path = Path(output) / f"{ref_lang}-{lang}.tmx"
                with batch.open(path) as stream:
                    count = write_tmx(stream, header(ref_lang), pair_units(lang, chosen))
                report.written.append((path, count))
                _exported(progress, report)
        if segment == "paragraph" and (multilingual or len(srclangs) == 1):
            write_multilingual(Path(output) / MERGED_MULTILINGUAL, batch)

    if len(sets) > 1 and (merge or multilingual):
        _unique_names(sets)
    if merge:
        with output_batch(output, inputs=inputs) as batch:  # all files or none, never mixed
            merged(batch)
    elif multilingual:
        path = Path(output)
        if str(output) != "-" and path.is_dir():
            if len(sets) > 1:
                raise UsageError("--multilingual with several documents needs -o FILE")
            path = path / f"{sets[0].name}.tmx"
        write_multilingual(path)
    else:
        with output_batch(output, inputs=inputs) as batch:  # all files or none, never mixed
            for entry in prepared:
                aligned, langs, _ = entry
                ref_lang = aligned.reference.lang or ""
                for lang in langs:
                    path = Path(output) / f"{aligned.name}.{ref_lang}-{lang}.tmx"
                    with batch.open(path) as stream:
                        count = write_tmx(stream, header(ref_lang), pair_units(lang, [entry]))
                    report.written.append((path, count))
                    _exported(progress, report)
    report.warnings[:] = list(dict.fromkeys(report.warnings))
    return report


Positions = Mapping[str, tuple[tuple[str, int], ...]]


def version_positions(aligned: AlignedSet) -> Positions:
    """For each unit key, the file:line of its text in every version (the reference's
    excluded), whichever languages an export writes."""
    langs = [lang for lang in aligned.documents.langs if lang != aligned.reference.lang]
    return {
        unit.key: tuple(
            (_reference_path(cp.file), cp.line)
            for cp in unit.counterparts.values()
            if cp.file and cp.line > 0
        )
        for unit in document_units(aligned, langs)
    }


def _translator_notes(reasons: Sequence[str]) -> tuple[str, ...]:
    """A suspect pair's reasons as translator comments, one line each; a stale entry's
    change is left to its `#| msgid` (as msgmerge --previous writes it, with no comment)."""
    stale = f"{StaleTranslation.id}: "
    return tuple(one_line(r) for r in reasons if not r.startswith(stale))


def catalog_entries(
    units: Sequence[Unit],
    lang: str | None,
    source_file: str,
    positions: Positions | None = None,
) -> list[CatalogEntry]:
    """PO entries for the units: the reference as msgid, `lang`'s text (if any) as msgstr.

    `#:` gives the reference's file:line, then every version's (`positions`), in the POT
    and in each PO alike: a PO names its own version's line, and msgmerge, which takes
    positions from the POT, changes nothing. A suspect pair's reasons are translator
    comments (`# number-mismatch: ...`), which msgmerge keeps.
    """
    entries = []
    for unit in units:
        cp = unit.counterparts.get(lang) if lang else None
        revision = cp.revision if cp else None
        also = (positions or {}).get(unit.key, ())
        entries.append(
            CatalogEntry(
                context=unit.key,
                source=unit.source,
                translation=(cp.text or "") if cp else "",
                fuzzy=bool(cp and cp.suspect),
                comment=unit.comment,
                file=source_file,
                line=unit.line,
                previous_context=revision.units[0] if revision and revision.units else None,
                previous_source=revision.text if revision and revision.units else None,
                also=also,
                notes=_translator_notes(cp.reasons) if cp else (),
            )
        )
    return entries


def _reference_path(path: str) -> str:
    """The path a `#:` comment gives: relative to the working folder when below it."""
    relative = os.path.relpath(Path(path).resolve())
    return Path(relative if not relative.startswith("..") else path).as_posix()


def export_po(
    sets: Sequence[AlignedSet],
    output: str | Path,
    *,
    targets: Sequence[str] | None = None,
    progress: Progress | None = None,
    locales: Mapping[str, str] | None = None,
) -> ExportReport:
    """Write `<document>.pot` and `<document>.<lang>.po` per target into folder `output`
    (`progress` is told the units written after each file).

    Unnumbered blocks (code, title, headings, introductory lines) are entries too, with
    msgctxt `<kind>:<n>`, so `apply` can rebuild whole documents. The `Language` header is
    the language's locale code in gettext's spelling (`fr-FR` -> `fr_FR`).
    """
    report = ExportReport()
    inputs = _inputs(sets)
    date = po_date()
    with output_batch(output, inputs=inputs) as batch:  # all files or none, never mixed
        for aligned in sets:
            langs = _targets(aligned, targets, report)
            units = sanitize(document_units(aligned, langs), aligned, report)
            positions = version_positions(aligned)
            pot = Path(output) / f"{aligned.name}.pot"
            memo: WrapMemo = {}  # every catalog of the document has the same msgids
            with batch.open(pot) as stream:
                text = catalog_text(aligned, units, None, date, positions=positions, memo=memo)
                stream.write(text.encode("utf-8"))
            report.written.append((pot, len(units)))
            for lang in langs:
                path = Path(output) / f"{aligned.name}.{lang}.po"
                with batch.open(path) as stream:
                    text = catalog_text(aligned, units, lang, date, locales, positions, memo)
                    stream.write(text.encode("utf-8"))
                report.written.append((path, len(units)))
                _exported(progress, report)
    return report


def _exported(progress: Progress | None, report: ExportReport) -> None:
    if progress is not None:
        progress(EXPORT, sum(count for _, count in report.written), 0)


def catalog_text(
    aligned: AlignedSet,
    units: Sequence[Unit],
    lang: str | None,
    date: str,
    locales: Mapping[str, str] | None = None,
    positions: Positions | None = None,
    memo: WrapMemo | None = None,
) -> str:
    """The POT template (`lang` None) or `lang`'s PO file of one document set's units
    (`Language`: `lang`'s locale code in gettext's spelling; `positions`: the versions'
    file:line per unit, computed when not given; `memo`: pass one to the catalogs of one
    set, so each string is wrapped once)."""
    if positions is None:
        positions = version_positions(aligned)
    ref_lang = aligned.reference.lang or "?"
    if lang is None:
        title = f"{aligned.name}: messages of the {ref_lang} version, exported by aligner"
    else:
        title = f"{aligned.name}: {lang} translation of the {ref_lang} version"
    return render_catalog(
        catalog_entries(units, lang, _reference_path(aligned.reference.path), positions),
        project=aligned.name,
        lang=gettext_locale(_code(locales, lang)) if lang else None,
        date=date,
        title=title,
        memo=memo,
    )


def po_date() -> str:
    """The creation date PO headers carry (gettext's `YYYY-MM-DD HH:MM+0000`)."""
    return creation_time().strftime("%Y-%m-%d %H:%M+0000")


def tmx_date() -> str:
    """The creation date TMX headers carry (`YYYYMMDDThhmmssZ`)."""
    return creation_time().strftime("%Y%m%dT%H%M%SZ")


def export_paths(
    paths: Iterable[str | Path],
    fmt: str,
    output: str | Path,
    *,
    reference: str | None = None,
    targets: Sequence[str] | None = None,
    multilingual: bool = False,
    segment: str = "paragraph",
    include_suspect: bool = False,
    lang_overrides: Mapping[str, str] | None = None,
    config: str | Path | Config | None = None,
    since: str | None = None,
    progress: Progress | None = None,
    min_confidence: float = 0.0,
    locales: Iterable[str] = (),
    merge: bool = False,
    jobs: int | None = 1,
) -> ExportReport:
    """Read, align, check and export: what `aligner export` does.

    The reference defaults to the config file's (`config`: its path, the settings
    themselves, or None for the nearest); its suppressions, ignored rules and pins apply.
    `progress` is told of files read, documents checked and units written. Stale
    translations (`aligner.lock`, or the reference at git revision `since`) are fuzzy in
    PO, with the earlier reference text as previous msgid, and left out of TMX.
    `locales` are `LANG=CODE` strings added to the config file's `locales`.
    `jobs` documents are aligned at once (see `aligner.pipeline.check_sets`).
    """
    from aligner.config import Config, load_config

    base = config if isinstance(config, Config) else load_config(config)
    settings = base.with_overrides(reference=reference, locales=list(locales))
    if merge and fmt != "tmx":
        raise UsageError("--merge is for TMX (one memory per language pair)")
    if fmt == "po" and multilingual:
        raise UsageError("--multilingual is for TMX; PO export writes one file per language")
    if fmt == "po" and segment != "paragraph":
        raise UsageError("PO export is by paragraph (apply rebuilds documents from paragraphs)")
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}"
        )
    if fmt in ("xlsx", "tsv") and (multilingual or segment != "paragraph"):
        raise UsageError(f"--to {fmt} is one side-by-side table of paragraphs")
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence must be between 0 and 1, not {min_confidence:g}")
    notices: list[str] = []
    with input_scope():  # every file read or found is protected from the outputs
        sets = load_aligned(
            paths,
            settings.reference,
            lang_overrides,
            settings.is_suppressed,
            progress=progress,
            since=since,
            notices=notices,
            pins=settings.pins_for,
            excluded=settings.is_excluded,
            jobs=jobs,
            # a TMX holds only the targets; a PO's references name every version's line
            targets=targets if fmt == "tmx" else None,
        )
        if min_confidence:
            sets = [replace(aligned, min_confidence=min_confidence) for aligned in sets]
        if fmt == "po":
            report = export_po(
                sets, output, targets=targets, progress=progress, locales=settings.locales
            )
        elif fmt in ("xlsx", "tsv"):
            from aligner.sidebyside import export_sheets

            report = export_sheets(sets, output, fmt, targets=targets, locales=settings.locales)
        else:
            report = export_tmx(
                sets,
                output,
                targets=targets,
                multilingual=multilingual,
                include_suspect=include_suspect,
                segment=segment,
                progress=progress,
                locales=settings.locales,
                merge=merge,
            )
    report.warnings[:0] = notices
    return report
