"""Plain-text report: one `path:line:col: severity rule message` line per finding."""

from __future__ import annotations

import inspect
import textwrap

import click

from aligner.checks.base import Rule
from aligner.findings import Finding, Result, Severity
from aligner.reports.common import one_line, sorted_findings, summarize

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def format_finding(f: Finding, *, color: bool = False) -> str:
    """One finding on one line (line breaks in path or message become spaces).

    Whole-file findings (line 0) point at line 1.
    """
    where = f"{one_line(f.file)}:{max(f.line, 1)}:{max(f.column, 1)}:"
    severity, rule = str(f.severity), f.rule
    if color:
        where = click.style(where, bold=True)
        severity = click.style(severity, fg=_COLOURS[f.severity], bold=True)
        rule = click.style(rule, fg="cyan")
    return f"{where} {severity} {rule} {one_line(f.message)}"


def render_text(result: Result, *, color: bool = False) -> str:
    """Every finding, sorted by file then line, one per line."""
    return "".join(format_finding(f, color=color) + "\n" for f in sorted_findings(result))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: Result, *, color: bool = False) -> str:
    """E.g. `2 errors in 3 files (58 paragraphs: en 20, de 19, ru 19)`: the paragraphs
    read per language, so a version that yielded none shows; the CLI prints it on stderr."""
    s = summarize(result)
    notices = result.count(Severity.INFO)
    counts = [
        (s["errors"], "error", Severity.ERROR),
        (s["warnings"], "warning", Severity.WARNING),
        (notices, "notice", Severity.INFO),
    ]
    parts = []
    for n, word, severity in counts:
        if n:
            text = _count(n, word)
            parts.append(click.style(text, fg=_COLOURS[severity], bold=True) if color else text)
    problems = ", ".join(parts) if parts else "no problems"
    per_lang: dict[str, int] = {}
    for docset in result.documents:
        for doc in docset.versions:
            lang = doc.lang or "?"
            per_lang[lang] = per_lang.get(lang, 0) + len(doc.paragraphs)
    counts_by_lang = ", ".join(f"{lang} {n}" for lang, n in per_lang.items())
    units = _count(s["paragraphs"], "paragraph") + (f": {counts_by_lang}" if per_lang else "")
    return f"{problems} in {_count(s['files'], 'file')} ({units})"


def statistics_table(result: Result, *, color: bool = False) -> str:
    """Findings counted per rule, most frequent first, as `ruff --statistics` prints them:
    `count  rule  severity  description` (nothing when there are no findings)."""
    from collections import Counter

    from aligner.checks.base import REGISTRY

    counts = Counter(f.rule for f in result.findings)
    severity = {f.rule: f.severity for f in result.findings}
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not rows:
        return ""
    wn = max(len(str(n)) for _, n in rows)
    wr = max(len(rule) for rule, _ in rows)
    out = []
    for rule, n in rows:
        described = REGISTRY.get(rule)
        text = one_line(described.description) if described else ""
        sev = f"{severity[rule]!s:<7}"
        if color:
            sev = click.style(sev, fg=_COLOURS[severity[rule]], bold=True)
        out.append(f"{n:>{wn}}  {rule:<{wr}}  {sev}  {text}".rstrip() + "\n")
    return "".join(out)


def rules_table(rule_classes: list[type[Rule]]) -> str:
    """Every rule as an aligned `id  severity  description` table with a header row."""
    rows = [("RULE", "SEVERITY", "DESCRIPTION")]
    rows += [(r.id, str(r.severity), one_line(r.description)) for r in rule_classes]
    wid = max(len(row[0]) for row in rows)
    wsev = max(len(row[1]) for row in rows)
    return "".join(f"{a:<{wid}}  {b:<{wsev}}  {c}".rstrip() + "\n" for a, b, c in rows)


def explain_rule(rule: type[Rule]) -> str:
    """A rule's id, severity, description, explanation and example, for `aligner rules ID`."""
    out = [f"{rule.id} ({rule.severity})", "", inspect.cleandoc(rule.description)]
    for paragraph in inspect.cleandoc(rule.explanation).split("\n\n"):
        if paragraph.strip():
            out += ["", textwrap.fill(" ".join(paragraph.split()), width=88)]
    if example := inspect.cleandoc(rule.example):
        out += ["", "Example:"]
        out += [f"    {line}".rstrip() for line in example.splitlines()]
    return "\n".join(out) + "\n"
