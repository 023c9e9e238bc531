"""`aligner.lock`: the reference each translation was last confirmed against.

`aligner.sync` records, per document and translation, the reference units the translation is
aligned to (unit id, normalized-text fingerprint, text) in `aligner.lock` beside the
reference version; `check` and `export` read it back (`baselines`) to tell which units
changed since. Nothing else writes the file.

The file is JSON, one unit per line, translations sorted by document and language and
units in document order, so a review diff shows exactly the units that changed:

    {
      "aligner-lock": 1,
      "translations": [
        {"document": "baku", "lang": "de", "reference": "en", "checksum": "9c1e…", "units": [
          {"unit": "1:1", "fingerprint": "3f7a…", "text": "Recalling the resolutions …"},
          …
        ]}
      ]
    }
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligner.amendments import Baseline, Entry, compare, fingerprint
from aligner.errors import InputError
from aligner.model import Alignment, Document, DocumentSet, Paragraph, item_keys
from aligner.readers.source import read_bytes

LOCK_NAME = "aligner.lock"

#: Version of the lock layout; a lock of a higher version is refused, never misread.
FORMAT_VERSION = 1

#: Largest lock file read: it holds the reference text once per translation, so five
#: translations of a 25 MiB reference; parsed, it takes a few times that in memory.
MAX_LOCK_BYTES = 128 * 1024 * 1024

_TRANSLATION_KEYS = frozenset({"document", "lang", "reference", "checksum", "units"})
_UNIT_KEYS = frozenset({"unit", "fingerprint", "text"})


@dataclass(frozen=True)
class Record:
    """The reference units one translation of one document was synced against."""

    document: str
    lang: str
    reference: str  # the reference language
    units: Baseline

    @property
    def checksum(self) -> str:
        """A hash of what the record says (names, unit ids, fingerprints): any edit not
        made by `sync` (a renamed unit, a unit added or dropped) shows as damage."""
        lines = [self.document, self.lang, self.reference]
        lines.extend(f"{e.unit}\t{e.fingerprint}" for e in self.units)
        return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


def lock_path(reference: Document) -> Path:
    """Where the lock of a document lives: beside its reference version."""
    return Path(reference.path).parent / LOCK_NAME


def reference_entries(reference: Document) -> list[tuple[Paragraph, Entry]]:
    """The reference's units (numbered paragraphs) with their ids and texts."""
    return [
        (item, Entry(key, item.text))
        for key, item in zip(item_keys(reference), reference.items, strict=True)
        if isinstance(item, Paragraph)
    ]


def record_of(alignment: Alignment, document: str) -> Record:
    """What `sync` records for one translation: every reference unit aligned to it."""
    aligned = {p for link in alignment.links if link.target for p in link.source}
    units = tuple(e for p, e in reference_entries(alignment.reference) if p in aligned)
    return Record(document, alignment.target.lang or "", alignment.reference.lang or "", units)


# --- reading ---------------------------------------------------------------------------


def read_lock(path: str | Path) -> dict[tuple[str, str], Record]:
    """The records of a lock file by (document, language); {} when there is none.

    Raise `InputError` (exit 2) naming the file for a damaged lock or one written in a
    newer format.
    """
    p = Path(path)
    if not p.exists():
        return {}
    data = read_bytes(p, limit=MAX_LOCK_BYTES, state=True)
    name = str(p)
    try:
        raw = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"damaged lock: not valid UTF-8 (byte {exc.start})", file=name) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"damaged lock: {exc.msg}", file=name, line=exc.lineno) from None
    except RecursionError:
        raise InputError("damaged lock: nested too deeply", file=name) from None
    return _parse(raw, name)


def _parse(raw: Any, name: str) -> dict[tuple[str, str], Record]:  # noqa: C901  (one test per field of an untrusted file)
    def bad(why: str) -> InputError:
        return InputError(f"damaged lock: {why} (run `aligner sync` to rewrite it)", file=name)

    if not isinstance(raw, dict) or "aligner-lock" not in raw:
        raise bad('not an aligner lock (no "aligner-lock" version)')
    version = raw["aligner-lock"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad(f"format version {version!r} is not a positive integer")
    if version > FORMAT_VERSION:
        raise InputError(
            f"lock format {version} is newer than this aligner reads ({FORMAT_VERSION}); "
            "upgrade aligner",
            file=name,
        )
    if set(raw) != {"aligner-lock", "translations"} or not isinstance(raw["translations"], list):
        raise bad('expected exactly the keys "aligner-lock" and "translations" (a list)')
    out: dict[tuple[str, str], Record] = {}
    for n, item in enumerate(raw["translations"], 1):
        where = f"translation {n}"
        if not isinstance(item, dict) or set(item) != _TRANSLATION_KEYS:
            raise bad(f"{where} must have exactly the keys {', '.join(sorted(_TRANSLATION_KEYS))}")
        document, lang, reference, units = (
            item[k] for k in ("document", "lang", "reference", "units")
        )
        if not all(isinstance(v, str) and v for v in (document, lang, reference)):
            raise bad(f"{where}: document, lang and reference must be non-empty strings")
        if not isinstance(units, list):
            raise bad(f"{where} ({document} {lang}): units must be a list")
        where = f"{document} {lang}"
        if (document, lang) in out:
            raise bad(f"{where} is recorded twice")
        entries: list[Entry] = []
        seen: set[str] = set()
        for unit in units:
            if not isinstance(unit, dict) or set(unit) != _UNIT_KEYS:
                raise bad(f"{where}: a unit must have exactly the keys fingerprint, text, unit")
            if not all(isinstance(unit[k], str) for k in _UNIT_KEYS) or not unit["unit"]:
                raise bad(f"{where}: unit, fingerprint and text must be strings")
            if unit["unit"] in seen:
                raise bad(f"{where}: unit {unit['unit']} is recorded twice")
            seen.add(unit["unit"])
            if fingerprint(unit["text"]) != unit["fingerprint"]:
                raise bad(
                    f"{where}: the fingerprint of unit {unit['unit']} does not match its text"
                )
            entries.append(Entry(unit["unit"], unit["text"]))
        record = Record(document, lang, reference, tuple(entries))
        if item["checksum"] != record.checksum:
            raise bad(f"{where} does not match its checksum (edited by hand?)")
        out[(document, lang)] = record
    return out


# --- writing ---------------------------------------------------------------------------


#: Characters some editors and `str.splitlines` take for line ends: escaped, so that each
#: unit stays on one line whatever reads the file.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def _string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)


def render_lock(records: Iterable[Record]) -> str:
    """The text of a lock file: deterministic, sorted, one unit per line."""
    lines = ["{", f'  "aligner-lock": {FORMAT_VERSION},', '  "translations": [']
    ordered = sorted(records, key=lambda r: (r.document, r.lang))
    for n, record in enumerate(ordered):
        head = (
            f'    {{"document": {_string(record.document)}, "lang": {_string(record.lang)}, '
            f'"reference": {_string(record.reference)}, "checksum": "{record.checksum}", '
            '"units": ['
        )
        units = [
            f'      {{"unit": {_string(e.unit)}, "fingerprint": "{e.fingerprint}", '
            f'"text": {_string(e.text)}}}'
            for e in record.units
        ]
        tail = "    ]}" + ("," if n < len(ordered) - 1 else "")
        if units:
            lines.extend([head, ",\n".join(units), tail])
        else:
            lines.append(head + tail.strip())
    lines.extend(["  ]", "}"])
    return "\n".join(lines) + "\n"


# --- checking against the lock ---------------------------------------------------------


def baselines(
    docset: DocumentSet,
    reference: Document,
    documents: Collection[str] = (),
    langs: Collection[str] | None = None,
) -> tuple[dict[str, Baseline], list[str]]:
    """The recorded baseline of each translation of `docset`, and notices for those that
    have none (only when a lock exists: without one, checks run as they always did).

    Raise `InputError` when the lock is damaged, names a document that is not among
    `documents` (every document read in this run, when given) or a version that is not
    there, or names reference units that no longer exist (not even moved, renumbered,
    reworded or merged into another). With `langs`, only versions in those languages were
    read: the records of the others are not looked at.
    """
    path = lock_path(reference)
    records = read_lock(path)
    if not records:
        return {}, []
    stray = {document for document, _ in records} - {docset.name, *documents}
    if documents and stray:
        name = min(stray)
        raise InputError(
            f"names document {name}, which is not here (renamed or removed?); run "
            f"`aligner sync` to record the documents as they are",
            file=str(path),
        )
    mine = {
        lang: r
        for (document, lang), r in records.items()
        if document == docset.name and (langs is None or lang in langs)
    }
    present = {d.lang for d in docset.versions}
    for lang in sorted(set(mine) - present):
        raise InputError(
            f"names the {lang} version of {docset.name}, which is not there; run "
            f"`aligner sync` to record the versions as they are",
            file=str(path),
        )
    out: dict[str, Baseline] = {}
    notices: list[str] = []
    current = [e for _, e in reference_entries(reference)]
    for doc in docset.versions:
        lang = doc.lang or ""
        if doc is reference:
            continue
        record = mine.get(lang)
        if record is None:
            notices.append(
                f"{path}: no record of {docset.name} {lang}; checked without it "
                f"(run `aligner sync --lang {lang}` once {lang} is up to date)"
            )
            continue
        if record.reference != reference.lang:
            notices.append(
                f"{path}: {docset.name} {lang} was synced against {record.reference}, not "
                f"{reference.lang}; checked without its record"
            )
            continue
        gone = compare(record.units, current).gone
        if gone:
            units = ", ".join(record.units[i].unit for i in gone)
            raise InputError(
                f"{docset.name} {lang} was synced against {reference.lang} unit(s) {units}, "
                f"which no longer exist in {reference.path}; if they were deleted, delete "
                f"them from {doc.path} and run `aligner sync --lang {lang}`",
                file=str(path),
            )
        out[lang] = record.units
    return out, notices
