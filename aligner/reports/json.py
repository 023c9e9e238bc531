"""JSON report: documents, findings and a summary, with a stable key order."""

from __future__ import annotations

import inspect
import json
from typing import Any

from aligner.checks.base import Rule
from aligner.findings import Finding, Result
from aligner.model import Alignment, Paragraph
from aligner.reports.common import sorted_findings, summarize

#: Version of the JSON report layout; bumped on any incompatible change.
FORMAT_VERSION = 1


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as a JSON object (documented key order); a stale-translation finding
    adds `previous`: the unit id(s) and text it had, and the word diff."""
    out = {
        "rule": f.rule,
        "severity": str(f.severity),
        "lang": f.lang,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "paragraph": f.paragraph,
        "reference_paragraph": f.reference_paragraph,
        "message": f.message,
        "document": f.document,
        "section": f.section,
    }
    if f.revision is not None:
        out["previous"] = {
            "units": list(f.revision.units),
            "text": f.revision.text,
            "diff": f.revision.diff,
        }
    return out


def _unit(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    return [f"{p.section}:{p.ident}" if p.section else p.ident for p in paragraphs]


def links_list(alignment: Alignment | None) -> list[dict[str, Any]]:
    """A version's links to the reference: units (`section:number`, or the id of a unit
    without a section: `3.4`, `¶2`), kind and confidence.

    The reference version itself (no alignment) has none.
    """
    if alignment is None:
        return []
    return [
        {
            "reference": _unit(link.source),
            "version": _unit(link.target),
            "kind": link.kind,
            "confidence": link.confidence,
        }
        for link in alignment.links
    ]


def report_dict(result: Result) -> dict[str, Any]:
    """The whole report as plain data."""
    documents = [
        {
            "name": docset.name,
            "versions": [
                {
                    "file": doc.path,
                    "lang": doc.lang,
                    "code": doc.code,
                    "paragraphs": len(doc.paragraphs),
                    "links": links_list(result.alignments.get(docset.name, {}).get(doc.lang or "")),
                }
                for doc in docset.versions
            ],
        }
        for docset in result.documents
    ]
    return {
        "version": FORMAT_VERSION,
        "reference": result.reference,
        "documents": documents,
        "findings": [finding_dict(f) for f in sorted_findings(result)],
        "summary": summarize(result),
    }


def dumps(data: object) -> str:
    """Serialize the way every aligner JSON output is: UTF-8 text, indent 2, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_json(result: Result) -> str:
    return dumps(report_dict(result))


def rule_dict(rule: type[Rule]) -> dict[str, str]:
    """A rule's id, severity, description, explanation and example."""
    return {
        "id": rule.id,
        "severity": str(rule.severity),
        "description": inspect.cleandoc(rule.description),
        "explanation": inspect.cleandoc(rule.explanation),
        "example": inspect.cleandoc(rule.example),
    }
