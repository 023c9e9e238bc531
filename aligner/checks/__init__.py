"""Checks: small rule classes in one registry, run over aligned document sets."""

from aligner.checks import amendments, content, files, sentences, structure, suppressions
from aligner.checks.base import (
    REGISTRY,
    Context,
    Finding,
    Result,
    Rule,
    Severity,
    register,
    rules,
)

__all__ = [
    "REGISTRY",
    "Context",
    "Finding",
    "Result",
    "Rule",
    "Severity",
    "amendments",
    "content",
    "files",
    "register",
    "rules",
    "sentences",
    "structure",
    "suppressions",
]
