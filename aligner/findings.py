"""Findings and the result of a check run: used by every layer, so they live low."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from types import EllipsisType

from aligner.amendments import Hunk, render_diff
from aligner.model import Alignment, DocumentSet


class Severity(IntEnum):
    """How bad a finding is; ordered so that `>=` compares with --fail-on."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Revision:
    """What a reference unit was when a translation was made from it (`stale-translation`)."""

    units: tuple[str, ...]  # its unit id(s) then: two when merged since
    text: str  # its text then
    hunks: tuple[Hunk, ...]  # the change, word by word

    @property
    def diff(self) -> str:
        """The change as text: `convicted of [+serious+] sex crimes`."""
        return render_diff(self.hunks)


_DIGITS = re.compile(r"(\d+)")


def _natural(unit: int | str | None) -> tuple[tuple[int, int | str], ...]:
    """A paragraph number or id in natural order: 2 < 10, "3.4" < "3.10", None first."""
    if unit is None:
        return ()
    if isinstance(unit, int):
        return ((0, unit),)
    return tuple((0, int(x)) if x.isdigit() else (1, x) for x in _DIGITS.split(unit) if x)


@dataclass(frozen=True)
class Finding:
    """One problem at one place; sorts by file, line, rule, language, then the paragraph
    it is about by number (10 after 2), then message."""

    file: str
    line: int
    rule: str
    severity: Severity
    lang: str
    message: str
    paragraph: int | str | None = None  # number (or id: "3.4", "¶12") in the checked version
    reference_paragraph: int | str | None = None  # number or id in the reference version
    document: str = ""
    section: str | None = None  # section id of the paragraph concerned
    column: int = field(default=1, compare=False)
    revision: Revision | None = field(default=None, compare=False)  # stale-translation only
    #: An input was not read (`aligner.checks.reading`): the run cannot pass (exit status 2).
    unread: bool = field(default=False, compare=False)

    @property
    def language(self) -> str:
        """The language of the version the finding is in (`lang`)."""
        return self.lang

    @property
    def unit(self) -> int | str | None:
        """The paragraph the finding is about: its number (or id: "3.4", "¶12") in the
        checked version, else (missing in it) in the reference."""
        return self.paragraph if self.paragraph is not None else self.reference_paragraph

    def sort_key(self) -> tuple[object, ...]:
        """The order of findings (None-safe: a finding about no paragraph comes first)."""
        unit = self.unit
        return (
            self.file,
            self.line,
            self.rule,
            self.lang,
            _natural(unit),
            self.message,
            int(self.severity),
            _natural(self.reference_paragraph),
            self.document,
            self.section or "",
        )

    def __lt__(self, other: Finding) -> bool:
        return self.sort_key() < other.sort_key()


@dataclass(frozen=True)
class Unread:
    """An input that was not read as a version, and why (`message`, at `line`): what
    `aligner.corpus` reports as plain data, made a finding by `aligner.checks.reading`.

    `supported` is False for a file seen but not read as a version (no reader for its
    format, a language aligner does not check, a language it cannot tell), True for one
    that could not be read (missing, damaged, over a limit, not a regular file). `lang`
    and `document` are told from the file name where it gives them.
    """

    file: str
    message: str
    line: int = 1
    lang: str = ""
    document: str = ""
    supported: bool = True


@dataclass(frozen=True)
class Suppression:
    """A deliberate difference (`[[tool.aligner.suppress]]` in the config file): findings of
    `rule` that match every key given are dropped."""

    rule: str
    document: str | None = None
    lang: str | None = None
    paragraph: int | None = None
    section: str | None = None
    reason: str = ""
    file: str | None = field(default=None, compare=False)  # where it is configured
    line: int | None = field(default=None, compare=False)

    def describe(self) -> str:
        """`extra-paragraph (document d, lang ru, paragraph 7)`: the rule and keys given."""
        keys = [
            f"{name} {value}"
            for name, value in (
                ("document", self.document),
                ("lang", self.lang),
                ("section", self.section),
                ("paragraph", self.paragraph),
            )
            if value is not None
        ]
        return f"{self.rule} ({', '.join(keys)})" if keys else self.rule

    def matches(self, f: Finding) -> bool:
        return (
            f.rule == self.rule
            and (self.document is None or f.document == self.document)
            and (self.lang is None or f.lang == self.lang)
            and (self.paragraph is None or self.paragraph in (f.paragraph, f.reference_paragraph))
            and (self.section is None or f.section == self.section)
        )


@dataclass(frozen=True)
class Suppressed:
    """A finding a configured suppression hides, with that suppression's reason.

    `kind` is SARIF's: "external" for a suppression kept outside the checked file (the
    config file), "inSource" for one written in it.
    """

    finding: Finding
    justification: str
    kind: str = "external"


@dataclass(frozen=True)
class Result:
    """Everything one `check` run found, ready for a report writer.

    `suppressed` holds the findings configured suppressions hide: SARIF reports them
    marked as suppressed, every other format leaves them out, and they never fail a run.
    """

    reference: str
    documents: tuple[DocumentSet, ...]
    findings: tuple[Finding, ...]  # sorted
    fail_on: Severity | None = Severity.ERROR  # the run's --fail-on (None: never)
    notices: tuple[str, ...] = ()  # one-line remarks for stderr (e.g. no aligner.lock record)
    #: Every version's alignment to its reference: document name -> language -> alignment.
    alignments: Mapping[str, Mapping[str, Alignment]] = field(default_factory=dict)
    suppressed: tuple[Suppressed, ...] = ()

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def exit_status(self, fail_on: Severity | EllipsisType | None = ...) -> int:
        """2 if an input was unreadable or unsupported, 1 if a finding is at or above
        `fail_on` (default: the run's `fail_on`; None: never), else 0."""
        if isinstance(fail_on, EllipsisType):
            fail_on = self.fail_on
        if any(f.unread for f in self.findings):
            return 2
        if fail_on is not None and any(f.severity >= fail_on for f in self.findings):
            return 1
        return 0
