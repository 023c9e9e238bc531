"""Sentence alignment (`aligner.align.sentences`): beads on small cases, invariants, the
benchmark scorer, a dev floor."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sentence_samples import NO_LEXICON, SRC, TGT

from aligner.align.sentences import align_paragraph, align_sentences, align_texts
from aligner.text.lexicon import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parent.parent.parent


def _benchmark():
    path = ROOT / "benchmarks" / "sentence_alignment.py"
    spec = importlib.util.spec_from_file_location("sentence_alignment", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["sentence_alignment"] = module
    spec.loader.exec_module(module)
    return module


bench = _benchmark()


def test_parallel_lists_align_one_to_one() -> None:
    beads = align_sentences(SRC, TGT, "de", "fr", lexicon=NO_LEXICON)
    assert beads == [([i], [i]) for i in range(6)]


def test_a_missing_sentence_becomes_a_one_to_zero_bead() -> None:
    beads = align_sentences(SRC, TGT[:2] + TGT[3:], "de", "fr", lexicon=NO_LEXICON)
    assert ([2], []) in beads
    assert ([3], [2]) in beads and ([0], [0]) in beads


def test_a_joined_translation_becomes_a_two_to_one_bead() -> None:
    tgt = [*TGT[:3], TGT[3] + " " + TGT[4], TGT[5]]
    beads = align_sentences(SRC, tgt, "de", "fr", lexicon=NO_LEXICON)
    assert ([3, 4], [3]) in beads
    assert ([5], [4]) in beads


def test_empty_sides() -> None:
    assert align_sentences([], [], "de", "fr", lexicon=NO_LEXICON) == []
    assert align_sentences(["Eins."], [], "de", "fr", lexicon=NO_LEXICON) == [([0], [])]
    assert align_sentences([], ["Un.", "Deux."], "de", "fr", lexicon=NO_LEXICON) == [
        ([], [0]),
        ([], [1]),
    ]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(alphabet="abc 12.", max_size=30), max_size=12),
    st.lists(st.text(alphabet="abc 12.", max_size=30), max_size=12),
)
def test_beads_cover_every_sentence_once_in_order(src: list[str], tgt: list[str]) -> None:
    beads = align_sentences(src, tgt, "xx", "yy", lexicon=Lexicon("xx", "yy"))
    assert [i for xs, _ in beads for i in xs] == list(range(len(src)))
    assert [j for _, ys in beads for j in ys] == list(range(len(tgt)))
    assert all(xs or ys for xs, ys in beads)
    assert all(len(xs) + len(ys) <= 5 for xs, ys in beads)


def test_align_paragraph_reports_the_missing_sentence() -> None:
    result = align_paragraph(
        "Die Versammlung tagte in Baku. Sie verabschiedete 20 Entschliessungen. "
        "Präsident Ranko Krivokapić schloss die Sitzung.",
        "L'Assemblée s'est réunie à Bakou. Le Président Ranko Krivokapić a clos la session.",
        "de",
        "fr",
        lexicon=NO_LEXICON,
    )
    assert len(result.src) == 3 and len(result.tgt) == 2
    assert result.unmatched() == ([1], [])
    assert result.pairs()[0] == (
        "Die Versammlung tagte in Baku.",
        "L'Assemblée s'est réunie à Bakou.",
    )


@pytest.mark.skipif(not load_lexicon("de", "fr"), reason="FreeDict de-fr not installed")
def test_the_lexicon_finds_the_missing_sentence_when_nothing_else_can() -> None:
    result = align_paragraph(
        "Die Versammlung tagte in Baku. Sie verabschiedete 20 Entschliessungen. Dann ging sie.",
        "L'Assemblée s'est réunie à Bakou. Puis elle est partie.",
        "de",
        "fr",
    )
    assert result.beads == [([0], [0]), ([1], []), ([2], [1])]


def test_one_sentence_each_is_one_bead() -> None:
    result = align_paragraph("Ein Satz.", "Une phrase.", "de", "fr", lexicon=NO_LEXICON)
    assert result.beads == [([0], [0])]


def test_presegmented_keeps_line_numbers() -> None:
    result = align_texts("Eins.\n\nZwei.\n", "Un.\nDeux.\n", "de", "fr", presegmented=True)
    assert result.src == ["Eins.", "", "Zwei."]
    assert [i for xs, _ in result.beads for i in xs] == [0, 1, 2]


# --- the benchmark's scorer (Vecalign's score.py definitions) ---------------------------


def test_scorer_on_a_hand_computed_case() -> None:
    gold = [([0], [0]), ([1], [1, 2]), ([2], []), ([3, 4], [3])]
    test = [([0], [0]), ([1], [1]), ([], [2]), ([2], []), ([3], [3]), ([4], [])]
    s = bench.score([gold], [test])
    # precision over all 6 test beads: 2 exact; 4 overlap a gold bead on both sides
    assert s.precision_strict == pytest.approx(2 / 6)
    assert s.precision_lax == pytest.approx(4 / 6)
    # recall over the 3 gold beads with both sides, against the test beads with both sides
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_strict == pytest.approx(1 / 3)
    assert s.f1_lax == pytest.approx(0.8)


def test_scorer_sums_counts_over_documents() -> None:
    doc1 = [([0], [0]), ([1], [1])]
    doc2 = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3])]
    wrong2 = [([0, 1], [0]), ([], [1]), ([2], [2]), ([3], [3])]
    s = bench.score([doc1, doc2], [doc1, wrong2])
    assert s.precision_strict == pytest.approx(4 / 6)  # not the mean of 1.0 and 0.5
    assert s.recall_strict == pytest.approx(4 / 6)


def test_scorer_reads_vecalign_files(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_text("[0, 1]:[0]\n[]:[1]\n[2]:[]\n", encoding="utf-8")
    assert bench.read_beads(path) == [([0, 1], [0]), ([], [1]), ([2], [])]


# --- a floor on real data ----------------------------------------------------------------


def test_dev_document_scores_above_a_floor() -> None:
    doc = bench.load("dev")[0]
    lexicon = load_lexicon("de", "fr")
    beads = align_sentences(doc.src, doc.tgt, "de", "fr", lexicon=lexicon)
    s = bench.score([doc.gold], [beads])
    floor = (0.80, 0.95) if lexicon else (0.75, 0.90)  # measured: 0.845/0.988, 0.822/0.963
    assert s.f1_strict >= floor[0]
    assert s.f1_lax >= floor[1]
