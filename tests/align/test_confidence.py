"""Link confidence: in [0, 1], lower for wrong links than right ones, in JSON, review, export."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from faults import MAKERS
from trust_faults import CLEAN, TARGETS, read_set, swap_texts

from aligner.cli import cli
from aligner.model import DocumentSet
from aligner.pipeline import check_set

CORPUS = CLEAN[0]


def _links(alignment, clean):
    """(right, confidence) of the 1-1 links whose target text is a clean paragraph's."""
    origin = {p.text: p.number for p in clean.paragraphs}
    return [
        (origin[link.target[0].text] == link.source[0].number, link.confidence)
        for link in alignment.links
        if link.kind == "1-1" and link.target[0].text in origin
    ]


def test_confidence_is_a_share_and_high_on_clean_texts() -> None:
    for folder in CLEAN:
        docs = read_set(folder)
        alignments, _ = check_set(DocumentSet(folder.name, tuple(docs.values())), "en")
        values = [link.confidence for a in alignments.values() for link in a.links]
        assert all(0.0 <= c <= 1.0 for c in values)
        assert sorted(values)[len(values) // 2] > 0.9  # the median link is sure


def test_wrong_links_score_lower_than_right_ones() -> None:
    """Over faulty versions (wave-1 faults, and look-alike swaps judged without witnesses)."""
    docs = read_set(CORPUS)
    right, wrong = [], []
    for kind in sorted(MAKERS):
        for lang in TARGETS:
            fault = MAKERS[kind](docs[lang], docs["en"], random.Random(f"{kind}/{lang}"))
            alignments, _ = check_set(DocumentSet("d", (docs["en"], fault.document)), "en")
            for ok, c in _links(alignments[lang], docs[lang]):
                (right if ok else wrong).append(c)
    for lang in TARGETS:
        faulty = swap_texts(docs[lang], 14, 15)
        alignments, _ = check_set(DocumentSet("d", (docs["en"], faulty)), "en")
        for ok, c in _links(alignments[lang], docs[lang]):
            (right if ok else wrong).append(c)
    assert wrong, "the faults should leave some wrong or doubtful link to score"
    assert max(wrong) < 0.9
    ordered = sum(w < r for w in wrong for r in right) / (len(wrong) * len(right))
    assert ordered > 0.9


def test_json_lists_links_per_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["check", str(CLEAN[1]), "--format", "json"])
    assert result.exit_code == 0, result.output
    versions = json.loads(result.stdout)["documents"][0]["versions"]
    by_lang = {v["lang"]: v["links"] for v in versions}
    assert by_lang["en"] == []
    fr = by_lang["fr"]
    assert len(fr) == 10
    assert fr[0] == {"reference": ["1:1"], "version": ["1:1"], "kind": "1-1", "confidence": 1.0}
    assert all(0 <= link["confidence"] <= 1 for link in fr)


def test_review_shows_confidence(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["review", str(CLEAN[1]), "--targets", "fr"])
    assert result.exit_code == 0, result.output
    assert "confidence 1.00" in result.stdout


@pytest.mark.parametrize("threshold", [0.0, 0.95])
def test_export_min_confidence_leaves_out_weaker_pairs(
    runner: CliRunner, tmp_path: Path, threshold: float
) -> None:
    alignments, _ = check_set(DocumentSet("w", tuple(read_set(CLEAN[1]).values())), "en")
    weak = {link.source[0].number for link in alignments["de"].links if link.confidence < threshold}
    out = tmp_path / "tm"
    args = ["export", str(CLEAN[1]), "--to", "tmx", "--targets", "de", "-o", str(out)]
    result = runner.invoke(cli, [*args, "--min-confidence", str(threshold)])
    assert result.exit_code == 0, result.output
    left_out = [line.split()[4] for line in result.stderr.splitlines() if "left out" in line]
    paragraphs = [tuid for tuid in left_out if tuid.split(":")[1].isdigit()]  # not blocks
    assert {int(tuid.split(":")[-1]) for tuid in paragraphs} == weak
    assert (threshold == 0.0) == (not weak)


def test_min_confidence_is_checked(runner: CliRunner, tmp_path: Path) -> None:
    args = ["export", str(CLEAN[1]), "--to", "tmx", "-o", str(tmp_path), "--min-confidence", "2"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "between 0 and 1" in result.stderr


def test_sentence_links_have_confidence_and_gaps_score_low() -> None:
    """A paragraph that lost a sentence: the bead hiding the gap (or the gap) is least sure."""
    from trust_faults import drop_sentence, sentences

    from aligner.align.sentences import align_paragraph

    docs = read_set(CLEAN[1])
    ref = " ".join(sentences(docs["en"], 2))
    clean = align_paragraph(ref, " ".join(sentences(docs["fr"], 2)), "en", "fr")
    assert len(clean.confidences) == len(clean.beads) and min(clean.confidences) > 0.9
    cut = align_paragraph(ref, " ".join(sentences(drop_sentence(docs["fr"], 2, 1), 2)), "en", "fr")
    assert all(0 <= c <= 1 for c in cut.confidences)
    assert min(cut.confidences) < 0.5


def test_export_by_sentence_leaves_out_weak_sentence_pairs(runner: CliRunner, tmp_path) -> None:
    args = ["export", str(CLEAN[1]), "--to", "tmx", "--segment", "sentence", "--targets", "ru"]
    result = runner.invoke(cli, [*args, "-o", str(tmp_path), "--min-confidence", "0.99"])
    assert result.exit_code == 0, result.output
    assert "sentence link confidence" in result.stderr
