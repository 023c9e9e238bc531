"""Rebuild a target-language document from a translated PO file and the source document.

Every item of the template (the reference version the PO was exported from) is looked up
by its msgctxt (`aligner.model.item_keys`): paragraphs keep their numbers and labels,
blocks (code, title, headings, introductory lines) their kind and level. An item whose
entry is missing, empty, fuzzy or was made from another source text stays in the source
language with `UNTRANSLATED_MARK` in front, and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from aligner.atomic import check_not_input, display, write_atomic
from aligner.errors import InputError, UsageError
from aligner.formats.markdown import write_markdown
from aligner.formats.tmx import xml_safe
from aligner.model import Block, Document, Item, Kind, Paragraph, item_keys, normalize_space
from aligner.readers import read_document
from aligner.readers.source import read_bytes
from aligner.validate import po_text

UNTRANSLATED_MARK = "[Untranslated] "  # capital: an intro line stays one (see the reader)
#: Extensions `apply` writes (as Markdown, which is also readable plain text).
OUTPUT_SUFFIXES = (".md", ".markdown", ".txt")
#: Characters refused in a translation: C0 and C1 controls other than white space, DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


@dataclass
class ApplyReport:
    """The rebuilt document and what could not be translated, by msgctxt."""

    document: Document
    translated: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)  # no entry or empty msgstr
    fuzzy: list[str] = field(default_factory=list)  # fuzzy and not used
    outdated: list[str] = field(default_factory=list)  # msgid differs from the template
    unused: list[str] = field(default_factory=list)  # PO entries the template lacks

    @property
    def left_in_source(self) -> list[str]:
        return self.untranslated + self.fuzzy + self.outdated

    @property
    def warnings(self) -> list[str]:
        """What `aligner apply` warns of: entries left in the source language, by why, and
        PO entries the template lacks."""
        left = {
            "untranslated": self.untranslated,
            "fuzzy, not used": self.fuzzy,
            "made from another source text": self.outdated,
        }
        out = [
            f"{len(keys)} {what}, left in the source language and marked: {', '.join(keys)}"
            for what, keys in left.items()
            if keys
        ]
        if self.unused:
            out.append(f"PO entries not in the template: {', '.join(self.unused)}")
        return out


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file with polib; raise `InputError` naming the file (and line) if it cannot."""
    name = display(path)
    data = read_bytes(path)
    try:
        return polib.pofile(po_text(data.decode("utf-8-sig")), wrapwidth=0)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", file=name) from None
    except (OSError, ValueError, LookupError) as exc:
        message = str(exc)
        line = None
        if "(line " in message:
            tail = message.rsplit("(line ", 1)[1].rstrip(")")
            line = int(tail) if tail.isdigit() else None
            message = message.rsplit(" (line ", 1)[0]
        raise InputError(message.strip() or "not a PO file", file=name, line=line) from None


def apply_catalog(
    template: Document,
    catalog: polib.POFile,
    *,
    lang: str | None = None,
    use_fuzzy: bool = False,
) -> ApplyReport:
    """The template translated with `catalog`; `lang` defaults to the PO's Language header."""
    by_context: dict[str, polib.POEntry] = {}
    by_source: dict[str, polib.POEntry] = {}
    for candidate in catalog:
        if candidate.obsolete:
            continue
        if candidate.msgctxt is not None:
            by_context.setdefault(candidate.msgctxt, candidate)
        else:
            by_source.setdefault(candidate.msgid, candidate)
    report = ApplyReport(template)
    items: list[Item] = []
    keys = item_keys(template)
    for key, item in zip(keys, template.items, strict=True):
        source = xml_safe(item.text)[0]
        entry = by_context.get(key) or by_source.get(source)
        text = None
        if entry is None or not entry.msgstr:
            report.untranslated.append(key)
        elif entry.msgid != source:
            report.outdated.append(key)
        elif entry.fuzzy and not use_fuzzy:
            report.fuzzy.append(key)
        else:
            if m := _CONTROL.search(entry.msgstr):
                raise InputError(
                    f"control character U+{ord(m.group()):04X} in the translation of {key}; "
                    "refusing to write it into a document",
                    line=entry.linenum,
                )
            text = normalize_space(entry.msgstr)
            report.translated.append(key)
        items.append(
            replace(item, text=text if text is not None else UNTRANSLATED_MARK + item.text)
        )
    known = set(keys)
    report.unused = [e.msgctxt for e in catalog if e.msgctxt is not None and e.msgctxt not in known]
    code = next((i.text for i in items if isinstance(i, Block) and i.kind is Kind.CODE), None)
    language = lang or catalog.metadata.get("Language") or None
    report.document = Document(
        path=template.path, lang=language, code=code or template.code, items=tuple(items)
    )
    return report


def apply_po(
    po: str | Path,
    template: str | Path,
    output: str | Path,
    *,
    lang: str | None = None,
    template_lang: str | None = None,
    use_fuzzy: bool = False,
) -> ApplyReport:
    """Translate the document `template` with the PO file `po` and write it to `output`."""
    out = Path(output)
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise UsageError(
            f"apply writes Markdown: name the output {' or '.join(OUTPUT_SUFFIXES)}",
            file=str(out),
        )
    check_not_input(out, (po, template))
    catalog = read_po(po)
    source = read_document(template, lang=template_lang)
    try:
        report = apply_catalog(source, catalog, lang=lang, use_fuzzy=use_fuzzy)
    except InputError as exc:
        raise InputError(exc.message, file=display(po), line=exc.line) from None
    report.document = replace(report.document, path=str(out))
    text = write_markdown(report.document)
    verify_layout(report.document, text, display(out))
    write_atomic(out, text, inputs=(po, template))
    return report


def _skeleton(items: Iterable[Item]) -> list[tuple[int | None, str]]:
    return [
        (i.number if isinstance(i, Paragraph) else None, normalize_space(i.text)) for i in items
    ]


def verify_layout(document: Document, markdown: str, file: str) -> None:
    """Raise `InputError` unless `markdown`, read back, has the document's items in order:
    the same paragraph numbers and texts and the same blocks (nothing merged, split,
    renumbered or dropped by what a translation holds)."""
    from aligner.readers.text import TextReader

    expected = _skeleton(document.items)
    got = _skeleton(TextReader().parse(markdown.encode("utf-8"), file))
    if got == expected:
        return
    n = next((k for k, (a, b) in enumerate(zip(expected, got, strict=False)) if a != b), None)
    n = min(len(expected), len(got)) if n is None else n
    key = item_keys(document)[n] if n < len(expected) else "the end"
    raise InputError(
        f"the output would not read back in the template's layout (first difference at "
        f"{key}: {len(got)} items read back, {len(expected)} written); nothing written",
        file=file,
    )
