"""Finding document sets in files and folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner.corpus import load
from aligner.errors import UsageError
from aligner.model import LANGUAGES


def _copy(corpus_dir: Path, folder: Path, langs=LANGUAGES, name="{lang}.md") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for lang in langs:
        target = folder / name.format(lang=lang)
        shutil.copy(corpus_dir / f"{lang}.md", target)
        out.append(target)
    return out


def test_a_folder_of_versions_is_one_document(corpus_dir: Path) -> None:
    sets, unread = load([corpus_dir])
    assert unread == []
    assert [s.name for s in sets] == ["baku-2014-child-sex-trafficking"]
    assert sets[0].langs == LANGUAGES


def test_a_folder_of_folders_is_several_documents(corpus_dir: Path, tmp_path: Path) -> None:
    _copy(corpus_dir, tmp_path / "b-doc", ["en", "ru"])
    _copy(corpus_dir, tmp_path / "a-doc", ["en", "fr", "de"])
    (tmp_path / "a-doc" / "notes.json").write_text("{}")  # not a readable extension
    sets, unread = load([tmp_path])
    # a file no reader reads is reported, never skipped quietly
    assert [(Path(u.file).name, u.supported) for u in unread] == [("notes.json", False)]
    assert [(s.name, s.langs) for s in sets] == [
        ("a-doc", ("en", "fr", "de")),
        ("b-doc", ("en", "ru")),
    ]


def test_loose_files_with_distinct_languages_are_one_document(
    corpus_dir: Path, tmp_path: Path
) -> None:
    files = _copy(corpus_dir, tmp_path, ["ru", "en", "fr"], name="resolution.{lang}.md")
    sets, _ = load(reversed(files))
    assert len(sets) == 1
    assert sets[0].langs == ("en", "fr", "ru")
    assert sets[0].name == "resolution"


def test_loose_files_are_grouped_by_document_name(corpus_dir: Path, tmp_path: Path) -> None:
    files = _copy(corpus_dir, tmp_path, ["en", "fr"], name="alpha.{lang}.md")
    files += _copy(corpus_dir, tmp_path, ["en", "fr"], name="beta_{lang}.md")
    sets, _ = load(files)
    assert [(s.name, s.langs) for s in sets] == [("alpha", ("en", "fr")), ("beta", ("en", "fr"))]


def test_two_versions_in_one_language_is_a_usage_error(corpus_dir: Path, tmp_path: Path) -> None:
    _copy(corpus_dir, tmp_path, ["en", "fr"])
    shutil.copy(corpus_dir / "fr.md", tmp_path / "fr.txt")
    with pytest.raises(UsageError, match="two fr versions"):
        load([tmp_path])


def test_language_overrides(corpus_dir: Path, tmp_path: Path) -> None:
    shutil.copy(corpus_dir / "en.md", tmp_path / "en.md")
    shutil.copy(corpus_dir / "fr.md", tmp_path / "version-b.md")
    sets, _ = load([tmp_path], {str(tmp_path / "version-b.md"): "it"})
    assert sets[0].langs == ("en", "it")


def test_unreadable_files_are_reported_and_the_rest_is_read(
    corpus_dir: Path, tmp_path: Path
) -> None:
    _copy(corpus_dir, tmp_path, ["en", "fr"])
    (tmp_path / "de.docx").write_bytes(b"not a zip archive")
    (tmp_path / "it.md").write_bytes(b"1. caf\xe9 au lait\n")
    (tmp_path / "es.odt").write_bytes(b"PK")
    sets, unread = load([tmp_path, tmp_path / "missing.md"])
    assert sets[0].langs == ("en", "fr")
    assert sorted((Path(u.file).name, u.supported, u.lang) for u in unread) == [
        ("de.docx", True, "de"),
        ("es.odt", False, "es"),
        ("it.md", True, "it"),
        ("missing.md", True, ""),
    ]
    assert all(u.message and u.line >= 1 for u in unread)


def test_reading_depends_on_nothing_above_it() -> None:
    """Data flows one way: corpus, readers, text, model and whatever they load never
    import the checks, the pipeline, the reports or the exports, not even inside a
    function (what corpus did not read is plain data)."""
    import ast
    import subprocess
    import sys

    above = ("aligner.checks", "aligner.pipeline", "aligner.reports", "aligner.export")
    code = (
        "import sys, aligner\n"
        "facade = set(sys.modules)\n"  # the package and its public API, loaded with any module
        "import aligner.corpus, aligner.readers, aligner.model, aligner.text.langid\n"
        "print(sorted((m, f.__file__) for m, f in sys.modules.items() "
        "if m.startswith('aligner') and m not in facade and getattr(f, '__file__', None)))"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = ast.literal_eval(done.stdout)
    assert "aligner.lock" in {m for m, _ in loaded}  # the scan reaches corpus's own imports
    upward = []
    for module, file in loaded:
        assert not module.startswith(above), module
        for node in ast.walk(ast.parse(Path(file).read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            upward += [f"{module} imports {n}" for n in names if n.startswith(above)]
    assert upward == []


def test_order_of_paths_does_not_matter(corpus_dir: Path, tmp_path: Path) -> None:
    files = _copy(corpus_dir, tmp_path / "x")
    forward, _ = load(files)
    backward, _ = load(list(reversed(files)))
    assert forward == backward


def test_a_folder_without_versions_is_a_usage_error(corpus_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "other" / "sub").mkdir(parents=True)
    (tmp_path / "other" / "sub" / "notes.json").write_text("{}")
    (tmp_path / "other" / ".hidden.md").write_text("1. Text.\n")
    for folder in (tmp_path / "empty", tmp_path / "other"):
        with pytest.raises(UsageError, match="no language versions") as caught:
            load([corpus_dir / "en.md", folder])
        assert caught.value.file == str(folder)


def test_excluded_files_are_not_read_from_folders(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    corpus = root / "translations" / "baku-2014-child-sex-trafficking"
    shutil.copytree(corpus, tmp_path / "docs" / "baku")
    drafts = tmp_path / "docs" / "drafts"
    drafts.mkdir()
    (drafts / "en.md").write_text("1. One.\n\n2. Two.\n", "utf-8")
    (drafts / "fr.md").write_text("1. Un.\n", "utf-8")  # fr 2 missing

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "aligner", "check", "docs"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        )

    assert check().returncode == 1
    (tmp_path / "pyproject.toml").write_text('[tool.aligner]\nexclude = ["docs/drafts"]\n', "utf-8")
    run = check()
    assert (run.returncode, run.stdout) == (0, "")
    assert load([tmp_path / "docs"], excluded=lambda p: "drafts" in p.parts)[0][0].name == "baku"


def test_only_the_wanted_languages_are_kept_but_every_file_is_read(
    corpus_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "doc"
    _copy(corpus_dir, folder, ("en", "fr", "de"))
    sets, unread = load([folder], langs={"en", "fr"})
    assert unread == []
    assert sets[0].langs == ("en", "fr")
    (folder / "ru.md").write_bytes(b"\xff\xfe\x00broken")  # not wanted, but damaged
    for langs in ({"en", "fr"}, None):
        sets, unread = load([folder], langs=langs)
        assert [u.file for u in unread] == [str(folder / "ru.md")]
        assert "ru" not in sets[0].langs
