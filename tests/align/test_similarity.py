"""Length model and anchors: numbers, organisations, names, stems, punctuation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.align.associations import Associations, NameMatcher, agreement
from aligner.align.lengths import LengthModel
from aligner.align.profiles import profile
from aligner.text.features import end_punctuation, names, organisations, stems, sub_items
from aligner.text.normalize import edit_similarity, fold, names_match, transliterate
from aligner.text.numbers import numbers


@pytest.mark.parametrize(
    "text",
    [
        "nearly 21 million people",
        "près de 21 millions de personnes",
        "fast 21 Millionen Menschen",
        "quasi 21 milioni di persone",
        "почти 21 млн человек",
        "почти 21 миллион человек",
        "casi 21 millones de personas",
        "21 000 000",
        "21\u00a0000\u00a0000",
        "21\u202f000\u202f000",
        "21,000,000",
        "21.000.000",
        "21 Mio. Menschen",
    ],
)
def test_amounts_in_every_language_have_one_value(text: str) -> None:
    assert numbers(text) == (21e6,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Brussels (2006), Oslo (2010) and Istanbul (2013)", (2006, 2010, 2013)),
        ("2,5 %", (2.5,)),
        ("12.5 per cent", (12.5,)),
        ("1,5 миллиарда", (1.5e9,)),
        ("mil millones: 3 mil millones", (3e9,)),
        ("the twenty-third session", ()),
        ("paragraph (a) and (b)", ()),
        ("1999 г.", (1999,)),
    ],
)
def test_numbers(text: str, expected: tuple[float, ...]) -> None:
    assert numbers(text) == expected


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([",", ".", " ", "\u00a0"]))
@settings(max_examples=50, deadline=None)
def test_grouped_integers_read_back(value: int, separator: str) -> None:
    written = f"{value:,}".replace(",", separator)
    assert numbers(f"about {written} people") == (float(value),)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("the OSCE Action Plan", "OSCE"),
        ("le Plan d'action de l'OSCE", "OSCE"),
        ("der OSZE-Aktionsplan", "OSCE"),
        ("План действий ОБСЕ", "OSCE"),
        ("International Labour Organization", "ILO"),
        ("l'Organisation internationale du Travail", "ILO"),
        ("der Internationalen Arbeitsorganisation", "ILO"),
        ("Международной организации труда", "ILO"),
        ("l'OIL", "ILO"),
        ("the United Nations Convention", "UN"),
        ("Конвенции Организации Объединенных Наций", "UN"),
        ("refugees and IDPs", "IDP"),
        ("беженцев и ВПЛ", "IDP"),
        ("ODIHR", "ODIHR"),
        ("БДИПЧ", "ODIHR"),
        ("the European Union", "EU"),
    ],
)
def test_organisations(text: str, key: str) -> None:
    assert key in organisations(text)


def test_acronyms_are_case_sensitive_words() -> None:
    assert organisations("un enfant dans un pays") == frozenset()
    assert organisations("oil and gas") == frozenset()


def test_transliteration_and_folding() -> None:
    assert transliterate("Брюссель") == "bryussel"
    assert fold("Brüssel") == "brussel"
    assert fold("Élysée") == "elysee"
    assert fold("Straße") == "strasse"


@pytest.mark.parametrize("other", ["Bruxelles", "Brüssel", "Брюссель", "Bruselas", "Brussel"])
def test_place_names_match_across_languages(other: str) -> None:
    assert names_match(fold("Brussels"), fold(other))


def test_unrelated_names_do_not_match() -> None:
    assert not names_match("oslo", "monaco")
    assert not names_match("belgrade", "brussels")


def test_names_skip_sentence_starts_and_acronyms() -> None:
    found = names("Recalling the resolutions adopted in Brussels and Oslo by the OSCE,")
    assert found == {"brussels", "oslo"}
    assert "sankt" in names("принятые в Санкт-Петербурге")


def test_edit_similarity_bounds() -> None:
    assert edit_similarity("abc", "abc") == 1.0
    assert edit_similarity("", "abc") == 0.0
    assert edit_similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Recalling the resolutions,", ","),
        ("Calls upon participating States;", ";"),
        ("Encourages\u00a0;", ";"),
        ("Urges all States.", "."),
        ("The Assembly:", ":"),
        ("«Why?»", "."),
        ("no punctuation", ""),
    ],
)
def test_end_punctuation(text: str, end: str) -> None:
    assert end_punctuation(text) == end


def test_sub_items() -> None:
    assert sub_items("calls for (a) one; (b) two; and (c) three;") == 3
    assert sub_items("призывает а) одно; б) другое") == 2
    assert sub_items("no items (2013) here") == 0


def test_stems_are_prefixes_spelled_by_sound() -> None:
    assert stems("Trafficking trafficked children") == {"trafi", "kildr"}
    assert stems("co-ordination") == stems("координации") == {"kordi"}
    assert stems("protocols psychological") == stems("протоколам психологической")


def test_length_model_estimates_ratio_and_variance() -> None:
    model = LengthModel.estimate([(100, 120), (200, 240), (300, 360), (400, 480)])
    assert model.ratio == pytest.approx(1.2)
    assert model.z(100, 120) == pytest.approx(0.0)
    assert LengthModel.estimate([]) == LengthModel()
    wide = LengthModel.estimate([(100, 150), (200, 170), (300, 420), (400, 380)])
    assert wide.variance > model.variance


def test_length_ratio_ignores_a_padded_paragraph() -> None:
    pairs = [(100 * k, 120 * k) for k in range(1, 20)] + [(200, 70_000)]
    assert LengthModel.estimate(pairs).ratio == pytest.approx(1.2)


def test_words_after_any_opening_or_sentence_end() -> None:
    text = "See «Oslo» and (Baku). Vienna: Paris; «Rome» – Tallinn\u00a0(Riga)"
    assert names(text) == {"oslo", "baku", "tallinn", "riga"}
    long = "mot Bruxelles " * 20_000 + "Oslo."
    assert names(long) == {"bruxelles", "oslo"}  # linear: one scan back per word


def test_anchors_count_shared_numbers_and_organisations() -> None:
    a = profile("the OSCE in Brussels (2006) and 21 million people,")
    b = profile("l'OSCE à Bruxelles (2006) et 21 millions de personnes,")
    c = profile("die OSZE in Wien (2007),")
    good, bad = agreement(a, b), agreement(a, c)
    assert good.shared > bad.shared
    assert good.unshared == 0 < bad.unshared


def test_name_matcher_counts_both_ways() -> None:
    matcher = NameMatcher()
    assert matcher.count(frozenset({"brussels", "oslo"}), frozenset({"bruxelles"})) == 2


def test_associations_need_two_pairs() -> None:
    ref = [frozenset({"child", "state"}), frozenset({"child", "touri"}), frozenset({"state"})]
    tgt = [frozenset({"enfan", "etats"}), frozenset({"enfan", "touri"}), frozenset({"etats"})]
    learned = Associations(ref, tgt, [(0, 0), (1, 1), (2, 2)])
    assert "enfan" in learned.forward["child"]
    assert "touri" not in learned.forward  # seen in one pair only
    assert learned.similarity(ref[0], tgt[0]) > learned.similarity(ref[0], tgt[2])
    assert learned.containment(frozenset({"x"}), tgt[0], reference=True) is None
