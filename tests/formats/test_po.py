"""POT/PO writer and PO export: headers, entries, fuzzy and missing, determinism, round trips."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from exporting import NAME, aligned, corpus_set, document, tricky_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.export.outputs import export_po
from aligner.findings import Finding, Severity
from aligner.formats.po import CatalogEntry, plural_forms, render_catalog
from aligner.formats.tmx import xml_safe
from aligner.model import LANGUAGES

EPOCH = "1404302400"  # 2014-07-02 12:00:00 UTC
ENGLISH = "nplurals=2; plural=(n != 1);"
RUSSIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


@pytest.fixture(scope="module")
def corpus_po(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("po")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        export_po([corpus_set()], out)
    return out


def test_one_pot_and_a_po_per_language(corpus_po: Path) -> None:
    names = sorted(p.name for p in corpus_po.iterdir())
    assert names == sorted([f"{NAME}.pot"] + [f"{NAME}.{lang}.po" for lang in LANGUAGES[1:]])


def test_pot_holds_the_reference_with_context_reference_and_heading(corpus_po: Path) -> None:
    pot = polib.pofile(str(corpus_po / f"{NAME}.pot"))
    paragraphs = [e for e in pot if e.msgctxt[0].isdigit()]
    assert [e.msgctxt for e in paragraphs] == [f"1:{n}" for n in range(1, 21)]
    first = paragraphs[0]
    assert first.msgid.startswith("Recalling the resolutions on human trafficking")
    assert first.msgstr == ""
    (file, line), *versions = first.occurrences  # the reference, then every version
    assert file.endswith("translations/baku-2014-child-sex-trafficking/en.md") and line == "21"
    assert [Path(f).name for f, _ in versions] == ["fr.md", "de.md", "it.md", "ru.md", "es.md"]
    assert all(n.isdigit() for _, n in versions)
    assert "CHILD SEX TRAFFICKING" in first.comment
    blocks = [e.msgctxt for e in pot if not e.msgctxt[0].isdigit()]
    assert {"code:1", "title:1", "heading:1", "heading:2", "intro:1"} <= set(blocks)
    assert pot.metadata["POT-Creation-Date"] == "2014-07-02 12:00+0000"
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("fr", "nplurals=2; plural=(n > 1);"),
        ("de", ENGLISH),
        ("it", ENGLISH),
        ("es", ENGLISH),
        ("ru", RUSSIAN),
    ],
)
def test_po_headers_per_language(corpus_po: Path, lang: str, forms: str) -> None:
    po = polib.pofile(str(corpus_po / f"{NAME}.{lang}.po"))
    meta = po.metadata
    assert meta["Language"] == lang
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"] == forms
    assert meta["Project-Id-Version"] == NAME
    assert meta["X-Generator"].startswith("aligner ")
    assert meta["POT-Creation-Date"] == "2014-07-02 12:00+0000"
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()


def test_plural_forms_table() -> None:
    assert plural_forms("en") == ENGLISH
    assert plural_forms("fr-CA") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("pt_BR") == "nplurals=2; plural=(n > 1);"
    assert plural_forms("ru") == RUSSIAN
    assert plural_forms("xx") is None


def test_msgstr_is_the_aligned_text(corpus_po: Path) -> None:
    fr = polib.pofile(str(corpus_po / f"{NAME}.fr.po"))
    entry = fr.find("1:2", by="msgctxt")
    assert entry is not None
    assert entry.msgid.startswith("Recognizing that according to the International Labour")
    assert entry.msgstr.startswith("Reconnaissant que")
    assert fr.find("code:1", by="msgctxt").msgstr == "AS (14) D F"


def test_missing_is_empty_and_flagged_is_fuzzy(tmp_path: Path) -> None:
    en = document("en", ["A one.", "B two.", "C three."])
    es = document("es", ["A uno.", "B dos."])
    flagged = Finding("doc/es.md", 2, "number-mismatch", Severity.WARNING, "es", "x", paragraph=2)
    export_po([aligned([en, es], findings=[flagged])], tmp_path)
    po = polib.pofile(str(tmp_path / "doc.es.po"))
    by = {e.msgctxt: e for e in po}
    assert (by["1:1"].msgstr, by["1:1"].fuzzy) == ("A uno.", False)
    assert (by["1:2"].msgstr, by["1:2"].fuzzy) == ("B dos.", True)
    assert (by["1:3"].msgstr, by["1:3"].fuzzy) == ("", False)


def test_blocks_pair_only_when_the_counts_agree(tmp_path: Path) -> None:
    en = document("en", ["A.", "B."], title="Title", heading="Head", intro_before=2)
    de = document("de", ["A.", "B."], title="Titel", heading="Kopf")  # no intro line
    export_po([aligned([en, de])], tmp_path)
    by = {e.msgctxt: e for e in polib.pofile(str(tmp_path / "doc.de.po"))}
    assert by["title:1"].msgstr == "Titel"
    assert by["heading:1"].msgstr == "Kopf"
    assert by["intro:1"].msgid == "Title:" and by["intro:1"].msgstr == ""
    assert [e.msgctxt for e in polib.pofile(str(tmp_path / "doc.de.po"))] == [
        "title:1",
        "heading:1",
        "1:1",
        "intro:1",
        "1:2",
    ]


def test_same_input_and_epoch_give_byte_identical_files(tmp_path: Path) -> None:
    export_po([corpus_set()], tmp_path / "a")
    export_po([corpus_set()], tmp_path / "b")
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()


def test_render_catalog_wraps_at_79_columns() -> None:
    text = render_catalog(
        [CatalogEntry("1:1", "word " * 40, "mot " * 40, file="a.md", line=3)],
        project="p",
        lang="fr",
        date="2014-07-02 12:00+0000",
    )
    lines = text.splitlines()
    assert 'msgid ""' in lines and 'msgstr ""' in lines
    assert max(len(line) for line in lines) <= 79
    assert "#: a.md:3" in lines


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(tricky_text(), tricky_text()), min_size=1, max_size=6))
def test_export_then_read_back_gives_the_same_pairs(
    tmp_path_factory: pytest.TempPathFactory, texts: list[tuple[str, str]]
) -> None:
    en = document("en", [a for a, _ in texts])
    ru = document("ru", [b for _, b in texts])
    out = tmp_path_factory.mktemp("po")
    export_po([aligned([en, ru])], out)
    po = polib.pofile(str(out / "doc.ru.po"))
    got = {e.msgctxt: (e.msgid, e.msgstr) for e in po}
    assert got == {
        f"1:{a.number}": (xml_safe(a.text)[0], xml_safe(b.text)[0])
        for a, b in zip(en.paragraphs, ru.paragraphs, strict=True)
    }
