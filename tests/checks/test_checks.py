"""`aligner check`: every fault found exactly, nothing else flagged, and the command itself."""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from faults import MAKERS, drop_many, write_set
from hypothesis import given, settings
from hypothesis import strategies as st
from shapes import SHAPES

from aligner.checks import REGISTRY, Severity
from aligner.checks.base import _rule_texts, select_rules
from aligner.checks.numbering import ordered
from aligner.cli import cli
from aligner.corpus import load
from aligner.errors import UsageError
from aligner.model import (
    LANGUAGES,
    Alignment,
    Block,
    Document,
    DocumentSet,
    Kind,
    Link,
    Paragraph,
)
from aligner.pipeline import check_set, run_check
from aligner.readers import read_document

TARGETS = [lang for lang in LANGUAGES if lang != "en"]


def _check(tmp: Path, documents: list[Document], **options) -> list:
    write_set(documents, tmp)
    sets, findings = load([tmp])
    assert findings == []
    return check_set(sets[0], "en", **options)[1]


def _key(f) -> tuple[str, str, int | None]:
    return (f.rule, f.lang, f.reference_paragraph)


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
    findings = _check(tmp_path, versions)
    assert {_key(f) for f in findings} == expected
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
    assert [_key(f) for f in shaped] == [_key(f) for f in plain]
    assert len(plain) == (0 if kind is None else len(mix))


def test_messages_say_what_and_where(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    faulty = drop_many(corpus_docs["ru"], [6])
    (finding,) = _check(tmp_path, [corpus_docs["en"], faulty])
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


def _with_paragraph(doc: Document, which: int, **changes) -> Document:
    items = tuple(
        replace(i, **changes) if isinstance(i, Paragraph) and i.number == which else i
        for i in doc.items
    )
    return replace(doc, items=items)


def test_a_paragraph_in_a_third_language(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    french = corpus_docs["fr"].paragraphs[11].text
    faulty = _with_paragraph(corpus_docs["de"], 12, text=french)
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [_key(f) for f in findings] == [("wrong-language", "de", 12)]


def test_a_truncated_paragraph(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    text = corpus_docs["it"].paragraphs[7].text
    faulty = _with_paragraph(corpus_docs["it"], 8, text=text[: len(text) * 9 // 20] + ",")
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [_key(f) for f in findings] == [("length-mismatch", "it", 8)]


@pytest.mark.parametrize("lang", ["fr", "ru"])
def test_paragraphs_cut_short_are_length_mismatches(
    corpus_docs: dict[str, Document], lang: str
) -> None:
    """A paragraph cut to 40 % is still that paragraph (few of its words recur elsewhere)."""
    en, doc = corpus_docs["en"], corpus_docs[lang]
    for p in doc.paragraphs:
        cut = p.text[: len(p.text) * 2 // 5].rsplit(" ", 1)[0] + p.text[-1]
        faulty = _with_paragraph(doc, p.number, text=cut)
        findings = check_set(DocumentSet("d", (en, faulty)), "en")[1]
        assert ("length-mismatch", lang, p.number) in {_key(f) for f in findings}
        # the cut may take numbers with it (an error since numbers are content faults)
        assert all(
            f.severity is Severity.WARNING or f.rule == "number-mismatch" for f in findings
        ), p.number


def test_a_placeholder_is_no_cut_paragraph(corpus_docs: dict[str, Document]) -> None:
    faulty = _with_paragraph(corpus_docs["fr"], 7, text="Texte à traduire.")
    findings = check_set(DocumentSet("d", (corpus_docs["en"], faulty)), "en")[1]
    assert ("missing-paragraph", "fr", 7) in {_key(f) for f in findings}


def test_other_closing_punctuation(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    text = corpus_docs["es"].paragraphs[2].text
    faulty = _with_paragraph(corpus_docs["es"], 3, text=text[:-1] + ";")
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [_key(f) for f in findings] == [("punctuation-mismatch", "es", 3)]


def test_numbers_out_of_sequence(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    fr = corpus_docs["fr"]
    labels = {9: 10, 10: 9}  # two labels exchanged, texts in place
    faulty = replace(
        fr,
        items=tuple(
            replace(i, number=labels[i.number], label=f"{labels[i.number]}.")
            if isinstance(i, Paragraph) and i.number in labels
            else i
            for i in fr.items
        ),
    )
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [(_key(f), f.paragraph) for f in findings] == [
        (("misnumbered-paragraph", "fr", 9), 10),
        (("misnumbered-paragraph", "fr", 10), 9),
    ]


def test_the_reference_numbering_is_checked_too(
    corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    en = drop_many(corpus_docs["en"], [])
    gap = replace(
        en,
        items=tuple(
            replace(i, number=i.number + 1, label=f"{i.number + 1}.")
            if isinstance(i, Paragraph) and i.number >= 15
            else i
            for i in en.items
        ),
    )
    findings = _check(tmp_path, [gap])
    assert [(f.rule, f.lang, f.paragraph) for f in findings] == [("numbering-gap", "en", 16)]


def test_a_dropped_introductory_line(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    ru = corpus_docs["ru"]
    faulty = replace(
        ru, items=tuple(i for i in ru.items if not (isinstance(i, Block) and i.kind is Kind.INTRO))
    )
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [_key(f) for f in findings] == [("missing-introductory-line", "ru", 13)]


@pytest.mark.parametrize("lang", ["it", "ru"])
def test_paragraphs_moved_across_the_introductory_line(
    corpus_docs: dict[str, Document], tmp_path: Path, lang: str
) -> None:
    """12, intro, 13 written 13, intro, 12: a reordering, the line is still there."""
    items = list(corpus_docs[lang].items)
    a, b = (k for k, i in enumerate(items) if isinstance(i, Paragraph) and i.number in (12, 13))
    items[a], items[b] = items[b], items[a]
    findings = _check(tmp_path, [corpus_docs["en"], replace(corpus_docs[lang], items=tuple(items))])
    assert [f.rule for f in findings] == ["reordered-paragraphs"]


@pytest.mark.parametrize(
    ("code", "count"),
    [("AS (14) D F", 1), ("AS (15) D G", 1), ("AS (15) D I", 2), ("AS (14) DG", 0)],
)
def test_document_codes(
    corpus_docs: dict[str, Document], tmp_path: Path, code: str, count: int
) -> None:
    de = corpus_docs["de"]
    items = tuple(
        replace(i, text=code) if isinstance(i, Block) and i.kind is Kind.CODE else i
        for i in de.items
    )
    faulty = replace(de, code=code, items=items)
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [f.rule for f in findings] == ["document-code-mismatch"] * count


def test_a_restarted_numbering_is_a_structure_mismatch(
    corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    it = corpus_docs["it"]
    restarted = replace(
        it,
        items=tuple(
            replace(i, number=i.number - 12, label=f"{i.number - 12}.")
            if isinstance(i, Paragraph) and i.number > 12
            else i
            for i in it.items
        ),
    )
    rules = {f.rule for f in _check(tmp_path, [corpus_docs["en"], restarted])}
    assert "structure-mismatch" in rules


def test_select_and_ignore(corpus_docs: dict[str, Document], tmp_path: Path) -> None:
    faulty = drop_many(corpus_docs["fr"], [3])
    assert _check(tmp_path, [corpus_docs["en"], faulty], ignore=["missing-paragraph"]) == []
    assert _check(tmp_path, [corpus_docs["en"], faulty], select=["extra-paragraph"]) == []
    with pytest.raises(UsageError, match="unknown rule"):
        select_rules(["no-such-rule"])


def test_every_rule_explains_itself() -> None:
    assert len(REGISTRY) == 44
    for rule in REGISTRY.values():
        assert rule.id and rule.description and "\n" not in rule.description
        assert rule.explanation and rule.example
        assert rule.severity in (Severity.ERROR, Severity.WARNING)


def test_every_text_in_the_rules_file_belongs_to_a_rule() -> None:
    assert set(_rule_texts()) == set(REGISTRY)
    for texts in _rule_texts().values():
        assert set(texts) <= {"description", "explanation", "example"}


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
    assert [_key(f) for f in forward.findings] == [(fault.rule, lang, fault.reference_paragraph)]


@given(st.permutations(range(12)), st.sets(st.integers(0, 11)))
@settings(max_examples=60, deadline=None, derandomize=True, database=None)
def test_the_fewest_links_are_marked_moved(order: list[int], renumbered: set[int]) -> None:
    """Kept links are in target order, and no longer such order exists (brute force)."""
    target = [Paragraph("1", k + 1, f"{k + 1}.", f"t{k}", k + 1) for k in range(12)]
    links = tuple(
        Link((Paragraph("1", k + 1 + (k in renumbered), "", f"r{k}", k + 1),), (target[j],))
        for k, j in enumerate(order)
    )
    doc = Document("fr.md", "fr", None, tuple(target))
    moved = ordered(Alignment(doc, doc, links)).moved
    kept = [j for k, j in enumerate(order) if k not in moved]
    assert kept == sorted(kept)
    longest = [1] * len(order)
    for b in range(len(order)):
        for a in range(b):
            if order[a] < order[b]:
                longest[b] = max(longest[b], longest[a] + 1)
    assert len(kept) == max(longest)


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


@pytest.mark.parametrize(
    ("lang", "mark", "words"),
    [
        ("es", "?", "a question mark"),
        ("fr", "!", "an exclamation mark"),
        ("ru", "?", "a question mark"),
    ],
)
def test_the_real_end_mark_is_named(
    corpus_docs: dict[str, Document], tmp_path: Path, lang: str, mark: str, words: str
) -> None:
    """A paragraph ending in "?" or "!" where the reference has a comma says so."""
    text = corpus_docs[lang].paragraphs[2].text
    faulty = _with_paragraph(corpus_docs[lang], 3, text=text[:-1] + mark)
    findings = _check(tmp_path, [corpus_docs["en"], faulty])
    assert [_key(f) for f in findings] == [("punctuation-mismatch", lang, 3)]
    assert f"ends with {words}, en 3 with a comma" in findings[0].message
