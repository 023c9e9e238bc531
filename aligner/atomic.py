"""Write output files atomically, and never over an input.

`atomic_output(path, inputs=...)` yields a binary file in the target folder; when the block
ends without an error the file replaces `path` in one `os.replace`, otherwise it is removed.
`write_atomic` does the same for bytes or text already in memory.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from aligner.errors import UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def check_not_input(path: str | Path, inputs: Iterable[str | Path]) -> None:
    """Raise `UsageError` when `path` is one of the input files."""
    target = Path(path)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise UsageError("refusing to overwrite an input file", file=str(target))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[BinaryIO]:
    """A binary file that becomes `path` when the block succeeds; parent folders are created."""
    target = Path(path)
    check_not_input(target, inputs)
    if target.is_dir():
        raise UsageError("is a directory, expected a file", file=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise UsageError(f"cannot write: {exc.strerror or exc}", file=str(target)) from None
        raise


def write_atomic(path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write `data` (text is encoded as UTF-8) to `path` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, inputs=inputs) as stream:
        stream.write(payload)
