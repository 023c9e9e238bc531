"""Shared fixtures: the shipped corpus and a CLI runner. Keep it small and generic."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from aligner.model import LANGUAGES, Document
from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/faults.py and friends

# CI (`CI` set, as .ci/run and hosted runners do) draws the same examples on every run, so a
# build passes or fails on the code alone; local runs keep drawing new ones to find faults.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private `XDG_CACHE_HOME` for the session (dictionary tables are built there once,
    and the user's cache is never touched)."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The folder of the shipped six-language document."""
    return CORPUS


@pytest.fixture(scope="session")
def corpus_docs() -> dict[str, Document]:
    """The shipped versions, read once, by language."""
    return {lang: read_document(CORPUS / f"{lang}.md") for lang in LANGUAGES}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def no_lexicon(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run without FreeDict, so that a test is fast and the same on every machine."""
    from aligner.text.lexicon import load_lexicon

    monkeypatch.setenv("ALIGNER_DICTD_PATH", "")
    load_lexicon.cache_clear()
    yield
    load_lexicon.cache_clear()


@pytest.fixture
def synced(tmp_path: Path, corpus_dir: Path) -> Path:
    """A copy of the corpus synced (`aligner.lock` written), then amended (en 3 and en 7
    changed): what tests/test_lock.py and tests/test_sync.py start from."""
    from amending import amendments, copy_corpus

    from aligner.cli import cli

    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    result = CliRunner().invoke(cli, ["sync", str(folder)])
    assert result.exit_code == 0, result.output
    amendments("en", corpus_dir)[0].apply(folder / "en.md")
    return folder
