"""numerals: other spellings of a number excuse it; a changed number is still an error."""

from __future__ import annotations

import pytest
from trust_faults import CLEAN, TARGETS, read_set

from aligner.checks.content import changed_numbers
from aligner.model import LANGUAGES, DocumentSet
from aligner.pipeline import check_set
from aligner.text.numerals import expand_ranges, readings


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("the twenty-third Annual Session", "en", 23),
        ("the first session", "en", 1),
        ("la vingt-troisième session annuelle", "fr", 23),
        ("quatre-vingt-dix-neuf pays", "fr", 99),
        ("vingt et un millions de personnes", "fr", 21_000_000),
        ("die dreiundzwanzigste Jahrestagung", "de", 23),
        ("die erste Tagung", "de", 1),
        ("la ventitreesima Sessione annuale", "it", 23),
        ("el vigésimo tercer período de sesiones", "es", 23),
        ("двадцать третьей ежегодной сессии", "ru", 23),
        ("в XXI веке", "ru", 21),
        ("au XXIe siècle", "fr", 21),
        ("the G20 summit", "en", 20),
        ("1.000 Kilometer", "de", 1000),
        ("1,000 kilometres", "en", 1),
    ],
)
def test_readings(text: str, lang: str, value: float) -> None:
    assert value in readings(text, lang)


def test_articles_are_no_numbers() -> None:
    assert readings("un rapport, une femme, ein Bericht, una relazione, un informe", "fr") == set()
    assert 1 not in readings("eine Frau und ein Mann", "de")


def test_short_year_ranges() -> None:
    assert expand_ranges("2013/14 and 2019-20") == "2013/2014 and 2019/2020"
    assert expand_ranges("2014-06-28") == "2014-06-28"  # a date, not a range


@pytest.mark.parametrize(
    ("reference", "target", "lang"),
    [
        ("nearly 21 million people", "près de 21 millions de personnes", "fr"),
        ("nearly 21 million people", "около 21 млн человек", "ru"),
        ("it costs $1.25", "es kostet 1,25 Dollar", "de"),
        ("1,000 kilometres", "1.000 Kilometer", "de"),
        ("the 23rd Annual Session", "la vingt-troisième session annuelle", "fr"),
        ("the 21st century", "il XXI secolo", "it"),
        ("in 2013–2014", "im Jahr 2013/14", "de"),
        ("in 2013-2014", "en 2013–2014", "es"),
        ("the first session", "la 1re session", "fr"),
        ("the G-20 summit", "le sommet du G20", "fr"),
    ],
)
def test_spellings_are_no_change(reference: str, target: str, lang: str) -> None:
    assert changed_numbers(reference, "en", target, lang) is None


@pytest.mark.parametrize(
    ("reference", "target", "lang", "lacking"),
    [
        ("adopted in 2013", "adoptée en 2012", "fr", [2013]),
        ("nearly 21 million people", "fast 22 Millionen Menschen", "de", [21e6]),
        ("in 2013 and 2014", "nel 2013 e nel 2013", "it", [2014]),
        ("the 23rd Annual Session", "la vingt-quatrième session annuelle", "fr", [23]),
        ("in 2013 and in 2013 again", "в 2013 году и в 2012 году", "ru", [2013]),
    ],
)
def test_changed_numbers_are_found(
    reference: str, target: str, lang: str, lacking: list[float]
) -> None:
    found = changed_numbers(reference, "en", target, lang)
    assert found is not None and found[0] == lacking


@pytest.mark.parametrize("folder", CLEAN, ids=lambda f: f.name)
@pytest.mark.parametrize("reference", LANGUAGES)
def test_clean_texts_have_no_errors_whatever_the_reference(folder, reference: str) -> None:
    """Every clean text, each language as the reference: no finding at all."""
    docs = read_set(folder)
    _, findings = check_set(DocumentSet(folder.name, tuple(docs.values())), reference)
    assert findings == [], [f.message for f in findings]


@pytest.mark.parametrize("lang", TARGETS)
def test_clean_pairs_have_no_findings(lang: str) -> None:
    """Two versions alone (no other version to witness): still nothing on clean texts."""
    for folder in CLEAN:
        docs = read_set(folder)
        _, findings = check_set(DocumentSet(folder.name, (docs["en"], docs[lang])), "en")
        assert findings == [], [f.message for f in findings]
