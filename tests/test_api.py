"""The public Python API: a user's script, types, errors, outputs, progress, docs, start-up."""

from __future__ import annotations

import dataclasses
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree
from rich.console import Console
from rich.progress import Progress as RichProgress

import aligner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
SCRIPT = ROOT / "tests" / "data" / "api" / "user_script.py"


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return {**env, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1700000000", **extra}


def _drop_paragraph(folder: Path, lang: str, number: int) -> None:
    """Remove paragraph `number` from `lang`'s version (a renumbered translation)."""
    path = folder / f"{lang}.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept, dropped = [], False
    for line in lines:
        if line.startswith(f"{number}. "):
            dropped = True
            continue
        kept.append(line)
    assert dropped
    path.write_text("".join(kept), encoding="utf-8")


def test_script_using_public_names_reads_aligns_checks_and_exports(tmp_path: Path) -> None:
    faulted = tmp_path / "faulted" / "baku"
    shutil.copytree(CORPUS, faulted)
    _drop_paragraph(faulted, "ru", 7)
    out, cwd = tmp_path / "out", tmp_path / "cwd"
    cwd.mkdir()
    run = subprocess.run(
        [sys.executable, str(SCRIPT), str(out), str(CORPUS), str(faulted)],
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    clean, broken = json.loads(run.stdout)
    assert clean["languages"] == ["en", "fr", "de", "it", "ru", "es"]
    assert clean["links"] == {lang: {"1-1": 20} for lang in ("fr", "de", "it", "ru", "es")}
    assert (clean["findings"], clean["exit_status"]) == ([], 0)
    assert clean["sentence_pairs"] == [
        ["The Assembly met.", "L'Assemblée s'est réunie."],
        ["It adopted a declaration.", "Elle a adopté une déclaration."],
    ]
    assert clean["rules"] == sorted(clean["rules"]) and "missing-paragraph" in clean["rules"]
    assert clean["template_has_entries"]
    # The faulted copy: one missing paragraph, found where it is, exit status 1.
    assert broken["links"]["ru"]["1-0"] == 1
    missing = [f for f in broken["findings"] if f["rule"] == "missing-paragraph"]
    assert [(f["language"], f["unit"], f["severity"]) for f in missing] == [("ru", 7, "error")]
    assert broken["exit_status"] == 1
    assert not list(cwd.iterdir())  # nothing written beside the user's working folder
    for lang in ("fr", "de", "it", "ru", "es"):
        tmx = etree.parse(str(out / f"baku-2014-child-sex-trafficking.{lang}.tmx"))
        # 20 paragraphs and 6 blocks (code, title, headings, introductory line)
        assert len(tmx.findall(".//tu")) == clean["written"][f"{lang}.tmx"] == 26
        po = polib.pofile(str(out / f"baku-2014-child-sex-trafficking.{lang}.po"))
        assert len(po) == clean["written"][f"{lang}.po"]
        assert all(e.msgstr for e in po) and po.metadata["Language"] == lang
    # The faulted ru export leaves the unmatched paragraph out.
    assert broken["written"]["ru.tmx"] == 25


def test_mypy_strict_accepts_a_user_script(tmp_path: Path) -> None:
    pytest.importorskip("mypy")
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import aligner\n"
        'result: int = aligner.check("x")\n'
        'number: str = aligner.read_document("x").paragraphs[0].number\n',
        encoding="utf-8",
    )
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nstrict = True\n"
        f"mypy_path = {ROOT}\ncache_dir = {tmp_path / 'cache'}\n"
        # as for an installed package: its own internals are not the user's errors
        "[mypy-aligner.*]\nignore_errors = True\n",
        encoding="utf-8",
    )

    def mypy(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mypy", "--config-file", str(config), str(path)],
            cwd=tmp_path,
            env=_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )

    good = mypy(SCRIPT)
    assert good.returncode == 0, good.stdout + good.stderr
    wrong = mypy(bad)  # the types are real, not Any: mistakes are caught
    assert wrong.returncode == 1
    assert 'has type "Result", variable has type "int"' in wrong.stdout
    assert 'has type "int", variable has type "str"' in wrong.stdout


def test_api_reference_builds_with_pdoc(tmp_path: Path) -> None:
    pytest.importorskip("pdoc")
    run = subprocess.run(
        [sys.executable, "-m", "pdoc", "-o", str(tmp_path), "aligner", "!aligner\\..*"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    page = (tmp_path / "aligner.html").read_text(encoding="utf-8")
    assert (tmp_path / "index.html").is_file()
    for name in aligner.__all__:
        assert f'id="{name}"' in page, name
    assert "exit status" in page  # the module docstring's table of errors


def test_import_is_cheap() -> None:
    """`import aligner` and the CLI's start-up load no part of the toolkit's real work."""
    heavy = ["lxml", "regex", "rich", "polib", "aligner.align.paragraphs", "aligner.readers"]
    library = [*heavy, "click", "aligner.pipeline", "aligner.checks"]
    code = (
        f"import sys, aligner\nprint([m for m in {library!r} if m in sys.modules])\n"
        f"import aligner.cli\nprint([m for m in {heavy!r} if m in sys.modules])\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], env=_env(), capture_output=True, text=True, check=True
    )
    assert run.stdout.split() == ["[]", "[]"]


def test_align_stays_the_function_after_its_module_is_imported() -> None:
    import importlib

    module = importlib.import_module("aligner.align.paragraphs")
    from aligner.align.paragraphs import align_documents

    assert callable(aligner.align) and aligner.align is not module
    assert align_documents is module.align_documents
    with pytest.raises(AttributeError):
        aligner.no_such_name  # noqa: B018


def test_results_are_frozen_and_walkable() -> None:
    docset = aligner.load(CORPUS)[0]
    en, de = docset.get("en"), docset.get("de")
    assert en is not None and de is not None
    alignment = aligner.align(en, de)
    assert len(alignment.links) == 20 and list(alignment) == list(alignment.links)
    first = next(iter(alignment))
    assert first.kind == "1-1"
    assert first.confidence is None or 0.0 <= first.confidence <= 1.0
    assert alignment.pairs()[0] == (first.source[0].text, first.target[0].text)
    result = aligner.check(CORPUS, config=False, select=["missing-paragraph"])
    for frozen in (result, first, en, docset):
        with pytest.raises(dataclasses.FrozenInstanceError):
            frozen.__setattr__("x", 1)
    assert list(result) == [] and result.exit_status() == 0


def test_check_settings_and_exit_status(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    shutil.copytree(CORPUS, folder)
    _drop_paragraph(folder, "fr", 12)
    result = aligner.check(folder, config=False)
    assert result.exit_status() == 1 and result.fail_on is aligner.Severity.ERROR
    assert {(f.rule, f.language, f.unit) for f in result} >= {("missing-paragraph", "fr", 12)}
    lenient = aligner.check(folder, config=False, fail_on="never")
    assert lenient.exit_status() == 0 and lenient.exit_status(aligner.Severity.ERROR) == 1
    ignored = aligner.check(folder, config=False, ignore="missing-paragraph,numbering-gap")
    assert "missing-paragraph" not in {f.rule for f in ignored}
    # the same run through the command line gives the same findings and status
    cli_run = subprocess.run(
        [sys.executable, "-m", "aligner", "check", str(folder), "--format", "json"],
        cwd=tmp_path,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert cli_run.returncode == result.exit_status()
    reported = json.loads(cli_run.stdout)["findings"]
    assert [(f["rule"], f["line"], f["message"]) for f in reported] == [
        (f.rule, f.line, f.message) for f in result
    ]


def test_errors_are_typed_with_exit_codes(tmp_path: Path) -> None:
    with pytest.raises(aligner.InputError) as missing:
        aligner.read_document(tmp_path / "nope.md")
    assert missing.value.exit_code == 2 and missing.value.file
    with pytest.raises(aligner.UsageError):
        aligner.check(CORPUS, select=["no-such-rule"], config=False)
    bad = tmp_path / "pyproject.toml"
    bad.write_text('[tool.aligner]\nfail-on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(aligner.ConfigError):
        aligner.check(CORPUS, config=bad)
    broken = tmp_path / "doc"
    shutil.copytree(CORPUS, broken)
    (broken / "de.md").write_bytes(b"\xff\xfe\x00\xd8 not text")
    with pytest.raises(aligner.InputError):
        aligner.load(broken)
    assert aligner.check(broken, config=False).exit_status() == 2  # the rest still checked
    assert issubclass(aligner.ConfigError, aligner.UsageError)
    assert issubclass(aligner.InputError, aligner.AlignerError)


def test_to_tmx_and_to_po_write_what_export_writes(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    docset = aligner.load(CORPUS)[0]
    exported = aligner.export_files(CORPUS, "tmx", tmp_path / "cli", targets=["fr"], config=False)
    [(written, units)] = exported.written
    assert written is not None and units == 26  # 20 paragraphs, 6 blocks
    binary = io.BytesIO()
    assert aligner.to_tmx(docset, binary, targets=["fr"], config=False).units == 26
    assert binary.getvalue() == written.read_bytes()
    text = io.StringIO()
    aligner.to_tmx(docset, text, targets=["fr"], config=False)
    assert text.getvalue().encode("utf-8") == written.read_bytes()
    path = tmp_path / "fr.tmx"
    result = aligner.to_tmx(docset, path, targets=["fr"], config=False)
    assert result.written == ((path, 26),) and path.read_bytes() == written.read_bytes()
    # several targets: one multilingual file
    many = io.BytesIO()
    aligner.to_tmx(docset, many, targets=["fr", "de"], config=False)
    tus = etree.fromstring(many.getvalue()).findall(".//tu")
    assert len(tus) == 26 and all(len(tu.findall("tuv")) == 3 for tu in tus)

    aligner.export_files(CORPUS, "po", tmp_path / "po", targets=["ru"], config=False)
    for lang, name in ((None, "pot"), ("ru", "ru.po")):
        buffer = io.BytesIO()
        aligner.to_po(docset, buffer, lang=lang, config=False)
        expected = (tmp_path / "po" / f"baku-2014-child-sex-trafficking.{name}").read_bytes()
        assert buffer.getvalue() == expected
    with pytest.raises(aligner.UsageError):
        aligner.to_po(docset, io.StringIO(), lang="xx", config=False)


def test_exports_never_write_over_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "doc"
    shutil.copytree(CORPUS, folder)
    docset = aligner.load(folder)[0]
    before = (folder / "fr.md").read_bytes()
    with pytest.raises(aligner.UsageError):
        aligner.to_tmx(docset, folder / "fr.md", targets=["fr"], config=False)
    with pytest.raises(aligner.UsageError):
        aligner.to_po(docset, folder / "fr.md", lang="fr", config=False)
    assert (folder / "fr.md").read_bytes() == before


def test_progress_is_reported_and_nothing_printed(capsys) -> None:
    events: list[tuple[str, int, int]] = []
    aligner.check(CORPUS, config=False, progress=lambda *event: events.append(event))
    assert events[0] == ("read", 1, 6) and ("read", 6, 6) in events
    assert events[-1] == ("check", 1, 1)
    stream = io.StringIO()
    with RichProgress(console=Console(file=stream, force_terminal=False)) as display:
        aligner.load(CORPUS, progress=display)
        [task] = display.tasks
    assert (task.description, task.completed, task.total) == ("read", 6, 6)
    assert capsys.readouterr() == ("", "")


def test_align_sentences_detects_languages_and_reads_lines() -> None:
    text = aligner.align_sentences(
        "Die Versammlung tagte in Baku.\nSie verabschiedete eine Erklärung.\n",
        "L'Assemblée s'est réunie à Bakou.\nElle a adopté une déclaration.\n",
        presegmented=True,
        lexicon=False,
    )
    assert text.beads == [([0], [0]), ([1], [1])]
    with pytest.raises(aligner.UsageError):
        aligner.align_sentences("123", "456", lexicon=False)


def test_py_typed_is_packaged() -> None:
    assert (ROOT / "aligner" / "py.typed").is_file()
    setup = (ROOT / "setup.cfg").read_text(encoding="utf-8")
    assert "py.typed" in setup.split("[options.package_data]")[1].split("[")[0]


def test_read_text_tells_the_language_or_asks_for_the_option(tmp_path: Path) -> None:
    from aligner.api import read_text

    text, lang = read_text(str(CORPUS / "fr.md"))
    assert lang == "fr" and text.startswith((CORPUS / "fr.md").read_text("utf-8")[:20])
    assert read_text(str(CORPUS / "fr.md"), "de")[1] == "de"  # given wins
    unknown = tmp_path / "x.txt"
    unknown.write_text("12 34\n", "utf-8")
    with pytest.raises(aligner.UsageError, match="cannot tell the language; give --src-lang"):
        read_text(str(unknown), option="--src-lang")
    with pytest.raises(aligner.UsageError, match="of the text; give source_lang"):
        aligner.align_sentences("12 34", "56", lexicon=False)
