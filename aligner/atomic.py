"""Every output aligner writes goes through here: atomically, and never over an input.

- `input_scope()` opens the set of files one command considers as input; readers and folder
  scans call `note_input` for every file they find (read or unreadable), and every output is
  refused when it is the same file (device and inode, or real path) as one of them.
- `atomic_output(path)` yields a binary stream. `-` is standard output; a character device
  or FIFO (also behind a symlink) is written through, never renamed over; a symlink to a
  regular file gets its target replaced atomically, the link kept; anything else that is not
  a regular file is refused. A regular file is written to a temporary file of aligner's own
  naming beside it and renamed into place when the block succeeds, else removed.
- `output_batch(folder)` writes several files into a folder and renames them all into place
  at the end, under an exclusive lock on the folder, so concurrent runs never mix files.
- Temporary files are removed when the run is interrupted (see `aligner.interrupt`), and
  those left by a killed run (whose process is gone) are removed by the next run writing to
  the same folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from aligner.errors import UsageError

STDOUT = "-"
#: Temporary files are named `.<name>.aligner-<pid>-<random>.tmp`.
_TEMP_MARK = ".aligner-"
_STALE = re.compile(r"^\..*\.aligner-(\d+)-[^./]*\.tmp$")

_Identity = tuple[int, int]
_SCOPE: ContextVar[set[_Identity] | None] = ContextVar("aligner_inputs", default=None)
#: Temporary files of this process not yet renamed or removed.
_LIVE: set[str] = set()


@contextlib.contextmanager
def input_scope() -> Iterator[set[_Identity]]:
    """Collect the files considered as input while the block runs (nested scopes share one)."""
    current = _SCOPE.get()
    if current is not None:
        yield current
        return
    token = _SCOPE.set(set())
    try:
        yield _SCOPE.get() or set()
    finally:
        _SCOPE.reset(token)


def _identity(path: str | Path) -> _Identity | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def note_input(path: str | Path) -> None:
    """Record `path` (the file it resolves to) as an input of the current command."""
    scope = _SCOPE.get()
    if scope is not None and (identity := _identity(path)) is not None:
        scope.add(identity)


def display(path: str | Path) -> str:
    """A path as shown in messages: undecodable bytes and control characters escaped."""
    from aligner.filenames import escape_name

    return escape_name(str(path))


def check_not_input(path: str | Path, inputs: Iterable[str | Path] = ()) -> None:
    """Raise `UsageError` when `path` is a file considered as input (named or noted)."""
    if str(path) == STDOUT or (target := _identity(path)) is None:
        return  # a file that does not exist yet is no input
    protected = set(_SCOPE.get() or ())
    protected.update(i for source in inputs if (i := _identity(source)) is not None)
    if target in protected:
        raise UsageError("refusing to overwrite an input file", file=display(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(path: str | Path, exc: OSError) -> UsageError:
    return UsageError(f"cannot write: {exc.strerror or exc}", file=display(path))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_stale(folder: str | Path) -> None:
    """Remove temporary files of aligner's naming in `folder` whose process is gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _STALE.match(name)
        if match and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(folder, name))


def remove_live() -> None:
    """Remove every temporary file of this process (on an interrupt)."""
    for tmp in list(_LIVE):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _LIVE.discard(tmp)


def _resolve(path: str | Path) -> tuple[str, Path]:
    """("stdout" | "through" | "file", where to write) for an output path."""
    if str(path) == STDOUT:
        return "stdout", Path(STDOUT)
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        return "file", real
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError("is a directory, expected a file", file=display(path))
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return "through", real
    if not stat.S_ISREG(st.st_mode):
        raise UsageError("refusing to write over something that is not a file", file=display(path))
    return "file", real


def _temporary(target: Path, path: str | Path, cleaned: set[Path] | None = None) -> str:
    """A new temporary file beside `target`, registered for removal on an interrupt (one
    that cannot be made is a `UsageError` naming `path`, the output asked for). Stale
    temporary files are removed from its folder first, unless the folder is in `cleaned`
    (a batch's folders, cleaned once: listing a folder per file is quadratic)."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if cleaned is None or target.parent not in cleaned:
            remove_stale(target.parent)
            if cleaned is not None:
                cleaned.add(target.parent)
        prefix = f".{target.name[:100]}{_TEMP_MARK}{os.getpid()}-"
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=prefix, suffix=".tmp")
        _LIVE.add(tmp)
        os.close(fd)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    return tmp


@contextlib.contextmanager
def _written(tmp: str, *, synced: bool = True) -> Iterator[BinaryIO]:
    """`tmp` open for writing; after the block its mode is that of a new file and, when
    `synced`, its data is on disk (else `_sync` it before renaming it into place)."""
    with open(tmp, "wb") as stream:
        yield stream
        stream.flush()
        if synced:
            os.fsync(stream.fileno())
    os.chmod(tmp, 0o666 & ~_umask())


def _sync(tmp: str) -> None:
    """Put the data of the written file `tmp` on disk."""
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


#: A batch's files are put on disk by this many threads at once: `fsync` waits for the disk
#: without holding the GIL, and the file system commits concurrent ones together (measured
#: here: 150 TMX files of an export, 0.66 s one after another).
SYNC_THREADS = 8


def _discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)
    _LIVE.discard(tmp)


@contextlib.contextmanager
def atomic_output(path: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[BinaryIO]:
    """A binary stream that becomes `path` when the block succeeds; parent folders are created."""
    check_not_input(path, inputs)
    kind, target = _resolve(path)
    if kind == "stdout":
        out = sys.stdout.buffer
        yield out
        out.flush()
        return
    if kind == "through":
        try:
            stream = open(target, "wb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        try:
            with stream:
                yield stream
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        return
    tmp = _temporary(target, path)
    try:
        with _written(tmp) as written:
            yield written
        os.replace(tmp, target)
        _LIVE.discard(tmp)
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise


def write_atomic(path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write `data` (text is encoded as UTF-8) to `path` atomically (`-`: standard output)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, inputs=inputs) as stream:
        stream.write(payload)


class OutputBatch:
    """Files written into one folder and renamed into place together (`output_batch`)."""

    def __init__(self, folder: Path, inputs: tuple[str | Path, ...]) -> None:
        self.folder = folder
        self.inputs = inputs
        self._pending: list[tuple[str | io.BytesIO, Path, Path]] = []  # (temp, target, asked)
        self._names: dict[str, Path] = {}
        self._cleaned: set[Path] = set()  # folders rid of stale temporary files

    @contextlib.contextmanager
    def open(self, path: str | Path) -> Iterator[BinaryIO]:
        """A stream for `path` (inside the folder); it is renamed into place on commit."""
        asked = Path(path)
        key = os.path.normcase(os.path.abspath(asked))
        if key in self._names:
            raise UsageError(
                "two outputs of this run have the same name (documents with the same name? "
                "rename one or export them separately)",
                file=display(asked),
            )
        self._names[key] = asked
        check_not_input(asked, self.inputs)
        kind, target = _resolve(asked)
        if kind != "file":
            buffer = io.BytesIO()
            yield buffer
            self._pending.append((buffer, target, asked))
            return
        tmp = _temporary(target, asked, self._cleaned)
        self._pending.append((tmp, target, asked))
        try:
            with _written(tmp, synced=False) as stream:
                yield stream
        except OSError as exc:
            raise _cannot_write(asked, exc) from None

    def _sync_all(self) -> None:
        """Put every written file on disk (several at once); the first failure, in the
        order the files were written, is the error."""
        files = [(tmp, asked) for tmp, _, asked in self._pending if isinstance(tmp, str)]
        if not files:
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(SYNC_THREADS, len(files))) as pool:
            futures = [(pool.submit(_sync, tmp), asked) for tmp, asked in files]
        for future, asked in futures:
            exc = future.exception()
            if isinstance(exc, OSError):
                raise _cannot_write(asked, exc) from None
            if exc is not None:
                raise exc

    def commit(self) -> None:
        """Put every file on disk, then rename each into place while holding an exclusive
        lock on the folder."""
        self._sync_all()
        with _locked(self.folder):
            for tmp, target, asked in self._pending:
                try:
                    if isinstance(tmp, io.BytesIO):
                        with open(target, "wb") as stream:
                            stream.write(tmp.getvalue())
                    else:
                        check_not_input(asked, self.inputs)
                        os.replace(tmp, target)
                        _LIVE.discard(tmp)
                except OSError as exc:
                    raise _cannot_write(asked, exc) from None
        self._pending.clear()

    def discard(self) -> None:
        for tmp, _, _ in self._pending:
            if isinstance(tmp, str):
                _discard(tmp)
        self._pending.clear()


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise _cannot_write(folder, exc) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextlib.contextmanager
def output_batch(folder: str | Path, *, inputs: Iterable[str | Path] = ()) -> Iterator[OutputBatch]:
    """Write several files into `folder` (created if needed); all or none are renamed into
    place when the block ends, under a lock, so concurrent runs never mix their files."""
    where = Path(folder)
    if str(where) == STDOUT:
        raise UsageError("-o - (standard output) needs an export to one file (--multilingual)")
    if where.exists() and not where.is_dir():
        raise UsageError("-o must be a folder for this export", file=display(where))
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(where, exc) from None
    batch = OutputBatch(where, tuple(inputs))
    try:
        yield batch
        batch.commit()
    finally:
        batch.discard()
