"""check --since REV: the reference as committed at REV, read from git without a checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from amending import amendments, copy_corpus
from click.testing import CliRunner

from aligner.cli import cli
from aligner.findings import Finding
from aligner.pipeline import run_check
from aligner.sync import sync

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-C",
            str(repo),
            *args,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the corpus two folders down, committed once."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    copy_corpus(corpus_dir, root / "texts" / "2014" / "baku")
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "translations made")
    return root


def stale(findings: Iterable[Finding]) -> list[tuple[str, int | None, int | None, str]]:
    return sorted(
        (f.lang, f.reference_paragraph, f.paragraph, f.message)
        for f in findings
        if f.rule == "stale-translation"
    )


def test_since_gives_what_the_lock_gives(repo: Path, tmp_path: Path, corpus_dir: Path) -> None:
    folder = repo / "texts" / "2014" / "baku"
    for amendment in amendments("en", corpus_dir):
        shutil.rmtree(tmp_path / "locked", ignore_errors=True)
        locked = copy_corpus(corpus_dir, tmp_path / "locked" / "baku")
        sync([locked])
        amendment.apply(locked / "en.md")
        git(repo, "checkout", "-q", "--", ".")
        amendment.apply(folder / "en.md")  # uncommitted: HEAD holds the earlier text
        from_history = run_check([folder], since="HEAD")
        from_lock = run_check([locked])
        assert stale(from_history.findings) == stale(from_lock.findings), amendment.name
        others = {(f.rule, f.lang, f.reference_paragraph, f.message) for f in from_history.findings}
        assert others == {
            (f.rule, f.lang, f.reference_paragraph, f.message) for f in from_lock.findings
        }
        assert from_history.notices == ()


def test_since_a_commit_and_over_a_folder_of_folders(repo: Path, corpus_dir: Path) -> None:
    folder = repo / "texts" / "2014" / "baku"
    first = git(repo, "rev-parse", "HEAD").strip()
    amendments("en", corpus_dir)[0].apply(folder / "en.md")
    git(repo, "commit", "-q", "-am", "en 3 and 7 amended")
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(repo / "texts"), "--since", "HEAD~1"])
    assert result.exit_code == 1
    assert sum("stale-translation" in line for line in result.output.splitlines()) == 10
    assert "en 7 changed: 'convicted of [+serious+] sex crimes'" in result.output
    assert (
        runner.invoke(cli, ["check", str(repo / "texts"), "--since", first[:10]]).output
        == result.output
    )
    assert runner.invoke(cli, ["check", str(folder), "--since", "HEAD"]).exit_code == 0
    assert git(repo, "status", "--porcelain") == ""  # nothing checked out or written


def test_since_exits_2_from_a_real_process(repo: Path, corpus_dir: Path) -> None:
    folder = repo / "texts" / "2014" / "baku"
    amendments("en", corpus_dir)[2].apply(folder / "en.md")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "aligner",
            "check",
            str(folder),
            "--since",
            "HEAD",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=repo.parent,
    )
    assert done.returncode == 1
    assert "en 14 (was 14 and 15) changed" in done.stdout


@pytest.mark.parametrize(
    ("revision", "needle"),
    [
        ("no-such-branch", "unknown revision"),
        ("HEAD~5", "unknown revision"),
        ("--output=/tmp/x", "expects a git revision"),
        ("HEAD:texts", "unknown revision"),
    ],
)
def test_unknown_revision_is_a_usage_error(repo: Path, revision: str, needle: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(repo / "texts"), f"--since={revision}"])
    assert result.exit_code == 2
    assert needle in result.output
    assert "Traceback" not in result.output


def test_file_not_yet_committed_is_a_usage_error(repo: Path, corpus_dir: Path) -> None:
    copy_corpus(corpus_dir, repo / "texts" / "2015" / "new")
    result = CliRunner().invoke(cli, ["check", str(repo / "texts" / "2015"), "--since", "HEAD"])
    assert result.exit_code == 2
    assert "did not exist at that revision" in result.output


def test_outside_a_repository_is_a_usage_error(
    tmp_path: Path, corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = copy_corpus(corpus_dir, tmp_path / "plain" / "baku")
    result = CliRunner().invoke(cli, ["check", str(folder), "--since", "HEAD"])
    assert result.exit_code == 2
    assert "needs a git repository" in result.output
