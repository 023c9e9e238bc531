"""`aligner align SRC TGT`: formats, options, language detection and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from aligner.cli import cli

DE = (
    "Die Expedition verliess Kathmandu am 3. April 1956 mit 350 Trägern. Nach drei Wochen "
    "erreichte sie das Basislager auf 5300 m.\n\nDas Wetter war schlecht. Am 18. Mai standen "
    "Ernst Reiss und Fritz Luchsinger auf dem Gipfel des Lhotse.\n"
)
FR = (
    "L'expédition quitta Katmandou le 3 avril 1956 avec 350 porteurs. Après trois semaines, "
    "elle atteignit le camp de base à 5300 m.\n\nLe temps était mauvais. Le 18 mai, Ernst "
    "Reiss et Fritz Luchsinger atteignirent le sommet du Lhotse.\n"
)


#: Without FreeDict (see `no_lexicon`) unless a test asks for it.
pytestmark = pytest.mark.usefixtures("no_lexicon")


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "report.de.txt", tmp_path / "report.fr.txt"
    src.write_text(DE, encoding="utf-8")
    tgt.write_text(FR, encoding="utf-8")
    return src, tgt


def _run(*args: object) -> object:
    return CliRunner().invoke(cli, ["align", *map(str, args)])


def test_vecalign_output_and_lexicon_notice(texts: tuple[Path, Path]) -> None:
    result = _run(*texts)
    assert result.exit_code == 0, result.output
    beads = [line.split(":") for line in result.stdout.splitlines()]
    assert [(a, b) for a, b, _ in beads] == [(f"[{n}]", f"[{n}]") for n in range(4)]
    assert all(re.fullmatch(r"\d+\.\d{6}", cost) for _, _, cost in beads)  # Vecalign's cost
    assert "4 de and 4 fr sentences in 4 beads (4 1-1)" in result.stderr
    assert "lexicon: none" in result.stderr


def test_tsv_output(texts: tuple[Path, Path]) -> None:
    result = _run(*texts, "--format", "tsv")
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows[2][:3] == ["Das Wetter war schlecht.", "Le temps était mauvais.", "1-1"]
    assert all(len(row) == 4 and float(row[3]) >= 0 for row in rows)


def test_tmx_output_is_valid_and_reproducible(
    texts: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = CliRunner().invoke(cli, ["align", *map(str, texts), "--format", "tmx"])
    second = CliRunner().invoke(cli, ["align", *map(str, texts), "--format", "tmx"])
    assert first.exit_code == 0
    assert first.stdout_bytes == second.stdout_bytes
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(first.stdout_bytes, parser)
    header = root.find("header")
    assert header.get("srclang") == "de" and header.get("segtype") == "sentence"
    units = root.findall("body/tu")
    assert [u.get("tuid") for u in units] == ["s1", "s2", "s3", "s4"]
    assert units[0].find("tuv/seg").text.startswith("Die Expedition")


def test_presegmented_input_uses_line_numbers(tmp_path: Path) -> None:
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("Eins ist 1.\nZwei ist 2.\nDrei ist 3.\n", encoding="utf-8")
    tgt.write_text("Un est 1.\nTrois est 3.\n", encoding="utf-8")
    result = _run(src, tgt, "--presegmented", "--src-lang", "de", "--tgt-lang", "fr")
    assert result.exit_code == 0, result.output
    beads = [line.rsplit(":", 1)[0] for line in result.stdout.splitlines()]
    assert beads == ["[0]:[0]", "[1]:[]", "[2]:[1]"]
    assert "de line 2 has no fr counterpart: 'Zwei ist 2.'" in result.stderr
    assert "(2 1-1, 1 1-0)" in result.stderr


def test_sentences_without_counterpart_are_listed_and_kept_in_tmx(tmp_path: Path) -> None:
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("Eins ist 1.\nDrei ist 3.\n", encoding="utf-8")
    tgt.write_text("Un est 1.\nDeux est 2, en plus.\nTrois est 3.\n", encoding="utf-8")
    args = (src, tgt, "--presegmented", "--src-lang", "de", "--tgt-lang", "fr")
    tsv = _run(*args, "--format", "tsv")
    rows = [line.split("\t") for line in tsv.stdout.splitlines()]
    assert [row[2] for row in rows] == ["1-1", "0-1", "1-1"]
    assert rows[1][:2] == ["", "Deux est 2, en plus."]
    assert "fr line 2 has no de counterpart: 'Deux est 2, en plus.'" in tsv.stderr
    assert "(2 1-1, 1 0-1)" in tsv.stderr
    result = _run(*args, "--format", "tmx")
    root = etree.fromstring(result.stdout_bytes, etree.XMLParser(resolve_entities=False))
    units = root.findall("body/tu")
    assert len(units) == 3
    lone = units[1]
    assert [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in lone.iter("tuv")] == [
        "fr"
    ]
    assert lone.findtext("note") == "no de counterpart"
    assert lone.get("srclang") == "fr"  # a unit's source must be one of its variants
    props = {p.get("type"): p.text for p in lone.findall("prop")}
    assert props["x-bead"] == "0-1" and props["x-status"] == "unmatched"
    assert {p.get("type"): p.text for p in units[0].findall("prop")}["x-bead"] == "1-1"


def test_output_file_is_written_and_inputs_are_protected(texts: tuple[Path, Path]) -> None:
    out = texts[0].parent / "out" / "beads.txt"
    result = _run(*texts, "-o", out)
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8") == _run(*texts).stdout
    before = texts[0].read_bytes()
    refused = _run(*texts, "-o", texts[0])
    assert refused.exit_code == 2
    assert "input" in refused.stderr
    assert texts[0].read_bytes() == before


def test_language_is_detected_or_asked_for(tmp_path: Path) -> None:
    src, tgt = tmp_path / "one.txt", tmp_path / "two.txt"
    src.write_text("12345\n", encoding="utf-8")
    tgt.write_text("67890\n", encoding="utf-8")
    result = _run(src, tgt)
    assert result.exit_code == 2
    assert "--src-lang" in result.stderr and str(src) in result.stderr
    assert _run(src, tgt, "--src-lang", "de", "--tgt-lang", "fr").exit_code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"Caf\xe9 au lait.\n", "UTF-8"), (b"\x00\x01binary", "binary")],
)
def test_bad_input_is_a_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    bad, good = tmp_path / "bad.fr.txt", tmp_path / "good.de.txt"
    bad.write_bytes(content)
    good.write_text("Ein Satz.\n", encoding="utf-8")
    result = _run(good, bad)
    assert result.exit_code == 2
    assert result.stderr.startswith("aligner: error: ") and str(bad) in result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_file_and_directory(tmp_path: Path) -> None:
    good = tmp_path / "good.de.txt"
    good.write_text("Ein Satz.\n", encoding="utf-8")
    assert _run(good, tmp_path / "nope.fr.txt").exit_code == 2
    result = _run(good, tmp_path)
    assert result.exit_code == 2 and "directory" in result.stderr


def test_unknown_language_option_is_a_usage_error(texts: tuple[Path, Path]) -> None:
    result = _run(*texts, "--src-lang", "xx")
    assert result.exit_code == 2
