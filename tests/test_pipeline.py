"""The one read -> align -> check pipeline: check and export see the same alignments and
findings; progress is reported, never printed; unreadable input is a finding or an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner import pipeline
from aligner.errors import InputError, UsageError
from aligner.settings import Config


def _renumbered(tmp_path: Path, corpus_dir: Path) -> Path:
    """The corpus with paragraph 5 of fr dropped (fr 6-20 become 5-19)."""
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    fr = folder / "fr.md"
    lines = fr.read_text(encoding="utf-8").splitlines(keepends=True)
    fr.write_text("".join(line for line in lines if not line.startswith("5. ")), "utf-8")
    return folder


def test_check_and_export_share_alignments_and_findings(tmp_path: Path, corpus_dir: Path) -> None:
    folder = _renumbered(tmp_path, corpus_dir)
    result = pipeline.run_check([folder])
    [aligned] = pipeline.load_aligned([folder], Config())
    assert aligned.findings == result.findings
    assert "missing-paragraph" in {f.rule for f in result.findings}
    kinds = [link.kind for link in aligned.alignments["fr"].links]
    assert kinds.count("1-0") == 1 and kinds.count("1-1") == 19
    alignments, findings = pipeline.check_set(result.documents[0], "en")
    assert alignments == dict(aligned.alignments) and tuple(findings) == result.findings


def test_suppressed_findings_are_dropped_in_both(tmp_path: Path, corpus_dir: Path) -> None:
    folder = _renumbered(tmp_path, corpus_dir)

    def drop_missing(f: object) -> bool:
        return getattr(f, "rule", "") == "missing-paragraph"

    result = pipeline.run_check([folder], suppressed=drop_missing)
    [aligned] = pipeline.load_aligned([folder], Config(ignore=("missing-paragraph",)))
    assert "missing-paragraph" not in {f.rule for f in result.findings}
    assert aligned.findings == result.findings


def test_unreadable_input_is_a_finding_for_check_and_an_error_for_export(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = tmp_path / "doc"
    shutil.copytree(corpus_dir, folder)
    (folder / "de.md").write_bytes(b"\x00\x01\x02 binary")
    result = pipeline.run_check([folder], suppressed=lambda f: True)  # never suppressed
    assert [f.rule for f in result.findings] == ["unreadable"]
    assert result.exit_status() == 2
    with pytest.raises(InputError) as error:
        pipeline.load_aligned([folder], Config())
    assert error.value.file and error.value.file.endswith("de.md")


def test_progress_counts_files_then_documents(tmp_path: Path, corpus_dir: Path, capsys) -> None:
    other = tmp_path / "set" / "b"
    shutil.copytree(corpus_dir, tmp_path / "set" / "a")
    shutil.copytree(corpus_dir, other)
    events: list[tuple[str, int, int]] = []
    pipeline.run_check([tmp_path / "set"], progress=lambda *e: events.append(e))
    reads = [e for e in events if e[0] == pipeline.READ]
    checks = [e for e in events if e[0] == pipeline.CHECK]
    assert reads == [(pipeline.READ, n, 12) for n in range(1, 13)]
    assert checks == [(pipeline.CHECK, 1, 2), (pipeline.CHECK, 2, 2)]
    assert events.index(reads[-1]) < events.index(checks[0])
    assert capsys.readouterr() == ("", "")


def test_no_reference_version_is_a_usage_error(tmp_path: Path, corpus_dir: Path) -> None:
    with pytest.raises(UsageError, match="no ja version"):
        pipeline.run_check([corpus_dir], reference="ja")
    with pytest.raises(UsageError, match="unknown rule"):
        pipeline.run_check([tmp_path / "nothing"], select=["no-such-rule"])
