"""Find the language versions of documents in files and folders, and read them.

A folder that holds language-version files is one document; a folder of such folders is
several documents (any depth). Files named on the command line are grouped together when
their languages differ, else by document name. A file not read is reported as an `Unread`
record (plain data: the pipeline makes it a finding) so that everything else is still
checked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

from aligner.atomic import display, note_input
from aligner.errors import InputError, UsageError
from aligner.findings import Unread
from aligner.jobs import default_jobs, ordered_map
from aligner.lock import LOCK_NAME
from aligner.model import LANGUAGES, Document, DocumentSet, document_name
from aligner.readers import read_document
from aligner.scan import walk
from aligner.text.langid import foreign_language, language_from_path

#: Extensions read when a folder is searched (named files are read whatever their extension).
EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".txt", ".docx", ".html", ".htm", ".pdf")

#: Files aligner itself keeps beside the versions (`aligner.lock`), never versions.
OWN_FILES = frozenset({LOCK_NAME})

_LANG_TOKEN = re.compile(r"(?:^|[._\-\s])(" + "|".join(LANGUAGES) + r")$", re.IGNORECASE)


def load(
    paths: Iterable[str | Path],
    lang_overrides: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    excluded: Callable[[Path], bool] | None = None,
    langs: Collection[str] | None = None,
    jobs: int | None = 1,
) -> tuple[list[DocumentSet], list[Unread]]:
    """Read every document set under `paths`; return them with the inputs not read.

    `lang_overrides` maps file paths (as given, or any path to the same file) to languages.
    Files found in folders for which `excluded` is true are skipped (named files never are).
    Raise `UsageError` when a folder holds no file to read (a check pointed at the wrong
    folder must not pass), when a document has two versions in one language or a version
    whose language cannot be told. `progress` is told (files read, files to read) after
    each file. With `langs`, a file whose name (or override) gives another language is
    read but not kept (an export of some targets needs no other version, but what cannot
    be read is still reported: nothing unreadable passes). Document folders
    are read `jobs` at a time, one process each (see `aligner.jobs`): the result is the
    same; `progress` is then told after each folder.
    """
    overrides = {_key(p): lang for p, lang in (lang_overrides or {}).items()}
    groups: list[tuple[str | None, list[Path]]] = []
    loose: list[Path] = []
    not_read: list[Unread] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, skipped = _folders(path, not_read)
            if excluded is not None:
                found = [
                    (folder, kept)
                    for folder, files in found
                    if (kept := [f for f in files if not excluded(f)])
                ]
            if not found:
                other = f"; found only {skipped[0].name}" if skipped else ""
                raise UsageError(
                    f"no language versions in this folder or below it (looked for "
                    f"{', '.join(EXTENSIONS)} files{other})",
                    file=str(path),
                )
            not_read.extend(_unsupported(file, _format_note(file)) for file in skipped)
            groups.extend((_folder_name(folder), files) for folder, files in found)
        elif path.name in OWN_FILES and path.is_file():
            continue  # `aligner check folder/*` names the lock too
        elif path.exists() or path.is_symlink():
            note_input(path)
            loose.append(path)
        else:
            not_read.append(
                _unreadable(InputError("no such file or directory", file=display(path)))
            )
    if loose:
        groups.append((None, loose))
    sets: list[DocumentSet] = []
    total, done = sum(len(files) for _, files in groups), 0
    parallel = len(groups) > 1 and (default_jobs() if jobs is None else jobs) > 1
    read = partial(_read_group, overrides=overrides, langs=langs)
    in_jobs = ordered_map(read, [files for _, files in groups], jobs) if parallel else None
    for name, files in groups:
        if in_jobs is None:  # read here, telling `progress` after each file
            documents, unread = read(files, progress=progress, counts=(done, total))
        else:
            documents, unread = next(in_jobs)
        not_read.extend(unread)
        done += len(files)
        if progress is not None and in_jobs is not None:
            progress(done, total)
        sets.extend(_group(name, documents))
    sets = _unique_names(sets)
    sets.sort(key=lambda s: (s.name, s.versions[0].path if s.versions else ""))
    return sets, not_read


def _read_group(
    files: Sequence[Path],
    overrides: Mapping[str, str],
    langs: Collection[str] | None,
    progress: Callable[[int, int], None] | None = None,
    counts: tuple[int, int] = (0, 0),
) -> tuple[list[Document], list[Unread]]:
    """The versions read from `files` (one document folder, or the named files), and
    those not read: the work of one job of `load`. `progress` is told after
    each file (files done of `counts[1]`, `counts[0]` of them before this group)."""
    documents: list[Document] = []
    not_read: list[Unread] = []
    for done, file in enumerate(files, counts[0] + 1):
        lang = overrides.get(_key(file))
        named = lang or language_from_path(file)
        foreign = foreign_language(file) if lang is None else None
        if foreign is not None:
            not_read.append(_unsupported(file, _language_note(foreign)))
        elif langs is not None and named is not None and named not in langs:
            not_read.extend(_read(file, lang, []))  # read for its faults only, not kept
        else:
            not_read.extend(_read(file, lang, documents))
        if progress is not None:
            progress(done, counts[1])
    return documents, not_read


def _read(file: Path, lang: str | None, documents: list[Document]) -> list[Unread]:
    """Read one version into `documents`; else why it was not read."""
    try:
        doc = read_document(file, lang=lang)
    except InputError as exc:
        return [_unreadable(exc if exc.file else _with_file(exc, file))]
    if not doc.lang:
        message = (
            "cannot tell the language of this file; name it like fr.md or use --lang FILE=LANG"
        )
        return [_unsupported(file, message)]
    documents.append(doc)
    return []


def _key(path: str | Path) -> str:
    return str(Path(path).resolve())


def _folders(
    root: Path, not_read: list[Unread]
) -> tuple[list[tuple[Path, list[Path]]], list[Path]]:
    """Folders under `root` (itself included) that directly hold files to read, and the
    files no reader reads; whatever the walk skipped (FIFOs, devices, dangling links,
    loops) is added to `not_read`. Hidden entries and `_` folders are not
    looked at."""
    found = walk(root, skip_underscore=True)
    for skipped, why in found.skipped:
        not_read.append(_unreadable(InputError(why, file=skipped)))
    out = []
    unsupported: list[Path] = []
    for folder, files in found.folders:
        wanted = [p for p in files if p.suffix.lower() in EXTENSIONS and p.name not in OWN_FILES]
        unsupported += [
            p for p in files if p.suffix.lower() not in EXTENSIONS and p.name not in OWN_FILES
        ]
        for path in wanted:
            note_input(path)
        if wanted:
            out.append((folder, wanted))
    return out, unsupported


def _folder_name(folder: Path) -> str:
    """The name of a document folder: its real name (`.` is the working folder's name)."""
    return display(Path(os.path.abspath(folder)).name) or "document"


def _unique_names(sets: list[DocumentSet]) -> list[DocumentSet]:
    """Document sets whose names clash get their folder path (from the folders' common
    parent) as name, `a/doc` and `b/doc` becoming `a-doc` and `b-doc`."""
    by_name: dict[str, list[int]] = {}
    for n, docset in enumerate(sets):
        by_name.setdefault(docset.name, []).append(n)
    out = list(sets)
    for indices in by_name.values():
        if len(indices) < 2:
            continue
        folders = [os.path.dirname(os.path.abspath(sets[n].versions[0].path)) for n in indices]
        if len(set(folders)) < len(folders):
            continue  # one folder, several documents: their file names tell them apart
        common = os.path.commonpath(folders)
        for n, folder in zip(indices, folders, strict=True):
            relative = os.path.relpath(folder, common)
            name = relative.replace(os.sep, "-")
            if sets[n].name not in name:
                name = f"{name}-{sets[n].name}"
            out[n] = replace(sets[n], name=name)
    return out


def _group(name: str | None, documents: Sequence[Document]) -> list[DocumentSet]:
    """Make document sets: one if the languages differ, else one per document name."""
    if _distinct(documents):
        return [_docset(name, documents)] if documents else []
    by_name: dict[str, list[Document]] = {}
    for doc in documents:
        by_name.setdefault(_base_name(doc.path), []).append(doc)
    out = []
    for key, docs in by_name.items():
        if not _distinct(docs):
            first, second = _duplicate(docs)
            raise UsageError(
                f"two {first.lang} versions of one document: {first.path} and {second.path} "
                "(check them separately, or set their languages with --lang FILE=LANG)"
            )
        out.append(_docset(key, docs))
    return out


def _distinct(documents: Sequence[Document]) -> bool:
    return len({d.lang for d in documents}) == len(documents)


def _duplicate(documents: Sequence[Document]) -> tuple[Document, Document]:
    seen: dict[str | None, Document] = {}
    for doc in documents:
        if doc.lang in seen:
            return seen[doc.lang], doc
        seen[doc.lang] = doc
    raise AssertionError("no duplicate language")


def _base_name(path: str) -> str:
    """The document name with any trailing language token removed ("resolution.fr" -> ...)."""
    p = Path(path)
    stem = p.name.split(".")[0] if p.name.split(".")[0].lower() not in LANGUAGES else ""
    if not stem:
        return document_name(path)
    full = p.name[: -len(p.suffix)] if p.suffix else p.name
    return _LANG_TOKEN.sub("", full) or document_name(path)


def _order(lang: str | None) -> tuple[int, str]:
    return (LANGUAGES.index(lang), "") if lang in LANGUAGES else (len(LANGUAGES), lang or "")


def _docset(name: str | None, documents: Sequence[Document]) -> DocumentSet:
    versions = tuple(sorted(documents, key=lambda d: _order(d.lang)))
    if name is None:
        names = sorted({d.name for d in versions})
        name = versions[0].name if len(names) > 1 else names[0]
    return DocumentSet(name, versions)


def _with_file(exc: InputError, file: Path) -> InputError:
    return InputError(exc.message, file=str(file), line=exc.line)


def _format_note(file: Path) -> str:
    suffix = file.suffix.lower() or "(no extension)"
    return f"no reader for {suffix} files (aligner reads {', '.join(EXTENSIONS)})"


def _language_note(lang: str) -> str:
    return (
        f"language {lang} is not one of {', '.join(LANGUAGES)}; name it with "
        f"--lang FILE={lang} to check it"
    )


def _unsupported(file: Path, message: str) -> Unread:
    """A file seen but not read as a version."""
    return _unreadable(InputError(message, file=display(file)), supported=False)


def _unreadable(exc: InputError, *, supported: bool = True) -> Unread:
    """The input `exc` says could not be read."""
    file = exc.file or ""
    note_input(file)
    lang = ""
    if file:
        stem = Path(file).name.split(".")[0].lower()
        match = _LANG_TOKEN.search(stem)
        lang = match.group(1).lower() if match else ""
    return Unread(
        file,
        exc.message,
        line=exc.line or 1,
        lang=lang,
        document=document_name(file) if file else "",
        supported=supported,
    )
