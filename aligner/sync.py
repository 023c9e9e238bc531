"""`aligner sync`: read, align and record every translation as up to date with its
reference, in the `aligner.lock` beside it (the file format is `aligner.lock`'s)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.align.paragraphs import align_versions
from aligner.atomic import write_atomic
from aligner.errors import InputError, UsageError
from aligner.lock import Record, lock_path, read_lock, record_of, render_lock
from aligner.model import Document, DocumentSet
from aligner.pipeline import read


@dataclass(frozen=True)
class Synced:
    """What `sync` wrote to one lock file."""

    path: Path
    records: tuple[Record, ...]  # the records it (re)wrote

    def __str__(self) -> str:
        """`path: recorded doc fr, doc de (40 units)`, as `aligner sync` prints it."""
        units = sum(len(r.units) for r in self.records)
        names = ", ".join(f"{r.document} {r.lang}" for r in self.records) or "nothing"
        return f"{self.path}: recorded {names} ({units} units)"


def sync(
    paths: Iterable[str | Path],
    reference: str = "en",
    langs: Sequence[str] = (),
    lang_overrides: Mapping[str, str] | None = None,
) -> list[Synced]:
    """Record every translation under `paths` (only those in `langs`, when given) as up to
    date with its reference, in the `aligner.lock` beside each reference.

    Records of other translations in the same lock are kept, except, without `langs`,
    those of documents no longer there. Raise `InputError` when an
    input cannot be read or a lock is damaged, `UsageError` when a document has no
    reference version or no document has a language of `langs`.
    """
    docsets, problems = read(paths, lang_overrides)
    if problems:
        first = problems[0]
        raise InputError(first.message, file=first.file or None, line=first.line)
    wanted = {lang.lower() for lang in langs}
    present = {lang for docset in docsets for lang in docset.langs}
    for lang in sorted(wanted - present):
        raise UsageError(f"--lang {lang}: no {lang} version to sync under the given paths")
    fresh: dict[Path, list[Record]] = {}
    replaced: dict[Path, set[tuple[str, str]]] = {}
    cleared: dict[Path, set[str]] = {}  # documents whose records are all rewritten
    for docset in docsets:
        ref = _reference(docset, reference)
        targets = [d for d in docset.versions if d is not ref and (not wanted or d.lang in wanted)]
        path = lock_path(ref)
        fresh.setdefault(path, [])
        replaced.setdefault(path, set())
        cleared.setdefault(path, set())
        if not wanted:
            cleared[path].add(docset.name)
        for doc, alignment in zip(targets, align_versions(ref, targets), strict=True):
            fresh[path].append(record_of(alignment, docset.name))
            replaced[path].add((docset.name, doc.lang or ""))
    inputs = [d.path for docset in docsets for d in docset.versions]
    names = {docset.name for docset in docsets}
    out = []
    for path, records in fresh.items():
        kept = [
            r
            for key, r in read_lock(path).items()
            if key not in replaced[path]
            and r.document not in cleared[path]
            and (wanted or r.document in names)  # a full sync forgets documents gone
        ]
        write_atomic(path, render_lock([*kept, *records]), inputs=inputs)
        out.append(Synced(path, tuple(records)))
    return out


def _reference(docset: DocumentSet, reference: str) -> Document:
    ref = docset.get(reference)
    if ref is None or len(docset.versions) < 2:
        raise UsageError(
            f"document {docset.name} needs a {reference} version and a translation to sync "
            f"(it has {', '.join(docset.langs)}); choose the reference with --reference"
        )
    return ref
