"""The kinds of rule and the registry (aligner.checks.base)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from aligner.checks import REGISTRY, Context, FileRule, ReadingRule, Rule, SetRule, register
from aligner.checks.base import rule_texts, run_rules, select_rules
from aligner.errors import UsageError
from aligner.findings import Finding, Result, Severity
from aligner.model import DocumentSet, Paragraph, build_document


def test_every_rule_explains_itself() -> None:
    assert len(REGISTRY) == 44
    for rule in REGISTRY.values():
        assert rule.id and rule.description and "\n" not in rule.description
        assert rule.explanation and rule.example
        assert rule.severity in (Severity.ERROR, Severity.WARNING)


def test_every_text_in_the_rules_file_belongs_to_a_rule() -> None:
    assert set(rule_texts()) == set(REGISTRY)
    for texts in rule_texts().values():
        assert set(texts) <= {"description", "explanation", "example"}


def test_every_rule_is_of_one_kind() -> None:
    kinds = (SetRule, ReadingRule, FileRule)
    for rule in REGISTRY.values():
        assert sum(issubclass(rule, kind) for kind in kinds) <= 1, rule.id
    unkinded = {r.id for r in REGISTRY.values() if not issubclass(r, kinds)}
    assert unkinded == {"unused-suppression"}  # reported by the run, not by a kind of input
    assert {r.id for r in REGISTRY.values() if r.unread} == {"unreadable", "unsupported-file"}


def test_register_takes_words_from_the_rules_file_unless_the_class_sets_them() -> None:
    saved = dict(REGISTRY)
    try:
        REGISTRY.pop("no-units")

        @register("no-units", Severity.WARNING)
        class Mine(SetRule):
            example = "my own example"

        assert (Mine.id, Mine.severity) == ("no-units", Severity.WARNING)
        assert Mine.description == rule_texts()["no-units"]["description"]
        assert Mine.example == "my own example"
        assert REGISTRY["no-units"] is Mine
        with pytest.raises(ValueError, match="duplicate rule id"):
            register("no-units", Severity.ERROR)(type("Again", (SetRule,), {}))
    finally:
        REGISTRY.clear()
        REGISTRY.update(saved)


def test_selection_never_drops_what_reports_unread_inputs() -> None:
    chosen = {r.id for r in select_rules()}
    assert chosen == {k for k, r in REGISTRY.items() if not r.unread}
    assert [r.id for r in select_rules(["no-units"], ["no-units"])] == []
    with pytest.raises(UsageError, match="unknown rule no-such-rule"):
        select_rules(["no-such-rule"])


def _context() -> Context:
    en = build_document("d/en.md", [Paragraph("", 1, "1.", "Text.", 3)], lang="en")
    fr = build_document("d/fr.md", [Paragraph("", 1, "1.", "Texte.", 4)], lang="fr")
    return Context(DocumentSet("d", (en, fr)), en, {})


def test_only_set_rules_run_on_a_context() -> None:
    class Every(SetRule):
        id, severity, description = "every", Severity.INFO, "one finding per version"

        def check(self, context: Context) -> Iterable[Finding]:
            for doc in context.documents.versions:
                yield self.finding(doc, 1, f"seen {doc.lang}", paragraph=doc.paragraphs[0])

    class Nothing(Rule):
        id, severity, description = "nothing", Severity.INFO, "no check at all"

    found = run_rules(_context(), [Every, Nothing])
    assert [(f.file, f.rule, f.lang, f.message, f.paragraph) for f in found] == [
        ("d/en.md", "every", "en", "seen en", 1),
        ("d/fr.md", "every", "fr", "seen fr", 1),
    ]


def test_the_exit_status_follows_the_findings_not_the_rule_ids() -> None:
    class Lost(ReadingRule):
        id, severity, description = "lost-input", Severity.INFO, "an input was lost"

    unread = Lost.finding("x/fr.md", "gone", lang="fr")
    assert unread.unread and (unread.rule, unread.line, unread.lang) == ("lost-input", 1, "fr")
    named = Finding("x/fr.md", 1, "unreadable", Severity.INFO, "fr", "only named so")
    assert Result("en", (), (unread,)).exit_status() == 2
    assert Result("en", (), (named,)).exit_status() == 0
    assert Result("en", (), (named,)).exit_status(Severity.INFO) == 1
