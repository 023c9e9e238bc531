"""apply: a translated PO rebuilds the target document in the layout of the template."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from exporting import CORPUS, NAME, aligned, corpus_set, document, tricky_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.apply import UNTRANSLATED_MARK, apply_catalog, apply_po, read_po
from aligner.cli import cli
from aligner.errors import InputError, UsageError
from aligner.export.outputs import export_po
from aligner.formats.markdown import write_markdown
from aligner.formats.tmx import xml_safe
from aligner.model import LANGUAGES, Kind, normalize_space
from aligner.readers import read_document


@pytest.fixture(scope="module")
def corpus_po(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("po")
    export_po([corpus_set()], out)
    return out


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_apply_of_export_reproduces_each_language(
    corpus_po: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / f"{lang}.md"
    report = apply_po(corpus_po / f"{NAME}.{lang}.po", CORPUS / "en.md", out)
    assert report.left_in_source == [] and report.unused == []
    rebuilt = read_document(out)
    shipped = read_document(CORPUS / f"{lang}.md")
    assert rebuilt.lang == lang
    assert [(p.number, p.text) for p in rebuilt.paragraphs] == [
        (p.number, p.text) for p in shipped.paragraphs
    ]
    assert [(b.kind, b.text) for b in rebuilt.blocks] == [(b.kind, b.text) for b in shipped.blocks]


def _catalog(entries: list[dict[str, object]], lang: str = "fr") -> polib.POFile:
    po = polib.POFile()
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        po.append(polib.POEntry(**entry))
    return po


TEMPLATE = document(
    "en", ["First point.", "Second point.", "Third point."], title="Title", heading="Heading"
)


def test_untranslated_fuzzy_and_outdated_stay_in_the_source_language_marked() -> None:
    catalog = _catalog(
        [
            {"msgctxt": "title:1", "msgid": "Title", "msgstr": "Titre"},
            {"msgctxt": "1:1", "msgid": "First point.", "msgstr": ""},
            {"msgctxt": "1:2", "msgid": "Second point.", "msgstr": "Second.", "flags": ["fuzzy"]},
            {"msgctxt": "1:3", "msgid": "Third point, old.", "msgstr": "Troisième."},
            {"msgctxt": "9:9", "msgid": "Gone.", "msgstr": "Parti."},
        ]
    )
    report = apply_catalog(TEMPLATE, catalog)
    assert report.translated == ["title:1"]
    assert report.untranslated == ["heading:1", "1:1"]
    assert report.fuzzy == ["1:2"]
    assert report.outdated == ["1:3"]
    assert report.unused == ["9:9"]
    texts = [p.text for p in report.document.paragraphs]
    assert texts == [
        UNTRANSLATED_MARK + t for t in ("First point.", "Second point.", "Third point.")
    ]
    assert report.document.lang == "fr"
    kinds = [(b.kind, b.text) for b in report.document.blocks]
    assert kinds == [(Kind.TITLE, "Titre"), (Kind.HEADING, UNTRANSLATED_MARK + "Heading")]


def test_use_fuzzy_takes_fuzzy_translations() -> None:
    catalog = _catalog(
        [{"msgctxt": "1:2", "msgid": "Second point.", "msgstr": "Deux.", "flags": ["fuzzy"]}]
    )
    report = apply_catalog(TEMPLATE, catalog, use_fuzzy=True, lang="fr-CA")
    assert report.document.paragraphs[1].text == "Deux."
    assert report.fuzzy == [] and report.document.lang == "fr-CA"


def test_entries_without_context_match_by_source_text() -> None:
    catalog = _catalog([{"msgid": "Third point.", "msgstr": "Troisième point."}])
    report = apply_catalog(TEMPLATE, catalog)
    assert report.document.paragraphs[2].text == "Troisième point."


def test_numbering_and_layout_come_from_the_template(tmp_path: Path) -> None:
    catalog = _catalog(
        [
            {"msgctxt": f"1:{n}", "msgid": t, "msgstr": t.upper()}
            for n, t in enumerate(["First point.", "Second point.", "Third point."], 1)
        ]
    )
    report = apply_catalog(TEMPLATE, catalog)
    text = write_markdown(report.document)
    assert "1. FIRST POINT.\n2. SECOND POINT.\n3. THIRD POINT." in text
    assert "## " + UNTRANSLATED_MARK + "Heading" in text


def test_refuses_to_overwrite_an_input_and_non_markdown_output(
    corpus_po: Path, tmp_path: Path
) -> None:
    po = corpus_po / f"{NAME}.de.po"
    template = tmp_path / "en.md"
    template.write_bytes((CORPUS / "en.md").read_bytes())
    with pytest.raises(UsageError, match="input"):
        apply_po(po, template, template)
    with pytest.raises(UsageError, match="Markdown"):
        apply_po(po, template, tmp_path / "de.docx")
    assert template.read_bytes() == (CORPUS / "en.md").read_bytes()


def test_read_po_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "a"\nmsgstr "b"\nthis is not po\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_po(bad)
    assert info.value.file == str(bad) and info.value.line == 3
    latin = tmp_path / "latin.po"
    latin.write_bytes(b'msgid "caf\xe9"\nmsgstr ""\n')
    with pytest.raises(InputError, match="UTF-8"):
        read_po(latin)


def test_cli_apply_reports_untranslated_entries(corpus_po: Path, tmp_path: Path) -> None:
    po = polib.pofile(str(corpus_po / f"{NAME}.it.po"))
    po.find("1:7", by="msgctxt").msgstr = ""
    partial = tmp_path / "partial.it.po"
    po.save(str(partial))
    out = tmp_path / "it.md"
    result = CliRunner().invoke(
        cli, ["apply", str(partial), "--template", str(CORPUS / "en.md"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1 untranslated" in result.stderr and "1:7" in result.stderr
    assert "25 of 26 translated" in result.stdout
    rebuilt = read_document(out)
    assert rebuilt.paragraphs[6].text.startswith(UNTRANSLATED_MARK + "Alarmed by numerous")


def test_cli_apply_bad_po_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.po"
    bad.write_text("garbage\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["apply", str(bad), "--template", str(CORPUS / "en.md"), "-o", str(tmp_path / "o.md")]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(f"aligner: error: {bad}:1:")
    assert not (tmp_path / "o.md").exists()


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(tricky_text(), tricky_text()), min_size=1, max_size=5))
def test_apply_of_export_reproduces_any_translation(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]]
) -> None:
    en = document("en", [a for a, _ in texts], title="Title", heading="Head")
    ru = document("ru", [b for _, b in texts], title="Заголовок", heading="Глава")
    out = tmp_path_factory.mktemp("apply")
    export_po([aligned([en, ru])], out)
    report = apply_catalog(en, read_po(out / "doc.ru.po"))
    expected = [normalize_space(xml_safe(p.text)[0]) for p in ru.paragraphs]
    got = [p.text for p in report.document.paragraphs]
    for want, have, src in zip(expected, got, en.paragraphs, strict=True):
        assert have == (want or UNTRANSLATED_MARK + src.text)
    assert [b.text for b in report.document.blocks] == ["Заголовок", "Глава"]
