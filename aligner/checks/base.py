"""Rules, the context they look at, and the one rule registry."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from aligner.amendments import Baseline
from aligner.findings import Finding, Severity
from aligner.model import Alignment, Document, DocumentSet


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

    Subclasses set the class attributes and implement `check`; `explanation` and `example`
    feed `aligner rules ID`.
    """

    id: ClassVar[str]
    severity: ClassVar[Severity]
    description: ClassVar[str]
    explanation: ClassVar[str] = ""
    example: ClassVar[str] = ""

    def check(self, context: Context) -> Iterable[Finding]:
        raise NotImplementedError


REGISTRY: dict[str, type[Rule]] = {}


def register(rule: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry under its id (ids are unique)."""
    if rule.id in REGISTRY:
        raise ValueError(f"duplicate rule id {rule.id!r}")
    REGISTRY[rule.id] = rule
    return rule


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
