"""The reference as it was at a git revision (`check --since REV`), read without a checkout."""

from __future__ import annotations

import subprocess
from pathlib import Path

from aligner import limits
from aligner.amendments import Baseline
from aligner.errors import InputError, UsageError
from aligner.lock import reference_entries
from aligner.model import Document
from aligner.readers.base import parse_document

#: Longest a single git command may take (a local repository answers in milliseconds).
GIT_TIMEOUT_SECONDS = 60


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("--since needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"git {args[0]} took over {GIT_TIMEOUT_SECONDS} s") from None


def reference_at(reference: Document, revision: str) -> Document:
    """The reference version as committed at `revision` (`git show REV:path`).

    Raise `UsageError` (exit 2) outside a git repository, for an unknown revision, or when
    the file did not exist at that revision.
    """
    if not revision or revision.startswith("-"):
        raise UsageError(f"--since expects a git revision, not {revision!r}")
    file = Path(reference.path).resolve()
    top = _git(file.parent, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise UsageError(f"--since needs a git repository; {file.parent} is not in one")
    root = Path(top.stdout.decode("utf-8", "surrogateescape").strip()).resolve()
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit.returncode != 0:
        raise UsageError(f"--since {revision}: unknown revision in {root}")
    sha = commit.stdout.decode("ascii").strip()
    relative = file.relative_to(root).as_posix()
    spec = f"{sha}:{relative}"
    size = _git(root, "cat-file", "-s", spec)
    if size.returncode != 0:
        raise UsageError(f"--since {revision}: {relative} did not exist at that revision")
    if int(size.stdout.strip() or 0) > limits.max_file_bytes():
        raise limits.file_too_large(f"{reference.path} at {revision}")
    blob = _git(root, "cat-file", "blob", spec)
    if blob.returncode != 0:
        raise UsageError(f"--since {revision}: cannot read {relative}")
    return parse_document(blob.stdout, f"{revision}:{relative}", reference.lang)


def baseline_at(reference: Document, revision: str) -> Baseline:
    """The units of the reference at `revision`: what every translation was made from."""
    name = reference.path
    old = reference_at(reference, revision)
    entries = tuple(e for _, e in reference_entries(old))
    if not entries:
        raise InputError(f"no numbered paragraphs at {revision}", file=name)
    return entries
