"""action.yml: the composite GitHub Action that checks documents and uploads SARIF.

The YAML is read with pyyaml and its structure checked; the check step's shell script is then
run for real with bash (inputs resolved as the runner resolves them, `aligner` a shim for
`python -m aligner`), so the SARIF it writes and the exit status it keeps are the real ones.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
_EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def _action() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _step(action: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in action["runs"]["steps"] if s.get("id") == name or s["name"] == name)


def test_action_is_a_composite_action_with_the_documented_inputs() -> None:
    action = _action()
    assert {"name", "description", "inputs", "outputs", "runs"} <= set(action)
    assert action["runs"]["using"] == "composite"
    assert {"paths", "reference", "fail-on", "config", "sarif-file"} <= set(action["inputs"])
    for name, spec in action["inputs"].items():
        assert spec["description"] and "default" in spec, name
    for step in action["runs"]["steps"]:
        assert ("run" in step) != ("uses" in step), step["name"]
        if "run" in step:
            assert step["shell"] == "bash", step["name"]  # composite run steps need a shell
    assert set(action["outputs"]) == {"sarif-file", "exit-code"}


def test_every_input_is_used_and_every_expression_names_a_known_input() -> None:
    action = _action()
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    body = text[text.index("\nruns:") :]
    used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", body))
    assert used == set(action["inputs"])


def test_aligner_is_installed_from_the_action_itself_never_from_the_index() -> None:
    install = _step(_action(), "Install aligner from this action's repository")
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert '"$ACTION_PATH"' in install["run"] and "pip install" in install["run"]
    assert not re.search(r"pip install[^\n]*\baligner\b", install["run"])


def test_sarif_is_uploaded_even_when_the_check_fails_and_the_status_is_kept() -> None:
    steps = _action()["runs"]["steps"]
    names = [s.get("uses", s.get("id", s["name"])).split("@")[0] for s in steps]
    upload = names.index("github/codeql-action/upload-sarif")
    assert names.index("check") < upload < len(steps) - 1
    assert steps[upload]["if"].startswith("always()")
    assert "steps.check.outputs.written == 'true'" in steps[upload]["if"]
    assert steps[upload]["with"]["sarif_file"] == "${{ inputs.sarif-file }}"
    last = steps[-1]
    assert last["if"] == "always()" and "exit" in last["run"]
    assert "steps.check.outputs.exit-code" in last["env"]["STATUS"]


def _run_check_step(tmp_path: Path, **inputs: str) -> tuple[int, dict[str, str]]:
    """Run the check step's script with bash as the runner would; its exit code and outputs."""
    action = _action()
    values = {name: spec["default"] for name, spec in action["inputs"].items()} | inputs
    step = _step(action, "check")

    def resolve(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            kind, _, name = match.group(1).partition(".")
            assert kind == "inputs", match.group(0)
            return str(values[name])

        return _EXPRESSION.sub(one, text)

    shim = tmp_path / "bin" / "aligner"
    shim.parent.mkdir(exist_ok=True)
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m aligner "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    outputs = tmp_path / "github_output"
    outputs.touch()
    env = {k: resolve(v) for k, v in step["env"].items()}
    env = {
        **os.environ,
        **env,
        "PATH": f"{shim.parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(outputs),
        "PYTHONPATH": str(ROOT),
    }
    bash = shutil.which("bash")
    assert bash
    run = subprocess.run([bash, "-e", "-c", step["run"]], env=env, cwd=tmp_path, check=False)
    pairs = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    return run.returncode, pairs


def test_the_check_step_writes_sarif_and_records_a_failing_status(tmp_path: Path) -> None:
    docs = tmp_path / "docs" / "doc"
    shutil.copytree(CORPUS, docs)
    ru = docs / "ru.md"
    ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
    code, outputs = _run_check_step(tmp_path, paths=f"docs/doc {CORPUS}")
    assert code == 0  # the step itself succeeds, so the upload still runs
    assert outputs["exit-code"] == "1"
    log = json.loads((tmp_path / outputs["sarif-file"]).read_text("utf-8"))
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert "missing-paragraph" in rules
    code, outputs = _run_check_step(tmp_path, paths="docs/doc", **{"fail-on": "never"})
    assert outputs["exit-code"] == "0"
    assert outputs["written"] == "true"
    code, outputs = _run_check_step(tmp_path, paths="no/such/folder", **{"sarif-file": "x.sarif"})
    assert outputs["exit-code"] == "2"  # a missing path: a finding in the SARIF, and exit 2
    code, outputs = _run_check_step(tmp_path, paths="", **{"sarif-file": "none.sarif"})
    assert (outputs["exit-code"], outputs["written"]) == ("2", "false")  # nothing to upload


@pytest.mark.parametrize("name", ["README.md"])
def test_readme_never_installs_the_unrelated_package_from_the_index(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert not re.search(r"pip install\s+['\"]?aligner\b", text)
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    parsed = [yaml.safe_load(b) for b in blocks]  # every YAML snippet is valid YAML
    workflow = next(p for p in parsed if isinstance(p, dict) and "jobs" in p)
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    assert any(s.get("uses", "").split("@")[0].endswith("/aligner") for s in steps)
    precommit = next(p for p in parsed if isinstance(p, dict) and "repos" in p)
    [repo] = precommit["repos"]
    assert repo["rev"] and [h["id"] for h in repo["hooks"]] == ["aligner-check"]
