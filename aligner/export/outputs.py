"""Export aligned document sets as TMX 1.4b translation memories or POT/PO catalogs.

The flow: `aligner.pipeline.load_aligned` reads, aligns and checks the inputs;
`paragraph_units` and `block_units` turn each set into `Unit`s, one per reference paragraph
or unnumbered block, holding the counterpart text of every language and the reasons it is
suspect (an error or a content warning names it, see `makes_suspect`, or the link is not
1-1, all in `aligner.export.units`); `tmx_units` makes TMX translation units of them and
`po_entries` catalog entries (`positions`: where each text comes from); `export_tmx` and
`export_po` write the files. Suspect pairs are left out of TMX (listed in
the report) unless `include_suspect`, and marked fuzzy in PO with the reasons as translator
comments. Blocks (document code, title, headings, introductory lines) are units in both
formats (`x-kind` prop in TMX). `locales` maps a language to the code written for it
(`fr` -> `fr-FR`: TMX `xml:lang`, PO `Language` in gettext's spelling `fr_FR`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.atomic import OutputBatch, atomic_output, input_scope, output_batch
from aligner.errors import UsageError
from aligner.formats.po import WrapMemo, gettext_locale, render_catalog
from aligner.formats.tmx import TmxHeader, TranslationUnit, write_tmx
from aligner.pipeline import EXPORT, AlignedSet, Progress, load_aligned

if TYPE_CHECKING:
    from aligner.settings import Config
from aligner.export.po_entries import catalog_entries
from aligner.export.positions import Positions, reference_path, version_positions
from aligner.export.tmx_units import bilingual_units, locale_code, multilingual_units
from aligner.export.units import (
    SEGMENTS,
    ExportReport,
    Unit,
    creation_time,
    document_units,
    sanitize,
)

#: What `aligner export --to` writes: memories, catalogs, side-by-side tables.
EXPORT_FORMATS = ("tmx", "po", "xlsx", "tsv")


def export_targets(
    aligned: AlignedSet, wanted: Sequence[str] | None, report: ExportReport
) -> list[str]:
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


def export_tmx(  # noqa: C901  (paragraph, sentence, multilingual and merged memories)
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
        for langs in [export_targets(aligned, targets, report)]
    ]

    def header(srclang: str, seg: str = segment) -> TmxHeader:
        return TmxHeader(srclang=locale_code(locales, srclang), creationdate=when, segtype=seg)

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
            langs = export_targets(aligned, targets, report)
            units = sanitize(document_units(aligned, langs), aligned, report)
            positions = version_positions(aligned, units)
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
        catalog_entries(units, lang, reference_path(aligned.reference.path), positions),
        project=aligned.name,
        lang=gettext_locale(locale_code(locales, lang)) if lang else None,
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
    from aligner.config import load_config
    from aligner.settings import Config

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
            settings,
            lang_overrides,
            progress,
            since=since,
            notices=notices,
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
            from aligner.export.sidebyside import export_sheets

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
