"""Checks: small rule classes of a few kinds in one registry (`aligner.checks.base`)."""

from aligner.checks import (
    amendments,
    content,
    context,
    document,
    numbering,
    po,
    reading,
    sentences,
    structure,
    suppressions,
    tmx,
)
from aligner.checks.base import (
    REGISTRY,
    Context,
    FileRule,
    ReadingRule,
    Rule,
    SetRule,
    register,
    rules,
)
from aligner.findings import Finding, Result, Severity

__all__ = [
    "REGISTRY",
    "Context",
    "FileRule",
    "Finding",
    "ReadingRule",
    "Result",
    "Rule",
    "SetRule",
    "Severity",
    "amendments",
    "content",
    "context",
    "document",
    "numbering",
    "po",
    "reading",
    "register",
    "rules",
    "sentences",
    "structure",
    "suppressions",
    "tmx",
]
