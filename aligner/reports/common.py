"""Helpers every report writer shares: ordering, counts, one-line messages, rule lookup."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.checks.base import REGISTRY, Rule, rules, unknown_rule_message
from aligner.errors import UsageError
from aligner.findings import Finding, Result, Severity
from aligner.model import Document, Paragraph

_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")


@dataclass(frozen=True)
class Units:
    """The paragraphs a finding names, looked up in the run's documents."""

    reference: Document | None
    version: Document | None
    reference_paragraph: Paragraph | None
    paragraph: Paragraph | None


def _paragraph(
    doc: Document | None, number: int | str | None, section: str | None
) -> Paragraph | None:
    if doc is None or number is None:
        return None
    candidates = [p for p in doc.paragraphs if p.cited == number]
    in_section = [p for p in candidates if section is None or p.section == section]
    chosen = in_section or candidates
    return chosen[0] if chosen else None


def finding_units(result: Result, f: Finding) -> Units:
    """The reference and version documents of `f` and the paragraphs it names in them."""
    docset = next((d for d in result.documents if d.name == f.document), None)
    reference = docset.get(result.reference) if docset else None
    version = docset.get(f.lang) if docset and f.lang else None
    if version is None and docset:
        version = next((d for d in docset.versions if d.path == f.file), None)
    return Units(
        reference,
        version,
        _paragraph(reference, f.reference_paragraph, f.section),
        _paragraph(version, f.paragraph, f.section),
    )


def finding_key(f: Finding) -> tuple[object, ...]:
    """Sort key: file, then line and column, then rule, language, the paragraph's number
    and message (`Finding.sort_key`)."""
    return (f.file, f.line, f.column, *f.sort_key()[2:])


def sorted_findings(result: Result) -> list[Finding]:
    """The result's findings sorted by file and line (None-safe, unlike `Finding` ordering)."""
    return sorted(result.findings, key=finding_key)


def one_line(text: str) -> str:
    """`text` with every line break turned into a space, so one finding stays one line."""
    return _LINE_BREAKS.sub(" ", text)


def files(result: Result) -> list[str]:
    """Every file the run looked at or reported on: versions in order, then other files."""
    seen: dict[str, None] = {}
    for docset in result.documents:
        for doc in docset.versions:
            seen.setdefault(doc.path)
    for f in sorted_findings(result):
        seen.setdefault(f.file)
    return list(seen)


def summarize(result: Result) -> dict[str, int]:
    """The counts of the JSON `summary` object, in its documented key order."""
    return {
        "errors": result.count(Severity.ERROR),
        "warnings": result.count(Severity.WARNING),
        "files": len(files(result)),
        "paragraphs": sum(len(d.paragraphs) for ds in result.documents for d in ds.versions),
    }


def get_rule(rule_id: str) -> type[Rule]:
    """The registered rule `rule_id`; `UsageError` (exit 2) with suggestions when unknown."""
    try:
        return REGISTRY[rule_id]
    except KeyError:
        raise UsageError(unknown_rule_message([rule_id])) from None


def rules_in_report(result: Result) -> list[tuple[str, type[Rule] | None]]:
    """Registered rules by id, then any rule id a finding uses that is not registered."""
    out: list[tuple[str, type[Rule] | None]] = [(r.id, r) for r in rules()]
    known = {rule_id for rule_id, _ in out}
    for rule_id in sorted({f.rule for f in result.findings} - known):
        out.append((rule_id, None))
    return out
