"""Sentences inside paragraphs: a dropped or added sentence is named, with its first words."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from trust_faults import (
    CLEAN,
    TARGETS,
    add_sentence,
    drop_sentence,
    multi_sentence,
    read_set,
    sentences,
)

from aligner.checks import sentences as rules
from aligner.cli import cli
from aligner.model import DocumentSet
from aligner.pipeline import check_set
from aligner.readers import read_document

WATER = read_set(CLEAN[1])


def _check(lang: str, faulty):
    versions = tuple(faulty if d.lang == lang else d for d in WATER.values())
    return check_set(DocumentSet("water", versions), "en")[1]


@pytest.mark.parametrize("lang", TARGETS)
def test_every_dropped_sentence_is_named(lang: str) -> None:
    doc = WATER[lang]
    numbers = multi_sentence(doc)
    assert len(numbers) >= 4
    for number in numbers:
        ref = sentences(WATER["en"], number)
        for index in range(len(sentences(doc, number))):
            findings = _check(lang, drop_sentence(doc, number, index))
            gaps = [f for f in findings if f.rule == "missing-sentence"]
            assert [(f.lang, f.reference_paragraph) for f in gaps] == [(lang, number)]
            first = " ".join(ref[index].split()[:3])
            message = gaps[0].message
            named = (
                f"lacks sentence {index + 1} of {len(ref)} of en {number}: " in message
                or f" {index + 1} or {index + 2} of {len(ref)} of en {number} " in message
                or f" {index} or {index + 1} of {len(ref)} of en {number} " in message
            )
            assert named and f'"{first}' in message, message  # or a neighbour it ties with
            assert gaps[0].line == next(p.line for p in doc.paragraphs if p.number == number)
            # what else is reported follows from the drop (its numbers, its end), never a
            # structural finding
            assert {f.rule for f in findings} <= {
                "missing-sentence",
                "number-mismatch",
                "punctuation-mismatch",
                "length-mismatch",
            }


@pytest.mark.parametrize("lang", TARGETS)
def test_every_added_sentence_is_named(lang: str) -> None:
    doc = WATER[lang]
    for number in multi_sentence(doc):
        donor = 5 if number != 5 else 2
        pasted = sentences(doc, donor)[1]
        for index in (1, len(sentences(doc, number))):
            findings = _check(lang, add_sentence(doc, number, pasted, index))
            extra = [f for f in findings if f.rule == "extra-sentence"]
            assert [(f.lang, f.reference_paragraph) for f in extra] == [(lang, number)]
            assert f'"{" ".join(pasted.split()[:3])}' in extra[0].message
            assert f"(sentence {index + 1} of " in extra[0].message


def test_one_sentence_paragraphs_are_not_aligned(corpus_docs, monkeypatch) -> None:
    """The shipped resolution has one sentence per paragraph: no sentence alignment runs."""
    calls = []
    monkeypatch.setattr(rules, "align_sentences", lambda *a, **k: calls.append(a) or [])
    _, findings = check_set(DocumentSet("d", tuple(corpus_docs.values())), "en")
    assert findings == [] and calls == []


def test_the_rules_are_errors() -> None:
    assert rules.MissingSentence.severity is rules.ExtraSentence.severity
    assert str(rules.MissingSentence.severity) == "error"


#: Hard-wrapped paragraphs written for this test: paragraph 2 has three sentences, the
#: second starting on its second line, the third in the middle of its third line.
WRAPPED = {
    "en": (
        "1. Recalling the commitments on shared rivers made in Helsinki in 1992,\n\n"
        "2. Notes that the joint basin commissions met four times last year.\n"
        "Their reports show that the quality of water improved in most border\n"
        "regions of the basin. The Assembly welcomes the publication of these\n"
        "reports in every national language;\n\n"
        "3. Calls on the participating States to publish the data of their monitoring\n"
        "stations on shared rivers within one month of each measurement;\n\n"
        "4. Encourages the parliaments of the participating States to hold joint hearings\n"
        "on the management of transboundary lakes and aquifers;\n\n"
        "5. Decides to review this question at its next annual session.\n"
    ),
    "fr": (
        "1. Rappelant les engagements pris à Helsinki en 1992 sur les fleuves partagés,\n\n"
        "2. Note que les commissions mixtes de bassin se sont réunies quatre fois l'an\n"
        "dernier. Leurs rapports montrent que la qualité de l'eau s'est améliorée dans\n"
        "la plupart des régions frontalières du bassin. L'Assemblée se félicite de la\n"
        "publication de ces rapports dans toutes les langues nationales ;\n\n"
        "3. Demande aux États participants de publier les données de leurs stations de\n"
        "surveillance des fleuves partagés dans un délai d'un mois après chaque mesure ;\n\n"
        "4. Encourage les parlements des États participants à tenir des auditions communes\n"
        "sur la gestion des lacs et des aquifères transfrontaliers ;\n\n"
        "5. Décide d'examiner cette question lors de sa prochaine session annuelle.\n"
    ),
    "de": (
        "1. unter Hinweis auf die 1992 in Helsinki eingegangenen Verpflichtungen zu\n"
        "gemeinsamen Flüssen,\n\n"
        "2. stellt fest, dass die gemeinsamen Beckenkommissionen im letzten Jahr viermal\n"
        "zusammengetreten sind. Ihre Berichte zeigen, dass sich die Wasserqualität in den\n"
        "meisten Grenzregionen des Beckens verbessert hat. Die Versammlung begrüßt die\n"
        "Veröffentlichung dieser Berichte in allen Landessprachen;\n\n"
        "3. fordert die Teilnehmerstaaten auf, die Daten ihrer Messstationen an\n"
        "gemeinsamen Flüssen binnen eines Monats nach jeder Messung zu veröffentlichen;\n\n"
        "4. ermutigt die Parlamente der Teilnehmerstaaten, gemeinsame Anhörungen zur\n"
        "Bewirtschaftung grenzüberschreitender Seen und Grundwasserleiter abzuhalten;\n\n"
        "5. beschließt, diese Frage auf ihrer nächsten Jahrestagung zu prüfen.\n"
    ),
}
_SECOND = {
    "fr": "Leurs rapports montrent que la qualité de l'eau s'est améliorée dans\n"
    "la plupart des régions frontalières du bassin. ",
    "de": "Ihre Berichte zeigen, dass sich die Wasserqualität in den\n"
    "meisten Grenzregionen des Beckens verbessert hat. ",
}


def _wrapped(tmp_path, texts: dict[str, str]) -> list:
    for lang, text in texts.items():
        (tmp_path / f"{lang}.md").write_text(text, encoding="utf-8")
    docs = tuple(read_document(tmp_path / f"{lang}.md") for lang in texts)
    return check_set(DocumentSet("wrapped", docs), "en")[1]


@pytest.mark.parametrize("lang", ["fr"])  # de: sentence 1 and 2 tie (either may be missing)
def test_a_missing_sentence_is_reported_where_it_belongs(lang: str, tmp_path) -> None:
    """Sentence 2 dropped: the finding is on the line where the version goes on (sentence 3),
    not on the paragraph's first line."""
    assert _wrapped(tmp_path, {"en": WRAPPED["en"], lang: WRAPPED[lang]}) == []
    faulty = WRAPPED[lang].replace(_SECOND[lang], "")
    findings = _wrapped(tmp_path, {"en": WRAPPED["en"], lang: faulty})
    gaps = [f for f in findings if f.rule == "missing-sentence"]
    assert [f.reference_paragraph for f in gaps] == [2], findings
    lines = faulty.splitlines()
    third = "L'Assemblée" if lang == "fr" else "Die Versammlung"
    assert gaps[0].line == next(n for n, x in enumerate(lines, 1) if third in x)
    assert gaps[0].line != next(n for n, x in enumerate(lines, 1) if x.startswith("2. "))


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_an_extra_sentence_is_reported_on_its_own_line(lang: str, tmp_path) -> None:
    """The English paragraph lacks sentence 2: the version's sentence 2 is reported on the
    line where it starts."""
    ref = WRAPPED["en"].replace(
        "Their reports show that the quality of water improved in most border\n"
        "regions of the basin. ",
        "",
    )
    findings = _wrapped(tmp_path, {"en": ref, lang: WRAPPED[lang]})
    extra = [f for f in findings if f.rule == "extra-sentence"]
    assert [f.paragraph for f in extra] == [2], findings
    start = _SECOND[lang].split()[0]
    lines = WRAPPED[lang].splitlines()
    assert extra[0].line == next(n for n, x in enumerate(lines, 1) if f" {start} " in x)


# --- an article's own paragraphs ----------------------------------------------------

ARTICLES = {
    "en": (
        "Article",
        [
            ["Each Party shall designate a national focal point for river basin data."],
            [
                "The Parties shall exchange water quality measurements every month.",
                "Data on floods shall be shared within 24 hours of an alert in Vienna.",
                "A joint report on the Danube basin shall be published every three years.",
            ],
            ["This Agreement shall enter into force on 1 January 2028."],
        ],
    ),
    "fr": (
        "Article",
        [
            ["Chaque Partie désigne un point focal national pour les données du bassin."],
            [
                "Les Parties échangent chaque mois les mesures de la qualité de l'eau.",
                "Les données sur les crues sont partagées dans les 24 heures suivant une "
                "alerte à Vienne.",
                "Un rapport commun sur le bassin du Danube est publié tous les trois ans.",
            ],
            ["Le présent Accord entre en vigueur le 1er janvier 2028."],
        ],
    ),
    "ru": (
        "Статья",
        [
            ["Каждая Сторона назначает национальный координационный центр по данным."],
            [
                "Стороны ежемесячно обмениваются результатами измерений качества воды.",
                "Данные о наводнениях передаются в течение 24 часов после тревоги в Вене.",
                "Совместный доклад о бассейне Дуная публикуется каждые три года.",
            ],
            ["Настоящее Соглашение вступает в силу 1 января 2028 года."],
        ],
    ),
}


def _articles(lang: str, article2: list[str] | None = None) -> str:
    word, articles = ARTICLES[lang]
    blocks = []
    for n, paragraphs in enumerate(articles, 1):
        own = article2 if n == 2 and article2 is not None else paragraphs
        blocks.append(f"{word} {n}\n\n" + "\n\n".join(own))
    return "\n\n".join(blocks) + "\n"


def _check_articles(tmp_path: Path, faulty: dict[str, str]) -> tuple[int, str]:
    for lang in ARTICLES:
        text = faulty.get(lang) or _articles(lang)
        (tmp_path / f"{lang}.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--select", "subparagraph-mismatch"])
    return result.exit_code, result.stdout


def test_clean_articles_have_no_article_paragraph_finding(tmp_path: Path) -> None:
    assert _check_articles(tmp_path, {}) == (0, "")


@pytest.mark.parametrize("lang", ["fr", "ru"])
@pytest.mark.parametrize("drop", [0, 1, 2])
def test_a_paragraph_dropped_inside_an_article_is_named(
    tmp_path: Path, lang: str, drop: int
) -> None:
    own = list(ARTICLES[lang][1][1])
    del own[drop]
    code, out = _check_articles(tmp_path, {lang: _articles(lang, own)})
    assert code == 1, out
    assert (
        f"error subparagraph-mismatch {ARTICLES[lang][0]} 2 of {lang} lacks Article 2 ¶{drop + 1}"
        in out
    )
    assert out.count("subparagraph-mismatch") == 1, out


def test_merged_and_added_paragraphs_inside_an_article(tmp_path: Path) -> None:
    fr = list(ARTICLES["fr"][1][1])
    merged = [fr[0] + " " + fr[1], fr[2]]
    ru = list(ARTICLES["ru"][1][1])
    added = [*ru, "Стороны также обмениваются прогнозами засухи на следующие 90 дней."]
    code, out = _check_articles(
        tmp_path, {"fr": _articles("fr", merged), "ru": _articles("ru", added)}
    )
    assert code == 1, out
    assert "Article 2 of fr ¶1 joins Article 2 ¶1 and ¶2 of en" in out, out
    assert "Статья 2 of ru has a paragraph Article 2 lacks, ¶4" in out, out
