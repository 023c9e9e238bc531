"""`SentenceAlignment` and its outputs: Vecalign's format, TSV, TMX, unmatched sentences."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from aligner.align.sentence_params import DEFAULT_PARAMS
from aligner.align.sentence_result import SentenceAlignment, bead_kind, unmatched_lines

CREATED = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_output_formats() -> None:
    result = SentenceAlignment(["A b.", "C\td."], ["X."], [([0, 1], [0])])
    assert result.vecalign() == "[0, 1]:[0]\n"  # no cost column when the cost is unknown
    assert result.tsv() == "A b. C d.\tX.\t2-1\t\n"
    costed = SentenceAlignment(["A b.", "C\td."], ["X."], [([0, 1], [0])], costs=[1.5])
    assert costed.vecalign() == "[0, 1]:[0]:1.500000\n"
    assert costed.tsv() == "A b. C d.\tX.\t2-1\t1.500000\n"
    root = etree.fromstring(
        result.tmx("de", "fr", CREATED),
        etree.XMLParser(resolve_entities=False, no_network=True),
    )
    assert root.find("header").get("segtype") == "sentence"
    assert [s.text for s in root.iter("seg")] == ["A b. C\td.", "X."]


def test_a_sentence_without_counterpart_is_a_unit_of_its_own_language() -> None:
    result = SentenceAlignment(["A.", "B."], ["X."], [([0], [0]), ([1], [])], costs=[1.0, 6.0])
    root = etree.fromstring(
        result.tmx("de", "fr", CREATED), etree.XMLParser(resolve_entities=False, no_network=True)
    )
    lonely = root.findall("body/tu")[1]
    assert [
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in lonely.iter("tuv")
    ] == ["de"]
    assert lonely.findtext("note") == "no fr counterpart"
    props = {p.get("type"): p.text for p in lonely.iter("prop")}
    assert props == {"x-bead": "1-0", "x-cost": "6.000000", "x-status": "unmatched"}


def test_kinds_count_one_to_one_first() -> None:
    beads = [([0, 1], [0]), ([2], [1]), ([], [2]), ([3], [3])]
    result = SentenceAlignment(["a"] * 4, ["b"] * 4, beads)
    assert list(result.kinds().items()) == [("1-1", 2), ("0-1", 1), ("2-1", 1)]
    assert bead_kind(([], [5])) == "0-1"


def test_unmatched_lines_name_side_and_number_and_quote_the_start() -> None:
    long = "Ein sehr langer Satz, " * 5  # 110 characters, quoted to `Params.quote`
    result = SentenceAlignment(
        ["Eins.", long], ["Un.", "Deux."], [([0], [0]), ([1], []), ([], [1])]
    )
    quoted = long[: DEFAULT_PARAMS.quote - 1].rstrip() + "…"
    assert unmatched_lines(result, "de", "fr", presegmented=True) == [
        f"de line 2 has no fr counterpart: {quoted!r}",
        "fr line 2 has no de counterpart: 'Deux.'",
    ]
    assert len(quoted) <= DEFAULT_PARAMS.quote < len(long)
    [first, _] = unmatched_lines(result, "de", "fr", presegmented=False)
    assert first.startswith("de sentence 2 has no fr counterpart: ")
