"""Rules for PO files someone else produced, run by `aligner validate` on a parsed
`PoFile`; `po-syntax` is reported while parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import polib

from aligner.checks.base import FileRule, register, rules
from aligner.findings import Finding, Severity


@dataclass(frozen=True)
class PoFile:
    """A parsed PO or POT file."""

    path: str
    catalog: polib.POFile
    template: bool  # a .pot: untranslated entries are expected

    @property
    def lang(self) -> str:
        return self.catalog.metadata.get("Language", "")


class PoRule(FileRule):
    """A rule over a parsed PO file."""

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def about(cls, po: PoFile, entry: polib.POEntry, rest: str) -> Finding:
        """A finding of this rule at `entry`, its message the entry named and `rest`."""
        return cls.finding(po.path, entry.linenum, f"{_where(entry)}{rest}", lang=po.lang)


def _where(entry: polib.POEntry) -> str:
    context = f"msgctxt {entry.msgctxt!r} " if entry.msgctxt is not None else ""
    text = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:37] + "..."
    return f"{context}msgid {text!r}"


def _translations(entry: polib.POEntry) -> list[str]:
    """The entry's translation, or each of its plural forms."""
    return list(entry.msgstr_plural.values()) if entry.msgstr_plural else [entry.msgstr]


def _entries(po: PoFile) -> Iterator[polib.POEntry]:
    """The live entries (not obsolete, not the header)."""
    yield from (e for e in po.catalog if not e.obsolete and e.msgid != "")


@register("po-syntax", Severity.ERROR)
class PoSyntax(FileRule):
    """Reported while parsing, by `aligner.validate`."""


@register("po-duplicate", Severity.ERROR)
class PoDuplicate(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        first: dict[tuple[str | None, str], int] = {}
        for entry in _entries(po):
            key = (entry.msgctxt, entry.msgid)
            if key in first:
                yield self.about(po, entry, f" repeats the entry at line {first[key]}")
            else:
                first[key] = entry.linenum or 1


_C_FORMAT = re.compile(
    r"%(?:(\d+)\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGaAcspn%])"
)
_PYTHON_FORMAT = re.compile(
    r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])"
)
_BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")


def _directives(flag: str, text: str) -> list[str]:
    """The format directives of `text` under `flag`: in order, or sorted when they are
    numbered or named (then a translation may reorder them)."""
    if flag == "c-format":
        found = [(m.group(1) or "", m.group(2)) for m in _C_FORMAT.finditer(text)]
    elif flag == "python-format":
        found = [(m.group(1) or "", m.group(2)) for m in _PYTHON_FORMAT.finditer(text)]
    else:
        found = [(m.group(1), "") for m in _BRACE_FORMAT.finditer(text) if m.group(1) is not None]
    keys = [f"{name}:{conversion}" for name, conversion in found if conversion != "%"]
    return sorted(keys) if any(name for name, _ in found) else keys


_FORMAT_FLAGS = ("c-format", "python-format", "python-brace-format")


@register("po-format", Severity.ERROR)
class PoFormat(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        for entry in _entries(po):
            flags = [f for f in _FORMAT_FLAGS if f in entry.flags]
            translations = _translations(entry)
            for flag in flags:
                wanted = _directives(flag, entry.msgid)
                for text in translations:
                    if text and _directives(flag, text) != wanted:
                        rest = f": {flag} directives of the translation differ"
                        yield self.about(po, entry, rest)


@register("po-newline", Severity.ERROR)
class PoNewline(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        for entry in _entries(po):
            for text in filter(None, _translations(entry)):
                for side, test in (("begin", str.startswith), ("end", str.endswith)):
                    if test(entry.msgid, "\n") != test(text, "\n"):
                        rest = f": msgid and msgstr do not both {side} with \\n"
                        yield self.about(po, entry, rest)


@register("po-header", Severity.WARNING)
class PoHeader(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        meta = po.catalog.metadata
        charset = re.search(r"charset=([\w.-]+)", meta.get("Content-Type", ""))
        if charset is None or charset.group(1).upper().replace("_", "-") not in {"UTF-8", "UTF8"}:
            found = charset.group(1) if charset else "none"
            yield self.finding(po.path, 1, f"charset is {found}, expected UTF-8", lang=po.lang)
        if not po.template and not meta.get("Language", "").strip():
            yield self.finding(po.path, 1, "no Language header")


@register("po-fuzzy", Severity.WARNING)
class PoFuzzy(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        fuzzy = [e for e in _entries(po) if e.fuzzy]
        total = _count(po)  # once, not per entry
        for entry in fuzzy:
            yield self.about(po, entry, f" is fuzzy ({len(fuzzy)} fuzzy of {total} entries)")


def _count(po: PoFile) -> int:
    return sum(1 for _ in _entries(po))


@register("po-untranslated", Severity.WARNING)
class PoUntranslated(PoRule):
    def check_po(self, po: PoFile) -> Iterable[Finding]:
        if po.template:
            return
        empty = [e for e in _entries(po) if not e.translated() and not e.fuzzy]
        total = _count(po)  # once, not per entry
        for entry in empty:
            rest = f" is untranslated ({len(empty)} untranslated of {total})"
            yield self.about(po, entry, rest)


def po_rules() -> list[PoRule]:
    """An instance of every registered PO rule."""
    return [r() for r in rules() if issubclass(r, PoRule)]
