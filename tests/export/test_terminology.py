"""Export for terminologists: blocks as TUs, locale codes, props, dates, merged memories and
PO entries that say why they are fuzzy and where each version has the text."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from exporting import CORPUS, NAME
from lxml import etree

from aligner.cli import cli

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPOCH = "1404302400"  # 2014-07-02 12:00:00 UTC


def _faulted(root: Path, name: str = "baku-faulted") -> Path:
    """A copy of the corpus under another name: de 8's year changed, ru 7 dropped."""
    docs = root / name
    shutil.copytree(CORPUS, docs)
    de = docs / "de.md"
    de.write_text(de.read_text("utf-8").replace("Addendum von 2013", "Addendum von 2012"), "utf-8")
    ru = docs / "ru.md"
    ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
    return docs


def _export(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["export", *args], env={"SOURCE_DATE_EPOCH": EPOCH})
    return result.exit_code, result.stdout, result.stderr


def _parse(path: Path) -> etree._Element:
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()


def test_locale_codes_are_written_in_tmx_and_po(tmp_path: Path) -> None:
    code, _, err = _export(
        str(CORPUS), "--to", "tmx", "--locale", "fr=fr-FR", "--locale", "en=en-GB", "-o",
        str(tmp_path),
    )  # fmt: skip
    assert code == 0, err
    root = _parse(tmp_path / f"{NAME}.en-fr.tmx")  # file names keep the short codes
    assert root.find("header").get("srclang") == "en-GB"
    langs = {tuv.get(XML_LANG) for tuv in root.iter("tuv")}
    assert langs == {"en-GB", "fr-FR"}
    de = _parse(tmp_path / f"{NAME}.en-de.tmx")
    assert {tuv.get(XML_LANG) for tuv in de.iter("tuv")} == {"en-GB", "de"}
    code, _, err = _export(str(CORPUS), "--to", "po", "--locale", "fr=fr-FR", "-o", str(tmp_path))
    assert code == 0, err
    po = polib.pofile(str(tmp_path / f"{NAME}.fr.po"))
    assert po.metadata["Language"] == "fr_FR"  # gettext's spelling of fr-FR
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert polib.pofile(str(tmp_path / f"{NAME}.de.po")).metadata["Language"] == "de"


def test_locales_from_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.aligner]\nlocales = { fr = "fr-CA", de = "de-CH" }\n', "utf-8"
    )
    monkeypatch.chdir(tmp_path)
    code, _, err = _export(str(CORPUS), "--to", "tmx", "--locale", "de=de-AT", "-o", "out")
    assert code == 0, err
    assert {
        t.get(XML_LANG) for t in _parse(tmp_path / "out" / f"{NAME}.en-fr.tmx").iter("tuv")
    } == {
        "en",
        "fr-CA",
    }
    de = _parse(tmp_path / "out" / f"{NAME}.en-de.tmx")
    assert "de-AT" in {t.get(XML_LANG) for t in de.iter("tuv")}  # the option wins


@pytest.mark.parametrize("value", ["fr=fr_FR", "fr=français", "fr", "fr=fr-"])
def test_a_bad_locale_is_a_usage_error(tmp_path: Path, value: str) -> None:
    code, _out, err = _export(str(CORPUS), "--to", "tmx", "--locale", value, "-o", str(tmp_path))
    assert code == 2 and "locale" in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


def test_blocks_props_and_changedate(tmp_path: Path) -> None:
    assert _export(str(CORPUS), "--to", "tmx", "-o", str(tmp_path))[0] == 0
    root = _parse(tmp_path / f"{NAME}.en-it.tmx")
    units = root.findall("body/tu")
    kinds = [tu.findtext("prop[@type='x-kind']") for tu in units]
    assert kinds.count("paragraph") == 20
    assert {"code", "title", "heading", "intro"} <= set(kinds)
    assert all(tu.get("changedate") == "20140702T120000Z" for tu in units)
    for tu in units:
        assert tu.findtext("prop[@type='x-document-code']")
        for tuv in tu.findall("tuv"):
            file = tuv.findtext("prop[@type='x-file']")
            line = int(tuv.findtext("prop[@type='x-line']"))
            text = Path(file).read_text("utf-8").splitlines()[line - 1]
            seg = tuv.findtext("seg")
            assert seg.split()[0].strip("*#") in text  # the line where that text starts
    [intro] = [tu for tu in units if tu.findtext("prop[@type='x-kind']") == "intro"]
    assert intro.get("tuid") == f"{NAME}:intro:1"


def test_merge_writes_one_memory_per_pair_and_a_multilingual_one(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs / NAME)
    _faulted(docs)
    out = tmp_path / "tm"
    code, _stdout, err = _export(str(docs), "--to", "tmx", "--merge", "-o", str(out))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == [
        "en-de.tmx", "en-es.tmx", "en-fr.tmx", "en-it.tmx", "en-ru.tmx", "multilingual.tmx",
    ]  # fmt: skip
    for path in out.iterdir():
        tuids = [tu.get("tuid") for tu in _parse(path).iter("tu")]
        assert len(tuids) == len(set(tuids)), path.name
        assert {t.split(":")[0] for t in tuids} == {NAME, "baku-faulted"}
    fr = [tu.get("tuid") for tu in _parse(out / "en-fr.tmx").iter("tu")]
    assert len(fr) == 52  # both documents' 26 units
    de = [tu.get("tuid") for tu in _parse(out / "en-de.tmx").iter("tu")]
    assert "baku-faulted:1:8" not in de and f"{NAME}:1:8" in de  # the changed year is left out
    assert "left out baku-faulted:1:8 (de)" in err
    multi = _parse(out / "multilingual.tmx").findall("body/tu")
    assert len(multi) == 52
    assert err.count("left out baku-faulted:1:8 (de)") == 1  # listed once, not once per file


def test_merge_keeps_tuids_unique_for_two_documents_of_one_name(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "a" / "doc")
    shutil.copytree(CORPUS, tmp_path / "b" / "doc")
    code, _, err = _export(
        str(tmp_path / "a"), str(tmp_path / "b"), "--to", "tmx", "--merge", "-o",
        str(tmp_path / "tm"),
    )  # fmt: skip
    assert code == 0, err
    for path in (tmp_path / "tm").iterdir():
        tuids = [tu.get("tuid") for tu in _parse(path).iter("tu")]
        assert len(tuids) == 52 and len(set(tuids)) == 52, path.name  # names told apart
    assert _export(str(CORPUS), "--to", "po", "--merge", "-o", str(tmp_path))[0] == 2


def test_fuzzy_entries_say_why_and_reference_both_files(tmp_path: Path) -> None:
    docs = _faulted(tmp_path)
    assert _export(str(docs), "--to", "po", "-o", str(tmp_path / "po"))[0] == 0
    po = polib.pofile(str(tmp_path / "po" / "baku-faulted.de.po"))
    entry = po.find("1:8", by="msgctxt")
    assert entry is not None and entry.fuzzy
    assert entry.tcomment.startswith("number-mismatch: ")
    assert "2013" in entry.tcomment
    (en_file, en_line), *versions = entry.occurrences
    assert Path(en_file).name == "en.md"
    assert (docs / "en.md").read_text("utf-8").splitlines()[int(en_line) - 1].startswith("8. ")
    _de_file, de_line = next(o for o in versions if Path(o[0]).name == "de.md")
    assert (docs / "de.md").read_text("utf-8").splitlines()[int(de_line) - 1].startswith("8. ")
    trusted = po.find("1:9", by="msgctxt")
    assert trusted is not None and not trusted.fuzzy and not trusted.tcomment
    ru = polib.pofile(str(tmp_path / "po" / "baku-faulted.ru.po"))
    missing = ru.find("1:7", by="msgctxt")
    assert missing is not None and missing.msgstr == "" and "no ru counterpart" in missing.tcomment
    pot = (tmp_path / "po" / "baku-faulted.pot").read_text("utf-8")
    assert "number-mismatch" not in pot  # the reasons belong to one language's PO
