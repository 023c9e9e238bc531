"""Report writers: a check `Result` rendered as text, JSON, GitHub commands, SARIF or JUnit.

Every writer is a pure function of the result (and its options): same result, same text.
"""

from __future__ import annotations

from aligner.checks.base import rules
from aligner.errors import UsageError
from aligner.findings import Result, Severity
from aligner.reports.common import get_rule
from aligner.reports.github import render_github
from aligner.reports.json import dumps, render_json, rule_dict
from aligner.reports.junit import render_junit
from aligner.reports.sarif import render_sarif
from aligner.reports.text import (
    explain_rule,
    render_text,
    rules_table,
    statistics_table,
    summary_line,
)

#: Output formats of `check` and `validate`, the default first.
FORMATS: tuple[str, ...] = ("text", "json", "github", "sarif", "junit")

#: Formats of `aligner rules`.
RULE_FORMATS: tuple[str, ...] = ("text", "json")


def render(
    fmt: str,
    result: Result,
    *,
    color: bool = False,
    fail_on: Severity | None = Severity.ERROR,
    review_url: str | None = None,
) -> str:
    """`result` in format `fmt`; `color` affects text only, `fail_on` JUnit failures only,
    `review_url` (the HTML review report findings link to) SARIF only."""
    if fmt == "text":
        return render_text(result, color=color)
    if fmt == "json":
        return render_json(result)
    if fmt == "github":
        return render_github(result)
    if fmt == "sarif":
        return render_sarif(result, review_url=review_url)
    if fmt == "junit":
        return render_junit(result, fail_on=fail_on)
    raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_rules(fmt: str = "text", rule_id: str | None = None) -> str:
    """Every registered rule as a table (or JSON list), or one rule explained with its example.

    An unknown `rule_id` raises `UsageError` naming close matches and every valid id.
    """
    if fmt not in RULE_FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(RULE_FORMATS)}")
    if rule_id is not None:
        rule = get_rule(rule_id)
        return dumps(rule_dict(rule)) if fmt == "json" else explain_rule(rule)
    every = list(rules())
    return dumps([rule_dict(r) for r in every]) if fmt == "json" else rules_table(every)


__all__ = [
    "FORMATS",
    "RULE_FORMATS",
    "render",
    "render_rules",
    "statistics_table",
    "summary_line",
]
