"""Apply configured suppressions to a run's findings, and report the ones nothing used.

A suppression that matches no finding is stale (the difference was fixed, or the entry names
the wrong paragraph) and hides nothing but a future real problem: like ruff's unused-noqa, it
is reported as an `unused-suppression` warning at its line in the config file. A suppression
only counts as unused when the run could have used it: its rule ran, and the document and
language it names were checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from aligner.checks.base import REGISTRY, Rule, register
from aligner.findings import Finding, Severity, Suppressed, Suppression
from aligner.model import DocumentSet


@register("unused-suppression", Severity.WARNING)
class UnusedSuppression(Rule):
    """Reported by `apply_suppressions`, which sees the whole run."""


def _shown(path: str) -> str:
    """`path` relative to the working folder when below it (as the other findings' paths)."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def _suppressible(f: Finding) -> bool:
    rule = REGISTRY.get(f.rule)
    return rule is None or rule.suppressible


def _applicable(s: Suppression, rules_run: set[str], docsets: Sequence[DocumentSet]) -> bool:
    if s.rule not in rules_run:
        return False
    sets = [d for d in docsets if s.document is None or d.name == s.document]
    return any(s.lang is None or s.lang in d.langs for d in sets)


def apply_suppressions(
    findings: Iterable[Finding],
    suppressions: Sequence[Suppression],
    *,
    rules_run: Iterable[str],
    docsets: Sequence[DocumentSet],
) -> tuple[list[Finding], list[Suppressed]]:
    """Split `findings` into those reported and those a suppression hides (with its reason);
    add an `unused-suppression` finding per applicable suppression that hid nothing (when
    that rule is among `rules_run`)."""
    kept: list[Finding] = []
    hidden: list[Suppressed] = []
    used: set[int] = set()
    for f in findings:
        index = next(
            (i for i, s in enumerate(suppressions) if _suppressible(f) and s.matches(f)),
            None,
        )
        if index is None:
            kept.append(f)
        else:
            used.add(index)
            hidden.append(Suppressed(f, suppressions[index].reason))
    run = set(rules_run)
    if UnusedSuppression.id in run:
        for i, s in enumerate(suppressions):
            if i not in used and _applicable(s, run, docsets):
                kept.append(
                    Finding(
                        file=_shown(s.file or "pyproject.toml"),
                        line=s.line or 1,
                        rule=UnusedSuppression.id,
                        severity=UnusedSuppression.severity,
                        lang=s.lang or "",
                        message=f"suppression of {s.describe()} matched no finding; remove it",
                        document=s.document or "",
                    )
                )
    return kept, hidden
