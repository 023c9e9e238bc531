"""Run the rules over document sets: align every version to the reference, then check."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from aligner.align import align_versions
from aligner.checks.base import REGISTRY, Context, Finding, Result, Rule
from aligner.corpus import load
from aligner.errors import UsageError
from aligner.model import Alignment, DocumentSet

#: Rules whose findings come from reading files, not from a `Context`.
READING_RULES = frozenset({"unreadable"})


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


def check_set(
    docset: DocumentSet,
    reference_lang: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[dict[str, Alignment], list[Finding]]:
    """Align every version of `docset` to its `reference_lang` version and run the rules.

    A set with a single version is checked on its own (numbering, empty paragraphs).
    Raise `UsageError` when several versions exist but none is in `reference_lang`.
    """
    rules = select_rules(select, ignore)
    reference = docset.get(reference_lang)
    if reference is None:
        if len(docset.versions) != 1:
            raise UsageError(
                f"document {docset.name} has no {reference_lang} version to check the others "
                f"against (it has {', '.join(docset.langs)}); choose one with --reference"
            )
        reference = docset.versions[0]
    targets = [doc for doc in docset.versions if doc is not reference]
    alignments = {
        doc.lang or "": alignment
        for doc, alignment in zip(targets, align_versions(reference, targets), strict=True)
    }
    context = Context(docset, reference, alignments)
    findings = [replace(f, document=docset.name) for rule in rules for f in rule().check(context)]
    return alignments, sorted(set(findings))


def run_check(
    paths: Iterable[str | Path],
    reference: str = "en",
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    lang_overrides: Mapping[str, str] | None = None,
    suppressed: Callable[[Finding], bool] | None = None,
) -> Result:
    """Read, align and check everything under `paths`.

    `suppressed` drops deliberate differences (see `aligner.config`); `unreadable`
    findings are always kept.
    """
    select = None if select is None else list(select)
    ignore = None if ignore is None else list(ignore)
    select_rules(select, ignore)  # unknown ids are a usage error even without documents
    docsets, findings = load(paths, lang_overrides)
    for docset in docsets:
        findings.extend(check_set(docset, reference, select, ignore)[1])
    if suppressed is not None:
        findings = [f for f in findings if f.rule in READING_RULES or not suppressed(f)]
    return Result(reference, tuple(docsets), tuple(sorted(set(findings))))
