"""The examples in the public API's docstrings run, from the repository root (as babel's
doctests are collected by pytest)."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import pytest

import aligner
import aligner.api

ROOT = Path(__file__).resolve().parent.parent

EXAMPLES = [
    test
    for module in (aligner, aligner.api)
    for test in doctest.DocTestFinder().find(module)
    if test.examples and test.name.split(".")[-1] in (*aligner.__all__, "aligner")
]


def test_every_public_function_has_an_example() -> None:
    documented = {test.name.split(".")[-1] for test in EXAMPLES}
    functions = {name for name in aligner.__all__ if callable(getattr(aligner, name))}
    functions -= {"export_files"}  # writes files into a folder: covered by test_api.py
    assert {f for f in functions if f[0].islower()} <= documented


@pytest.mark.parametrize("test", EXAMPLES, ids=lambda t: t.name)
def test_docstring_examples(test: doctest.DocTest, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples name the bundled corpus relative to the repo
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.failures == 0, f"{test.name}: see the output above"


def test_readme_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's "Python API" session runs as shown (in a copy of the corpus folder)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    session = section.split("```pycon\n", 1)[1].split("```", 1)[0]
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    monkeypatch.chdir(tmp_path)
    test = doctest.DocTestParser().get_doctest(session, {}, "README", "README.md", 0)
    assert len(test.examples) > 10
    runner = doctest.DocTestRunner()
    runner.run(test)
    assert runner.failures == 0, "README.md: see the output above"
    assert (tmp_path / "baku.en-fr.tmx").is_file()
