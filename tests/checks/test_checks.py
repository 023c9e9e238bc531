"""`aligner check`: every fault found exactly, nothing else flagged, and the command itself."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from faults import MAKERS, check_written, drop_many, key, write_set
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import SHAPES

from aligner.checks import Severity
from aligner.checks.base import select_rules
from aligner.cli import cli
from aligner.errors import UsageError
from aligner.model import (
    LANGUAGES,
    Document,
    DocumentSet,
)
from aligner.pipeline import check_set, run_check
from aligner.readers import read_document

TARGETS = [lang for lang in LANGUAGES if lang != "en"]


# --- every fault in every language, and nothing else --------------------------------------


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_each_fault_is_found_in_every_language_and_nothing_else(
    corpus_docs: dict[str, Document], tmp_path: Path, kind: str
) -> None:
    versions = [corpus_docs["en"]]
    expected = set()
    for lang in TARGETS:
        fault = MAKERS[kind](corpus_docs[lang], corpus_docs["en"], random.Random(f"{kind}/{lang}"))
        versions.append(fault.document)
        expected.add((fault.rule, lang, fault.reference_paragraph))
    findings = check_written(tmp_path, versions)
    assert {key(f) for f in findings} == expected
    assert len(findings) == len(TARGETS), [f.message for f in findings]


def test_the_shipped_corpus_checks_clean(corpus_dir: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(corpus_dir.parent), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["findings"] == []
    assert report["summary"]["paragraphs"] == 120


MIXES = [
    {"fr": "docx-auto", "de": "html-ol", "it": "wrapped", "ru": "utf16le", "es": "alone"},
    {"fr": "plain", "de": "docx-typed", "it": "html-p", "ru": "crlf-bom", "es": "tab"},
]


@pytest.mark.parametrize("mix", MIXES, ids=["mix1", "mix2"])
@pytest.mark.parametrize("kind", [None, "drop", "merge"])
def test_every_input_shape_checks_alike(
    corpus_docs: dict[str, Document],
    corpus_dir: Path,
    tmp_path: Path,
    mix: dict[str, str],
    kind: str | None,
) -> None:
    """Formats do not matter: the same findings as from Markdown, none from the shape alone."""
    docs = [corpus_docs["en"]]
    for lang, shape in mix.items():
        doc = corpus_docs[lang]
        if kind is not None:
            doc = MAKERS[kind](doc, corpus_docs["en"], random.Random(f"{shape}/{lang}")).document
        docs.append(doc)
        suffix, data = SHAPES[shape](doc)
        (tmp_path / "shapes").mkdir(exist_ok=True)
        (tmp_path / "shapes" / f"{lang}{suffix}").write_bytes(data)
    shutil.copy(corpus_dir / "en.md", tmp_path / "shapes" / "en.md")
    write_set(docs, tmp_path / "markdown")
    shaped = run_check([tmp_path / "shapes"]).findings
    plain = run_check([tmp_path / "markdown"]).findings
    assert [key(f) for f in shaped] == [key(f) for f in plain]
    assert len(plain) == (0 if kind is None else len(mix))


def test_messages_say_what_and_where(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    faulty = drop_many(corpus_docs["ru"], [6])
    (finding,) = check_written(tmp_path, [corpus_docs["en"], faulty])
    assert finding.message == (
        "paragraph 7 of en has no counterpart in ru "
        "(ru 7 matches en 8; ru 7–19 are numbered one lower than en)"
    )
    assert finding.file.endswith("ru.md")
    assert finding.line == read_document(tmp_path / "ru.md").paragraphs[6].line  # ru 7
    assert (finding.paragraph, finding.reference_paragraph, finding.severity) == (
        None,
        7,
        Severity.ERROR,
    )


# --- other rules --------------------------------------------------------------------------


def test_select_and_ignore(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    faulty = drop_many(corpus_docs["fr"], [3])
    assert check_written(tmp_path, [corpus_docs["en"], faulty], ignore=["missing-paragraph"]) == []
    assert check_written(tmp_path, [corpus_docs["en"], faulty], select=["extra-paragraph"]) == []
    with pytest.raises(UsageError, match="unknown rule"):
        select_rules(["no-such-rule"])


# --- properties ---------------------------------------------------------------------------


@given(st.data())
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
def test_a_document_checked_against_itself_has_no_findings(
    corpus_docs: dict[str, Document], data: st.DataObject
) -> None:
    lang = data.draw(st.sampled_from(LANGUAGES))
    keep = data.draw(st.sets(st.integers(0, 19), min_size=2, max_size=20))
    doc = drop_many(corpus_docs[lang], sorted(set(range(20)) - keep))
    twin = replace(doc, path=doc.path.replace(f"{lang}.md", "xx.md"), lang="xx")
    docset = DocumentSet("self", (doc, twin))
    _, findings = check_set(docset, lang, ignore=["untranslated"])
    assert findings == []


@given(st.data())
@settings(max_examples=30, deadline=None, derandomize=True, database=None)
def test_dropping_k_paragraphs_gives_k_missing_paragraphs(
    corpus_docs: dict[str, Document], data: st.DataObject
) -> None:
    lang = data.draw(st.sampled_from(TARGETS))
    gone = data.draw(st.sets(st.integers(0, 19), min_size=1, max_size=5))
    faulty = drop_many(corpus_docs[lang], sorted(gone))
    _, findings = check_set(DocumentSet("d", (corpus_docs["en"], faulty)), "en")
    assert [f.rule for f in findings if f.severity is Severity.ERROR] == [
        "missing-paragraph"
    ] * len(gone)


@given(st.permutations(LANGUAGES), st.sampled_from(sorted(MAKERS)), st.sampled_from(TARGETS))
@settings(max_examples=8, deadline=None, derandomize=True, database=None)
def test_findings_do_not_depend_on_input_order(
    corpus_docs: dict[str, Document], tmp_path_factory, order, kind: str, lang: str
) -> None:
    folder = tmp_path_factory.mktemp("order")
    fault = MAKERS[kind](corpus_docs[lang], corpus_docs["en"], random.Random(kind))
    docs = [fault.document if d == lang else corpus_docs[d] for d in LANGUAGES]
    paths = write_set(docs, folder)
    forward = run_check(paths)
    shuffled = run_check([paths[LANGUAGES.index(d)] for d in order])
    assert forward == shuffled
    assert [key(f) for f in forward.findings] == [(fault.rule, lang, fault.reference_paragraph)]


# --- the command --------------------------------------------------------------------------


@pytest.fixture
def faulty_dir(corpus_docs: dict[str, Document], tmp_path: Path) -> Path:
    """en + fr clean, de with a changed year (an error), ru with a dropped paragraph."""
    de = MAKERS["number"](corpus_docs["de"], corpus_docs["en"], random.Random(1)).document
    ru = drop_many(corpus_docs["ru"], [4])
    folder = tmp_path / "doc"
    write_set([corpus_docs["en"], corpus_docs["fr"], de, ru], folder)
    return folder


def test_exit_status_follows_fail_on(runner: CliRunner, faulty_dir: Path) -> None:
    assert runner.invoke(cli, ["check", str(faulty_dir)]).exit_code == 1
    # a changed year fails CI by default, like a dropped paragraph
    only_number = ["check", str(faulty_dir), "--ignore", "missing-paragraph"]
    assert runner.invoke(cli, only_number).exit_code == 1
    assert runner.invoke(cli, [*only_number, "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(cli, ["check", str(faulty_dir), "--fail-on", "never"]).exit_code == 0
    selected = ["check", str(faulty_dir), "--select", "number-mismatch", "--fail-on", "warning"]
    result = runner.invoke(cli, selected)
    assert result.exit_code == 1 and "missing-paragraph" not in result.output


def test_text_report_lines_and_summary(runner: CliRunner, faulty_dir: Path) -> None:
    result = runner.invoke(cli, ["check", str(faulty_dir)])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(str(faulty_dir / "de.md") + ":")
    assert " error number-mismatch " in lines[0]
    assert " error missing-paragraph paragraph 5 of en has no counterpart in ru" in lines[1]
    assert "2 errors" in result.stderr


def test_output_file_is_written_and_inputs_are_protected(
    runner: CliRunner, faulty_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["check", str(faulty_dir), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert {f["rule"] for f in json.loads(out.read_text())["findings"]} == {
        "missing-paragraph",
        "number-mismatch",
    }
    before = (faulty_dir / "fr.md").read_bytes()
    refused = runner.invoke(cli, ["check", str(faulty_dir), "-o", str(faulty_dir / "fr.md")])
    assert refused.exit_code == 2 and "input" in refused.stderr
    assert (faulty_dir / "fr.md").read_bytes() == before


def test_unreadable_input_is_reported_and_the_rest_checked(
    runner: CliRunner, faulty_dir: Path
) -> None:
    (faulty_dir / "it.docx").write_bytes(b"PK\x03\x04 truncated")
    result = runner.invoke(cli, ["check", str(faulty_dir)])
    assert result.exit_code == 2
    assert "it.docx:1:1: error unreadable" in result.stdout
    assert "missing-paragraph" in result.stdout


def test_usage_errors(runner: CliRunner, faulty_dir: Path) -> None:
    assert runner.invoke(cli, ["check", str(faulty_dir), "--select", "nope"]).exit_code == 2
    assert runner.invoke(cli, ["check", str(faulty_dir), "--lang", "nonsense"]).exit_code == 2
    shutil.copy(faulty_dir / "fr.md", faulty_dir / "fr.txt")
    result = runner.invoke(cli, ["check", str(faulty_dir)])
    assert result.exit_code == 2 and "two fr versions" in result.stderr


def test_a_folder_without_versions_fails(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    """A CI job pointed at the wrong folder must not pass."""
    for args in ([str(tmp_path)], [str(corpus_dir / "en.md"), str(tmp_path)]):
        result = runner.invoke(cli, ["check", *args])
        assert result.exit_code == 2
        assert result.stderr == (
            f"aligner: error: {tmp_path}: no language versions in this folder or below it "
            "(looked for .md, .markdown, .txt, .docx, .html, .htm, .pdf files)\n"
        )


def test_language_override_and_reference(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    shutil.copy(corpus_dir / "en.md", tmp_path / "en.md")
    shutil.copy(corpus_dir / "fr.md", tmp_path / "version.md")
    args = ["check", str(tmp_path / "en.md"), str(tmp_path / "version.md")]
    result = runner.invoke(cli, [*args, "--lang", f"{tmp_path / 'version.md'}=fr"])
    assert result.exit_code == 0, result.output
    reverse = runner.invoke(
        cli, [*args, "--lang", f"{tmp_path / 'version.md'}=fr", "--reference", "fr"]
    )
    assert reverse.exit_code == 0, reverse.output
    missing = runner.invoke(
        cli, [*args, "--lang", f"{tmp_path / 'version.md'}=fr", "--reference", "ru"]
    )
    assert missing.exit_code == 2 and "no ru version" in missing.stderr
