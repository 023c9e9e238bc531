"""Real third-party clients load what `export` writes: OmegaT, translate-toolkit, gettext, xmllint.

A client is skipped only when it is truly absent; .ci/run installs all of them. None of these
clients fails loudly by itself (see ../shared/clients/NOTES.md), so every test reads their
output: OmegaT's translated document and log, msgfmt's stderr, xmllint's warnings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import polib
import pytest
from exporting import CORPUS, DATA, NAME, aligned, document, tricky_text
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from aligner.export.outputs import export_paths, export_po, export_tmx
from aligner.formats.po import CatalogEntry, render_catalog
from aligner.formats.tmx import xml_safe
from aligner.model import LANGUAGES
from aligner.readers import read_document
from aligner.validate import validate

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TARGETS = LANGUAGES[1:]
PO = DATA / "po"
OMEGAT_JAR = Path("/usr/share/omegat/OmegaT.jar")

needs_xmllint = pytest.mark.skipif(not shutil.which("xmllint"), reason="xmllint not installed")
needs_gettext = pytest.mark.skipif(
    not (shutil.which("msgfmt") and shutil.which("msgmerge") and shutil.which("msgcat")),
    reason="gettext not installed",
)
needs_omegat = pytest.mark.skipif(
    not (shutil.which("java") and OMEGAT_JAR.is_file()), reason="OmegaT not installed"
)

#: Texts no client may mangle: markup characters, quotes, no-break spaces, emoji, controls.
TRICKY_EN = [
    "Fish & chips <b>bold</b> \"quoted\" and 'single' text.",
    "No-break\u00a0space ; narrow\u202fspace : « guillemets » here.",
    "Emoji 😀 and 👍🏽 thumbs, Cyrillic Жж, a dash — and an ellipsis…",
    "A bell\x07 control, a backslash \\ and 100% of $5 in {braces} with %s.",
]
TRICKY_DE = [
    "Fisch & Pommes <b>fett</b> „zitiert“ und 'einfach' Text.",
    "Geschütztes\u00a0Leerzeichen ; schmales\u202fLeerzeichen : » Anführung « hier.",
    "Emoji 😀 und 👍🏽 Daumen, kyrillisch Жж, ein Gedankenstrich – und Auslassung…",
    "Eine Glocke\x07 als Steuerzeichen, ein Backslash \\ und 100 % von 5 $ in {Klammern} mit %s.",
]
TRICKY_FR = [f"FR {n}: « texte » & <i>" for n in range(1, 5)]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus exported through the real pipeline (read, align, check), reproducibly."""
    out = tmp_path_factory.mktemp("export")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1404302400")
        for report in (
            export_paths([CORPUS], "tmx", out),
            export_paths([CORPUS], "tmx", out / "all.tmx", multilingual=True),
            export_paths([CORPUS], "po", out),
        ):
            assert report.warnings == []
    return out


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic en/fr/de document set full of tricky characters, exported everywhere."""
    out = tmp_path_factory.mktemp("tricky")
    docs = [
        document("en", TRICKY_EN, folder="tricky", title="Title & <co>", heading="Part «1»"),
        document("fr", TRICKY_FR, folder="tricky", title="Titre", heading="Partie"),
        document("de", TRICKY_DE, folder="tricky", title="Titel & <Co>", heading="Teil »1«"),
    ]
    export_tmx([aligned(docs)], out)
    export_tmx([aligned(docs)], out / "tricky.tmx", multilingual=True)
    export_po([aligned(docs)], out)
    return out


@pytest.fixture(scope="module")
def terminology(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents (the corpus and a copy with a changed German year and a dropped Russian
    paragraph) exported with locale codes: merged memories per pair and multilingual, and PO
    catalogs whose fuzzy entries carry their reasons."""
    root = tmp_path_factory.mktemp("terminology")
    docs = root / "docs"
    shutil.copytree(CORPUS, docs / NAME)
    faulted = docs / "baku-faulted"
    shutil.copytree(CORPUS, faulted)
    de = faulted / "de.md"
    de.write_text(de.read_text("utf-8").replace("Addendum von 2013", "Addendum von 2012"), "utf-8")
    ru = faulted / "ru.md"
    ru.write_text(
        "".join(ln for ln in ru.read_text("utf-8").splitlines(True) if not ln.startswith("7. ")),
        "utf-8",
    )
    out = root / "out"
    locales = ["fr=fr-FR", "de=de-DE", "en=en-GB"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1404302400")
        export_paths([docs], "tmx", out, merge=True, locales=locales)
        export_paths([faulted], "po", out, locales=locales)
    return out


def tmx_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.tmx"))


def tmx_pairs(path: Path, target: str) -> set[tuple[str, str]]:
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
    out = set()
    for tu in root.iter("tu"):
        segs = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in tu.iter("tuv")}
        out.add((segs["en"], segs[target]))
    return out


def test_the_corpus_exports_to_the_promised_counts(exported: Path) -> None:
    for lang in TARGETS:  # 20 paragraphs and 6 blocks (code, title, heading, intro)
        assert len(tmx_pairs(exported / f"{NAME}.en-{lang}.tmx", lang)) == 26
    root = etree.parse(str(exported / "all.tmx")).getroot()
    units = root.findall("body/tu")
    assert len(units) == 26 and all(len(tu.findall("tuv")) == 6 for tu in units)
    assert len(list(exported.glob("*.po"))) == 5 and len(list(exported.glob("*.pot"))) == 1
    assert validate([exported]).findings == ()


# --- xmllint -------------------------------------------------------------------------------


@needs_xmllint
@pytest.mark.parametrize("source", ["exported", "tricky", "terminology"])
def test_xmllint_validates_every_tmx_against_the_dtd(
    source: str, request: pytest.FixtureRequest
) -> None:
    folder: Path = request.getfixturevalue(source)
    dtd = resources.files("aligner") / "data" / "tmx" / "tmx14.dtd"
    with resources.as_file(dtd) as dtd_path:
        for path in tmx_files(folder):
            run = subprocess.run(
                ["xmllint", "--noout", "--nonet", "--dtdvalid", str(dtd_path), str(path)],
                capture_output=True,
                text=True,
            )
            assert (run.returncode, run.stderr) == (0, ""), path.name  # warnings fail too


@needs_xmllint
def test_xmllint_rejects_the_broken_samples() -> None:
    dtd = resources.files("aligner") / "data" / "tmx" / "tmx14.dtd"
    samples = Path(__file__).parent / "data" / "tmx"
    with resources.as_file(dtd) as dtd_path:
        for name in ("not-well-formed.tmx", "lang-not-xml-lang.tmx", "not-tmx.tmx"):
            run = subprocess.run(
                ["xmllint", "--noout", "--nonet", "--dtdvalid", str(dtd_path), str(samples / name)],
                capture_output=True,
                text=True,
            )
            assert run.returncode != 0 or run.stderr, name


# --- gettext -------------------------------------------------------------------------------


def po_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.po"))


@needs_gettext
@pytest.mark.parametrize("source", ["exported", "tricky", "terminology"])
def test_msgfmt_accepts_every_po_and_pot(source: str, request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(source)
    for path in po_files(folder):
        run = subprocess.run(
            ["msgfmt", "-c", "--check-format", "--statistics", "-o", os.devnull, str(path)],
            capture_output=True,
            text=True,
        )
        assert run.returncode == 0, run.stderr
        entries = [e for e in polib.pofile(str(path)) if e.msgid]
        translated = sum(1 for e in entries if e.translated())
        assert run.stderr.startswith(f"{translated} translated message"), run.stderr
    [pot] = folder.glob("*.pot")
    run = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(pot)], capture_output=True, text=True
    )
    assert (run.returncode, run.stderr) == (0, "")


@needs_gettext
@pytest.mark.parametrize("source", ["exported", "tricky", "terminology"])
def test_msgmerge_and_msgcat_change_nothing(
    source: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    folder: Path = request.getfixturevalue(source)
    [pot] = folder.glob("*.pot")
    for path in [*po_files(folder), pot]:
        merged = tmp_path / path.name
        if path != pot:
            subprocess.run(["msgmerge", "-q", "-o", str(merged), str(path), str(pot)], check=True)
            assert merged.read_bytes() == path.read_bytes(), f"msgmerge changed {path.name}"
        cat = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert cat.stdout == path.read_bytes(), f"msgcat changed {path.name}"


@needs_gettext
def test_msgfmt_rejects_exactly_the_samples_validate_calls_errors() -> None:
    for path in sorted(PO.glob("*.po")):
        run = subprocess.run(
            ["msgfmt", "-c", "--check-format", "-o", os.devnull, str(path)], capture_output=True
        )
        ours = any(str(f.severity) == "error" for f in validate([path]).findings)
        assert (run.returncode != 0) == ours, path.name


@needs_gettext
@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(tricky_text(), tricky_text()), min_size=1, max_size=8))
def test_gettext_wraps_any_text_as_we_do(texts: list[tuple[str, str]]) -> None:
    entries = [
        CatalogEntry(f"1:{n}", xml_safe(a * 3)[0], xml_safe(b * 2)[0], file="f.md", line=n)
        for n, (a, b) in enumerate(texts, 1)
    ]
    po = render_catalog(entries, project="p", lang="ru", date="2014-07-02 12:00+0000")
    cat = subprocess.run(["msgcat", "-"], input=po.encode(), capture_output=True, check=True)
    assert cat.stdout.decode() == po


# --- translate-toolkit ---------------------------------------------------------------------


def test_translate_toolkit_loads_our_files_with_the_right_counts(exported: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    po = pytest.importorskip("translate.storage.po")
    for lang in TARGETS:
        with open(exported / f"{NAME}.en-{lang}.tmx", "rb") as stream:
            store = tmx.tmxfile(stream, sourcelanguage="en", targetlanguage=lang)
        assert len(store.units) == 26
        assert all(u.source and u.target for u in store.units)
        with open(exported / f"{NAME}.{lang}.po", "rb") as stream:
            catalog = po.pofile(stream)
        units = [u for u in catalog.units if not u.isheader()]
        assert len(units) == 26 and all(u.istranslated() for u in units)
    with open(exported / "all.tmx", "rb") as stream:
        assert len(tmx.tmxfile(stream).units) == 26


@pytest.mark.skipif(not shutil.which("po2tmx"), reason="translate-toolkit not installed")
@pytest.mark.parametrize("lang", TARGETS)
def test_po2tmx_on_our_po_gives_the_pairs_of_our_tmx(
    exported: Path, tmp_path: Path, lang: str
) -> None:
    out = tmp_path / "po2tmx.tmx"
    subprocess.run(
        ["po2tmx", "--progress=none", "-l", lang, str(exported / f"{NAME}.{lang}.po"), str(out)],
        check=True,
        capture_output=True,
    )
    theirs = tmx_pairs(out, lang)
    ours = tmx_pairs(exported / f"{NAME}.en-{lang}.tmx", lang)
    blocks = {
        (e.msgid, e.msgstr)
        for e in polib.pofile(str(exported / f"{NAME}.{lang}.po"))
        if e.msgctxt and not e.msgctxt[0].isdigit()
    }
    assert theirs == ours and blocks <= ours  # the blocks are TUs too
    assert len(ours) == 26


# --- OmegaT --------------------------------------------------------------------------------

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def omegat_project(
    root: Path, source: list[str], tmx: Path, target: str, source_lang: str = "en"
) -> subprocess.Popen:
    """Lay out a throw-away project whose tm/auto holds `tmx`, and start console-translate."""
    for folder in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat", "config"):
        (root / folder).mkdir(parents=True)
    project = PROJECT.format(source=source_lang, target=target)
    (root / "omegat.project").write_text(project, "utf-8")
    (root / "source" / "document.txt").write_text("\n\n".join(source) + "\n", "utf-8")
    shutil.copy(tmx, root / "tm" / "auto" / tmx.name)
    command = [
        "java",
        "-Xmx512m",
        "-XX:TieredStopAtLevel=1",  # quick start: OmegaT runs for seconds, not hours
        "-XX:+UseSerialGC",
        "-Djava.awt.headless=true",
        "-Dfile.encoding=UTF-8",
        "-jar",
        str(OMEGAT_JAR),
        "--mode=console-translate",
        f"--config-dir={root / 'config'}",
        "--disable-project-locking",
        "--no-team",
        str(root),
    ]
    with open(root / "log.txt", "wb") as log:  # the child keeps its own copy of the handle
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)


@dataclass
class OmegatJob:
    """One OmegaT project, its process and the target paragraphs it must produce."""

    project: Path
    expected: list[str]
    process: subprocess.Popen

    def finish(self) -> None:
        self.process.wait(timeout=300)


@pytest.fixture(scope="module")
def omegat_runs(
    exported: Path, tricky: Path, terminology: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, OmegatJob]]:
    """Start every OmegaT project at once (one per language, plus the tricky multilingual
    one); each test waits for its own."""
    root = tmp_path_factory.mktemp("omegat")
    english = [p.text for p in read_document(CORPUS / "en.md").paragraphs]
    jobs: dict[str, OmegatJob] = {}
    for lang in TARGETS:
        expected = [p.text for p in read_document(CORPUS / f"{lang}.md").paragraphs]
        tmx = exported / f"{NAME}.en-{lang}.tmx"
        project = root / lang
        jobs[lang] = OmegatJob(project, expected, omegat_project(project, english, tmx, lang))
    project = root / "tricky-de"
    source = [xml_safe(t)[0] for t in TRICKY_EN]
    process = omegat_project(project, source, tricky / "tricky.tmx", "de")
    jobs["tricky-de"] = OmegatJob(project, [xml_safe(t)[0] for t in TRICKY_DE], process)
    # a fr-FR project (from en-GB) with the merged memory of two documents and locale codes
    project = root / "merged-fr-FR"
    french = [p.text for p in read_document(CORPUS / "fr.md").paragraphs]
    tmx = terminology / "en-fr.tmx"
    process = omegat_project(project, english, tmx, "fr-FR", source_lang="en-GB")
    jobs["merged-fr-FR"] = OmegatJob(project, french, process)
    yield jobs
    for job in jobs.values():
        if job.process.poll() is None:
            job.process.kill()
            job.process.wait()


@pytest.fixture(scope="module", autouse=True)
def _start_omegat_early(request: pytest.FixtureRequest) -> None:
    """Let OmegaT's JVMs work while the other client tests run."""
    wanted = any(
        item.module is request.module and "omegat" in item.name for item in request.session.items
    )
    if wanted and shutil.which("java") and OMEGAT_JAR.is_file():
        request.getfixturevalue("omegat_runs")


@needs_omegat
@pytest.mark.parametrize("name", [*TARGETS, "tricky-de", "merged-fr-FR"])
def test_omegat_translates_every_paragraph_from_our_tmx(
    omegat_runs: dict[str, OmegatJob], name: str
) -> None:
    job = omegat_runs[name]
    job.finish()
    project, expected = job.project, job.expected
    log = (project / "log.txt").read_text("utf-8", "replace")
    problems = [
        line
        for line in log.splitlines()
        if "TF_TM_LOAD_ERROR" in line or "TMXR_WARNING" in line or "Error:" in line
    ]
    assert problems == []
    assert "Reading of TMX file complete" in log
    stats = (project / "omegat" / "project_stats.txt").read_text("utf-8")
    remaining = next(line for line in stats.splitlines() if line.startswith("Remaining:"))
    assert remaining.split()[1] == "0", remaining
    target = (project / "target" / "document.txt").read_text("utf-8")
    paragraphs = [p for p in target.split("\n\n") if p.strip()]
    assert [p.strip("\n") for p in paragraphs] == expected


def test_aligner_validate_finds_no_error_in_the_terminology_exports(terminology: Path) -> None:
    findings = validate([terminology]).findings
    assert [f for f in findings if str(f.severity) == "error"] == []
    assert {f.rule for f in findings} <= {"po-fuzzy", "po-untranslated"}, findings


@needs_xmllint
def test_align_tmx_with_unmatched_sentences_is_valid(tmp_path: Path) -> None:
    src, tgt, out = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "al.tmx"
    src.write_text("Eins ist 1.\nDrei ist 3.\n", encoding="utf-8")
    tgt.write_text("Un est 1.\nDeux est 2, en plus.\nTrois est 3.\n", encoding="utf-8")
    options = ["--presegmented", "--src-lang", "de", "--tgt-lang", "fr", "--format", "tmx"]
    run = subprocess.run(
        [sys.executable, "-m", "aligner", "align", str(src), str(tgt), *options, "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    dtd = resources.files("aligner") / "data" / "tmx" / "tmx14.dtd"
    with resources.as_file(dtd) as dtd_path:
        lint = subprocess.run(
            ["xmllint", "--noout", "--nonet", "--dtdvalid", str(dtd_path), str(out)],
            capture_output=True,
            text=True,
        )
    assert (lint.returncode, lint.stderr) == (0, "")
    findings = validate([out]).findings
    assert [f.rule for f in findings] == ["tmx-single-variant"]  # the kept 0-1 bead, only
