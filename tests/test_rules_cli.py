"""`aligner rules [ID] [--format text|json]` through click's CliRunner."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner

import aligner.checks  # noqa: F401  (registers the shipped rules)
from aligner.checks.base import REGISTRY, Rule
from aligner.cli import cli
from aligner.findings import Severity

#: The rule ids issue 3 defines; each must be registered and explained.
ISSUE_RULES = [
    "missing-paragraph",
    "extra-paragraph",
    "merged-paragraphs",
    "split-paragraph",
    "reordered-paragraphs",
    "duplicate-number",
    "numbering-gap",
    "misnumbered-paragraph",
    "structure-mismatch",
    "empty-paragraph",
    "unreadable",
    "number-mismatch",
    "untranslated",
    "wrong-language",
    "length-mismatch",
    "punctuation-mismatch",
    "document-code-mismatch",
    "missing-introductory-line",
]


class Gap(Rule):
    id = "numbering-gap"
    severity = Severity.ERROR
    description = "Paragraph numbering skips a number."
    explanation = """
        Numbers must run 1, 2, 3 within a section.

        A skipped number with no missing content is a numbering slip.
    """
    example = """
        fr: 1, 2, 4
        paragraph 3 is skipped in fr
    """


class Length(Rule):
    id = "length-mismatch"
    severity = Severity.WARNING
    description = "A paragraph is much longer or shorter than expected."


@pytest.fixture
def fake_registry() -> Iterator[None]:
    saved = dict(REGISTRY)
    REGISTRY.clear()
    REGISTRY.update({Gap.id: Gap, Length.id: Length})
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


def run(*args: str):
    return CliRunner().invoke(cli, ["rules", *args])


def test_table_lists_every_rule_with_severity_and_description(fake_registry):
    result = run()
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "RULE             SEVERITY  DESCRIPTION",
        "length-mismatch  warning   A paragraph is much longer or shorter than expected.",
        "numbering-gap    error     Paragraph numbering skips a number.",
    ]


def test_explain_one_rule_with_its_example(fake_registry):
    result = run("numbering-gap")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "numbering-gap (error)\n\n"
        "Paragraph numbering skips a number.\n\n"
        "Numbers must run 1, 2, 3 within a section.\n\n"
        "A skipped number with no missing content is a numbering slip.\n\n"
        "Example:\n"
        "    fr: 1, 2, 4\n"
        "    paragraph 3 is skipped in fr\n"
    )


def test_rule_without_explanation_or_example(fake_registry):
    result = run("length-mismatch")
    assert result.exit_code == 0
    assert result.output == (
        "length-mismatch (warning)\n\nA paragraph is much longer or shorter than expected.\n"
    )


def test_json_formats(fake_registry):
    listed = json.loads(run("--format", "json").output)
    assert [r["id"] for r in listed] == ["length-mismatch", "numbering-gap"]
    one = json.loads(run("numbering-gap", "--format", "json").output)
    assert one == {
        "id": "numbering-gap",
        "severity": "error",
        "description": "Paragraph numbering skips a number.",
        "explanation": "Numbers must run 1, 2, 3 within a section.\n\n"
        "A skipped number with no missing content is a numbering slip.",
        "example": "fr: 1, 2, 4\nparagraph 3 is skipped in fr",
    }


def test_unknown_id_exits_2_with_suggestions(fake_registry):
    result = run("numbering-gaps")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "unknown rule 'numbering-gaps' (did you mean numbering-gap?)" in result.stderr
    assert "valid rule ids: length-mismatch, numbering-gap" in result.stderr
    far = run("zzz")
    assert far.exit_code == 2 and "did you mean" not in far.stderr
    assert "length-mismatch, numbering-gap" in far.stderr


def test_bad_format_is_a_usage_error(fake_registry):
    assert run("--format", "xml").exit_code == 2


# --- the shipped rules -------------------------------------------------------


def test_every_rule_of_the_issue_is_listed():
    table = run().output.splitlines()[1:]
    listed = {line.split()[0]: line.split()[1] for line in table}
    assert set(ISSUE_RULES) <= set(listed)
    assert listed == {r.id: str(r.severity) for r in REGISTRY.values()}


@pytest.mark.parametrize("rule_id", ISSUE_RULES)
def test_every_rule_is_explained_with_an_example(rule_id):
    result = run(rule_id)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{rule_id} (")
    assert "\nExample:\n    " in result.output
    description = REGISTRY[rule_id].description
    assert "\n" not in description.strip() and description.strip()
