"""`aligner review`: every reference paragraph beside its counterparts, suspect pairs explained."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import html

from aligner.cli import cli


def _merged_copy(corpus_dir: Path, tmp_path: Path) -> Path:
    """The corpus with paragraphs 4 and 5 of the German version run together."""
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    de = folder / "de.md"
    de.write_text(re.sub(r",\n5\. ", ", ", de.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_text_review_shows_every_paragraph(runner: CliRunner, corpus_dir: Path) -> None:
    result = runner.invoke(cli, ["review", str(corpus_dir), "--targets", "fr"])
    assert result.exit_code == 0, result.output
    assert "en → fr" in result.output
    assert "Saint-Pétersbourg" in result.output
    assert result.output.count("│ ok") == 26  # 20 paragraphs and 6 unnumbered blocks


def test_only_suspect_lists_the_merged_pair(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    folder = _merged_copy(corpus_dir, tmp_path)
    result = runner.invoke(cli, ["review", str(folder), "--only-suspect"])
    assert result.exit_code == 0, result.output
    assert "en → fr: nothing suspect" in result.output
    assert "merged-paragraphs" in result.output


def test_html_review_marks_suspect_cells(
    runner: CliRunner, corpus_dir: Path, tmp_path: Path
) -> None:
    folder = _merged_copy(corpus_dir, tmp_path)
    out = tmp_path / "review.html"
    result = runner.invoke(cli, ["review", str(folder), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = html.fromstring(out.read_bytes())
    header = page.xpath("//table/tr[1]/th/@lang")
    assert header == ["en", "fr", "de", "it", "ru", "es"]
    assert len(page.xpath("//table/tr")) == 1 + 26
    suspect = page.xpath("//td[@lang='de'][contains(@class, 'suspect') or @class='missing']")
    assert len(suspect) == 2  # en 4 (merged text) and en 5 (no counterpart of its own)
    assert "merged-paragraphs" in suspect[0].text_content()
    first = out.read_bytes()
    runner.invoke(cli, ["review", str(folder), "--format", "html", "-o", str(out)])
    assert out.read_bytes() == first


def test_review_never_writes_over_an_input(runner: CliRunner, corpus_dir: Path) -> None:
    target = corpus_dir / "en.md"
    before = target.read_bytes()
    result = runner.invoke(cli, ["review", str(corpus_dir), "-o", str(target)])
    assert result.exit_code == 2
    assert "refusing to overwrite" in result.output
    assert target.read_bytes() == before
