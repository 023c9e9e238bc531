"""Side-by-side revision tables: XLSX read back with openpyxl, TSV with the csv module."""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from exporting import CORPUS, NAME
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.cli import cli
from aligner.formats.table import Cell, Row, Sheet
from aligner.formats.tsv import render_tsv
from aligner.formats.xlsx import FILLS, sheet_titles, write_xlsx

EPOCH = "1404302400"


def _faulted(root: Path) -> Path:
    """The corpus with ru 7 dropped, de 8's year changed and a paragraph added to fr."""
    docs = root / "faulted"
    shutil.copytree(CORPUS, docs)
    ru = docs / "ru.md"
    ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
    de = docs / "de.md"
    de.write_text(de.read_text("utf-8").replace("Addendum von 2013", "Addendum von 2012"), "utf-8")
    fr = docs / "fr.md"
    out = []
    for line in fr.read_text("utf-8").splitlines(True):  # a paragraph 10 added, the rest +1
        number = re.match(r"(\d+)\. ", line)
        if number and int(number.group(1)) >= 10:
            line = f"{int(number.group(1)) + 1}. {line[number.end() :]}"
        out.append(line)
        if number and int(number.group(1)) == 9:
            out.append("10. =1+1 Les enfants et les voyages, une phrase ajoutée ici,\n")
    fr.write_text("".join(out), "utf-8")
    return docs


def _export(*args: str, epoch: str | None = EPOCH) -> None:
    env = {"SOURCE_DATE_EPOCH": epoch} if epoch else {}
    result = CliRunner().invoke(cli, ["export", *args], env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("xlsx")
    docs = root / "docs"
    docs.mkdir()
    _faulted(docs)
    shutil.copytree(CORPUS, docs / NAME)
    out = root / "review.xlsx"
    _export(str(docs), "--to", "xlsx", "-o", str(out))
    return out, docs / "faulted"


def _rows(ws) -> list[dict[str, object]]:
    header = [c.value for c in ws[1]]
    return [
        dict(zip(header, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=2)
    ]


def test_one_sheet_per_document_with_a_header_naming_the_languages(workbook) -> None:
    path, _ = workbook
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["baku-2014-child-sex-trafficking"[:31], "faulted"]
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        assert header == [
            "unit", "kind", "en no.", "en", "fr no.", "fr", "de no.", "de", "it no.", "it",
            "ru no.", "ru", "es no.", "es", "status", "findings",
        ]  # fmt: skip
        assert ws.freeze_panes == "C2"
        assert all(c.font.bold for c in ws[1])
        assert ws.auto_filter.ref.startswith("A1:P")
        assert all(c.alignment.wrap_text for row in ws.iter_rows() for c in row)
    clean = _rows(book.worksheets[0])
    assert len(clean) == 26 and {r["status"] for r in clean} == {"ok"}
    assert [r["unit"] for r in clean if r["kind"] == "paragraph"] == [
        f"1:{n}" for n in range(1, 21)
    ]
    first = next(r for r in clean if r["unit"] == "1:1")
    assert first["en no."] == "1." and first["ru no."] == "1." and first["fr"]


def test_faulty_cells_are_coloured_and_findings_listed(workbook) -> None:
    path, _docs = workbook
    ws = openpyxl.load_workbook(path)["faulted"]
    header = [c.value for c in ws[1]]
    rows = {row[0].value or f"extra{row[0].row}": row for row in ws.iter_rows(min_row=2)}

    def cell(unit: str, column: str):
        return rows[unit][header.index(column)]

    missing = cell("1:7", "ru")
    assert missing.value in (None, "") and missing.fill.start_color.rgb.endswith(FILLS["missing"])
    assert cell("1:7", "status").value == "error"
    assert "ru error missing-paragraph" in cell("1:7", "findings").value
    year = cell("1:8", "de")
    assert "2012" in year.value and year.fill.start_color.rgb[-6:] in (
        FILLS["warning"],
        FILLS["error"],
    )
    assert (
        "de " in cell("1:8", "findings").value
        and "number-mismatch" in cell("1:8", "findings").value
    )
    assert cell("1:8", "fr").fill.fill_type is None  # only the faulty language is coloured
    assert cell("1:9", "status").value == "ok"
    [extra] = [r for r in ws.iter_rows(min_row=2) if r[1].value == "extra"]
    assert extra[header.index("fr no.")].value == "10."
    text = extra[header.index("fr")]
    assert text.value.startswith("=1+1") and text.data_type == "s"  # text, never a formula
    assert extra[header.index("status")].value == "error"
    assert [r[0].value for r in ws.iter_rows(min_row=2)].index(None) == [
        r[0].value for r in ws.iter_rows(min_row=2)
    ].index("1:9") + 1  # the added paragraph follows the one it follows in fr
    assert "extra-paragraph" in extra[header.index("findings")].value
    assert cell("1:10", "fr no.").value == "11."  # each version's own number


def test_the_workbook_is_byte_identical_across_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    _export(str(CORPUS), "--to", "xlsx", "-o", str(a))
    _export(str(CORPUS), "--to", "xlsx", "-o", str(b))
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2014, 7, 2, 12, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2014-07-02T12:00:00Z" in core and "aligner" in core


def test_sheet_titles_are_valid_and_unique() -> None:
    names = ["a" * 40, "a" * 40, "x/y:z?", "A" * 40, "", "caf\udce9"]
    titles = sheet_titles(names)
    assert titles[5] == "caf_xe9"  # a name that was not UTF-8, escaped as elsewhere
    assert all(len(t) <= 31 for t in titles)
    assert len({t.lower() for t in titles}) == len(titles)
    assert titles[2] == "x_y_z_" and titles[4] == "document"


def test_tsv_has_one_row_per_unit_and_reads_back(tmp_path: Path) -> None:
    docs = _faulted(tmp_path)
    out = tmp_path / "review.tsv"
    _export(str(docs), "--to", "tsv", "-o", str(out))
    data = out.read_bytes()
    assert b"\r" not in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["document", "unit", "kind", "en no."] and header[-2:] == [
        "status",
        "findings",
    ]
    assert all(len(r) == len(header) for r in body)
    by_unit = {r[1]: dict(zip(header, r, strict=True)) for r in body if r[1]}
    assert by_unit["1:7"]["status"] == "error" and by_unit["1:7"]["ru"] == ""
    assert "missing-paragraph" in by_unit["1:7"]["findings"]
    assert len([r for r in body if r[2] == "paragraph"]) == 20
    assert next(r for r in body if r[2] == "extra")[header.index("fr no.")] == "10."


def test_tsv_into_a_folder_is_named_after_the_document(tmp_path: Path) -> None:
    _export(str(CORPUS), "--to", "tsv", "-o", str(tmp_path))
    assert (tmp_path / f"{NAME}.tsv").is_file()
    result = CliRunner().invoke(
        cli, ["export", str(CORPUS), "--to", "xlsx", "--multilingual", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2


@settings(max_examples=30, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.text(max_size=40), st.text(max_size=40)), min_size=1, max_size=5))
def test_any_text_survives_both_writers(pairs: list[tuple[str, str]]) -> None:
    rows = tuple(
        Row(f"1:{n}", "paragraph", (Cell(f"{n}.", a), Cell("", b, "missing")), "error", (a,))
        for n, (a, b) in enumerate(pairs, 1)
    )
    sheet = Sheet("doc", ("en", "fr"), rows)
    stream = io.BytesIO()
    write_xlsx(stream, [sheet], datetime(2014, 7, 2, 12, tzinfo=UTC))
    ws = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).worksheets[0]
    for (a, b), row in zip(pairs, ws.iter_rows(min_row=2), strict=True):
        cells = [c.value or "" for c in row]
        assert cells[3] == xml_safe_text(a) and cells[5] == xml_safe_text(b)
        assert all(c.data_type in ("s", "n") for c in row)
    table = list(csv.reader(io.StringIO(render_tsv([sheet])), delimiter="\t"))
    assert len(table) == len(pairs) + 1
    for (a, b), values in zip(pairs, table[1:], strict=True):
        assert values[4] == " ".join(re.split(r"[\t\r\n\v\f\x85\u2028\u2029]+", a))
        assert values[6] == " ".join(re.split(r"[\t\r\n\v\f\x85\u2028\u2029]+", b))


def xml_safe_text(text: str) -> str:
    """What a cell keeps of `text`: characters XML forbids become U+FFFD."""
    return re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)
