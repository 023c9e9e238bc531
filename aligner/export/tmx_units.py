"""The translation units of a TMX made of export `Unit`s: bilingual (by paragraph or by
sentence) or multilingual, with where each text comes from and why a pair is suspect;
pairs that cannot go in are reported as left out."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from aligner.export.positions import ReferencePaths
from aligner.export.units import Counterpart, ExportReport, Unit
from aligner.formats.tmx import Prop, TranslationUnit, Variant
from aligner.pipeline import AlignedSet


def _left_out(report: ExportReport, tuid: str, lang: str, why: str) -> None:
    report.warnings.append(f"left out {tuid} ({lang}): {why}")


def locale_code(locales: Mapping[str, str] | None, lang: str) -> str:
    """The code written for `lang`: its `locales` entry, else `lang` itself."""
    return (locales or {}).get(lang, lang)


def _variant(
    lang: str, text: str, reasons: tuple[str, ...], file: str, line: int, paths: ReferencePaths
) -> Variant:
    """A `<tuv>`: its text, `x-file`/`x-line` where it comes from, and why it is suspect."""
    props: list[Prop] = []
    if file:
        props.append(("x-file", paths[file]))
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


def _source(
    aligned: AlignedSet, unit: Unit, locales: Mapping[str, str] | None, paths: ReferencePaths
) -> Variant:
    ref = aligned.reference
    code = locale_code(locales, ref.lang or "")
    return _variant(code, unit.source, (), ref.path, unit.line, paths)


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
    code = locale_code(locales, lang)
    paths = ReferencePaths()
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
            target = _variant(code, cp.text, cp.reasons, cp.file, cp.line, paths)
            yield TranslationUnit(
                tuid, (_source(aligned, unit, locales, paths), target), props, changedate=changedate
            )
            continue
        from aligner.align.sentences import align_paragraph

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
                    replace(_source(aligned, unit, locales, paths), text=source),
                    _variant(code, target_text, cp.reasons, cp.file, cp.line, paths),
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
    paths = ReferencePaths()
    for unit in units:
        tuid = f"{aligned.name}:{unit.key}"
        variants = [_source(aligned, unit, locales, paths)]
        for lang in targets:
            cp = unit.counterparts[lang]
            why = _usable(cp, include_suspect)
            if why is None and cp.text:
                code = locale_code(locales, lang)
                variants.append(_variant(code, cp.text, cp.reasons, cp.file, cp.line, paths))
            else:
                _left_out(report, tuid, lang, why or "empty")
        if len(variants) > 1:
            yield TranslationUnit(
                tuid, tuple(variants), _unit_props(aligned, unit), changedate=changedate
            )
