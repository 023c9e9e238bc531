"""Checks: small rule classes in one registry, run over aligned document sets."""

from aligner.checks import (
    amendments,
    content,
    context,
    document,
    files,
    numbering,
    sentences,
    structure,
    suppressions,
)
from aligner.checks.base import REGISTRY, Context, Rule, register, rules
from aligner.findings import Finding, Result, Severity

__all__ = [
    "REGISTRY",
    "Context",
    "Finding",
    "Result",
    "Rule",
    "Severity",
    "amendments",
    "content",
    "context",
    "document",
    "files",
    "numbering",
    "register",
    "rules",
    "sentences",
    "structure",
    "suppressions",
]
