"""SARIF from real check runs: fingerprints that survive line shifts, suppressed findings kept
with their reason, related reference locations and review links, all schema-valid."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def _faulted(tmp_path: Path) -> Path:
    """The corpus with Russian paragraph 7 dropped and German 8's year changed."""
    docs = tmp_path / "baku"
    shutil.copytree(CORPUS, docs)
    ru = docs / "ru.md"
    ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
    de = docs / "de.md"
    de.write_text(de.read_text("utf-8").replace("Addendum von 2013", "Addendum von 2012"), "utf-8")
    return docs


def _check(cwd: Path, *args: str) -> tuple[int, dict[str, Any], str]:
    run = subprocess.run(
        [sys.executable, "-m", "aligner", "check", *args, "--format", "sarif"],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    log = json.loads(run.stdout)
    VALIDATOR.validate(log)
    return run.returncode, log, run.stderr


def _fingerprints(log: dict[str, Any]) -> dict[str, str]:
    return {
        r["partialFingerprints"]["alignerFinding/v1"]: r["ruleId"]
        for r in log["runs"][0]["results"]
    }


def test_fingerprints_are_stable_across_runs_and_line_shifts(tmp_path: Path) -> None:
    docs = _faulted(tmp_path)
    code, first, _ = _check(tmp_path, "baku")
    assert code == 1
    fingerprints = _fingerprints(first)
    assert len(fingerprints) == len(first["runs"][0]["results"]) >= 2  # unique per result
    assert {"missing-paragraph", "number-mismatch"} <= set(fingerprints.values())
    assert _fingerprints(_check(tmp_path, "baku")[1]) == fingerprints
    for lang in ("ru", "de", "en"):  # every line moves down by three
        path = docs / f"{lang}.md"
        path.write_text("\n\n\n" + path.read_text("utf-8"), "utf-8")
    shifted = _check(tmp_path, "baku")[1]
    lines = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in shifted["runs"][0]["results"]
    }
    old = {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in first["runs"][0]["results"]
    }
    assert lines == {n + 3 for n in old}
    assert _fingerprints(shifted) == fingerprints


def test_fingerprint_changes_when_the_text_of_the_unit_changes(tmp_path: Path) -> None:
    docs = _faulted(tmp_path)
    before = _fingerprints(_check(tmp_path, "baku")[1])
    de = docs / "de.md"
    de.write_text(de.read_text("utf-8").replace("Addendum von 2012", "Nachtrag von 2012"), "utf-8")
    after = _fingerprints(_check(tmp_path, "baku")[1])
    assert [v for v in after.values() if v == "number-mismatch"]
    changed = {k for k, v in before.items() if v == "number-mismatch"} - set(after)
    assert changed  # a different text is a different finding


def test_suppressed_findings_are_kept_marked_with_their_reason(tmp_path: Path) -> None:
    _faulted(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.aligner]\n\n[[tool.aligner.suppress]]\nrule = "missing-paragraph"\n'
        'lang = "ru"\nparagraph = 7\nreason = "the Russian text leaves out paragraph 7"\n',
        "utf-8",
    )
    code, log, _ = _check(tmp_path, "baku")
    results = log["runs"][0]["results"]
    suppressed = [r for r in results if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["missing-paragraph"]
    assert suppressed[0]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "the Russian text leaves out paragraph 7",
        }
    ]
    live = [r["level"] for r in results if "suppressions" not in r]
    assert "warning" in live or "error" in live  # the German year is still reported
    assert code == (1 if "error" in live else 0)  # the suppressed error does not count
    text = subprocess.run(
        [sys.executable, "-m", "aligner", "check", "baku"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert "missing-paragraph" not in text.stdout  # other formats keep hiding it
    assert "number-mismatch" in text.stdout


def test_related_location_points_at_the_reference_paragraph(tmp_path: Path) -> None:
    docs = _faulted(tmp_path)
    _, log, _ = _check(tmp_path, "baku")
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    [missing] = [r for r in run["results"] if r["ruleId"] == "missing-paragraph"]
    [related] = missing["relatedLocations"]
    location = related["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "baku/en.md"
    assert uris[location["artifactLocation"]["index"]] == "baku/en.md"
    line = (docs / "en.md").read_text("utf-8").splitlines()[location["region"]["startLine"] - 1]
    assert line.startswith("7. Alarmed")
    assert "en paragraph 7" in related["message"]["text"]


def test_review_url_links_every_result_to_its_anchor(tmp_path: Path) -> None:
    _faulted(tmp_path)
    _, log, _ = _check(tmp_path, "baku", "--review-url", "https://example.org/review.html")
    results = log["runs"][0]["results"]
    assert results
    for r in results:
        uri = r["hostedViewerUri"]
        assert uri.startswith("https://example.org/review.html#f-baku-")
        assert r["ruleId"] in uri
    [missing] = [r for r in results if r["ruleId"] == "missing-paragraph"]
    assert missing["hostedViewerUri"].endswith("#f-baku-ru-7-missing-paragraph")
    _, plain, _ = _check(tmp_path, "baku")
    assert all("hostedViewerUri" not in r for r in plain["runs"][0]["results"])


@pytest.mark.parametrize("url", ["review.html"])
def test_review_url_from_the_config_file(tmp_path: Path, url: str) -> None:
    _faulted(tmp_path)
    (tmp_path / "pyproject.toml").write_text(f'[tool.aligner]\nreview-url = "{url}"\n', "utf-8")
    _, log, _ = _check(tmp_path, "baku")
    base = (tmp_path / url).resolve().as_uri()  # a path becomes an absolute file: URI
    assert all(r["hostedViewerUri"].startswith(base + "#") for r in log["runs"][0]["results"])
