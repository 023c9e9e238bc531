"""dictd dictionaries (FreeDict's format) read lazily, and their index cache.

Debian's ``dict-freedict-<src>-<tgt>`` packages install ``freedict-deu-fra.index`` and
``freedict-deu-fra.dict.dz`` under ``/usr/share/dictd``. Index lines are
``headword<TAB>offset<TAB>length`` (offset and length in dictd's base64 digits), sorted by
headword; ``.dict.dz`` is gzip, normally dictzip with a chunk table for random access.
Both are read lazily: the index is binary-searched through ``mmap`` and only the chunks
holding a wanted entry are inflated, so memory stays small even for the 100 MB deu-eng
dictionary. Translations of one-word headwords are kept in a SQLite table per dictionary
under `cache_dir()`, built on first use and named by the dictionary files' identity.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import itertools
import mmap
import os
import sqlite3
import struct
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import regex

#: Inflated dictzip chunks (about 58 kB each) kept per dictionary, least recently used dropped.
CHUNK_CACHE = 32

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_BRACKETS = regex.compile(r"\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|/[^/]*/")
_TAG = regex.compile(r"<[^>]*>")  # a part-of-speech tag ends a translation: "peak <n>, ..."
_SENSE_NUMBER = regex.compile(r"^\s*\d+\.\s*|\s+\d+\.\s*$")
_NUMBERED_LINE = regex.compile(r"^\d+\.\s+\S")
_SEPARATORS = regex.compile(r"[,;]")
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*")


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


class _DictData:
    """Random access to a dictd ``.dict.dz`` (dictzip chunks) or plain ``.dict`` file."""

    def __init__(self, path: Path):
        self.path = path
        self._data: bytes | None = None
        self._chunks: list[tuple[int, int]] = []  # (file offset, compressed size)
        self._chunk_len = 0
        self._cache: dict[int, bytes] = {}
        if path.suffix == ".dz":
            self._read_header()
        else:
            self._data = path.read_bytes()

    def _read_header(self) -> None:
        with self.path.open("rb") as fh:
            head = fh.read(10)
            if len(head) < 10 or head[:2] != b"\x1f\x8b":
                raise ValueError("not a gzip file")
            flags = head[3]
            chunk_sizes: list[int] = []
            if flags & 4:
                (xlen,) = struct.unpack("<H", fh.read(2))
                extra = fh.read(xlen)
                pos = 0
                while pos + 4 <= len(extra):
                    sub, length = (
                        extra[pos : pos + 2],
                        struct.unpack("<H", extra[pos + 2 : pos + 4])[0],
                    )
                    body = extra[pos + 4 : pos + 4 + length]
                    if sub == b"RA" and len(body) >= 6:
                        _ver, self._chunk_len, count = struct.unpack("<HHH", body[:6])
                        chunk_sizes = list(struct.unpack(f"<{count}H", body[6 : 6 + 2 * count]))
                    pos += 4 + length
            for flag in (8, 16):  # file name, comment: zero-terminated
                if flags & flag:
                    while fh.read(1) not in (b"\x00", b""):
                        pass
            if flags & 2:
                fh.read(2)
            offset = fh.tell()
        if not chunk_sizes:  # plain gzip: inflate it all once
            with gzip.open(self.path, "rb") as fh:
                self._data = fh.read()
            return
        for size in chunk_sizes:
            self._chunks.append((offset, size))
            offset += size

    def _chunk(self, index: int) -> bytes:
        cached = self._cache.pop(index, None)
        if cached is None:
            offset, size = self._chunks[index]
            with self.path.open("rb") as fh:
                fh.seek(offset)
                cached = zlib.decompressobj(-zlib.MAX_WBITS).decompress(fh.read(size))
            if len(self._cache) >= CHUNK_CACHE:
                del self._cache[next(iter(self._cache))]
        self._cache[index] = cached  # most recently used last
        return cached

    def reader(self) -> Callable[[int, int], bytes]:
        """A `read` for reading every entry: the data inflated once, in one pass, when it
        inflates to the size its chunk table gives (else `read` itself)."""
        if self._data is not None:
            return self.read
        try:
            with gzip.open(self.path, "rb") as fh:
                whole = fh.read()
        except (OSError, EOFError, zlib.error):
            return self.read
        size, count = self._chunk_len, len(self._chunks)
        if not size * (count - 1) < len(whole) <= size * count:
            return self.read

        def read(offset: int, length: int) -> bytes:
            if (offset + length - 1) // size >= count:
                raise ValueError("entry beyond end of dictionary")  # as `read` says
            return whole[offset : offset + length]

        return read

    def read(self, offset: int, length: int) -> bytes:
        """The `length` bytes at uncompressed `offset`."""
        if self._data is not None:
            return self._data[offset : offset + length]
        first, last = offset // self._chunk_len, (offset + length - 1) // self._chunk_len
        if last >= len(self._chunks):
            raise ValueError("entry beyond end of dictionary")
        blob = b"".join(self._chunk(i) for i in range(first, last + 1))
        start = offset - first * self._chunk_len
        return blob[start : start + length]


class DictdFile:
    """One dictd dictionary: sorted ``.index`` searched through mmap, ``.dict(.dz)`` data.

    With `cached`, translations come from the dictionary's table in the index cache
    (`cache_dir`), built on first use; without a usable cache they are read directly.
    """

    def __init__(self, index_path: Path, data_path: Path, *, cached: bool = False):
        self.index_path = index_path
        self.data_path = data_path
        self.name = index_path.stem  # e.g. "freedict-deu-fra"
        with index_path.open("rb") as fh:
            self._index = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        self._data = _DictData(data_path)
        self._memo: dict[str, tuple[str, ...]] = {}
        self._table: sqlite3.Connection | None = None
        self._table = _open_table(self) if cached else None

    def _first_line_at_or_after(self, key: bytes) -> int:
        """Offset of the first index line whose headword is >= `key` (binary search)."""
        index = self._index
        lo, hi = 0, len(index)
        while lo < hi:
            mid = (lo + hi) // 2
            start = index.rfind(b"\n", 0, mid) + 1
            tab = index.find(b"\t", start)
            if tab < 0 or index[start:tab] >= key:
                hi = start
            else:
                end = index.find(b"\n", mid)
                lo = len(index) if end < 0 else end + 1
        return lo

    def entries(self, headword: str) -> list[str]:
        """The raw text of every entry filed under `headword` (lowercase, as in the index)."""
        key = headword.encode("utf-8")
        pos = self._first_line_at_or_after(key)
        found: list[str] = []
        index = self._index
        while pos < len(index):
            end = index.find(b"\n", pos)
            end = len(index) if end < 0 else end
            fields = index[pos:end].split(b"\t")
            if fields[0] != key or len(fields) < 3:
                break
            try:
                raw = self._data.read(
                    _b64(fields[1].decode("ascii")), _b64(fields[2].decode("ascii"))
                )
            except (KeyError, ValueError, zlib.error):
                break
            found.append(raw.decode("utf-8", errors="replace"))
            pos = end + 1
        return found

    def translations(self, headword: str) -> tuple[str, ...]:
        """Translations (lowercase words or short phrases) of `headword`; () when absent."""
        cached = self._memo.get(headword)
        if cached is None:
            if self._table is not None and _tabled(headword):
                row = self._table.execute(_SELECT, (headword,)).fetchone()
                cached = tuple(row[0].split(_SEP)) if row else ()
            else:
                cached = self._parse(self.entries(headword))
            self._memo[headword] = cached
        return cached

    def prefetch(self, headwords: Iterable[str]) -> None:
        """Read the cached table's rows for many headwords in a few queries, so that
        `translations` of each is then a memo look-up (what it returns is unchanged)."""
        if self._table is None:
            return
        memo = self._memo
        wanted = sorted(h for h in {h for h in headwords if h not in memo} if _tabled(h))
        for start in range(0, len(wanted), PREFETCH_BATCH):
            batch = wanted[start : start + PREFETCH_BATCH]
            marks = ",".join("?" * len(batch))
            rows = dict(self._table.execute(f"SELECT h, v FROM t WHERE h IN ({marks})", batch))
            for headword in batch:
                found = rows.get(headword)
                self._memo[headword] = tuple(found.split(_SEP)) if found is not None else ()

    @staticmethod
    def _parse(entries: Iterable[str]) -> tuple[str, ...]:
        result: list[str] = []
        for entry in entries:
            for item in parse_entry(entry):
                if item not in result:
                    result.append(item)
        return tuple(result)

    def all_translations(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(headword, translations) for every headword `_tabled` keeps that has
        translations, in index order.

        What `translations` gives for each, computed in one pass over the index and data
        (when the index is sorted byte-wise, as dictfmt writes it; else word by word).
        """
        index = self._index
        lines = index[:].split(b"\n")
        if lines and not lines[-1]:
            lines.pop()
        keys = [line.split(b"\t", 1)[0] for line in lines]
        if not all(b"\t" in line for line in lines) or any(
            a > b for a, b in itertools.pairwise(keys)
        ):
            for key in dict.fromkeys(keys):
                word = key.decode("utf-8", errors="replace")
                if (
                    key == word.encode("utf-8")
                    and _tabled(word)
                    and (found := self.translations(word))
                ):
                    yield word, found
            return
        read, k = self._data.reader(), 0
        while k < len(lines):
            key, entries, stopped = keys[k], [], False
            while k < len(lines) and keys[k] == key:
                fields = lines[k].split(b"\t")
                if not stopped:  # as `entries`: stop at the first line it cannot read
                    try:
                        if len(fields) < 3:
                            raise ValueError("short index line")
                        raw = read(_b64(fields[1].decode("ascii")), _b64(fields[2].decode("ascii")))
                        entries.append(raw.decode("utf-8", errors="replace"))
                    except (KeyError, ValueError, UnicodeDecodeError, zlib.error):
                        stopped = True
                k += 1
            word = key.decode("utf-8", errors="replace")
            if key == word.encode("utf-8") and _tabled(word) and (found := self._parse(entries)):
                yield word, found

    def headwords(self) -> Iterator[str]:
        """Every headword, in index order (with repeats for multi-entry words)."""
        self._index.seek(0)
        for line in iter(self._index.readline, b""):
            yield line.split(b"\t", 1)[0].decode("utf-8", errors="replace")


#: Format of the cached tables; bump it when `parse_entry` or the table layout changes.
CACHE_FORMAT = 1
_SEP = "\x1f"  # between translations in a table row (no translation holds it)
_SELECT = "SELECT v FROM t WHERE h = ?"
#: Headwords per query of `DictdFile.prefetch` (SQLite allows 32,766 parameters since 3.32;
#: 500 keeps each statement small and is as fast as larger batches here).
PREFETCH_BATCH = 500


def _tabled(headword: str) -> bool:
    """Whether the cached table holds `headword`: a lower-case word without spaces, the
    only kind the lexicon looks up (others are read from the dictionary directly)."""
    return " " not in headword and headword == headword.lower()


def cache_dir() -> Path:
    """Where dictionary tables are cached: ``$XDG_CACHE_HOME/aligner`` (``~/.cache/aligner``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aligner"


def _cache_path(dictionary: DictdFile) -> Path:
    """The table's file, named by what identifies the dictionary's content: the absolute
    paths, sizes and modification times of its two files (a changed file gets a new table)."""
    parts = [f"format={CACHE_FORMAT}"]
    for path in (dictionary.index_path, dictionary.data_path):
        info = path.stat()
        parts.append(f"{path.resolve()}\0{info.st_size}\0{info.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir() / f"{dictionary.name}-{digest[:16]}.sqlite"


def _open_table(dictionary: DictdFile) -> sqlite3.Connection | None:
    """The dictionary's cached table (built now when missing), or None when the cache
    cannot be read or written (the dictionary is then read directly)."""
    try:
        path = _cache_path(dictionary)
        if not path.is_file():
            _build_table(dictionary, path)
        uri = f"{path.resolve().as_uri()}?mode=ro"
        table = sqlite3.connect(uri, uri=True, check_same_thread=False)
        table.execute(_SELECT, ("",)).fetchone()  # a damaged file fails here
        return table
    except (OSError, sqlite3.Error, ValueError, zlib.error):
        return None


def _build_table(dictionary: DictdFile, path: Path) -> None:
    """Write the headword -> translations table of `dictionary` to `path` atomically
    (built under a temporary name in the same folder, then renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(temp)) as db:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE t (h TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID")
            db.executemany(
                "INSERT INTO t VALUES (?, ?)",
                ((word, _SEP.join(found)) for word, found in dictionary.all_translations()),
            )
            db.commit()
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def parse_entry(entry: str) -> list[str]:
    """Translations in one dictd entry of FreeDict's (WikDict or Ding-derived) layout.

    The first line is the headword; the second line and every line starting ``N.`` hold
    translations separated by commas; glosses, examples, notes and synonyms are skipped.
    """
    lines = entry.split("\n")
    wanted = [lines[1]] if len(lines) > 1 else []
    wanted += [line for line in lines[2:] if _NUMBERED_LINE.match(line)]
    result: list[str] = []
    for line in wanted:
        text = _SENSE_NUMBER.sub(" ", _TAG.sub(",", _BRACKETS.sub(" ", line)))
        for part in _SEPARATORS.split(text):
            words = _WORD.findall(part.lower())
            if words and len(words) <= 3:
                phrase = " ".join(words)
                if phrase not in result:
                    result.append(phrase)
    return result
