"""Run the rules over one aligned document set (`Context`); choose which rules run.

Reading and aligning happen before, in `aligner.pipeline`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from aligner.checks.base import REGISTRY, Context, Rule
from aligner.errors import UsageError
from aligner.findings import READING_RULES, Finding


def select_rules(
    select: Iterable[str] | None = None, ignore: Iterable[str] | None = None
) -> list[type[Rule]]:
    """The registered rules to run: those in `select` (default all) not in `ignore`.

    Raise `UsageError` for an unknown rule id.
    """
    chosen = set(REGISTRY) if select is None else set(select)
    ignored = set(ignore or ())
    unknown = sorted((chosen | ignored) - set(REGISTRY))
    if unknown:
        raise UsageError(
            f"unknown rule {', '.join(unknown)} (known rules: {', '.join(sorted(REGISTRY))})"
        )
    return [REGISTRY[k] for k in sorted(chosen - ignored - READING_RULES)]


def run_rules(context: Context, rules: Iterable[type[Rule]]) -> list[Finding]:
    """Every finding of `rules` on `context`, in rule order."""
    return [f for rule in rules for f in rule().check(context)]


def __getattr__(name: str) -> Any:
    """`check_set` and `run_check` moved to `aligner.pipeline`; older imports still work."""
    if name in ("check_set", "run_check"):
        from aligner import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
