"""`aligner align --batch FILE`: many pairs in one run, each output as `align SRC TGT` writes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from aligner.batch import read_batch
from aligner.cli import cli
from aligner.errors import UsageError
from aligner.text.lexicon import load_lexicon

PAIRS = [
    (
        "Die Expedition verliess Kathmandu am 3. April 1956.\nNach drei Wochen erreichte sie "
        "das Basislager.\nAm 18. Mai standen zwei Bergsteiger auf dem Gipfel.\n",
        "L'expédition quitta Katmandou le 3 avril 1956.\nAprès trois semaines, elle atteignit "
        "le camp de base.\nLe 18 mai, deux alpinistes atteignirent le sommet.\n",
    ),
    (
        "Das Wetter war schlecht.\nDer Sturm dauerte vier Tage.\n",
        "Le temps était mauvais.\nLa tempête dura quatre jours.\nPersonne ne sortit.\n",
    ),
    (
        "Im Jahr 1970 war das Nadelhorn unser Ziel.\n",
        "En 1970, le Nadelhorn était notre but.\n",
    ),
]


#: Without FreeDict (see `no_lexicon`) unless a test asks for it.
pytestmark = pytest.mark.usefixtures("no_lexicon")


def _pairs(folder: Path) -> Path:
    """The texts of `PAIRS` in `folder` and a batch file listing them (outputs in out/)."""
    (folder / "out").mkdir()
    lines = []
    for k, (de, fr) in enumerate(PAIRS):
        (folder / f"{k}.de.txt").write_text(de, encoding="utf-8")
        (folder / f"{k}.fr.txt").write_text(fr, encoding="utf-8")
        lines.append(f"{k}.de.txt\t{k}.fr.txt\tout/{k}.txt\n")
    batch = folder / "batch.tsv"
    batch.write_text("".join(lines), encoding="utf-8")
    return batch


def _run(folder: Path, *args: str) -> Result:
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)  # paths in a batch file are read from the current directory
        return CliRunner().invoke(cli, ["align", *args])


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["vecalign", "tsv"])
def test_each_output_is_what_align_writes_for_its_pair(tmp_path: Path, jobs: str, fmt: str):
    _pairs(tmp_path)
    common = ["--src-lang", "de", "--tgt-lang", "fr", "--presegmented", "--format", fmt]
    result = _run(tmp_path, "--batch", "batch.tsv", "--jobs", jobs, *common)
    assert result.exit_code == 0, result.output
    for k in range(len(PAIRS)):
        alone = _run(tmp_path, f"{k}.de.txt", f"{k}.fr.txt", *common)
        assert alone.exit_code == 0
        assert (tmp_path / "out" / f"{k}.txt").read_text(encoding="utf-8") == alone.stdout
        assert f"aligner: {k}.de.txt: " in result.stderr
    assert "fr line 3 has no de counterpart" in result.stderr  # pair 1's extra sentence
    assert result.stderr.splitlines()[-1] == "aligner: 3 of 3 pairs aligned"


def test_with_the_installed_lexicon_pairs_do_not_leak_into_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """One process keeps a language pair's dictionaries and text features for every pair:
    what it gives must still be what a run of each pair alone gives."""
    monkeypatch.delenv("ALIGNER_DICTD_PATH")
    load_lexicon.cache_clear()
    _pairs(tmp_path)
    common = ["--src-lang", "de", "--tgt-lang", "fr", "--presegmented"]
    assert _run(tmp_path, "--batch", "batch.tsv", "--jobs", "1", *common).exit_code == 0
    for k in reversed(range(len(PAIRS))):  # each alone, in a fresh cache
        load_lexicon.cache_clear()
        alone = _run(tmp_path, f"{k}.de.txt", f"{k}.fr.txt", *common)
        assert (tmp_path / "out" / f"{k}.txt").read_text(encoding="utf-8") == alone.stdout


def test_a_pair_that_cannot_be_read_is_named_and_the_others_are_written(tmp_path: Path):
    batch = _pairs(tmp_path)
    (tmp_path / "1.fr.txt").unlink()
    result = _run(tmp_path, "--batch", "batch.tsv", "--src-lang", "de", "--tgt-lang", "fr")
    assert result.exit_code == 2
    assert "aligner: error: 1.fr.txt: no such file" in result.stderr
    assert result.stderr.splitlines()[-1] == "aligner: 2 of 3 pairs aligned, 1 failed"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["0.txt", "2.txt"]
    assert batch.is_file()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_max_size_holds_in_every_process(tmp_path: Path, jobs: str):
    batch = _pairs(tmp_path)
    limit = batch.stat().st_size  # the list is read; pair 0's texts are larger
    assert all(len(text.encode()) > limit for text in PAIRS[0])
    assert all(len(text.encode()) <= limit for pair in PAIRS[1:] for text in pair)
    result = _run(tmp_path, "--batch", "batch.tsv", "--max-size", str(limit), "--jobs", jobs)
    assert result.exit_code == 2
    assert f"0.de.txt: file too large (over {limit} bytes; use --max-size)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1.txt", "2.txt"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("0.de.txt\t0.fr.txt\n", "batch.tsv:2: expected SRC<TAB>TGT<TAB>OUT, found 2 field(s)"),
        ("0.de.txt\t\tout/1.txt\n", "batch.tsv:2: expected SRC<TAB>TGT<TAB>OUT, found an empty"),
        ("1.de.txt\t1.fr.txt\t0.de.txt\n", "batch.tsv:2: output 0.de.txt is an input"),
        ("1.de.txt\t1.fr.txt\tbatch.tsv\n", "batch.tsv:2: output batch.tsv is an input"),
        ("1.de.txt\t1.fr.txt\tout/0.txt\n", "output out/0.txt is named twice (first on line 1)"),
    ],
)
def test_a_bad_list_stops_before_any_pair_is_aligned(tmp_path: Path, line: str, message: str):
    _pairs(tmp_path)
    before = (tmp_path / "0.de.txt").read_bytes()
    (tmp_path / "batch.tsv").write_text(f"0.de.txt\t0.fr.txt\tout/0.txt\n{line}", encoding="utf-8")
    result = _run(tmp_path, "--batch", "batch.tsv", "--src-lang", "de", "--tgt-lang", "fr")
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1  # one line, no traceback
    assert not any((tmp_path / "out").iterdir())
    assert (tmp_path / "0.de.txt").read_bytes() == before


def test_blank_lines_are_skipped_and_an_empty_list_is_refused(tmp_path: Path):
    batch = tmp_path / "b.tsv"
    batch.write_text("\na\tb\tc\n\n", encoding="utf-8")
    assert [(p.line, p.src, p.tgt, p.out) for p in read_batch(str(batch))] == [(2, "a", "b", "c")]
    batch.write_text("\n\n", encoding="utf-8")
    with pytest.raises(UsageError, match="lists no pair"):
        read_batch(str(batch))


@pytest.mark.parametrize(
    "args",
    [
        ["--batch", "batch.tsv", "0.de.txt"],
        ["--batch", "batch.tsv", "-o", "x.txt"],
        [],
        ["0.de.txt"],
    ],
)
def test_batch_or_a_pair_not_both(tmp_path: Path, args: list[str]):
    _pairs(tmp_path)
    result = _run(tmp_path, *args)
    assert result.exit_code == 2
    assert "--batch" in result.stderr
