"""Report writers: every format on a small result with tricky messages and paths."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

import click
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.checks.base import REGISTRY, Rule
from aligner.errors import UsageError
from aligner.findings import Finding, Result, Severity
from aligner.model import DocumentSet, Paragraph, build_document
from aligner.reports import FORMATS, render, summary_line
from aligner.reports.github import escape_data, escape_property, render_github
from aligner.reports.json import render_json
from aligner.reports.junit import render_junit
from aligner.reports.sarif import artifact_uri, render_sarif
from aligner.reports.text import render_text

DATA = Path(__file__).parent.parent / "data"
SARIF_SCHEMA = json.loads((DATA / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
JUNIT_XSD = etree.XMLSchema(etree.parse(str(DATA / "junit" / "junit.xsd")))

FOLDER = "my docs/déclaration, 2014"
TRICKY = "paragraph 7 of en has no counterpart in ru: 50% done, see 7,8\nsecond line «Брюссель»"


class MissingParagraph(Rule):
    id = "missing-paragraph"
    severity = Severity.ERROR
    description = "A reference paragraph has no counterpart."
    explanation = "Every paragraph of the reference must appear in each version."
    example = "en 7 has no counterpart in ru"


class LengthMismatch(Rule):
    id = "length-mismatch"
    severity = Severity.WARNING
    description = "Aligned paragraphs differ too much in length."


class Unreadable(Rule):
    id = "unreadable"
    severity = Severity.ERROR
    description = "A file could not be read."


@pytest.fixture(autouse=True)
def registry() -> Iterator[None]:
    """Run every test against three known rules, whatever else is registered."""
    saved = dict(REGISTRY)
    REGISTRY.clear()
    REGISTRY.update({r.id: r for r in (MissingParagraph, LengthMismatch, Unreadable)})
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


def _doc(path: str, lang: str, n: int, code: str | None = None):
    items = [Paragraph("", i, f"{i}.", f"text {i}", line=2 * i + 3) for i in range(1, n + 1)]
    return build_document(path, items, lang=lang, code=code)


def _finding(file: str, line: int, rule: str, severity: Severity, lang: str, message: str, **kw):
    kw.setdefault("document", "déclaration")
    return Finding(file, line, rule, severity, lang, message, **kw)


def sample() -> Result:
    """Versions with a space, comma and accent in the path, and two German files."""
    versions = (
        _doc(f"{FOLDER}/en.md", "en", 3, "AS (14) D E"),
        _doc(f"{FOLDER}/ru.md", "ru", 2, "AS (14) D R"),
        _doc(f"{FOLDER}/de.md", "de", 3),
        _doc(f"{FOLDER}/de-2.txt", "de", 3),
    )
    findings = (
        _finding(f"{FOLDER}/ru.md", 7, "missing-paragraph", Severity.ERROR, "ru", TRICKY,
                 reference_paragraph=7, section="1"),
        _finding(f"{FOLDER}/ru.md", 3, "length-mismatch", Severity.WARNING, "ru",
                 "ru 1 is 3× longer than en 1", paragraph=1, reference_paragraph=1, column=4),
        _finding(f"{FOLDER}/de-2.txt", 5, "length-mismatch", Severity.WARNING, "de",
                 "de 1: r\r\nwith CRLF", paragraph=1, reference_paragraph=1),
        _finding("other/x:y.docx", 0, "unreadable", Severity.ERROR, "",
                 "not a .docx file (bad zip)", document=""),
    )  # fmt: skip
    return Result("en", (DocumentSet("déclaration", versions),), findings)


# --- text --------------------------------------------------------------------


def test_text_lines_sorted_by_file_then_line_and_one_line_each():
    lines = render_text(sample()).splitlines()
    assert lines == [
        f"{FOLDER}/de-2.txt:5:1: warning length-mismatch de 1: r with CRLF",
        f"{FOLDER}/ru.md:3:4: warning length-mismatch ru 1 is 3× longer than en 1",
        f"{FOLDER}/ru.md:7:1: error missing-paragraph " + TRICKY.replace("\n", " "),
        "other/x:y.docx:1:1: error unreadable not a .docx file (bad zip)",
    ]


def test_text_colour_only_when_asked():
    plain = render_text(sample())
    assert "\x1b[" not in plain
    coloured = render_text(sample(), color=True)
    assert "\x1b[" in coloured
    assert click.unstyle(coloured) == plain
    assert click.unstyle(summary_line(sample(), color=True)) == summary_line(sample())


def test_summary_line_counts():
    expected = "2 errors, 2 warnings in 5 files (11 paragraphs: en 3, ru 2, de 6)"
    assert summary_line(sample()) == expected
    empty = Result("en", (DocumentSet("d", (_doc("d/en.md", "en", 1),)),), ())
    assert summary_line(empty) == "no problems in 1 file (1 paragraph: en 1)"
    assert render_text(empty) == ""


# --- json --------------------------------------------------------------------


def test_json_layout_and_values():
    text = render_json(sample())
    data = json.loads(text)
    assert list(data) == ["version", "reference", "documents", "findings", "summary"]
    assert data["version"] == 1 and data["reference"] == "en"
    assert data["summary"] == {"errors": 2, "warnings": 2, "files": 5, "paragraphs": 11}
    assert [v.pop("links") for v in data["documents"][0]["versions"]] == [[]] * 4  # not aligned
    assert data["documents"] == [
        {
            "name": "déclaration",
            "versions": [
                {"file": f"{FOLDER}/en.md", "lang": "en", "code": "AS (14) D E", "paragraphs": 3},
                {"file": f"{FOLDER}/ru.md", "lang": "ru", "code": "AS (14) D R", "paragraphs": 2},
                {"file": f"{FOLDER}/de.md", "lang": "de", "code": None, "paragraphs": 3},
                {"file": f"{FOLDER}/de-2.txt", "lang": "de", "code": None, "paragraphs": 3},
            ],
        }
    ]
    missing = data["findings"][2]
    assert missing == {
        "rule": "missing-paragraph",
        "severity": "error",
        "lang": "ru",
        "file": f"{FOLDER}/ru.md",
        "line": 7,
        "column": 1,
        "paragraph": None,
        "reference_paragraph": 7,
        "message": TRICKY,
        "document": "déclaration",
        "section": "1",
    }
    assert "Брюссель" in text and "\\u" not in text  # ensure_ascii=False
    assert text.endswith("}\n") and text.startswith('{\n  "version": 1,')


def test_every_format_is_deterministic_and_independent_of_finding_order():
    result = sample()
    shuffled = Result(result.reference, result.documents, tuple(reversed(result.findings)))
    for fmt in FORMATS:
        assert render(fmt, result) == render(fmt, result) == render(fmt, shuffled)


def test_unknown_format_is_a_usage_error():
    with pytest.raises(UsageError, match="junit"):
        render("yaml", sample())


# --- github ------------------------------------------------------------------


def test_github_escaping_functions_exact():
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert escape_data("%0A") == "%250A"  # escaped text is not unescaped by mistake


def test_github_commands_exact():
    lines = render_github(sample()).splitlines()
    folder = "my docs/déclaration%2C 2014"
    assert lines == [
        f"::warning file={folder}/de-2.txt,line=5,col=1,title=length-mismatch (de)"
        "::de 1: r%0D%0Awith CRLF",
        f"::warning file={folder}/ru.md,line=3,col=4,title=length-mismatch (ru)"
        "::ru 1 is 3× longer than en 1",
        f"::error file={folder}/ru.md,line=7,col=1,title=missing-paragraph (ru)"
        "::paragraph 7 of en has no counterpart in ru: 50%25 done, see 7,8%0A"
        "second line «Брюссель»",
        "::error file=other/x%3Ay.docx,title=unreadable::not a .docx file (bad zip)",
    ]


def test_github_info_is_a_notice():
    f = Finding("a.md", 2, "unreadable", Severity.INFO, "en", "note")
    assert render_github(Result("en", (), (f,))) == (
        "::notice file=a.md,line=2,col=1,title=unreadable (en)::note\n"
    )


# --- sarif -------------------------------------------------------------------

_URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*")


_SARIF_VALIDATOR_CLASS = jsonschema.validators.validator_for(SARIF_SCHEMA)
_SARIF_VALIDATOR = _SARIF_VALIDATOR_CLASS(
    SARIF_SCHEMA, format_checker=_SARIF_VALIDATOR_CLASS.FORMAT_CHECKER
)


def _validate_sarif(log: dict) -> None:
    _SARIF_VALIDATOR.validate(log)


def test_shipped_schema_is_the_official_one():
    raw = (DATA / "sarif" / "sarif-schema-2.1.0.json").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == SCHEMA_SHA256  # as in PROVENANCE.md
    assert SARIF_SCHEMA["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    assert SARIF_SCHEMA["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    assert "result" in SARIF_SCHEMA["definitions"]
    _SARIF_VALIDATOR_CLASS.check_schema(SARIF_SCHEMA)


def test_sarif_validates_against_the_official_schema():
    log = json.loads(render_sarif(sample()))
    _validate_sarif(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")


def test_the_schema_check_is_not_vacuous():
    log = json.loads(render_sarif(sample()))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate_sarif(log)
    log = json.loads(render_sarif(sample()))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(jsonschema.ValidationError):
        _validate_sarif(log)


def test_sarif_rules_results_and_locations():
    run = json.loads(render_sarif(sample()))["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "aligner"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["length-mismatch", "missing-paragraph", "unreadable"]
    missing = driver["rules"][1]
    assert missing["shortDescription"]["text"] == MissingParagraph.description
    assert missing["fullDescription"]["text"] == MissingParagraph.explanation
    assert "en 7 has no counterpart in ru" in missing["help"]["text"]
    assert missing["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][0]["defaultConfiguration"]["level"] == "warning"

    results = run["results"]
    assert [r["level"] for r in results] == ["warning", "warning", "error", "error"]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        loc = r["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert _URI_REFERENCE.fullmatch(uri), uri
        assert run["artifacts"][loc["artifactLocation"]["index"]]["location"]["uri"] == uri
    ru = results[2]["locations"][0]["physicalLocation"]
    assert ru["artifactLocation"]["uri"] == "my%20docs/d%C3%A9claration%2C%202014/ru.md"
    assert unquote(ru["artifactLocation"]["uri"]) == f"{FOLDER}/ru.md"
    assert ru["region"] == {"startLine": 7, "startColumn": 1}
    assert results[2]["message"]["text"] == TRICKY
    assert results[2]["properties"] == {
        "lang": "ru",
        "document": "déclaration",
        "section": "1",
        "referenceParagraph": 7,
    }
    whole_file = results[3]["locations"][0]["physicalLocation"]
    assert "region" not in whole_file  # line 0: no region, since startLine must be >= 1
    assert whole_file["artifactLocation"]["uri"] == "other/x%3Ay.docx"  # not a scheme
    assert len(run["artifacts"]) == 5


def test_sarif_uri_of_absolute_paths(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert artifact_uri(str(tmp_path / "a b" / "fr.md")) == "a%20b/fr.md"
    outside = Path(tmp_path.anchor) / "elsewhere" / "é.md"
    assert artifact_uri(str(outside)) == "file:///elsewhere/%C3%A9.md"


def test_sarif_keeps_unregistered_rule_ids():
    f = Finding("a.md", 1, "brand-new-rule", Severity.WARNING, "fr", "x")
    log = json.loads(render_sarif(Result("en", (), (f,))))
    _validate_sarif(log)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[log["runs"][0]["results"][0]["ruleIndex"]]["id"] == "brand-new-rule"


# --- junit -------------------------------------------------------------------


def _junit(result: Result, **kw) -> etree._Element:
    text = render_junit(result, **kw)
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(text.encode("utf-8"))
    JUNIT_XSD.assertValid(root)
    return root


def test_junit_one_case_per_version_with_unique_names_and_right_counts():
    root = _junit(sample())
    cases = root.findall("testsuite/testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [
        ("déclaration", "en"),
        ("déclaration", "ru"),
        ("déclaration", "de.md"),
        ("déclaration", "de-2.txt"),
        ("x:y", "x:y.docx"),
    ]
    names = [(c.get("classname"), c.get("name")) for c in cases]
    assert len(set(names)) == len(names)
    failing = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failing == ["ru", "x:y.docx"]
    assert root.get("tests") == "5" and root.get("failures") == "2" and root.get("errors") == "0"
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        ("déclaration", "4", "1"),
        ("x:y", "1", "1"),
    ]
    ru = cases[1]
    failure = ru.find("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == f"1 error in {FOLDER}/ru.md"
    assert "missing-paragraph" in failure.text and "Брюссель" in failure.text
    assert "length-mismatch" in ru.find("system-err").text  # below the failing level
    assert ru.find("system-out") is None


def test_junit_fail_on_warning_and_never():
    root = _junit(sample(), fail_on=Severity.WARNING)
    failing = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failing == ["ru", "de-2.txt", "x:y.docx"]
    ru = root.findall("testsuite/testcase")[1].find("failure")
    assert ru.get("message") == f"1 error, 1 warning in {FOLDER}/ru.md"
    assert root.get("failures") == "3"
    never = _junit(sample(), fail_on=None)
    assert never.get("failures") == "0" and not list(never.iter("failure"))
    assert len(list(never.iter("system-err"))) == 3


def test_junit_survives_characters_xml_forbids():
    f = Finding("a/en.md", 1, "unreadable", Severity.ERROR, "en", "bad \x00\x1b byte")
    root = _junit(Result("en", (), (f,)))
    assert "bad \ufffd\ufffd byte" in root.find("testsuite/testcase/failure").text


def test_junit_same_file_name_in_two_folders_gets_distinct_names():
    versions = (_doc("x/a/de.md", "de", 1), _doc("x/b/de.md", "de", 1), _doc("x/c/de.md", "de", 1))
    root = _junit(Result("en", (DocumentSet("x", versions),), ()))
    assert [c.get("name") for c in root.iter("testcase")] == ["x/a/de.md", "x/b/de.md", "x/c/de.md"]


# --- every format on arbitrary messages --------------------------------------


@settings(max_examples=40, deadline=None)
@given(message=st.text(min_size=1, max_size=40), path=st.text(min_size=1, max_size=12))
def test_any_message_and_path_survive_every_format(message: str, path: str):
    path = path.replace("\x00", "") or "x"
    f = Finding(f"d/{path}.md", 3, "missing-paragraph", Severity.ERROR, "ru", message)
    result = Result("en", (), (f,))
    assert json.loads(render_json(result))["findings"][0]["message"] == message
    github = render_github(result)
    assert github.count("\n") == 1 and "\r" not in github
    escaped = github.split("::", 2)[2].rstrip("\n")
    assert escaped.replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%") == message
    assert render_text(result).count("\n") == 1
    _validate_sarif(json.loads(render_sarif(result)))
    _junit(result)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_findings_on_one_line_sort_by_paragraph_number(fmt: str) -> None:
    """Paragraphs 1..12 reported on one line come out 1, 2, ..., 12 (not 1, 10, 11, 12, 2)."""
    findings = tuple(
        Finding(
            "de.md",
            1,
            "missing-paragraph",
            Severity.ERROR,
            "de",
            f"paragraph {n} of en has no counterpart in de",
            reference_paragraph=n,
        )
        for n in (12, 3, 10, 1, 2, 11)
    )
    assert [f.reference_paragraph for f in sorted(findings)] == [1, 2, 3, 10, 11, 12]
    out = render(fmt, Result("", (), findings))
    places = [out.index(f"paragraph {n} of en") for n in (1, 2, 3, 10, 11, 12)]
    assert places == sorted(places)


def test_findings_about_ids_sort_naturally() -> None:
    """Ids ("3.4", "3.10") and numbers mix: natural order, no TypeError."""
    ids: list[int | str] = ["3.10", 10, "3.4", 2]
    findings = [
        Finding("de.md", 1, "missing-paragraph", Severity.ERROR, "de", "m", reference_paragraph=i)
        for i in ids
    ]
    assert [f.reference_paragraph for f in sorted(findings)] == [2, "3.4", "3.10", 10]
