"""--jobs: documents processed in several processes give the output of one process."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from faults import MAKERS, NoPlace, write_set

from aligner.cli import cli
from aligner.errors import UsageError
from aligner.jobs import default_jobs, ordered_map
from aligner.model import Document


def _square(x: int) -> int:
    return x * x


def _fail_on_odd(x: int) -> int:
    if x % 2:
        raise UsageError(f"odd {x}", file=f"f{x}", line=x)
    return x


def test_ordered_map_keeps_input_order_for_any_number_of_jobs() -> None:
    items = list(range(23))
    expected = [x * x for x in items]
    for jobs in (1, 2, 5, None):
        assert list(ordered_map(_square, items, jobs)) == expected
    assert list(ordered_map(_square, [], 4)) == []
    assert default_jobs() >= 1


def test_ordered_map_raises_the_first_failure_in_input_order() -> None:
    for jobs in (1, 3):
        with pytest.raises(UsageError) as caught:
            list(ordered_map(_fail_on_odd, [4, 2, 7, 9, 3], jobs))
        assert str(caught.value) == "f7:7: odd 7"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory, corpus_docs: dict[str, Document]) -> Path:
    """Seven document folders (one nested deeper), each with faults made in some versions."""
    root = tmp_path_factory.mktemp("archive")
    rng = random.Random(12)
    reference = corpus_docs["en"]
    for k in range(7):
        versions = [reference]
        for lang in ("fr", "de", "it", "ru", "es"):
            try:
                versions.append(
                    MAKERS[rng.choice(sorted(MAKERS))](corpus_docs[lang], reference, rng).document
                )
            except NoPlace:
                versions.append(corpus_docs[lang])
        write_set(versions, root / ("deep/d" if k == 3 else f"doc{k}"))
    return root


def _run(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_check_gives_the_same_report_with_any_number_of_jobs(archive: Path, fmt: str) -> None:
    one = _run(["check", str(archive), "--format", fmt, "--jobs", "1"])
    assert one[0] == 1 and one[1]
    assert _run(["check", str(archive), "--format", fmt, "--jobs", "3"]) == one
    assert _run(["check", str(archive), "--format", fmt]) == one  # default: the CPU count


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize(
    "how", [["--to", "tmx"], ["--to", "po"], ["--to", "tmx", "--targets", "fr,ru"]]
)
def test_export_writes_the_same_files_with_any_number_of_jobs(
    archive: Path, tmp_path: Path, how: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outputs = []
    for jobs in ("1", "2", "4"):
        out = tmp_path / jobs
        code, stdout, stderr = _run(["export", str(archive), *how, "-o", str(out), "-j", jobs])
        assert code == 0
        outputs.append((stdout.replace(str(out), "OUT"), stderr, _files(out)))
    assert len(outputs[0][2]) >= 7  # files written (and, for TMX, suspect pairs listed)
    assert outputs[0][1] or how == ["--to", "po"]
    assert outputs[1] == outputs[0] and outputs[2] == outputs[0]


def test_review_gives_the_same_page_with_any_number_of_jobs(archive: Path) -> None:
    one = _run(["review", str(archive), "--format", "html", "--jobs", "1"])
    assert one[0] == 0 and "<html" in one[1]
    assert _run(["review", str(archive), "--format", "html", "--jobs", "2"]) == one
    text = _run(["review", str(archive), "--only-suspect", "-j", "1"])
    assert _run(["review", str(archive), "--only-suspect", "-j", "3"]) == text


def test_an_unreadable_file_fails_alike_with_any_number_of_jobs(
    archive: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in sorted(archive.glob("doc[12]")):
        (broken / path.name).mkdir()
        for file in path.iterdir():
            (broken / path.name / file.name).write_bytes(file.read_bytes())
    (broken / "doc2" / "de.md").write_bytes(b"1. caf\xe9 \x80\x81 invalid UTF-8\n")
    results = {
        jobs: _run(["export", str(broken), "--to", "tmx", "-o", str(tmp_path / "o"), "-j", jobs])
        for jobs in ("1", "2")
    }
    assert results["1"] == results["2"] and results["1"][0] == 2
    checks = {jobs: _run(["check", str(broken), "-j", jobs]) for jobs in ("1", "2")}
    assert checks["1"] == checks["2"] and checks["1"][0] == 2
