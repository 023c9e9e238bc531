"""The functions behind the public API; import them from `aligner`, not from here.

Each is what one command does, as a function with typed results, that never prints and
never exits: failures raise the `AlignerError` the command would turn into exit status 2.
The doctests run from the repository root (the bundled corpus is
`translations/baku-2014-child-sex-trafficking/`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, TYPE_CHECKING, BinaryIO, Literal, cast

from aligner.errors import InputError, UsageError

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

    from aligner.align.sentences import SentenceAlignment
    from aligner.checks.base import Rule
    from aligner.findings import Result
    from aligner.model import Alignment, Document, DocumentSet
    from aligner.pipeline import AlignedSet, Progress
    from aligner.settings import Config
    from aligner.text.lexicon import Lexicon

#: Where input paths can be given as one path or several.
Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]
#: An output: a file path, or a binary or text file object.
Output = str | os.PathLike[str] | IO[bytes] | IO[str]
#: A config file, None for the nearest `pyproject.toml` with `[tool.aligner]` (as the
#: command line finds it), False for none (defaults only).
ConfigPath = str | os.PathLike[str] | Literal[False] | None


@dataclass(frozen=True)
class Exported:
    """What an export wrote: (file, units) per file (`None` for a file object given), and
    warnings (pairs left out and why, languages missing)."""

    written: tuple[tuple[Path | None, int], ...]
    warnings: tuple[str, ...] = ()

    @property
    def units(self) -> int:
        """Translation units (TMX) or messages (PO) written in all."""
        return sum(count for _, count in self.written)


def read_document(path: str | os.PathLike[str], lang: str | None = None) -> Document:
    """Read one language version (Markdown, text, Word, HTML); `lang` overrides detection.

    >>> doc = read_document("translations/baku-2014-child-sex-trafficking/fr.md")
    >>> doc.lang, len(doc.paragraphs), doc.paragraphs[0].number
    ('fr', 20, 1)

    Raises `InputError` (exit status 2) for a file that is missing, damaged or hostile.
    """
    from aligner.readers import read_document as read

    return read(Path(path), lang=lang)


def load(
    paths: Paths,
    *,
    langs: Mapping[str, str] | None = None,
    progress: Progress | RichProgress | None = None,
) -> list[DocumentSet]:
    """Read the document sets under `paths` (files, folders of versions, folders of those).

    `langs` maps file paths to languages where names and texts can't tell.

    >>> [(s.name, s.langs) for s in load("translations")]
    [('baku-2014-child-sex-trafficking', ('en', 'fr', 'de', 'it', 'ru', 'es'))]

    Raises `InputError` for the first file that cannot be read, `UsageError` for a folder
    without versions or a version whose language cannot be told.
    """
    from aligner.pipeline import read

    docsets, problems = read(_paths(paths), langs, _progress(progress))
    if problems:
        first = problems[0]
        raise InputError(first.message, file=first.file or None, line=first.line)
    return docsets


def align(reference: Document, version: Document) -> Alignment:
    """Align `version` paragraph by paragraph to `reference`: by number, verified and
    re-aligned by content. Iterate over the result for its links (`kind` "1-1", "2-1",
    "1-0", ..., `source` and `target` paragraphs, `score`, `confidence`).

    >>> en, fr = load("translations/baku-2014-child-sex-trafficking")[0].versions[:2]
    >>> alignment = align(en, fr)
    >>> {link.kind for link in alignment}
    {'1-1'}
    >>> first = alignment.links[0]
    >>> first.source[0].number, first.target[0].number, first.source[0].text[:13]
    (1, 1, 'Recalling the')
    >>> len(alignment.pairs())
    20
    """
    from aligner.align.paragraphs import align_documents

    return align_documents(reference, version)


def check(
    paths: Paths,
    *,
    reference: str | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    fail_on: str | None = None,
    langs: Mapping[str, str] | None = None,
    config: ConfigPath = None,
    progress: Progress | RichProgress | None = None,
    since: str | None = None,
    jobs: int | None = 1,
) -> Result:
    """Read, align and check everything under `paths`, as `aligner check` does.

    `reference` (default: the config file's, else "en"), `select`/`ignore` (rule ids, or
    one string of ids separated by commas),
    `fail_on` ("error", "warning" or "never") override the config file (see `ConfigPath`).
    Unreadable files are `unreadable` findings; `Result.exit_status()` is the exit status
    the command would give. Reference paragraphs changed since a translation was synced
    (`aligner.lock`), or since git revision `since`, are `stale-translation` findings;
    `Result.notices` names translations the lock has no record of. `jobs` documents are
    aligned at once, one process each (None: one per CPU); the result does not depend on it.

    >>> result = check("translations", config=False)
    >>> list(result), result.exit_status()
    ([], 0)

    Raises `UsageError` or `ConfigError` (exit status 2) for unknown rules, a bad config
    file, a folder without versions or a document without its reference version.
    """
    from aligner.pipeline import run_check

    settings = _settings(config).with_overrides(
        reference=reference,
        select=select,
        ignore=ignore,
        fail_on=fail_on,
    )
    result = run_check(
        _paths(paths),
        reference=settings.reference,
        select=settings.select or None,
        ignore=settings.ignore,
        lang_overrides=langs,
        progress=_progress(progress),
        since=since,
        pins=settings.pins_for,
        suppressions=settings.suppress,
        excluded=settings.is_excluded,
        jobs=jobs,
    )
    return replace(result, fail_on=settings.fail_level)


def to_tmx(
    documents: DocumentSet,
    output: Output,
    *,
    targets: Sequence[str] | None = None,
    reference: str | None = None,
    include_suspect: bool = False,
    segment: str = "paragraph",
    config: ConfigPath = None,
) -> Exported:
    """Align and check one document set and write it as one TMX 1.4b file to `output`.

    One target language (`targets`, default every other version) gives a bilingual TMX, as
    `aligner export --to tmx` writes per language; several give a multilingual one. Pairs
    `check` flags are left out (listed in the warnings) unless `include_suspect`.
    `segment="sentence"` (bilingual only) writes a unit per aligned sentence.

    >>> docset = load("translations")[0]
    >>> buffer = io.BytesIO()
    >>> to_tmx(docset, buffer, targets=["de"], config=False).units  # 20 paragraphs, 6 blocks
    26
    >>> buffer.getvalue().count(b'<tuv xml:lang="de">')
    26
    """
    from aligner.atomic import atomic_output
    from aligner.export.outputs import export_targets, tmx_date
    from aligner.export.tmx_units import bilingual_units, multilingual_units
    from aligner.export.units import SEGMENTS, ExportReport, document_units, sanitize
    from aligner.formats.tmx import TmxHeader, write_tmx

    if segment not in SEGMENTS:
        raise UsageError(f"unknown segment {segment!r}; choose one of {', '.join(SEGMENTS)}")
    settings = _settings(config).with_overrides(reference=reference)
    aligned = _aligned(documents, settings)
    report = ExportReport()
    langs = export_targets(aligned, targets, report)
    if not langs:
        raise UsageError(f"{aligned.name}: no version to export beside the reference")
    if len(langs) > 1 and segment != "paragraph":
        raise UsageError("segment='sentence' needs one target language")
    units = sanitize(document_units(aligned, langs), aligned, report)
    ref_lang = aligned.reference.lang or ""
    when = tmx_date()
    locales = settings.locales
    header = TmxHeader(srclang=locales.get(ref_lang, ref_lang), creationdate=when, segtype=segment)
    if len(langs) == 1:
        tus = bilingual_units(
            aligned,
            units,
            langs[0],
            include_suspect=include_suspect,
            segment=segment,
            report=report,
            locales=locales,
            changedate=when,
        )
    else:
        tus = multilingual_units(
            aligned,
            units,
            langs,
            include_suspect=include_suspect,
            report=report,
            locales=locales,
            changedate=when,
        )
    path: Path | None = None
    if isinstance(output, str | os.PathLike):
        path = Path(output)
        with atomic_output(path, inputs=_inputs(aligned)) as stream:
            count = write_tmx(stream, header, tus)
    elif _is_text(output):
        buffer = io.BytesIO()
        count = write_tmx(buffer, header, tus)
        cast(IO[str], output).write(buffer.getvalue().decode("utf-8"))
    else:
        count = write_tmx(cast(BinaryIO, output), header, tus)
    return Exported(((path, count),), tuple(report.warnings))


def to_po(
    documents: DocumentSet,
    output: Output,
    *,
    lang: str | None = None,
    reference: str | None = None,
    config: ConfigPath = None,
) -> Exported:
    """Align and check one document set and write `lang`'s PO file (None: the POT
    template) to `output`, as `aligner export --to po` writes per language. Every unit
    (code, title, headings, introductory lines, paragraphs) is an entry; pairs `check`
    flags are fuzzy.

    >>> docset = load("translations")[0]
    >>> buffer = io.StringIO()
    >>> to_po(docset, buffer, lang="it", config=False).units > 20
    True
    >>> 'msgctxt "1:1"' in buffer.getvalue()
    True
    """
    from aligner.export.outputs import catalog_text, po_date
    from aligner.export.units import ExportReport, document_units, sanitize

    settings = _settings(config).with_overrides(reference=reference)
    aligned = _aligned(documents, settings)
    report = ExportReport()
    if lang is not None and (lang == aligned.reference.lang or lang not in aligned.documents.langs):
        raise UsageError(f"{aligned.name}: no {lang} version to export beside the reference")
    langs = [] if lang is None else [lang]
    units = sanitize(document_units(aligned, langs), aligned, report)
    text = catalog_text(aligned, units, lang, po_date(), settings.locales)
    path = _write(output, text, aligned)
    return Exported(((path, len(units)),), tuple(report.warnings))


def export_files(
    paths: Paths,
    to: str,
    output: str | os.PathLike[str] = ".",
    *,
    targets: Sequence[str] | None = None,
    reference: str | None = None,
    multilingual: bool = False,
    segment: str = "paragraph",
    include_suspect: bool = False,
    langs: Mapping[str, str] | None = None,
    config: ConfigPath = None,
    since: str | None = None,
    progress: Progress | RichProgress | None = None,
    min_confidence: float = 0.0,
    locales: Iterable[str] = (),
    merge: bool = False,
    jobs: int | None = 1,
) -> Exported:
    """Export everything under `paths` into folder `output` (`to` is "tmx", "po", "xlsx"
    or "tsv"), file names and all, as `aligner export` does: `<doc>.<ref>-<lang>.tmx` per
    language, or one multilingual TMX (`output` then a file), or with `merge` one
    `<ref>-<lang>.tmx` per pair over all documents and `multilingual.tmx`; `<doc>.pot` and
    `<doc>.<lang>.po`; one side-by-side XLSX workbook or TSV table (`output` a file).
    `locales` are `LANG=CODE` strings (`fr=fr-FR`) for the language codes written. Stale
    translations (`aligner.lock`, or git revision `since`) are fuzzy in PO and left out of
    TMX; so are pairs whose link confidence is below `min_confidence`. `progress` is told
    of files read, documents checked and units written. `jobs` as for
    `check`.
    """
    from aligner.export.outputs import export_paths

    report = export_paths(
        _paths(paths),
        to,
        Path(output),
        reference=reference,
        targets=targets,
        multilingual=multilingual,
        segment=segment,
        include_suspect=include_suspect,
        lang_overrides=langs,
        config=_settings(config),
        since=since,
        progress=_progress(progress),
        min_confidence=min_confidence,
        locales=locales,
        merge=merge,
        jobs=jobs,
    )
    return Exported(tuple((path, count) for path, count in report.written), tuple(report.warnings))


def align_sentences(
    source_text: str,
    target_text: str,
    source_lang: str | None = None,
    target_lang: str | None = None,
    *,
    presegmented: bool = False,
    lexicon: Lexicon | bool = True,
) -> SentenceAlignment:
    """Align the sentences of two texts without paragraph numbers, as `aligner align` does.

    Languages are told from the texts when not given. Running text is split into
    sentences first; `presegmented` texts hold one sentence per line. `lexicon` True uses
    the FreeDict dictionaries when installed, False none. Walk `pairs()` for the text of
    each bead, `beads` for sentence indices.

    >>> result = align_sentences(
    ...     "The Assembly met in Baku. It adopted 3 resolutions.",
    ...     "L'Assemblée s'est réunie à Bakou. Elle a adopté 3 résolutions.",
    ...     "en", "fr", lexicon=False,
    ... )
    >>> result.beads
    [([0], [0]), ([1], [1])]
    >>> result.pairs()[1]
    ('It adopted 3 resolutions.', 'Elle a adopté 3 résolutions.')
    """
    from aligner.align.sentences import align_texts
    from aligner.text.lexicon import Lexicon, load_lexicon

    source_lang = source_lang or _language(source_text, "source_lang")
    target_lang = target_lang or _language(target_text, "target_lang")
    if isinstance(lexicon, bool):
        words = (
            load_lexicon(source_lang, target_lang) if lexicon else Lexicon(source_lang, target_lang)
        )
    else:
        words = lexicon
    return align_texts(
        source_text,
        target_text,
        source_lang,
        target_lang,
        presegmented=presegmented,
        lexicon=words,
    )


def rules() -> list[type[Rule]]:
    """Every check rule (`id`, `severity`, `description`, `explanation`, `example`), by id.

    >>> [r.id for r in rules()][:3]
    ['document-code-mismatch', 'duplicate-number', 'empty-paragraph']
    """
    from aligner.checks import rules as registered

    return list(registered())


def _paths(paths: Paths) -> list[str | Path]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    return [p if isinstance(p, str) else Path(p) for p in paths]


def _settings(config: ConfigPath) -> Config:
    from aligner.config import load_config
    from aligner.settings import Config

    if config is False:
        return Config()
    return load_config(None if config is None else Path(config))


def _aligned(documents: DocumentSet, settings: Config) -> AlignedSet:
    from aligner.pipeline import check_sets

    return check_sets(
        [documents], settings.reference, suppressed=settings.is_suppressed, pins=settings.pins_for
    )[0]


def _inputs(aligned: AlignedSet) -> list[str]:
    return [doc.path for doc in aligned.documents.versions]


def _is_text(output: IO[bytes] | IO[str]) -> bool:
    return isinstance(output, io.TextIOBase) or hasattr(output, "encoding")


def _write(output: Output, text: str, aligned: AlignedSet) -> Path | None:
    """Write `text` to a path (atomically, never over an input) or a file object (UTF-8
    bytes to a binary one)."""
    from aligner.atomic import write_atomic

    if isinstance(output, str | os.PathLike):
        path = Path(output)
        write_atomic(path, text, inputs=_inputs(aligned))
        return path
    if _is_text(output):
        cast(IO[str], output).write(text)
    else:
        cast(IO[bytes], output).write(text.encode("utf-8"))
    return None


def read_text(path: str, lang: str | None = None, *, option: str = "--lang") -> tuple[str, str]:
    """The text of a plain-text file (UTF-8, or UTF-16 with a BOM) and its language: `lang`,
    else told from the file; a `UsageError` asking for `option` when it cannot be told."""
    from aligner import limits
    from aligner.readers.source import decode, read_bytes

    text = decode(read_bytes(path), path)
    limits.check_lines(text, path)
    return text, lang or _language(text, option, path)


def _language(text: str, option: str, path: str = "") -> str:
    """The language of `text` (from file `path`, if it is one), else a `UsageError`."""
    from aligner.text.langid import detect_language, find_code

    lang = detect_language(path, find_code(text), text)
    if lang is None:
        what = "" if path else " of the text"
        raise UsageError(f"cannot tell the language{what}; give {option}", file=path or None)
    return lang


def _progress(progress: Progress | RichProgress | None) -> Progress | None:
    """A callback for `progress`: itself, or one that drives a `rich` progress display."""
    if progress is None or not hasattr(progress, "add_task"):
        return progress
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    display = cast(RichProgress, progress)
    tasks: dict[str, TaskID] = {}

    def report(stage: str, done: int, total: int, /) -> None:
        if stage not in tasks:
            tasks[stage] = display.add_task(stage, total=total or None)
        display.update(tasks[stage], completed=done, total=total or None)

    return report
