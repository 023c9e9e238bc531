"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message`."""

from __future__ import annotations

from aligner.findings import Finding, Result, Severity
from aligner.reports.common import sorted_findings

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way GitHub's toolkit does (`%`, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as `escape_data`, plus `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_command(f: Finding) -> str:
    """One finding as one workflow command; whole-file findings (line 0) carry no line."""
    props = [("file", f.file)]
    if f.line >= 1:
        props += [("line", str(f.line)), ("col", str(max(f.column, 1)))]
    title = f"{f.rule} ({f.lang})" if f.lang else f.rule
    props.append(("title", title))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{_COMMANDS[f.severity]} {joined}::{escape_data(f.message)}"


def render_github(result: Result) -> str:
    return "".join(format_command(f) + "\n" for f in sorted_findings(result))
