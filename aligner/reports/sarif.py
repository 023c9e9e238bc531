"""SARIF 2.1.0 report, valid against the OASIS schema, for code-scanning dashboards."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aligner import __version__
from aligner.checks.base import Finding, Result, Rule, Severity
from aligner.reports.common import files, rules_in_report, sorted_findings
from aligner.reports.json import dumps

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for `path`: relative to the working directory when it lies below it.

    Forward slashes, percent-encoded (spaces, `%`, `:`, `#`, non-ASCII); an absolute path
    outside the working directory becomes a `file:` URI.
    """
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _name(rule_id: str) -> str:
    """`missing-paragraph` -> `MissingParagraph` (SARIF's human-readable rule name)."""
    return "".join(part.capitalize() for part in rule_id.split("-") if part)


def _descriptor(rule_id: str, rule: type[Rule] | None) -> dict[str, Any]:
    if rule is None:
        return {"id": rule_id, "name": _name(rule_id), "shortDescription": {"text": rule_id}}
    description = inspect.cleandoc(rule.description)
    explanation = inspect.cleandoc(rule.explanation)
    example = inspect.cleandoc(rule.example)
    help_text = "\n\n".join(
        part
        for part in (explanation or description, f"Example:\n{example}" if example else "")
        if part
    )
    return {
        "id": rule_id,
        "name": _name(rule_id),
        "shortDescription": {"text": description},
        "fullDescription": {"text": explanation or description},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVELS[rule.severity]},
    }


def _result(f: Finding, rule_index: int, artifact_index: int) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(f.file), "index": artifact_index}
    }
    if f.line >= 1:
        physical["region"] = {"startLine": f.line, "startColumn": max(f.column, 1)}
    extra = {
        "lang": f.lang,
        "document": f.document,
        "section": f.section,
        "paragraph": f.paragraph,
        "referenceParagraph": f.reference_paragraph,
    }
    out: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": physical}],
    }
    properties = {k: v for k, v in extra.items() if v not in (None, "")}
    if properties:
        out["properties"] = properties
    return out


def sarif_log(result: Result) -> dict[str, Any]:
    """The SARIF log as plain data: one run, every rule, one result per finding."""
    rules = rules_in_report(result)
    rule_index = {rule_id: i for i, (rule_id, _) in enumerate(rules)}
    paths = files(result)
    artifact_index = {path: i for i, path in enumerate(paths)}
    run = {
        "tool": {
            "driver": {
                "name": "aligner",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_descriptor(rule_id, rule) for rule_id, rule in rules],
            }
        },
        "artifacts": [{"location": {"uri": artifact_uri(p)}} for p in paths],
        "columnKind": "unicodeCodePoints",
        "results": [
            _result(f, rule_index[f.rule], artifact_index[f.file]) for f in sorted_findings(result)
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(result: Result) -> str:
    return dumps(sarif_log(result))
