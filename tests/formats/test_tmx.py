"""TMX 1.4b writer and TMX export: header, units, suspect pairs, streaming, round trips."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from exporting import NAME, aligned, corpus_set, document, tricky_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.export.outputs import export_tmx
from aligner.findings import Finding, Severity
from aligner.formats.tmx import TmxHeader, TranslationUnit, Variant, write_tmx, xml_safe
from aligner.model import LANGUAGES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = "1404302400"  # 2014-07-02 12:00:00 UTC


def parse(path: Path) -> etree._Element:
    return etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False))


def pairs(root: etree._Element) -> dict[str, dict[str, str]]:
    """tuid -> {lang: seg text}."""
    return {
        tu.get("tuid"): {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        for tu in root.iter("tu")
    }


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_header_has_every_attribute_tmx_14b_requires(tmp_path: Path) -> None:
    export_tmx([corpus_set()], tmp_path, targets=["fr"])
    root = parse(tmp_path / f"{NAME}.en-fr.tmx")
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None
    assert dict(header.attrib) == {
        "creationtool": "aligner",
        "creationtoolversion": header.get("creationtoolversion"),
        "datatype": "plaintext",
        "segtype": "paragraph",
        "o-tmf": "aligner",
        "adminlang": "en",
        "srclang": "en",
        "creationdate": "20140702T120000Z",
    }
    assert header.get("creationtoolversion")


def test_one_unit_per_paragraph_and_block_with_ids_props_and_languages(tmp_path: Path) -> None:
    corpus = corpus_set()
    report = export_tmx([corpus], tmp_path)
    names = sorted(p.name for p, _ in report.written)
    assert names == sorted(f"{NAME}.en-{lang}.tmx" for lang in LANGUAGES[1:])
    assert all(count == 26 for _, count in report.written)  # 20 paragraphs and 6 blocks
    assert report.warnings == []
    root = parse(tmp_path / f"{NAME}.en-ru.tmx")
    units = root.findall("body/tu")
    by_kind: dict[str, list[etree._Element]] = {}
    for tu in units:
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        by_kind.setdefault(props["x-kind"], []).append(tu)
        assert props["x-document"] == NAME and props["x-document-code"] == corpus.reference.code
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["en", "ru"]
        assert all(tuv.findtext("seg") for tuv in tu.findall("tuv"))
        files = [tuv.findtext("prop[@type='x-file']") for tuv in tu.findall("tuv")]
        assert [Path(f).name for f in files] == ["en.md", "ru.md"]
    paragraphs = by_kind.pop("paragraph")
    assert [tu.get("tuid") for tu in paragraphs] == [f"{NAME}:1:{n}" for n in range(1, 21)]
    for n, tu in enumerate(paragraphs, 1):
        assert tu.findtext("prop[@type='x-paragraph']") == str(n)
    assert set(by_kind) == {"code", "title", "heading", "intro"}
    [code] = by_kind["code"]
    assert code.get("tuid") == f"{NAME}:code:1"
    assert [s.text.replace(" ", "")[-1] for s in code.iter("seg")] == ["E", "R"]


def test_multilingual_units_hold_all_six_languages(tmp_path: Path) -> None:
    out = tmp_path / "all.tmx"
    report = export_tmx([corpus_set()], out, multilingual=True)
    assert report.written == [(out, 26)]
    units = parse(out).findall("body/tu")
    assert len(units) == 26
    assert all([v.get(XML_LANG) for v in tu.findall("tuv")] == list(LANGUAGES) for tu in units)


def test_multilingual_into_a_folder_is_named_after_the_document(tmp_path: Path) -> None:
    report = export_tmx([corpus_set()], tmp_path, multilingual=True)
    assert report.written == [(tmp_path / f"{NAME}.tmx", 26)]


def test_texts_are_the_aligned_paragraphs(tmp_path: Path) -> None:
    en = document("en", ["One & <two>.", 'Three "four".'])
    fr = document("fr", ["Un & <deux>.", "Trois « quatre »."])
    export_tmx([aligned([en, fr])], tmp_path)
    got = pairs(parse(tmp_path / "doc.en-fr.tmx"))
    assert got == {
        "doc:1:1": {"en": "One & <two>.", "fr": "Un & <deux>."},
        "doc:1:2": {"en": 'Three "four".', "fr": "Trois « quatre »."},
    }


def _finding(lang: str, rule: str, severity: Severity, **where: int) -> Finding:
    return Finding("doc/x.md", 1, rule, severity, lang, f"{rule} here", **where)


def test_flagged_and_missing_paragraphs_are_left_out_and_listed(tmp_path: Path) -> None:
    en = document("en", ["A one.", "B two.", "C three.", "D four."])
    de = document("de", ["A eins.", "B zwei.", "C drei."])
    findings = [
        _finding("de", "number-mismatch", Severity.WARNING, paragraph=2, reference_paragraph=2),
        _finding("de", "note", Severity.INFO, paragraph=3, reference_paragraph=3),
    ]
    report = export_tmx([aligned([en, de], findings=findings)], tmp_path)
    assert report.written == [(tmp_path / "doc.en-de.tmx", 2)]
    assert sorted(pairs(parse(tmp_path / "doc.en-de.tmx"))) == ["doc:1:1", "doc:1:3"]
    listed = "\n".join(report.warnings)
    assert "doc:1:2 (de): number-mismatch" in listed
    assert "doc:1:4 (de): no de counterpart" in listed
    assert "doc:1:3" not in listed  # an info finding does not make a pair suspect


def test_include_suspect_keeps_them_with_a_note_and_status(tmp_path: Path) -> None:
    en = document("en", ["A one.", "B two."])
    fr = document("fr", ["A un.", "B deux."])
    flagged = _finding("fr", "untranslated", Severity.WARNING, paragraph=2)
    export_tmx([aligned([en, fr], findings=[flagged])], tmp_path, include_suspect=True)
    units = parse(tmp_path / "doc.en-fr.tmx").findall("body/tu")
    assert len(units) == 2
    tuv = units[1].findall("tuv")[1]
    assert tuv.findtext("prop[@type='x-status']") == "suspect"
    assert "untranslated" in (tuv.findtext("note") or "")
    assert units[0].find(".//note") is None


def test_reference_side_findings_and_merges_make_pairs_suspect(tmp_path: Path) -> None:
    en = document("en", ["A one.", "B two."])
    it = document("it", ["A uno.", "B due."])
    flagged = _finding("it", "missing-paragraph", Severity.ERROR, reference_paragraph=1)
    report = export_tmx([aligned([en, it], findings=[flagged])], tmp_path)
    assert report.written[0][1] == 1
    assert "doc:1:1 (it): missing-paragraph" in "\n".join(report.warnings)


def test_multilingual_leaves_out_only_the_suspect_language(tmp_path: Path) -> None:
    en = document("en", ["A one.", "B two."])
    fr = document("fr", ["A un.", "B deux."])
    de = document("de", ["A eins."])
    out = tmp_path / "m.tmx"
    export_tmx([aligned([en, fr, de])], out, multilingual=True)
    got = pairs(parse(out))
    assert got["doc:1:1"].keys() == {"en", "fr", "de"}
    assert got["doc:1:2"].keys() == {"en", "fr"}


def test_characters_xml_forbids_are_dropped_with_a_warning(tmp_path: Path) -> None:
    en = document("en", ["Bell\x07 and \x1b escape."])
    fr = document("fr", ["Cloche\x00 ok\ufffe."])
    report = export_tmx([aligned([en, fr])], tmp_path)
    assert pairs(parse(tmp_path / "doc.en-fr.tmx"))["doc:1:1"] == {
        "en": "Bell and  escape.",
        "fr": "Cloche ok.",
    }
    assert sum("not allowed in XML 1.0" in w for w in report.warnings) == 2


def test_same_input_and_epoch_give_byte_identical_files(tmp_path: Path) -> None:
    for run in ("a", "b"):
        export_tmx([corpus_set()], tmp_path / run)
        export_tmx([corpus_set()], tmp_path / run / "m.tmx", multilingual=True)
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_creationdate_follows_the_clock_without_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    export_tmx([corpus_set()], tmp_path, targets=["es"])
    date = parse(tmp_path / f"{NAME}.en-es.tmx").find("header").get("creationdate")
    assert date is not None and len(date) == 16 and date != "20140702T120000Z"


def test_sentence_segments_get_sentence_tuids(tmp_path: Path) -> None:
    en = document("en", ["The cat sat. The dog ran away.", "One sentence only."])
    fr = document("fr", ["Le chat était assis. Le chien s'est enfui.", "Une seule phrase."])
    export_tmx([aligned([en, fr])], tmp_path, segment="sentence")
    root = parse(tmp_path / "doc.en-fr.tmx")
    assert root.find("header").get("segtype") == "sentence"
    got = pairs(root)
    assert got["doc:1:1:s1"] == {"en": "The cat sat.", "fr": "Le chat était assis."}
    assert got["doc:1:1:s2"]["fr"] == "Le chien s'est enfui."
    assert got["doc:1:2:s1"]["en"] == "One sentence only."


def test_writer_streams_units_as_they_come() -> None:
    stream = io.BytesIO()
    sizes = []

    def units():
        for n in range(3000):
            if n == 2000:
                sizes.append(stream.tell())
            yield TranslationUnit(f"u{n}", (Variant("en", "x" * 40), Variant("fr", "y" * 40)))

    count = write_tmx(stream, TmxHeader("en", "20140702T120000Z"), units())
    assert count == 3000
    assert sizes[0] > 100_000  # most units were written before the last was made
    assert len(etree.fromstring(stream.getvalue()).findall("body/tu")) == 3000


def test_xml_safe_keeps_tab_newline_and_astral_characters() -> None:
    assert xml_safe("a\tb\nc\rd😀\x00\x0b\ud800") == ("a\tb\nc\rd😀", 3)


_TRICKY = tricky_text()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(_TRICKY, _TRICKY), min_size=1, max_size=6))
def test_export_then_read_back_gives_the_same_pairs(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]]
) -> None:
    en = document("en", [a for a, _ in texts])
    ru = document("ru", [b for _, b in texts])
    out = tmp_path_factory.mktemp("tmx")
    export_tmx([aligned([en, ru])], out)
    got = pairs(parse(out / "doc.en-ru.tmx"))
    expected = {
        f"doc:1:{n}": {"en": xml_safe(a.text)[0], "ru": xml_safe(b.text)[0]}
        for n, (a, b) in enumerate(zip(en.paragraphs, ru.paragraphs, strict=True), 1)
        if xml_safe(b.text)[0]
    }
    assert got == expected
