"""Rules about inputs that could not be read: reported while reading (`aligner.corpus`
records what it did not read, `read_findings` makes those findings; `aligner.validate`),
before anything is aligned, while the other files are still checked. Any of their findings
makes the exit status 2: a run that did not read an input cannot pass.
"""

from __future__ import annotations

from collections.abc import Iterable

from aligner.checks.base import ReadingRule, register
from aligner.findings import Finding, Severity, Unread


@register("unreadable", Severity.ERROR)
class Unreadable(ReadingRule):
    """Never hidden by a suppression: an input that could not be read is never deliberate."""

    suppressible = False


@register("unsupported-file", Severity.ERROR)
class UnsupportedFile(ReadingRule):
    """A file seen in a checked folder but not read as a version."""


def read_findings(unread: Iterable[Unread]) -> list[Finding]:
    """An `unreadable` or `unsupported-file` finding per input `aligner.corpus` did not read."""
    return [
        (Unreadable if u.supported else UnsupportedFile).finding(
            u.file, u.message, line=u.line, lang=u.lang, document=u.document
        )
        for u in unread
    ]
