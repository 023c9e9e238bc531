"""Read -> align -> check, written once: `check`, `export`, `review` and the Python API call it.

The stages: `read` finds the document sets under some paths (`aligner.corpus`); `check_set`
aligns every version of one set to its reference (`aligner.align`) and runs the rules
(`aligner.checks.base.run_rules`); `check_sets` does that for many sets and drops suppressed
findings. `run_check` (a check `Result`, unreadable files kept as findings) and
`load_aligned` (aligned sets for export and review, with a config's `Settings`; an
unreadable file is an error) are the two ways the commands use them.

Nothing here prints: pass a `Progress` callback to be told how far a run is.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Protocol

from aligner.align.paragraphs import PinnedLink, align_versions
from aligner.amendments import Baseline
from aligner.checks.amendments import StaleTranslation
from aligner.checks.base import Context, run_rules, select_rules
from aligner.checks.document import NoUnits
from aligner.checks.reading import read_findings
from aligner.checks.suppressions import apply_suppressions
from aligner.corpus import load
from aligner.errors import InputError, UsageError
from aligner.findings import Finding, Result, Suppression
from aligner.jobs import ordered_map
from aligner.model import Alignment, Document, DocumentSet

#: Stage names a `Progress` callback is given.
READ, CHECK, EXPORT = "read", "check", "export"

#: The links a reviser fixed (`[[tool.aligner.pin]]`) for a document and language:
#: `pins(document, lang)` gives (reference, version) pairs of (section, number).
Pins = Callable[[str, str], Sequence[PinnedLink]]


class Progress(Protocol):
    """Told after each step of a run: `stage` (`"read"`: files, `"check"`: document sets,
    `"export"`: units written, `total` 0 as it is not known ahead), `done` steps of
    `total`."""

    def __call__(self, stage: str, done: int, total: int, /) -> None: ...


@dataclass(frozen=True)
class AlignedSet:
    """A document set with its reference, every version aligned to it, and check findings."""

    documents: DocumentSet
    reference: Document
    alignments: Mapping[str, Alignment]  # by target language
    findings: tuple[Finding, ...] = ()
    #: Links less sure than this (`Link.confidence`) make their pairs suspect on export.
    min_confidence: float = 0.0

    @property
    def name(self) -> str:
        return self.documents.name


def read(
    paths: Iterable[str | Path],
    lang_overrides: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    excluded: Callable[[Path], bool] | None = None,
    langs: Collection[str] | None = None,
    jobs: int | None = 1,
) -> tuple[list[DocumentSet], list[Finding]]:
    """Every document set under `paths` (but files in folders that `excluded` names, and
    with `langs` files named in another language), and an `unreadable` finding per file
    not read (those are never suppressed); folders read `jobs` at a time."""
    reported = None if progress is None else _stage(progress, READ)
    docsets, unread = load(
        paths, lang_overrides, progress=reported, excluded=excluded, langs=langs, jobs=jobs
    )
    return docsets, read_findings(unread)


#: Gives, per translation of a set, the reference as that translation was made from it.
Baselines = Callable[[DocumentSet, Document], Mapping[str, Baseline]]


def baseline_source(
    since: str | None,
    notices: list[str],
    docsets: Iterable[DocumentSet] = (),
    langs: Collection[str] | None = None,
) -> Baselines:
    """Where each translation's baseline comes from: the reference at git revision `since`
    for every translation, else the set's `aligner.lock` (translations without a record
    are checked without one, with a line added to `notices`; `docsets` are all the
    documents of the run, so a lock naming another is refused; `langs`: only versions in
    those languages were read)."""
    from aligner.history import baseline_at
    from aligner.lock import baselines as locked

    names = {d.name for d in docsets}

    def source(docset: DocumentSet, reference: Document) -> Mapping[str, Baseline]:
        if since is not None:
            old = baseline_at(reference, since)
            return {d.lang or "": old for d in docset.versions if d is not reference}
        found, remarks = locked(docset, reference, names, langs)
        notices.extend(remarks)
        return found

    return source


def check_set(
    docset: DocumentSet,
    reference_lang: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    baselines: Baselines | None = None,
    pins: Pins | None = None,
) -> tuple[dict[str, Alignment], list[Finding]]:
    """Align every version of `docset` to its `reference_lang` version and run the rules.

    A set with a single version is checked on its own (numbering, empty paragraphs).
    `baselines` gives, per translation, the reference it was made from (see
    `baseline_source`). Raise `UsageError` when several versions exist but none is in
    `reference_lang`. The links `pins` gives for a version are kept whatever the content
    says.
    """
    rules = select_rules(select, ignore)
    reference = reference_of(docset, reference_lang)
    targets = [doc for doc in docset.versions if doc is not reference]
    fixed = [pins(docset.name, doc.lang or "") if pins else () for doc in targets]
    aligned = align_versions(reference, targets, fixed)
    alignments = {
        doc.lang or "": alignment for doc, alignment in zip(targets, aligned, strict=True)
    }
    wants = any(rule.id == StaleTranslation.id for rule in rules)
    known = baselines(docset, reference) if baselines is not None and targets and wants else {}
    findings = run_rules(Context(docset, reference, alignments, known), rules)
    return alignments, sorted({replace(f, document=docset.name) for f in findings})


def reference_of(docset: DocumentSet, reference_lang: str) -> Document:
    """The version of `docset` in `reference_lang` (the only one, if it has one version)."""
    reference = docset.get(reference_lang)
    if reference is not None:
        return reference
    if len(docset.versions) != 1:
        raise UsageError(
            f"document {docset.name} has no {reference_lang} version to check the others "
            f"against (it has {', '.join(docset.langs)}); choose one with --reference"
        )
    return docset.versions[0]


def require_versions(docset: DocumentSet, reference: str) -> None:
    """check, review and export compare versions: one alone, or none in the reference
    language, is a usage error (what compared nothing must not pass)."""
    if len(docset.versions) >= 2 and docset.get(reference) is not None:
        return
    found = ", ".join(f"{d.lang} ({d.path})" for d in docset.versions)
    if len(docset.versions) < 2:
        raise UsageError(
            f"document {docset.name} has only one version, {found}: check, review and "
            f"export compare the {reference} reference with at least one other language "
            "version (give both files, or their folder)"
        )
    raise UsageError(
        f"document {docset.name} has no {reference} version to check the others against "
        f"(it has {found}); add the {reference} version or choose the reference with --reference"
    )


def check_sets(
    docsets: Sequence[DocumentSet],
    reference: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    suppressed: Callable[[Finding], bool] | None = None,
    progress: Progress | None = None,
    baselines: Baselines | None = None,
    pins: Pins | None = None,
    targets: Sequence[str] | None = None,
    jobs: int | None = 1,
) -> list[AlignedSet]:
    """Align (keeping `pins`) and check each set; findings for which `suppressed` is true
    are dropped.

    With `targets`, only those versions are aligned to the reference and checked (every
    rule judges a version against the reference alone, so their findings are those of a
    full check); the sets keep every version. Sets are checked `jobs` at a time, one
    process each (None: one per CPU; see `aligner.jobs`): the result is the same.
    Baselines are looked up here first, set by set, so a job needs nothing but data.
    """
    select = None if select is None else list(select)
    ignore = None if ignore is None else list(ignore)
    known = [_fixed(baselines, docset, reference, select, ignore) for docset in docsets]
    work = partial(
        _check_one,
        reference=reference,
        select=select,
        ignore=ignore,
        suppressed=suppressed,
        targets=None if targets is None else list(targets),
        pins=pins,
    )
    out = []
    for done, aligned in enumerate(ordered_map(work, zip(docsets, known, strict=True), jobs), 1):
        out.append(aligned)
        if progress is not None:
            progress(CHECK, done, len(docsets))
    return out


@dataclass(frozen=True)
class _Known:
    """Baselines looked up beforehand, given to `check_set` as a `Baselines` source."""

    found: Mapping[str, Baseline]

    def __call__(self, docset: DocumentSet, reference: Document) -> Mapping[str, Baseline]:
        return self.found


def _fixed(
    baselines: Baselines | None,
    docset: DocumentSet,
    reference: str,
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
) -> Baselines | None:
    """The baselines `check_set` would look up for the whole of `docset` (its notices
    then say the same whichever versions are checked), fixed as a `_Known`."""
    if baselines is None or not any(
        r.id == StaleTranslation.id for r in select_rules(select, ignore)
    ):
        return None
    ref = reference_of(docset, reference)
    if all(doc is ref for doc in docset.versions):
        return None
    return _Known(baselines(docset, ref))


def _check_one(
    job: tuple[DocumentSet, Baselines | None],
    reference: str,
    select: list[str] | None,
    ignore: list[str] | None,
    suppressed: Callable[[Finding], bool] | None,
    targets: list[str] | None,
    pins: Pins | None,
) -> AlignedSet:
    """Align and check one set with its baselines: the work of one job of `check_sets`."""
    docset, known = job
    alignments, findings = check_set(
        restricted(docset, reference, targets), reference, select, ignore, known, pins
    )
    kept = tuple(f for f in findings if suppressed is None or not suppressed(f))
    return AlignedSet(docset, reference_of(docset, reference), alignments, kept)


def restricted(docset: DocumentSet, reference: str, targets: Sequence[str] | None) -> DocumentSet:
    """`docset` with only the reference and `targets` versions (all when either is absent)."""
    if targets is None or docset.get(reference) is None:
        return docset
    kept = tuple(d for d in docset.versions if d.lang == reference or d.lang in targets)
    return DocumentSet(docset.name, kept)


def run_check(
    paths: Iterable[str | Path],
    reference: str = "en",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    lang_overrides: Mapping[str, str] | None = None,
    suppressed: Callable[[Finding], bool] | None = None,
    progress: Progress | None = None,
    since: str | None = None,
    pins: Pins | None = None,
    suppressions: Sequence[Suppression] = (),
    excluded: Callable[[Path], bool] | None = None,
    jobs: int | None = 1,
) -> Result:
    """Read, align and check everything under `paths` (what `aligner check` does).

    `suppressed` drops findings outright; findings one of `suppressions` (see
    `aligner.config`) matches go to `Result.suppressed` with its reason, and those that
    matched nothing become `unused-suppression` findings. `unreadable` findings are always
    kept. Files in folders that `excluded` names are not read. A set with one version, or
    none in `reference`, is a `UsageError` unless a file could not be read (that is
    reported). Translations are compared with the reference they were made from: the
    reference at git revision `since`, else their `aligner.lock` record. `pins` are links
    a reviser fixed. `jobs`: see `check_sets`.
    """
    select = None if select is None else list(select)
    ignore = None if ignore is None else list(ignore)
    rules_run = [r.id for r in select_rules(select, ignore)]  # unknown ids: usage error
    docsets, problems = read(paths, lang_overrides, progress, excluded, jobs=jobs)
    if not any(f.unread for f in problems):
        for docset in docsets:
            require_versions(docset, reference)
    notices: list[str] = []
    source = baseline_source(since, notices, docsets)
    checked = check_sets(
        docsets, reference, select, ignore, suppressed, progress, source, pins, jobs=jobs
    )
    findings = [*problems, *(f for aligned in checked for f in aligned.findings)]
    kept, hidden = apply_suppressions(
        sorted(set(findings)), suppressions, rules_run=rules_run, docsets=docsets
    )
    return Result(
        reference,
        tuple(docsets),
        tuple(sorted(set(kept))),
        notices=tuple(notices),
        suppressed=tuple(hidden),
        alignments={aligned.name: aligned.alignments for aligned in checked},
    )


class Settings(Protocol):
    """What a run takes from the config file and command line (see `aligner.settings.Config`)."""

    @property
    def reference(self) -> str: ...

    def is_suppressed(self, f: Finding, /) -> bool: ...

    def pins_for(self, document: str, lang: str, /) -> Sequence[PinnedLink]: ...

    def is_excluded(self, path: Path, /) -> bool: ...


def load_aligned(
    paths: Iterable[str | Path],
    settings: Settings,
    lang_overrides: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    *,
    since: str | None = None,
    notices: list[str] | None = None,
    targets: Sequence[str] | None = None,
    jobs: int | None = 1,
) -> list[AlignedSet]:
    """Read, align and check everything under `paths` with the reference, suppressions,
    pins and exclusions of `settings` (what review and export read); an unreadable input
    is an error.

    Suppressed findings (deliberate differences, ignored rules) do not make pairs
    suspect. Stale translations are found as `run_check` finds them (`since`, else
    `aligner.lock`); its notices are added to `notices`. With `targets`, only those
    versions are kept (files named in another language are read for their faults only),
    aligned and checked (see `check_sets`).
    """
    reference = settings.reference
    wanted = None if targets is None else {reference, *targets}
    docsets, problems = read(paths, lang_overrides, progress, settings.is_excluded, wanted, jobs)
    if problems:
        first = problems[0]
        raise InputError(first.message, file=first.file or None, line=first.line)
    for docset in docsets:
        require_versions(docset, reference)  # as check: nothing compared is no result
    source = baseline_source(since, notices if notices is not None else [], docsets, wanted)
    out = check_sets(  # every rule runs; what the settings suppress is dropped
        docsets,
        reference,
        suppressed=settings.is_suppressed,
        progress=progress,
        baselines=source,
        pins=settings.pins_for,
        targets=targets,
        jobs=jobs,
    )
    if not out:
        raise UsageError("no documents found to export")
    for aligned in out:
        for f in aligned.findings:
            if f.rule == NoUnits.id:  # a version nothing could be read from
                raise InputError(f.message, file=f.file or None, line=f.line)
    return out


def _stage(progress: Progress, stage: str) -> Callable[[int, int], None]:
    return lambda done, total: progress(stage, done, total)
