"""Fuzzing every reader and validate/apply: random bytes and text, and structured mutations
of corpus files rendered as Markdown, DOCX and HTML. Only aligner's own errors (exit 2, one
line) may come out, in bounded time, with the same result twice."""

from __future__ import annotations

import io
import time
import zipfile
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapes import SHAPES

from aligner.cli import cli
from aligner.errors import AlignerError
from aligner.export.outputs import export_po
from aligner.readers import read_document
from aligner.validate import validate

#: Seconds one fuzzed input may take (generous on a shared machine).
SECONDS = 10
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: Snippets that have broken readers before: link openers, numbering, deep nesting...
HOSTILE = [
    b"[a](" * 50,
    b"\r" * 100,
    b"<ol type='a' start='999999999999'><li>x</li></ol>",
    b"<div>" * 300,
    b"\x00",
    b"\xff\xfe",
    b"&#xD800;",
    b"<!DOCTYPE x [<!ENTITY a 'b'>]>",
    b"1. ",
    b"999999999999. ",
    b"# ",
    b"---\n",
    b"**" * 40,
    b"\f",
    b'<w:start w:val="1000000000000000000"/>',
    b'<w:sym w:char="D800"/>',
]


@cache
def rendered(shape: str) -> tuple[str, bytes]:
    """The shipped English version rendered in `shape` (suffix, bytes)."""
    return SHAPES[shape](read_document(CORPUS / "en.md"))


def outcome(path: Path) -> str:
    """What reading `path` gives: the items, or the error line; anything else fails."""
    start = time.monotonic()
    try:
        doc = read_document(path, lang="en")
        result = repr(doc.items)
    except AlignerError as exc:
        result = f"error: {exc}"
        assert "\n" not in str(exc)
    assert time.monotonic() - start < SECONDS
    return result


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few slices deleted, duplicated, replaced or hostile snippets inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(out)))
        end = min(len(out), at + draw(st.integers(0, 200)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "bytes"]))
        if action == "delete":
            del out[at:end]
        elif action == "duplicate":
            out[at:at] = out[at:end] * draw(st.integers(1, 20))
        elif action == "insert":
            out[at:at] = draw(st.sampled_from(HOSTILE)) * draw(st.integers(1, 5))
        else:
            out[at:end] = draw(st.binary(max_size=40))
    return bytes(out)


def _rezip(data: bytes, part: str, change: bytes) -> bytes:
    """A DOCX whose `part` is replaced by `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, change if info.filename == part else source.read(info))
    return buffer.getvalue()


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([".md", ".txt", ".html", ".docx", ".bin"]))
def test_random_bytes_in_any_reader(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"en{suffix}"
    path.write_bytes(data)
    assert outcome(path) == outcome(path)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "en.md"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    assert outcome(path) == outcome(path)


@pytest.mark.parametrize("shape", ["markdown", "wrapped", "cr", "utf16le", "html-ol", "html-p"])
@FUZZ
@given(data=st.data())
def test_mutated_corpus_files(
    tmp_path_factory: pytest.TempPathFactory, shape: str, data: st.DataObject
) -> None:
    suffix, original = rendered(shape)
    path = tmp_path_factory.mktemp("fuzz") / f"en{suffix}"
    path.write_bytes(data.draw(mutated(original)))
    assert outcome(path) == outcome(path)


@pytest.mark.parametrize("shape", ["docx-auto", "docx-typed"])
@FUZZ
@given(data=st.data())
def test_mutated_docx_parts(
    tmp_path_factory: pytest.TempPathFactory, shape: str, data: st.DataObject
) -> None:
    _, original = rendered(shape)
    parts = zipfile.ZipFile(io.BytesIO(original)).namelist()
    part = data.draw(st.sampled_from(sorted(parts)))
    xml = zipfile.ZipFile(io.BytesIO(original)).read(part)
    path = tmp_path_factory.mktemp("fuzz") / "en.docx"
    path.write_bytes(_rezip(original, part, data.draw(mutated(xml))))
    assert outcome(path) == outcome(path)


@cache
def exported() -> dict[str, bytes]:
    """A PO catalog and a TMX of the shipped corpus (en and fr)."""
    import tempfile

    from exporting import corpus_set

    from aligner.export.outputs import export_tmx

    folder = Path(tempfile.mkdtemp())
    export_po([corpus_set()], folder, targets=["fr"])
    export_tmx([corpus_set()], folder, targets=["fr"])
    return {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".po", ".tmx")}


def _validated(path: Path) -> str:
    start = time.monotonic()
    result = validate([path])
    assert time.monotonic() - start < SECONDS
    return repr(result.findings)


@pytest.mark.parametrize("suffix", [".po", ".tmx"])
@FUZZ
@given(data=st.data())
def test_validate_mutated_and_random_files(
    tmp_path_factory: pytest.TempPathFactory, suffix: str, data: st.DataObject
) -> None:
    original = exported()[suffix]
    content = data.draw(st.one_of(mutated(original), st.binary(max_size=2000)))
    path = tmp_path_factory.mktemp("fuzz") / f"x{suffix}"
    path.write_bytes(content)
    assert _validated(path) == _validated(path)


@FUZZ
@given(data=st.data())
def test_apply_mutated_catalogs(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    po = folder / "fr.po"
    po.write_bytes(data.draw(mutated(exported()[".po"])))
    results = []
    for n in range(2):
        out = folder / f"out{n}.md"
        start = time.monotonic()
        result = CliRunner().invoke(
            cli, ["apply", str(po), "--template", str(CORPUS / "en.md"), "-o", str(out)]
        )
        assert time.monotonic() - start < SECONDS
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert result.exit_code in (0, 2)
        if result.exit_code == 2:
            errors = [x for x in result.stderr.splitlines() if x.startswith("aligner: error:")]
            assert len(errors) == 1
            assert not out.exists()
            results.append(errors[0])
        else:
            rebuilt = read_document(out, lang="fr")  # aligner reads its own output
            results.append(repr(rebuilt.items))
    assert results[0] == results[1].replace("out1.md", "out0.md")
