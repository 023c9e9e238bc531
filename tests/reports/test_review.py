"""`aligner review`: every reference unit beside its counterparts, suspect pairs explained."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import faults
from click.testing import CliRunner
from lxml import html

from aligner.cli import cli
from aligner.model import Document


def _merged_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """The corpus with paragraphs 4 and 5 of the German version run together."""
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    de = folder / "de.md"
    de.write_text(re.sub(r",\n5\. ", ", ", de.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def faulted_set(corpus_docs: dict[str, Document], folder: Path, seed: int = 3) -> dict[str, int]:
    """Write the corpus with a drop in ru, a merge in de, a changed number in fr and an
    untranslated paragraph in it; return the reference paragraph of each fault by language."""
    rng = random.Random(seed)
    en = corpus_docs["en"]
    made = {
        "ru": faults.drop(corpus_docs["ru"], en, rng),
        "de": faults.merge(corpus_docs["de"], en, rng),
        "fr": faults.change_number(corpus_docs["fr"], en, rng),
        "it": faults.untranslate(corpus_docs["it"], en, rng),
    }
    versions = [
        en,
        *(
            made[x].document if x in made else corpus_docs[x]
            for x in ("fr", "de", "it", "ru", "es")
        ),
    ]
    faults.write_set(versions, folder)
    return {lang: fault.reference_paragraph or 0 for lang, fault in made.items()}


def test_text_review_shows_every_paragraph_with_its_own_number(
    runner: CliRunner, corpus_dir: Path
) -> None:
    result = runner.invoke(cli, ["review", str(corpus_dir), "--targets", "fr"])
    assert result.exit_code == 0, result.output
    assert "en → fr" in result.output
    assert "Saint-Pétersbourg" in result.output
    assert result.output.count("│ ok") == 26  # 20 paragraphs and 6 unnumbered blocks
    assert "fr 20 · line" in result.output


def test_only_suspect_lists_the_merged_pair_and_no_empty_table(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    folder = _merged_copy(corpus_dir, tmp_path)
    result = runner.invoke(cli, ["review", str(folder), "--only-suspect"])
    assert result.exit_code == 0, result.output
    assert "en → fr: nothing to review" in result.output
    assert "merged-paragraphs" in result.output
    assert result.output.count("┏") == 1  # one table: de


def test_only_suspect_over_clean_documents_prints_one_line(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    for name in ("a", "b", "c"):
        shutil.copytree(corpus_dir, tmp_path / name)
    result = runner.invoke(cli, ["review", str(tmp_path), "--only-suspect"])
    assert result.exit_code == 0, result.output
    assert result.output == "nothing to review in a, b, c\n"
    out = tmp_path / "r.html"
    result = runner.invoke(
        cli, ["review", str(tmp_path), "--only-suspect", "--format", "html", "-o", str(out)]
    )
    page = html.fromstring(out.read_bytes())
    assert page.xpath("//table[contains(@class, 'sbs')]") == []
    assert page.xpath("//table[contains(@class, 'matrix')]") == []
    assert "Nothing to review" in page.get_element_by_id("nothing").text_content()


def test_text_review_marks_the_changed_year_and_side_by_side(
    runner: CliRunner, corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    where = faulted_set(corpus_docs, tmp_path / "set")
    result = runner.invoke(
        cli,
        ["review", str(tmp_path / "set"), "--targets", "fr", "--only-suspect", "--color", "never"],
    )
    assert result.exit_code == 0, result.output
    assert re.search(r"⟦\d{4}⟧", result.output), result.output
    assert f"fr {where['fr']} · line" in result.output
    result = runner.invoke(
        cli, ["review", str(tmp_path / "set"), "--side-by-side", "--only-suspect"]
    )
    header = next(line for line in result.output.splitlines() if "┃ #" in line)
    assert all(f" {x} " in header for x in ("en", "fr", "de", "it", "ru", "es"))


def test_html_review_matrix_rows_and_findings(
    runner: CliRunner, corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    where = faulted_set(corpus_docs, tmp_path / "set")
    out = tmp_path / "review.html"
    result = runner.invoke(
        cli, ["review", str(tmp_path / "set"), "--format", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = html.fromstring(out.read_bytes())
    cells = page.xpath("//table[contains(@class, 'matrix')]//td[@data-status]")
    status = {(c.get("data-lang"), c.get("data-paragraph")): c.get("data-status") for c in cells}
    assert len(cells) == 6 * 20
    assert status[("ru", str(where["ru"]))] == "missing"
    assert status[("de", str(where["de"]))] == "error"
    assert status[("de", str(where["de"] + 1))] == "error"
    # a changed number and an untranslated paragraph are errors (they fail CI)
    assert status[("fr", str(where["fr"]))] == "error"
    assert status[("it", str(where["it"]))] == "error"
    assert sum(s != "ok" for s in status.values()) == 5
    for cell in cells:  # every cell links to its row
        row = page.get_element_by_id(cell.xpath("a/@href")[0][1:])
        assert row.get("data-ref-paragraph") == cell.get("data-paragraph")
    # the renumbered Russian version: the en row after the drop holds ru's own lower number
    after = page.xpath(f"//tr[@data-ref-paragraph='{where['ru'] + 1}']/td[@data-lang='ru']")[0]
    assert after.xpath(".//span[@class='num']/text()")[0] == f"ru {where['ru']}"
    fr = page.xpath(f"//tr[@data-ref-paragraph='{where['fr']}']/td[@data-lang='fr']")[0]
    assert re.fullmatch(r"\d+", fr.xpath(".//p[@class='text']/mark/text()")[0])
    finding = fr.xpath(".//div[contains(@class, 'finding')]")[0]
    assert finding.get("id") == f"f-set-fr-{where['fr']}-number-mismatch"
    assert "sev-error" in finding.get("class")
    assert "[[tool.aligner.suppress]]" in finding.text_content()
    it = page.xpath(f"//tr[@data-ref-paragraph='{where['it']}']/td[@data-lang='it']")[0]
    assert it.get("lang") == "it" and it.xpath(".//mark")
    missing = page.xpath(f"//tr[@data-ref-paragraph='{where['ru']}']/td[@data-lang='ru']")[0]
    assert "sev-error" in missing.xpath(".//div[contains(@class, 'finding')]/@class")[0]
    assert f'link = "en {where["ru"]} = ru {where["ru"]}"' in missing.text_content()
    assert page.xpath("//main") and page.xpath("//nav") and page.xpath("//th[@scope='col']")
    assert not page.xpath("//script[@src] | //link[@href] | //img[@src]")
    first = out.read_bytes()
    runner.invoke(cli, ["review", str(tmp_path / "set"), "--format", "html", "-o", str(out)])
    assert out.read_bytes() == first


def test_extra_paragraph_has_a_row_and_an_extra_cell(
    runner: CliRunner, corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    en = corpus_docs["en"]
    fault = faults.insert(corpus_docs["es"], en, random.Random(5))
    faults.write_set([en, fault.document], tmp_path / "set")
    out = tmp_path / "review.html"
    runner.invoke(cli, ["review", str(tmp_path / "set"), "--format", "html", "-o", str(out)])
    page = html.fromstring(out.read_bytes())
    extra = page.xpath("//td[@data-status='extra']")
    assert len(extra) == 1 and extra[0].get("data-lang") == "es"
    row = page.get_element_by_id(extra[0].xpath("a/@href")[0][1:])
    assert row.xpath("td[@data-lang='es']")[0].xpath(".//span[@class='num']")


def test_review_never_writes_over_an_input(runner: CliRunner, corpus_dir: Path) -> None:
    target = corpus_dir / "en.md"
    before = target.read_bytes()
    result = runner.invoke(cli, ["review", str(corpus_dir), "-o", str(target)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.output
    assert target.read_bytes() == before


def test_config_entries_offered_by_the_report_are_obeyed(
    runner: CliRunner, corpus_docs: dict[str, Document], tmp_path: Path
) -> None:
    import polib

    where = faulted_set(corpus_docs, tmp_path / "set")
    out = tmp_path / "review.html"
    runner.invoke(cli, ["review", str(tmp_path / "set"), "--format", "html", "-o", str(out)])
    page = html.fromstring(out.read_bytes())

    def snippets(anchor: str) -> list[str]:
        return [c.text_content() for c in page.get_element_by_id(anchor).xpath(".//pre/code")]

    number = snippets(f"f-set-fr-{where['fr']}-number-mismatch")
    missing = snippets(f"f-set-ru-{where['ru']}-missing-paragraph")
    assert number[0].startswith("[[tool.aligner.suppress]]")
    pin = next(s for s in missing if s.startswith("[[tool.aligner.pin]]"))
    config = tmp_path / "pyproject.toml"
    body = "\n\n".join([number[0].replace('"deliberate: "', '"a revised date"'), pin])
    config.write_text("[tool.aligner]\n\n" + body + "\n", encoding="utf-8")
    before = runner.invoke(cli, ["check", str(tmp_path / "set")])
    after = runner.invoke(cli, ["check", str(tmp_path / "set"), "--config", str(config)])
    changed = f"paragraph {where['fr']} of fr lacks"
    assert changed in before.output and changed not in after.output
    lost = f"paragraph {where['ru']} of en has no counterpart in ru"
    assert lost in before.output and lost not in after.output
    result = runner.invoke(
        cli,
        [
            "export",
            str(tmp_path / "set"),
            "--to",
            "po",
            "-o",
            str(tmp_path / "po"),
            "--config",
            str(config),
        ],
    )
    assert result.exit_code == 0, result.output
    entry = polib.pofile(str(tmp_path / "po" / "set.ru.po")).find(f"1:{where['ru']}", by="msgctxt")
    ru = next(p for p in corpus_docs["ru"].paragraphs if p.number == where["ru"] + 1)
    assert entry is not None and entry.msgstr == ru.text  # the pinned ru paragraph


def test_stale_translation_shows_the_reference_change(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    assert runner.invoke(cli, ["sync", str(folder)]).exit_code == 0
    en = folder / "en.md"
    text = en.read_text(encoding="utf-8")
    en.write_text(text.replace("Aware that the 2013", "Aware that the 2013 updated", 1), "utf-8")
    out = tmp_path / "review.html"
    runner.invoke(cli, ["review", str(folder), "--format", "html", "-o", str(out)])
    page = html.fromstring(out.read_bytes())
    stale = page.xpath("//div[@data-rule='stale-translation']")
    assert {f.get("data-lang") for f in stale} == {"fr", "de", "it", "ru", "es"}
    assert {f.xpath(".//p[@class='diff']/ins/text()")[0] for f in stale} == {"updated"}
    cells = page.xpath("//table[contains(@class, 'matrix')]//td[@data-status='error']")
    assert {c.get("data-paragraph") for c in cells} == {
        stale[0].getparent().getparent().get("data-ref-paragraph")
    }
