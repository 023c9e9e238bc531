"""Suppressions applied to a run: hidden findings kept aside, unused entries reported."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"

CONFIG = """[tool.aligner]

[[tool.aligner.suppress]]
rule = "missing-paragraph"
lang = "ru"
paragraph = 7
reason = "used"

[[tool.aligner.suppress]]
rule = "missing-paragraph"
lang = "de"
paragraph = 3
reason = "stale: de 3 is there"

[[tool.aligner.suppress]]
rule = "extra-paragraph"
document = "another-document"
reason = "that document is not checked here"

[[tool.aligner.suppress]]
rule = "missing-paragraph"
lang = "ja"
reason = "no Japanese version is checked"
"""


def _check(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aligner", "check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def _setup(tmp_path: Path) -> None:
    docs = tmp_path / "baku"
    shutil.copytree(CORPUS, docs)
    ru = docs / "ru.md"
    ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
    (tmp_path / "pyproject.toml").write_text(CONFIG, "utf-8")


def test_an_unused_suppression_is_a_warning_at_its_line(tmp_path: Path) -> None:
    _setup(tmp_path)
    run = _check(tmp_path, "baku")
    unused = [line for line in run.stdout.splitlines() if "unused-suppression" in line]
    line = CONFIG.splitlines().index("[[tool.aligner.suppress]]", 4) + 1
    assert unused == [
        f"pyproject.toml:{line}:1: warning unused-suppression suppression of missing-paragraph "
        "(lang de, paragraph 3) matched no finding; remove it"
    ]
    assert "missing-paragraph" not in run.stdout.replace("suppression of missing-paragraph", "")
    assert run.returncode == 0  # a warning, under the default --fail-on error
    assert _check(tmp_path, "baku", "--fail-on", "warning").returncode == 1


def test_unused_suppressions_follow_the_rule_selection(tmp_path: Path) -> None:
    _setup(tmp_path)
    assert (
        "unused-suppression"
        not in _check(tmp_path, "baku", "--ignore", "unused-suppression").stdout
    )
    # when missing-paragraph does not run, its suppressions cannot be used
    run = _check(tmp_path, "baku", "--select", "missing-paragraph,unused-suppression")
    assert run.stdout.count("unused-suppression") == 1
    run = _check(tmp_path, "baku", "--select", "extra-paragraph,unused-suppression")
    assert "unused-suppression" not in run.stdout


def test_the_rule_is_listed_and_can_be_ignored_in_the_config(tmp_path: Path) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "aligner", "rules", "unused-suppression"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert listed.returncode == 0 and "matched no finding" in listed.stdout
    _setup(tmp_path)
    config = tmp_path / "pyproject.toml"
    config.write_text(
        CONFIG.replace("[tool.aligner]\n", '[tool.aligner]\nignore = ["unused-suppression"]\n'),
        "utf-8",
    )
    run = _check(tmp_path, "baku")
    assert run.returncode == 0 and "unused-suppression" not in run.stdout
