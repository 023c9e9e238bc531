"""aligner.lock: written by sync (tests/test_sync.py), read by check and export;
damaged or inconsistent locks are refused; stale units in PO (as msgmerge writes them),
TMX, JSON and the review page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from amending import amendments, copy_corpus
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.amendments import Entry
from aligner.cli import cli
from aligner.lock import LOCK_NAME, Record, _parse, read_lock, render_lock

STALE_7 = "en 7 changed: 'convicted of [+serious+] sex crimes'"


def lock_text(folder: Path) -> str:
    return (folder / LOCK_NAME).read_text(encoding="utf-8")


# --- the file ---------------------------------------------------------------------------


texts = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40) | st.sampled_from(
    ["a\u2028b", "x\x85y", '"\\\n\t']
)


@settings(derandomize=True, max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["a", "b/c", "dé"]),
            st.sampled_from(["fr", "ru"]),
            st.lists(texts, max_size=4),
        ),
        max_size=5,
    )
)
def test_lock_round_trips(raw: list[tuple[str, str, list[str]]]) -> None:
    records = {
        (doc, lang): Record(doc, lang, "en", tuple(Entry(f"1:{n}", t) for n, t in enumerate(ts)))
        for doc, lang, ts in raw
    }
    text = render_lock(records.values())
    assert _parse(json.loads(text), "x") == records
    assert render_lock(reversed(list(records.values()))) == text  # sorted, whatever the order
    assert all(line.count('"unit"') <= 1 for line in text.splitlines())


def test_check_reports_stale_units_and_exits_1(synced: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(synced)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "stale-translation" in line]
    assert f"{synced / 'fr.md'}:27:1: error stale-translation {STALE_7}" in lines
    assert len(lines) == 10


# --- bad input --------------------------------------------------------------------------


def _check_fails(folder: Path, *needles: str) -> None:
    before = lock_text(folder)
    result = CliRunner().invoke(cli, ["check", str(folder)])
    assert result.exit_code == 2, result.output
    message = result.output.strip().splitlines()[-1]
    assert message.startswith(f"aligner: error: {folder / LOCK_NAME}")
    for needle in needles:
        assert needle in message
    assert "Traceback" not in result.output
    assert lock_text(folder) == before  # never rewritten by check


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda t: t[: len(t) // 2], "damaged lock"),
        (lambda t: "[1, 2]", "not an aligner lock"),
        (lambda t: t.replace('"aligner-lock": 1', '"aligner-lock": "1"'), "not a positive integer"),
        (
            lambda t: t.replace("convicted of sex", "convicted of grave sex", 1),
            "does not match its text",
        ),
        (lambda t: t.replace('"unit": "1:2"', '"unit": "1:1"', 1), "recorded twice"),
        (lambda t: t.replace('"units": [', '"unit": [', 1), "exactly the keys"),
        (lambda t: "\ufeff" + t, "damaged lock"),
        (lambda t: t.replace('"unit": "1:7"', '"unit": "1:99"', 1), "does not match its checksum"),
        (
            lambda t: re.sub(r'\n +\{"unit": "1:7".*,', "", t, count=1),
            "does not match its checksum",
        ),
        (lambda t: t.encode("utf-16").decode("latin-1"), "damaged lock"),
    ],
)
def test_damaged_lock_is_refused(synced: Path, edit: object, needle: str) -> None:
    path = synced / LOCK_NAME
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")  # type: ignore[operator]
    _check_fails(synced, needle)


def test_lock_of_a_newer_format_is_refused(synced: Path) -> None:
    path = synced / LOCK_NAME
    path.write_text(
        lock_text(synced).replace('"aligner-lock": 1', '"aligner-lock": 2'), encoding="utf-8"
    )
    _check_fails(synced, "lock format 2 is newer")
    export = CliRunner().invoke(
        cli, ["export", str(synced), "--to", "po", "-o", str(synced.parent / "po")]
    )
    assert export.exit_code == 2 and "newer" in export.output


def test_lock_naming_a_version_that_is_gone_is_refused(synced: Path) -> None:
    (synced / "it.md").unlink()
    _check_fails(synced, "names the it version of baku")


def test_lock_naming_reference_units_that_no_longer_exist_is_refused(synced: Path) -> None:
    en = synced / "en.md"
    lines = en.read_text(encoding="utf-8").split("\n")
    en.write_text(
        "\n".join(line for line in lines if not line.startswith("20. ")), encoding="utf-8"
    )
    _check_fails(synced, "unit(s) 1:20", "no longer exist")


def test_read_lock_without_file_is_empty(tmp_path: Path) -> None:
    assert read_lock(tmp_path / LOCK_NAME) == {}


# --- outputs ----------------------------------------------------------------------------


def test_json_report_carries_the_previous_text_and_diff(synced: Path) -> None:
    result = CliRunner().invoke(
        cli, ["check", str(synced), "--format", "json", "-o", str(synced.parent / "r.json")]
    )
    assert result.exit_code == 1
    report = json.loads((synced.parent / "r.json").read_text(encoding="utf-8"))
    fr7 = next(
        f
        for f in report["findings"]
        if f["rule"] == "stale-translation" and f["lang"] == "fr" and f["reference_paragraph"] == 7
    )
    assert fr7["previous"]["units"] == ["1:7"]
    assert fr7["previous"]["diff"] == "convicted of [+serious+] sex crimes"
    assert "convicted of sex crimes" in fr7["previous"]["text"]


def test_po_export_marks_stale_entries_fuzzy_with_previous_msgid(synced: Path) -> None:
    out = synced.parent / "po"
    before = lock_text(synced)
    result = CliRunner().invoke(cli, ["export", str(synced), "--to", "po", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert lock_text(synced) == before
    catalog = polib.pofile(str(out / "baku.fr.po"))
    entry = catalog.find("1:7", by="msgctxt")
    assert entry is not None and entry.fuzzy
    assert entry.previous_msgctxt == "1:7"
    assert "convicted of sex crimes" in entry.previous_msgid
    assert "convicted of serious sex crimes" in entry.msgid
    fuzzy = {e.msgctxt for e in catalog if e.fuzzy}
    assert {"1:3", "1:7"} <= fuzzy
    assert all(e.previous_msgid is None for e in catalog if e.msgctxt not in ("1:3", "1:7"))


msgmerge = shutil.which("msgmerge")


@pytest.mark.skipif(msgmerge is None, reason="gettext's msgmerge is not installed")
def test_msgmerge_changes_nothing_and_writes_stale_entries_as_we_do(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    runner = CliRunner()
    assert runner.invoke(cli, ["sync", str(folder)]).exit_code == 0
    old = tmp_path / "old"
    assert runner.invoke(cli, ["export", str(folder), "--to", "po", "-o", str(old)]).exit_code == 0
    amendments("en", corpus_dir)[0].apply(folder / "en.md")
    new = tmp_path / "new"
    assert runner.invoke(cli, ["export", str(folder), "--to", "po", "-o", str(new)]).exit_code == 0
    pot = new / "baku.pot"
    assert msgmerge is not None
    for lang in ["fr", "de", "it", "ru", "es"]:
        ours = new / f"baku.{lang}.po"
        merged = tmp_path / f"merged.{lang}.po"
        subprocess.run(
            [msgmerge, "--quiet", "--previous", str(ours), str(pot), "-o", str(merged)], check=True
        )
        assert merged.read_bytes() == ours.read_bytes(), lang
        # gettext's own update of the catalog made from the earlier text: the stale
        # entries read exactly as ours
        remade = tmp_path / f"remade.{lang}.po"
        subprocess.run(
            [
                msgmerge,
                "--quiet",
                "--previous",
                str(old / f"baku.{lang}.po"),
                str(pot),
                "-o",
                str(remade),
            ],
            check=True,
        )
        for key in ("1:3", "1:7"):
            assert _entry_block(remade, key) == _entry_block(ours, key), (lang, key)


def _entry_block(path: Path, context: str) -> str:
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    return next(b for b in blocks if re.search(rf'^msgctxt "{re.escape(context)}"$', b, re.M))


def test_tmx_leaves_stale_pairs_out_unless_asked(synced: Path) -> None:
    out = synced.parent / "tm"
    result = CliRunner().invoke(cli, ["export", str(synced), "--to", "tmx", "-o", str(out)])
    assert result.exit_code == 0
    assert f"left out baku:1:7 (fr): stale-translation: {STALE_7}" in result.output
    assert 'tuid="baku:1:7"' not in (out / "baku.en-fr.tmx").read_text(encoding="utf-8")
    kept = synced.parent / "tm2"
    result = CliRunner().invoke(
        cli, ["export", str(synced), "--to", "tmx", "-o", str(kept), "--include-suspect"]
    )
    tmx = (kept / "baku.en-fr.tmx").read_text(encoding="utf-8")
    assert 'tuid="baku:1:7"' in tmx and "stale-translation" in tmx


def test_review_shows_the_diff_in_the_stale_row(synced: Path) -> None:
    from lxml import html

    page = synced.parent / "review.html"
    result = CliRunner().invoke(cli, ["review", str(synced), "--format", "html", "-o", str(page)])
    assert result.exit_code == 0, result.output
    tree = html.fromstring(page.read_bytes())
    diffs = [d for d in tree.iter("p") if d.get("class") == "diff"]
    assert len(diffs) == 10  # en 3 and en 7 in five languages
    assert {d.findtext("ins") for d in diffs} == {
        "serious",
        "Such consequences often affect the child's family as well,",
    }


def test_lock_naming_a_document_that_is_gone_is_refused(synced: Path) -> None:
    renamed = synced.parent / "baku-2014"
    synced.rename(renamed)
    _check_fails(renamed, "names document baku, which is not here")
    assert CliRunner().invoke(cli, ["sync", str(renamed)]).exit_code == 0
    assert '"baku"' not in lock_text(renamed)
    assert CliRunner().invoke(cli, ["check", str(renamed)]).exit_code == 0


def test_reports_in_every_format_carry_stale_findings(synced: Path) -> None:
    for fmt in ("sarif", "junit", "github"):
        result = CliRunner().invoke(cli, ["check", str(synced), "--format", fmt])
        assert result.exit_code == 1, fmt
        assert "stale-translation" in result.output, fmt
        assert "convicted of [+serious+] sex crimes" in result.output, fmt


def test_the_lock_named_among_the_files_is_not_a_version(synced: Path) -> None:
    files = sorted(str(p) for p in synced.iterdir())
    assert str(synced / LOCK_NAME) in files
    result = CliRunner().invoke(cli, ["check", *files])
    assert result.exit_code == 1
    assert "stale-translation" in result.output


@settings(derandomize=True, max_examples=200, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_any_bytes_are_a_lock_or_one_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    from aligner.errors import InputError

    path = tmp_path_factory.mktemp("lock") / LOCK_NAME
    path.write_bytes(data)
    try:
        read_lock(path)
    except InputError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "aligner-lock",
                    "translations",
                    "document",
                    "lang",
                    "reference",
                    "checksum",
                    "units",
                    "unit",
                    "fingerprint",
                    "text",
                ]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=20,
)


@settings(derandomize=True, max_examples=120, deadline=None)
@given(json_values, json_values)
def test_any_json_is_a_lock_or_one_error(translations: object, units: object) -> None:
    from aligner.errors import InputError

    for raw in (
        translations,
        {"aligner-lock": 1, "translations": translations},
        {
            "aligner-lock": 1,
            "translations": [
                {"document": "d", "lang": "fr", "reference": "en", "checksum": "0", "units": units}
            ],
        },
    ):
        try:
            _parse(raw, "aligner.lock")
        except InputError as exc:
            assert "\n" not in str(exc)


def test_export_of_some_targets_reads_only_their_records(synced: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["export", str(synced), "--to", "tmx", "--targets", "fr", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert [p.name.rsplit(".", 2)[-2] for p in out.iterdir()] == ["en-fr"]
