"""Sentence segmentation: per-language rules on real sentences, and invariants."""

from __future__ import annotations

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aligner.model import LANGUAGES
from aligner.text.segment import rules, segment, segment_spans

CASES: dict[str, list[tuple[str, list[str]]]] = {
    "en": [
        (
            "Recalling the resolutions adopted in St. Petersburg (1999) and Brussels (2006). "
            "Mr. Smith and Dr. Jones spoke on behalf of the U.S. Delegation. The session closed.",
            [
                "Recalling the resolutions adopted in St. Petersburg (1999) and Brussels (2006).",
                "Mr. Smith and Dr. Jones spoke on behalf of the U.S. Delegation.",
                "The session closed.",
            ],
        ),
        (
            "See Art. 5, para. 2 and No. 14, e.g. the annex. Nearly 21 million people are "
            "enslaved… Is this acceptable? No.",
            [
                "See Art. 5, para. 2 and No. 14, e.g. the annex.",
                "Nearly 21 million people are enslaved…",
                "Is this acceptable?",
                "No.",
            ],
        ),
        (
            '"We must act now." The Rapporteur (Ms. Lee) agreed. The rate rose to 3.5 per cent.',
            [
                '"We must act now."',
                "The Rapporteur (Ms. Lee) agreed.",
                "The rate rose to 3.5 per cent.",
            ],
        ),
    ],
    "fr": [
        (
            "M. Dupont et Mme Martin ont pris la parole. « L'OSCE doit agir. » "
            "Le texte a été adopté à Bakou le 2 juillet 2014.",
            [
                "M. Dupont et Mme Martin ont pris la parole.",
                "« L'OSCE doit agir. »",
                "Le texte a été adopté à Bakou le 2 juillet 2014.",
            ],
        ),
        (
            "Voir l'art. 5, par. 2, p. ex. l'annexe, etc. Près de 21 millions de personnes "
            "sont concernées ! Que faire ? Agir.",
            [
                "Voir l'art. 5, par. 2, p. ex. l'annexe, etc.",
                "Près de 21 millions de personnes sont concernées !",
                "Que faire ?",
                "Agir.",
            ],
        ),
        (
            "La face nord-est, haute d'environ 600 m. Elle fut gravie en 1988.",
            ["La face nord-est, haute d'environ 600 m.", "Elle fut gravie en 1988."],
        ),
    ],
    "de": [
        (
            "Die Versammlung tagte vom 28. Juni bis 2. Juli 2014 in Baku. Sie verabschiedete "
            "z. B. eine Entschließung, d. h. einen Text zum Menschenhandel, bzw. mehrere.",
            [
                "Die Versammlung tagte vom 28. Juni bis 2. Juli 2014 in Baku.",
                "Sie verabschiedete z. B. eine Entschließung, d. h. einen Text zum "
                "Menschenhandel, bzw. mehrere.",
            ],
        ),
        (
            "Ggf. sind weitere Maßnahmen nötig, vgl. Nr. 7. Dr. Toni Hagen berichtete im "
            "19. Jahrhundert nichts. Es ist 4.45 Uhr! Wirklich?",
            [
                "Ggf. sind weitere Maßnahmen nötig, vgl. Nr. 7.",
                "Dr. Toni Hagen berichtete im 19. Jahrhundert nichts.",
                "Es ist 4.45 Uhr!",
                "Wirklich?",
            ],
        ),
        (
            "„Wir müssen handeln.“ Das sagte er. Dring ... dring ... Diesmal stand ich auf.",
            [
                "„Wir müssen handeln.“",
                "Das sagte er.",
                "Dring ... dring ...",
                "Diesmal stand ich auf.",
            ],
        ),
        (
            "BAKU, 28. JUNI BIS 2. JULI 2014. Der Wagen 2. Klasse war voll. Es waren 12. Danach "
            "nicht.",
            [
                "BAKU, 28. JUNI BIS 2. JULI 2014.",
                "Der Wagen 2. Klasse war voll.",
                "Es waren 12.",
                "Danach nicht.",
            ],
        ),
    ],
    "it": [
        (
            "Il Sig. Rossi e il Dott. Bianchi sono intervenuti. Vedi p. es. l'art. 3, ecc. "
            "La sessione si è chiusa il 2 luglio 2014.",
            [
                "Il Sig. Rossi e il Dott. Bianchi sono intervenuti.",
                "Vedi p. es. l'art. 3, ecc.",
                "La sessione si è chiusa il 2 luglio 2014.",
            ],
        ),
        (
            "Quasi 21 milioni di persone, cfr. pag. 12. «Dobbiamo agire.» Perché? Perché sì.",
            [
                "Quasi 21 milioni di persone, cfr. pag. 12.",
                "«Dobbiamo agire.»",
                "Perché?",
                "Perché sì.",
            ],
        ),
    ],
    "ru": [
        (
            "Сессия прошла в Баку в 2014 г. в начале июля. Ассамблея, т. е. её члены, "
            "приняла резолюцию, см. п. 7. Почти 21 млн человек находятся в рабстве.",
            [
                "Сессия прошла в Баку в 2014 г. в начале июля.",
                "Ассамблея, т. е. её члены, приняла резолюцию, см. п. 7.",
                "Почти 21 млн человек находятся в рабстве.",
            ],
        ),
        (
            "Докладчик А. С. Пушкин выступил. «Мы должны действовать». Что делать? Действовать.",
            [
                "Докладчик А. С. Пушкин выступил.",
                "«Мы должны действовать».",
                "Что делать?",
                "Действовать.",
            ],
        ),
    ],
    "es": [
        (
            "El Sr. García y la Sra. López intervinieron. ¿Qué debe hacerse? ¡Actuar ya! "
            "Véase p. ej. el art. 5 de la Declaración.",
            [
                "El Sr. García y la Sra. López intervinieron.",
                "¿Qué debe hacerse?",
                "¡Actuar ya!",
                "Véase p. ej. el art. 5 de la Declaración.",
            ],
        ),
        (
            "Los EE. UU. y la UE participaron, etc. La sesión terminó el 2 de julio de 2014.",
            [
                "Los EE. UU. y la UE participaron, etc.",
                "La sesión terminó el 2 de julio de 2014.",
            ],
        ),
    ],
}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [(lang, text, expected) for lang, cases in CASES.items() for text, expected in cases],
)
def test_real_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert segment(text, lang) == expected


def test_every_language_has_a_rules_file() -> None:
    folder = resources.files("aligner") / "data" / "segment"
    for lang in LANGUAGES:
        data = json.loads((folder / f"{lang}.json").read_text(encoding="utf-8"))
        assert data["language"] == lang
        assert data["abbreviations"]
        assert len(rules(lang)) > len(rules("xx"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_document_codes_and_paragraph_labels_never_end_a_sentence(lang: str) -> None:
    text = "AS (14) D E\n\n7. First sentence here. Second one.\n8. Another paragraph."
    assert segment(text, lang) == [
        "AS (14) D E",
        "7. First sentence here.",
        "Second one.",
        "8. Another paragraph.",
    ]


def test_list_items_stay_with_their_text() -> None:
    text = "The Assembly:\n(a) urges States; and\nb) calls on them.\nа) пункт."
    assert segment(text, "en") == [
        "The Assembly:",
        "(a) urges States; and",
        "b) calls on them.",
        "а) пункт.",
    ]


def test_hard_wrapped_prose_is_joined_and_short_lines_are_not() -> None:
    wrapped = (
        "This paragraph was wrapped by an editor at a fixed width so that\n"
        "its sentences run across lines. The second sentence ends here.\n\n"
        "Title line\nShort line"
    )
    assert segment(wrapped, "en") == [
        "This paragraph was wrapped by an editor at a fixed width so that its sentences run "
        "across lines.",
        "The second sentence ends here.",
        "Title line",
        "Short line",
    ]


def test_spans_point_into_the_original_text() -> None:
    text = "  Erster Satz.  Zweiter Satz!\n\nDritter."
    spans = segment_spans(text, "de")
    assert [text[a:b] for a, b in spans] == ["Erster Satz.", "Zweiter Satz!", "Dritter."]


def test_no_break_spaces_are_kept() -> None:
    assert segment("Il a dit\u00a0: «\u00a0oui\u00a0». Puis il partit.", "fr") == [
        "Il a dit\u00a0: «\u00a0oui\u00a0».",
        "Puis il partit.",
    ]


def test_unknown_language_uses_the_default_rules() -> None:
    assert segment("One. Two.", "xx") == ["One.", "Two."]


@given(st.text(alphabet=st.sampled_from("ab. !?\n«»()1"), max_size=60), st.sampled_from(LANGUAGES))
def test_spans_are_ordered_trimmed_and_cover_every_visible_character(text: str, lang: str) -> None:
    spans = segment_spans(text, lang)
    covered = set()
    last = 0
    for a, b in spans:
        assert last <= a < b
        assert text[a:b] == text[a:b].strip()
        covered.update(range(a, b))
        last = b
    assert all(i in covered for i, c in enumerate(text) if not c.isspace())
