"""Rebuild a target-language document from a translated PO file and the source document.

Every item of the template (the reference version the PO was exported from) is looked up
by its msgctxt (`aligner.model.item_keys`): paragraphs keep their numbers and labels,
blocks (code, title, headings, introductory lines) their kind and level. An item whose
entry is missing, empty, fuzzy or was made from another source text stays in the source
language with `UNTRANSLATED_MARK` in front, and is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from aligner.atomic import check_not_input, write_atomic
from aligner.errors import InputError, UsageError
from aligner.model import Block, Document, Item, Kind, item_keys, normalize_space
from aligner.readers import read_document
from aligner.writers.markdown import write_markdown
from aligner.writers.tmx import xml_safe

UNTRANSLATED_MARK = "[untranslated] "
#: Extensions `apply` writes (as Markdown, which is also readable plain text).
OUTPUT_SUFFIXES = (".md", ".markdown", ".txt")


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


def read_po(path: str | Path) -> polib.POFile:
    """Parse a PO file with polib; raise `InputError` naming the file (and line) if it cannot."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=str(p)) from None
    try:
        return polib.pofile(data.decode("utf-8-sig"), wrapwidth=0)
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", file=str(p)) from None
    except (OSError, ValueError) as exc:
        message = str(exc)
        line = None
        if "(line " in message:
            tail = message.rsplit("(line ", 1)[1].rstrip(")")
            line = int(tail) if tail.isdigit() else None
            message = message.rsplit(" (line ", 1)[0]
        raise InputError(message.strip() or "not a PO file", file=str(p), line=line) from None


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
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgctxt is not None:
            by_context.setdefault(entry.msgctxt, entry)
        else:
            by_source.setdefault(entry.msgid, entry)
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
    report = apply_catalog(source, catalog, lang=lang, use_fuzzy=use_fuzzy)
    report.document = replace(report.document, path=str(out))
    write_atomic(out, write_markdown(report.document), inputs=(po, template))
    return report
