"""JUnit from a real check run, read back with junitparser as CI servers read it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import junitparser

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
LANGS = ("en", "fr", "de", "it", "ru", "es")


def _report(tmp_path: Path, *args: str) -> tuple[int, junitparser.JUnitXml]:
    docs = tmp_path / "baku"
    if not docs.exists():
        shutil.copytree(CORPUS, docs)
        ru = docs / "ru.md"  # ru 7 dropped: an error
        ru.write_text(re.sub(r"(?m)^7\..*\n", "", ru.read_text("utf-8")), "utf-8")
        de = docs / "de.md"  # a year changed: a content finding
        text = de.read_text("utf-8").replace("Addendum von 2013", "Addendum von 2012")
        de.write_text(text, "utf-8")
        fr = docs / "fr.md"  # paragraph 3 without its end punctuation: a warning
        fr.write_text(re.sub(r"(?m)^(3\..*)[,;.]$", r"\1", fr.read_text("utf-8")), "utf-8")
    out = tmp_path / "junit.xml"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "aligner",
            "check",
            "baku",
            "--format",
            "junit",
            "-o",
            str(out),
            *args,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return run.returncode, junitparser.JUnitXml.fromfile(str(out))


def _cases(xml: junitparser.JUnitXml) -> dict[str, junitparser.TestCase]:
    return {case.name: case for suite in xml for case in suite}


def test_one_case_per_language_with_file_and_first_line(tmp_path: Path) -> None:
    _, xml = _report(tmp_path)
    cases = _cases(xml)
    assert list(cases) == list(LANGS)
    for lang, case in cases.items():
        assert case.classname == "baku"
        assert case._elem.get("file") == f"baku/{lang}.md"
    ru = cases["ru"]
    assert ru._elem.get("line") == "27"  # where en 7 would be
    assert cases["en"]._elem.get("line") is None  # nothing found in the reference


def test_failure_lists_every_error_and_warnings_are_in_system_err(tmp_path: Path) -> None:
    code, xml = _report(tmp_path)
    cases = _cases(xml)
    [failure] = cases["ru"].result
    assert isinstance(failure, junitparser.Failure)
    assert failure.type == "error" and "missing-paragraph" in failure.text
    assert failure.message.startswith("1 error in baku/ru.md")
    assert code == 1 and xml.failures >= 1
    warned = {name: c.system_err for name, c in cases.items() if c.system_err}
    assert "fr" in warned and "punctuation-mismatch" in warned["fr"]
    for text in warned.values():
        assert all(" warning " in line for line in text.strip().splitlines())
    assert not any(c.system_out for c in cases.values())
    assert not cases["en"].result and cases["en"].is_passed


def test_fail_on_warning_turns_warnings_into_failures(tmp_path: Path) -> None:
    code, xml = _report(tmp_path, "--fail-on", "warning")
    cases = _cases(xml)
    [failure] = cases["fr"].result
    assert "punctuation-mismatch" in failure.text and not cases["fr"].system_err
    assert code == 1
