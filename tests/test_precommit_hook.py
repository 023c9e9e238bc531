""".pre-commit-hooks.yaml: the `aligner-check` hook runs `aligner check` on translations/."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import yaml

from aligner.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hook_manifest_shape():
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["aligner-check"]
    hook = hooks[0]
    required = {"id", "name", "entry", "language"}
    optional = {"description", "files", "pass_filenames", "require_serial", "args"}
    assert required <= set(hook) <= required | optional
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False  # a version is only checkable with its siblings
    assert all(isinstance(a, str) for a in hook["args"])


def test_hook_runs_the_check_command_of_the_console_script():
    hook = _hooks()[0]
    script, command = hook["entry"].split()
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg", encoding="utf-8")
    scripts = setup["options.entry_points"]["console_scripts"]
    assert re.search(rf"^\s*{script}\s*=\s*aligner\.cli:main\s*$", scripts, re.M)
    assert command in cli.commands


def test_hook_triggers_on_translations_only():
    hook = _hooks()[0]
    files = re.compile(hook["files"])
    assert files.search("translations/baku-2014-child-sex-trafficking/ru.md")
    assert not files.search("README.md")
    assert not files.search("docs/translations/x.md")
    assert hook["args"] == ["translations/"] and (ROOT / "translations").is_dir()
