"""SARIF 2.1.0 report, valid against the OASIS schema, for code-scanning dashboards.

Each result carries `partialFingerprints` that survive re-runs and line shifts (document,
language, rule, reference unit and a hash of the unit's text, never a line number), so
GitHub code scanning tracks a finding across commits; findings hidden by a configured
suppression are kept with a `suppressions` entry giving its reason; `relatedLocations`
point at the reference paragraph; with a review-report URL, `hostedViewerUri` links each
result to its finding's anchor there (`aligner.reports.review.finding_anchors`); findings
hidden by a suppression are not on that page, so they get no link.
"""

from __future__ import annotations

import hashlib
import inspect
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from aligner import __version__
from aligner.checks.base import Rule
from aligner.findings import Finding, Result, Severity, Suppressed
from aligner.model import normalize_space
from aligner.reports.common import (
    files,
    finding_key,
    finding_units,
    rules_in_report,
)
from aligner.reports.json import dumps

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
#: The `partialFingerprints` key; bump the version when what it hashes changes.
FINGERPRINT = "alignerFinding/v1"


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


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def fingerprint(result: Result, f: Finding) -> str:
    """What identifies `f` whatever lines move: document, language, rule, the reference unit
    (section and number; the version's number when it has none) and the unit's text (the
    version's paragraph, else the reference's, else the message for file-level findings)."""
    units = finding_units(result, f)
    if f.reference_paragraph is not None:
        unit = f"{f.section or ''}:{f.reference_paragraph}"
    elif f.paragraph is not None:
        unit = f"{f.lang}:{f.section or ''}:{f.paragraph}"
    else:
        unit = ""
    paragraph = units.paragraph or units.reference_paragraph
    text = normalize_space(paragraph.text).casefold() if paragraph else f.message
    return _hash("\0".join((f.document, f.lang, f.rule, unit, _hash(text))))[:32]


def _location(uri: str, index: int, line: int, column: int = 1) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": index}}
    if line >= 1:
        physical["region"] = {"startLine": line, "startColumn": max(column, 1)}
    return {"physicalLocation": physical}


def _result(  # noqa: PLR0917  (a SARIF result and everything it points to)
    result: Result,
    f: Finding,
    rule_index: int,
    artifact_index: dict[str, int],
    fingerprint_value: str,
    anchor: str | None,
    suppression: Suppressed | None,
) -> dict[str, Any]:
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
        "locations": [_location(artifact_uri(f.file), artifact_index[f.file], f.line, f.column)],
        "partialFingerprints": {FINGERPRINT: fingerprint_value},
    }
    units = finding_units(result, f)
    ref = units.reference_paragraph
    if ref is not None and units.reference is not None and units.reference.path != f.file:
        path = units.reference.path
        related = _location(artifact_uri(path), artifact_index[path], ref.line)
        related["id"] = 0
        related["message"] = {
            "text": f"{units.reference.lang} paragraph {ref.number}, the reference: "
            f"{_excerpt(ref.text)}"
        }
        out["relatedLocations"] = [related]
    if anchor:
        out["hostedViewerUri"] = anchor
    if suppression is not None:
        entry: dict[str, Any] = {"kind": suppression.kind, "status": "accepted"}
        if suppression.justification:
            entry["justification"] = suppression.justification
        out["suppressions"] = [entry]
    properties = {k: v for k, v in extra.items() if v not in (None, "")}
    if properties:
        out["properties"] = properties
    return out


#: Characters of the reference text quoted in a related location's message.
_EXCERPT = 80


def _excerpt(text: str) -> str:
    text = normalize_space(text)
    return text if len(text) <= _EXCERPT else text[: _EXCERPT - 1].rstrip() + "…"


def viewer_uri(review_url: str) -> str:
    """The review report as an absolute URI: a URL as it is, a path as a `file:` URI (SARIF's
    `hostedViewerUri` must be absolute)."""
    if urlsplit(review_url).scheme:
        return review_url
    return Path(review_url).resolve().as_uri()


def sarif_log(result: Result, *, review_url: str | None = None) -> dict[str, Any]:
    """The SARIF log as plain data: one run, every rule, one result per finding (suppressed
    ones marked); `review_url` is the review report each result links to."""
    anchors: dict[Finding, str] = {}
    if review_url:
        from aligner.reports.review import finding_anchors

        page = viewer_uri(review_url)
        anchors = {f: f"{page}#{quote(a, safe='')}" for f, a in finding_anchors(result).items()}
    rules = rules_in_report(result)
    rule_index = {rule_id: i for i, (rule_id, _) in enumerate(rules)}
    paths = files(result)
    for s in result.suppressed:
        if s.finding.file not in paths:
            paths.append(s.finding.file)
    artifact_index = {path: i for i, path in enumerate(paths)}
    entries: list[tuple[Finding, Suppressed | None]] = [(f, None) for f in result.findings]
    entries += [(s.finding, s) for s in result.suppressed]
    entries.sort(key=lambda e: (finding_key(e[0]), e[1] is not None))
    seen: Counter[str] = Counter()
    results = []
    for f, suppression in entries:
        if f.rule not in rule_index:
            rule_index[f.rule] = len(rules)
            rules.append((f.rule, None))
        base = fingerprint(result, f)
        seen[base] += 1
        value = base if seen[base] == 1 else f"{base}:{seen[base]}"
        anchor = anchors.get(f) if suppression is None else None
        results.append(
            _result(result, f, rule_index[f.rule], artifact_index, value, anchor, suppression)
        )
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
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_sarif(result: Result, *, review_url: str | None = None) -> str:
    return dumps(sarif_log(result, review_url=review_url))
