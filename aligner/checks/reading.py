"""Rules about inputs that could not be read: reported while reading (`aligner.corpus`,
`aligner.validate`), before anything is aligned, while the other files are still checked.
Any of their findings makes the exit status 2: a run that did not read an input cannot pass.
"""

from __future__ import annotations

from aligner.checks.base import ReadingRule, register
from aligner.findings import Severity


@register("unreadable", Severity.ERROR)
class Unreadable(ReadingRule):
    """Never hidden by a suppression: an input that could not be read is never deliberate."""

    suppressible = False


@register("unsupported-file", Severity.ERROR)
class UnsupportedFile(ReadingRule):
    """A file seen in a checked folder but not read as a version."""
