"""The kinds of rule, the context set rules look at, and the one rule registry.

Every rule has an id, a default severity and the words `aligner rules` shows (kept in
`aligner/data/rules.toml`). What a rule looks at depends on its kind: a `SetRule` checks
one aligned document set, a `ReadingRule` reports an input that could not be read
(`aligner.checks.reading`), a `FileRule` a TMX or PO file (`aligner.checks.tmx`, `.po`).
All are registered together, so ids are unique and `aligner rules` lists them all.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import ClassVar, TypeVar

from aligner.amendments import Baseline
from aligner.errors import UsageError
from aligner.findings import Finding, Severity
from aligner.model import Alignment, Document, DocumentSet, Paragraph


@dataclass(frozen=True)
class Context:
    """What a rule looks at: one document set, its reference and every alignment to it."""

    documents: DocumentSet
    reference: Document
    alignments: dict[str, Alignment]  # by target language
    #: by target language: the reference as that translation was made from it, where known
    baselines: Mapping[str, Baseline] = field(default_factory=dict)


class Rule:
    """A check with a stable id, a default severity and a one-line description.

    `explanation` and `example` feed `aligner rules ID`. The subclasses say what the rule
    looks at and how it reports.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    description: ClassVar[str]
    explanation: ClassVar[str] = ""
    example: ClassVar[str] = ""
    #: Its findings say an input was not read: the run cannot pass (exit status 2), and
    #: selecting rules never drops them.
    unread: ClassVar[bool] = False
    #: Whether a configured suppression may hide its findings.
    suppressible: ClassVar[bool] = True


_At = Paragraph | None  # a paragraph a finding is about, if any


class SetRule(Rule):
    """A rule on one aligned document set (`Context`); `check` yields its findings."""

    def check(self, context: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def finding(
        cls, doc: Document, line: int, message: str, *, paragraph: _At = None, reference: _At = None
    ) -> Finding:
        """A finding of this rule about version `doc` (its file, language and name), at
        its `paragraph` and the `reference` paragraph it matches (or lacks)."""
        where = paragraph or reference
        return Finding(
            file=doc.path,
            line=line,
            rule=cls.id,
            severity=cls.severity,
            lang=doc.lang or "",
            message=message,
            paragraph=paragraph.cited if paragraph else None,
            reference_paragraph=reference.cited if reference else None,
            document=doc.name,
            section=where.section if where else None,
        )


class ReadingRule(Rule):
    """A rule about an input that was not read, reported while reading (`unread`: the run
    cannot pass)."""

    unread = True

    @classmethod
    def finding(
        cls, file: str, message: str, *, line: int = 1, lang: str = "", document: str = ""
    ) -> Finding:
        """A finding of this rule about `file` (at `line`)."""
        return Finding(
            file=file,
            line=line,
            rule=cls.id,
            severity=cls.severity,
            lang=lang,
            message=message,
            document=document,
            unread=cls.unread,
        )


class FileRule(Rule):
    """A rule about one TMX or PO file someone else produced (`aligner validate`)."""

    @classmethod
    def finding(
        cls, path: str, line: int | None, message: str, *, lang: str = "", column: int = 1
    ) -> Finding:
        """A finding of this rule at `path:line`."""
        return Finding(
            file=path,
            line=line or 1,
            rule=cls.id,
            severity=cls.severity,
            lang=lang,
            message=message,
            column=column,
        )


REGISTRY: dict[str, type[Rule]] = {}

_R = TypeVar("_R", bound=type[Rule])
_TEXTS = ("description", "explanation", "example")


@cache
def rule_texts() -> dict[str, dict[str, str]]:
    """Every rule's description, explanation and example, by id (`data/rules.toml`)."""
    text = (resources.files("aligner") / "data" / "rules.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def register(rule_id: str, severity: Severity) -> Callable[[_R], _R]:
    """Class decorator: give a rule its id, severity and words (those its class does not
    set, from `data/rules.toml`) and add it to the registry (ids are unique)."""

    def add(rule: _R) -> _R:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate rule id {rule_id!r}")
        rule.id, rule.severity = rule_id, severity
        for name, text in rule_texts()[rule_id].items():
            if name in _TEXTS and name not in vars(rule):
                setattr(rule, name, text)
        REGISTRY[rule_id] = rule
        return rule

    return add


def rules() -> Iterator[type[Rule]]:
    """Every registered rule, sorted by id."""
    yield from (REGISTRY[k] for k in sorted(REGISTRY))


def rule_ids() -> list[str]:
    """Every registered rule id, sorted (read from the registry at call time)."""
    return sorted(REGISTRY)


def unknown_rule_message(unknown: list[str], *, what: str = "rule") -> str:
    """One line naming the unknown ids, close matches for each, and every valid id."""
    valid = rule_ids()
    parts = []
    for rule_id in unknown:
        close = difflib.get_close_matches(rule_id, valid, n=3, cutoff=0.5)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        parts.append(f"{rule_id!r}{hint}")
    plural = "s" if len(unknown) > 1 else ""
    return (
        f"unknown {what}{plural} {'; '.join(parts)}; "
        f"valid rule ids: {', '.join(valid) or '(none registered)'}"
    )


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[type[Rule]]:
    """The registered rules to run: those in `select` (default all) not in `ignore`, and
    none that reports unread inputs (those always report).

    Raise `UsageError` for an unknown rule id.
    """
    chosen = set(REGISTRY) if select is None else set(select)
    ignored = set(ignore or ())
    unknown = sorted((chosen | ignored) - set(REGISTRY))
    if unknown:
        raise UsageError(
            f"unknown rule {', '.join(unknown)} (known rules: {', '.join(sorted(REGISTRY))})"
        )
    return [REGISTRY[k] for k in sorted(chosen - ignored) if not REGISTRY[k].unread]


def run_rules(context: Context, rules: Iterable[type[Rule]]) -> list[Finding]:
    """Every finding of the set rules among `rules` on `context`, in rule order."""
    return [f for rule in rules if issubclass(rule, SetRule) for f in rule().check(context)]
