"""Export units (aligner.export.units): keys, document order, the reasons a pair is
suspect, reproducible dates."""

from __future__ import annotations

import pytest
from exporting import aligned, document

from aligner.errors import UsageError
from aligner.export.units import creation_time, document_units, paragraph_units
from aligner.findings import Finding, Severity
from aligner.model import Alignment, Block, Kind, Link, Paragraph, build_document, item_keys


def test_item_keys_number_repeats_and_count_blocks_per_kind() -> None:
    doc = build_document(
        "d/en.md",
        [
            Block(Kind.TEXT, "Title", 1),
            Block(Kind.HEADING, "Head", 2, 2),
            Paragraph("", 1, "1.", "a", 3),
            Paragraph("", 2, "2.", "b", 4),
            Paragraph("", 2, "2.", "c", 5),
            Block(Kind.HEADING, "Second", 6, 2),
            Paragraph("", 1, "1.", "d", 7),
        ],
        lang="en",
    )
    assert item_keys(doc) == ["title:1", "heading:1", "1:1", "1:2", "1:2+2", "heading:2", "2:1"]


def test_document_units_follow_the_reference_order() -> None:
    en = document("en", ["A.", "B."], title="T", heading="H", intro_before=2)
    fr = document("fr", ["A fr.", "B fr."], title="T fr", heading="H fr", intro_before=2)
    units = document_units(aligned([en, fr]), ["fr"])
    assert [u.key for u in units] == ["title:1", "heading:1", "1:1", "intro:1", "1:2"]
    assert [u.counterparts["fr"].text for u in units] == ["T fr", "H fr", "A fr.", "T fr:", "B fr."]
    assert units[2].comment == "H"


def test_merged_and_split_links_are_suspect() -> None:
    en = document("en", ["A.", "B.", "C."])
    ru = document("ru", ["AB.", "C1.", "C2."])
    a, b, c = en.paragraphs
    x, y, z = ru.paragraphs
    alignment = Alignment(en, ru, (Link((a, b), (x,)), Link((c,), (y, z))))
    aligned_set = aligned([en, ru])
    aligned_set = type(aligned_set)(aligned_set.documents, en, {"ru": alignment})
    units = paragraph_units(aligned_set, ["ru"])
    first, second, third = (u.counterparts["ru"] for u in units)
    assert first.text == "AB." and "merged" in first.reasons[0]
    assert second.text is None and second.suspect
    assert third.text == "C1. C2." and "split" in third.reasons[0]


def test_crossing_links_are_suspect_and_links_in_order_are_not() -> None:
    en = document("en", ["A.", "B.", "C.", "D."])
    fr = document("fr", ["A fr.", "C fr.", "B fr.", "D fr."])
    a, b, c, d = en.paragraphs
    w, x, y, z = fr.paragraphs
    swapped = Alignment(
        en, fr, (Link((a,), (w,)), Link((b,), (y,)), Link((c,), (x,)), Link((d,), (z,)))
    )
    in_order = Alignment(
        en, fr, (Link((a,), (w,)), Link((b,), (x,)), Link((c,), (y,)), Link((d,), (z,)))
    )
    base = aligned([en, fr])
    for alignment, reordered in ((swapped, [False, True, True, False]), (in_order, [False] * 4)):
        aligned_set = type(base)(base.documents, en, {"fr": alignment})
        units = paragraph_units(aligned_set, ["fr"])
        flags = [any("reordered" in r for r in u.counterparts["fr"].reasons) for u in units]
        assert flags == reordered


def test_findings_match_on_section_and_side() -> None:
    en = document("en", ["A.", "B."])
    de = document("de", ["A.", "B."])
    other_section = Finding("x", 1, "r", Severity.ERROR, "de", "m", paragraph=1, section="2")
    target_side = Finding("x", 1, "r", Severity.ERROR, "de", "m", paragraph=2, section="1")
    other_lang = Finding("x", 1, "r", Severity.ERROR, "fr", "m", paragraph=1)
    units = paragraph_units(
        aligned([en, de], findings=[other_section, target_side, other_lang]), ["de"]
    )
    assert [u.counterparts["de"].suspect for u in units] == [False, True]


@pytest.mark.parametrize(
    ("rule", "severity", "suspect"),
    [
        ("missing-paragraph", Severity.ERROR, True),
        ("number-mismatch", Severity.WARNING, True),
        ("untranslated", Severity.WARNING, True),
        ("length-mismatch", Severity.WARNING, False),
        ("punctuation-mismatch", Severity.WARNING, False),
    ],
)
def test_only_errors_and_content_warnings_make_a_pair_suspect(
    rule: str, severity: Severity, suspect: bool
) -> None:
    en, de = document("en", ["A."]), document("de", ["A."])
    finding = Finding("x", 1, rule, severity, "de", "m", paragraph=1, section="1")
    units = paragraph_units(aligned([en, de], findings=[finding]), ["de"])
    assert units[0].counterparts["de"].suspect is suspect


def test_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert creation_time().strftime("%Y%m%dT%H%M%SZ") == "19700101T000000Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        creation_time()
