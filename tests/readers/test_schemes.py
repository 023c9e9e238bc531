"""Numbering schemes real documents use, and documents without numbers, in six languages.

The texts are written for these tests: a short declaration in each language (an
introductory line and five paragraphs), set in each scheme.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shapes import build_docx

from aligner.cli import cli
from aligner.model import LANGUAGES, Paragraph
from aligner.readers import read_document

INTRO = {
    "en": "The OSCE Parliamentary Assembly",
    "fr": "L'Assemblée parlementaire de l'OSCE",
    "de": "Die Parlamentarische Versammlung der OSZE",
    "it": "L'Assemblea parlamentare dell'OSCE",
    "ru": "Парламентская ассамблея ОБСЕ",
    "es": "La Asamblea Parlamentaria de la OSCE",
}

PARAGRAPHS = {
    "en": [
        "Welcomes the decision of the Ministerial Council held in Vilnius to strengthen the "
        "dialogue on water management between the riparian States,",
        "Notes with concern that 40 per cent of the population of the region has no access to "
        "safe drinking water and that this share grew between 2019 and 2024,",
        "Calls on the participating States to ratify the Helsinki Water Convention and to report "
        "on its implementation to the Secretariat every two years,",
        "Invites the Office of the Co-ordinator of OSCE Economic and Environmental Activities to "
        "organize three regional workshops for judges and prosecutors,",
        "Decides to review the progress made at its Annual Session in Bucharest in 2027.",
    ],
    "fr": [
        "Se félicite de la décision du Conseil ministériel tenu à Vilnius de renforcer le "
        "dialogue sur la gestion de l'eau entre les États riverains,",
        "Note avec préoccupation que 40 pour cent de la population de la région n'a pas accès à "
        "l'eau potable et que cette part a augmenté entre 2019 et 2024,",
        "Invite les États participants à ratifier la Convention d'Helsinki sur l'eau et à rendre "
        "compte de sa mise en œuvre au Secrétariat tous les deux ans,",
        "Invite le Bureau du Coordonnateur des activités économiques et environnementales de "
        "l'OSCE à organiser trois ateliers régionaux pour les juges et les procureurs,",
        "Décide d'examiner les progrès accomplis lors de sa session annuelle à Bucarest en 2027.",
    ],
    "de": [
        "begrüßt den Beschluss des in Vilnius abgehaltenen Ministerrats, den Dialog über die "
        "Wasserbewirtschaftung zwischen den Anrainerstaaten zu stärken,",
        "stellt mit Besorgnis fest, dass 40 Prozent der Bevölkerung der Region keinen Zugang zu "
        "sauberem Trinkwasser haben und dass dieser Anteil zwischen 2019 und 2024 gestiegen ist,",
        "fordert die Teilnehmerstaaten auf, das Helsinki-Wasserübereinkommen zu ratifizieren "
        "und dem Sekretariat alle zwei Jahre über seine Umsetzung zu berichten,",
        "ersucht das Büro des Koordinators für Wirtschafts- und Umweltaktivitäten der OSZE, drei "
        "regionale Seminare für Richter und Staatsanwälte zu veranstalten,",
        "beschließt, die erzielten Fortschritte auf ihrer Jahrestagung in Bukarest 2027 zu prüfen.",
    ],
    "it": [
        "Accoglie con favore la decisione del Consiglio dei ministri tenutosi a Vilnius di "
        "rafforzare il dialogo sulla gestione delle acque tra gli Stati rivieraschi,",
        "Osserva con preoccupazione che il 40 per cento della popolazione della regione non ha "
        "accesso all'acqua potabile e che tale quota è aumentata tra il 2019 e il 2024,",
        "Esorta gli Stati partecipanti a ratificare la Convenzione di Helsinki sulle acque e a "
        "riferire al Segretariato sulla sua attuazione ogni due anni,",
        "Invita l'Ufficio del Coordinatore delle attività economiche e ambientali dell'OSCE a "
        "organizzare tre seminari regionali per giudici e pubblici ministeri,",
        "Decide di esaminare i progressi compiuti nella sua Sessione annuale a Bucarest nel 2027.",
    ],
    "ru": [
        "приветствует решение Совета министров, состоявшегося в Вильнюсе, укрепить диалог по "
        "вопросам управления водными ресурсами между прибрежными государствами;",
        "с озабоченностью отмечает, что 40 процентов населения региона не имеют доступа к "
        "безопасной питьевой воде и что эта доля выросла в период с 2019 по 2024 год;",
        "призывает государства-участники ратифицировать Хельсинкскую конвенцию по водам и "
        "каждые два года представлять Секретариату доклад о ее осуществлении;",
        "предлагает Бюро Координатора экономической и экологической деятельности ОБСЕ "
        "организовать три региональных семинара для судей и прокуроров;",
        "постановляет рассмотреть достигнутый прогресс на своей ежегодной сессии в Бухаресте "
        "в 2027 году.",
    ],
    "es": [
        "Acoge con satisfacción la decisión del Consejo Ministerial celebrado en Vilna de "
        "fortalecer el diálogo sobre la gestión del agua entre los Estados ribereños,",
        "Observa con preocupación que el 40 por ciento de la población de la región no tiene "
        "acceso a agua potable y que esa proporción aumentó entre 2019 y 2024,",
        "Exhorta a los Estados participantes a ratificar el Convenio del Agua de Helsinki y a "
        "informar a la Secretaría sobre su aplicación cada dos años,",
        "Invita a la Oficina del Coordinador de las Actividades Económicas y Medioambientales "
        "de la OSCE a organizar tres talleres regionales para jueces y fiscales,",
        "Decide examinar los progresos realizados en su Período de Sesiones Anual en Bucarest "
        "en 2027.",
    ],
}

ARTICLE = {
    "en": ["Article 1", "Article 2", "Article 3", "Article 4", "Article 5"],
    "fr": ["Article premier", "Article 2", "Article 3", "Article 4", "Article 5"],
    "de": ["Artikel 1", "Artikel 2", "Artikel 3", "Artikel 4", "Artikel 5"],
    "it": ["Articolo primo", "Articolo 2", "Articolo 3", "Articolo 4", "Articolo 5"],
    "ru": ["Статья 1", "Статья 2", "Статья 3", "Статья 4", "Статья 5"],
    "es": ["Artículo 1", "Artículo 2", "Artículo 3", "Artículo 4", "Art. 5"],
}

TITLE = {
    "en": "DECLARATION ON WATER",
    "fr": "DÉCLARATION SUR L'EAU",
    "de": "ERKLÄRUNG ÜBER WASSER",
    "it": "DICHIARAZIONE SULL'ACQUA",
    "ru": "ДЕКЛАРАЦИЯ О ВОДЕ",
    "es": "DECLARACIÓN SOBRE EL AGUA",
}


def _paragraphs(path: Path) -> list[Paragraph]:
    return list(read_document(path).paragraphs)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _labelled(lang: str, labels: list[str], *, wrap: bool = False) -> str:
    """Title, two paragraphs, the intro line (no colon), three paragraphs, labelled."""
    out = [TITLE[lang], ""]
    for k, (label, text) in enumerate(zip(labels, PARAGRAPHS[lang], strict=True)):
        if k == 2:
            out += [INTRO[lang], ""]
        if wrap:
            words = f"{label} {text}".split()
            out += [" ".join(words[:8]), " ".join(words[8:]), ""]
        else:
            out += [f"{label} {text}", ""]
    return "\n".join(out)


def _check(folder: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", str(folder), *extra])
    return result.exit_code, result.stdout


# --- numbering schemes ------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("labels", "ids"),
    [
        (["1.1", "1.2", "1.3", "2.1", "2.2"], ["1.1", "1.2", "1.3", "2.1", "2.2"]),
        (
            ["2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2"],
            ["2.3.1", "2.3.2", "2.3.3", "2.4.1", "2.4.2"],
        ),
        (["3.a", "3.b", "3.c", "3.d", "3.e"], ["3.a", "3.b", "3.c", "3.d", "3.e"]),
        (["(a)", "(b)", "(c)", "(d)", "(e)"], ["(a)", "(b)", "(c)", "(d)", "(e)"]),
        (["A.", "B.", "C.", "D.", "E."], ["A", "B", "C", "D", "E"]),
        (["I.", "II.", "III.", "IV.", "V."], ["I", "II", "III", "IV", "V"]),
        (["998.", "999.", "1000.", "1001.", "1002."], ["998", "999", "1000", "1001", "1002"]),
        (["19998.", "19999.", "20000.", "20001.", "20002."], None),
    ],
)
@pytest.mark.parametrize("wrap", [False, True])
def test_labels_read_as_unit_ids(
    tmp_path: Path, lang: str, labels: list[str], ids: list[str] | None, wrap: bool
) -> None:
    path = _write(tmp_path, f"{lang}.md", _labelled(lang, labels, wrap=wrap))
    doc = read_document(path)
    expected = ids or [label.rstrip(".") for label in labels]
    assert [p.ident for p in doc.paragraphs] == expected
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS[lang]
    intro = [b.text for b in doc.blocks if b.kind == "intro"]
    assert intro == [INTRO[lang]]  # printed without a colon, never glued to a paragraph


def test_dotted_labels_align_by_label_and_faults_name_them(tmp_path: Path) -> None:
    labels = ["1.1", "1.2", "1.3", "2.1", "2.2"]
    for lang in ("en", "fr", "ru"):
        _write(tmp_path, f"{lang}.md", _labelled(lang, labels))
    assert _check(tmp_path)[0] == 0
    ru = _labelled("ru", labels).replace(f"1.3 {PARAGRAPHS['ru'][2]}\n\n", "")
    _write(tmp_path, "ru.md", ru)
    code, out = _check(tmp_path)
    assert code == 1
    assert "missing-paragraph paragraph 1.3 of en has no counterpart in ru" in out


def test_thousands_of_paragraphs_keep_their_numbers(tmp_path: Path) -> None:
    lines = [
        f"{n}. Paragraph number {n} of the long report, with its own text {n * 7}."
        for n in range(1, 5001)
    ]
    doc = read_document(_write(tmp_path, "en.md", "\n".join(lines)))
    assert [p.number for p in doc.paragraphs] == list(range(1, 5001))


# --- articles ---------------------------------------------------------------------


def _articles(lang: str, *, sub: bool = False) -> str:
    out = [TITLE[lang], "", PARAGRAPHS[lang][0].replace(",", ";").capitalize(), ""]
    for label, text in zip(ARTICLE[lang], PARAGRAPHS[lang], strict=True):
        out += [label, ""]
        if sub:
            first, _, second = text.partition(" ")
            out += [f"1. {text}", "", f"2. {first} {second}", ""]
        else:
            out += [text, ""]
    return "\n".join(out)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("sub", [False, True])
def test_articles_are_units_numbered_as_written(tmp_path: Path, lang: str, sub: bool) -> None:
    doc = read_document(_write(tmp_path, f"{lang}.md", _articles(lang, sub=sub)))
    articles = [p for p in doc.paragraphs if p.numbered]
    assert [p.number for p in articles] == [1, 2, 3, 4, 5]
    assert [p.label for p in articles] == ARTICLE[lang]
    for p, text in zip(articles, PARAGRAPHS[lang], strict=True):
        assert text in p.text  # numbered sub-paragraphs stay inside their article
    assert [p.ident for p in doc.paragraphs if not p.numbered] == ["¶1"]  # the preamble


def test_articles_align_across_languages_and_a_lost_article_is_found(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        _write(tmp_path, f"{lang}.md", _articles(lang))
    code, out = _check(tmp_path)
    assert code == 0, out
    fr = _articles("fr").replace(f"Article 3\n\n{PARAGRAPHS['fr'][2]}\n\n", "")
    _write(tmp_path, "fr.md", fr)
    code, out = _check(tmp_path)
    assert code == 1
    assert "missing-paragraph paragraph 3 of en has no counterpart in fr" in out


# --- HTML lists and front matter in Markdown -------------------------------------


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
@pytest.mark.parametrize("start", ["", ' start="7"'])
def test_html_lists_in_markdown_are_numbered_by_position(
    tmp_path: Path, lang: str, start: str
) -> None:
    items = "\n".join(f"  <li>{text}</li>" for text in PARAGRAPHS[lang][:3])
    text = (
        f"---\ntitle: {TITLE[lang]}\nlang: {lang}\n---\n\n# {TITLE[lang]}\n\n{INTRO[lang]}:\n\n"
        f'<ol{start}>\n{items}\n</ol>\n\n***\n\n<ol start="{10 if start else 4}">\n'
        f"<li>\n{PARAGRAPHS[lang][3]}\n</li>\n<li><p>{PARAGRAPHS[lang][4]}</p></li>\n</ol>\n"
    )
    doc = read_document(_write(tmp_path, f"{lang}.md", text))
    first = 7 if start else 1
    expected = [first, first + 1, first + 2, 10, 11] if start else [1, 2, 3, 4, 5]
    assert [p.number for p in doc.paragraphs] == expected
    assert [p.text for p in doc.paragraphs] == PARAGRAPHS[lang]
    assert not any("title:" in b.text or "***" in b.text for b in doc.blocks)


# --- documents without numbers ----------------------------------------------------


def _plain(lang: str, paragraphs: list[str] | None = None) -> str:
    body = "\n\n".join(paragraphs or PARAGRAPHS[lang])
    return f"# {TITLE[lang]}\n\n{body}\n"


def _docx(lang: str) -> bytes:
    rows: list[tuple[str | None, tuple[str, int] | None, str]] = [("Title", None, TITLE[lang])]
    rows += [(None, None, text) for text in PARAGRAPHS[lang]]
    return build_docx(
        rows,
        styles='<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>',
    )


def _html(lang: str) -> bytes:
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS[lang])
    return f"<!DOCTYPE html><html><body><h1>{TITLE[lang]}</h1>{body}</body></html>".encode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unnumbered_paragraphs_are_units_named_by_position(tmp_path: Path, lang: str) -> None:
    for name, data in (
        (f"{lang}.md", _plain(lang).encode()),
        (f"{lang}.html", _html(lang)),
        (f"{lang}.docx", _docx(lang)),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        doc = read_document(path)
        assert [p.ident for p in doc.paragraphs] == ["¶1", "¶2", "¶3", "¶4", "¶5"], name
        assert [p.text for p in doc.paragraphs] == PARAGRAPHS[lang], name
        assert not any(p.numbered for p in doc.paragraphs)


def _faulty(tmp_path: Path, lang: str, paragraphs: list[str]) -> tuple[int, str]:
    folder = tmp_path / "doc"
    _write(folder, "en.md", _plain("en"))
    _write(folder, f"{lang}.md", _plain(lang, paragraphs))
    return _check(folder)


@pytest.mark.parametrize("lang", ["fr", "de", "it", "ru", "es"])
def test_unnumbered_versions_align_by_content(tmp_path: Path, lang: str) -> None:
    p = PARAGRAPHS[lang]
    assert _faulty(tmp_path, lang, p)[0] == 0
    code, out = _faulty(tmp_path, lang, [*p[:2], *p[3:]])
    assert code == 1 and "missing-paragraph paragraph ¶3 (line 7) of en" in out
    code, out = _faulty(tmp_path, lang, [*p[:2], PARAGRAPHS["en"][2], *p[2:]])
    assert "extra-paragraph" in out or "untranslated" in out
    code, out = _faulty(tmp_path, lang, [p[0], f"{p[1]} {p[2]}", *p[3:]])
    assert code == 1 and "merged-paragraphs paragraphs ¶2 (line 5) and ¶3 (line 7) of en" in out
    code, out = _faulty(tmp_path, lang, [p[0], p[2], p[1], *p[3:]])
    assert code == 1 and "reordered-paragraphs" in out
    changed = [*p[:4], p[4].replace("2027", "2029")]
    code, out = _faulty(tmp_path, lang, changed)
    assert "number-mismatch" in out and "¶5" in out


def test_a_split_unnumbered_paragraph_is_found(tmp_path: Path) -> None:
    p = PARAGRAPHS["fr"]
    head, tail = p[1].split(" et que ")
    code, out = _faulty(tmp_path, "fr", [p[0], head + ".", "Et que " + tail, *p[2:]])
    assert code == 1 and "split-paragraph paragraph ¶2 (line 5) of en is split" in out


def test_an_unnumbered_preamble_before_numbered_paragraphs(tmp_path: Path) -> None:
    for lang in ("en", "fr", "de"):
        p = PARAGRAPHS[lang]
        numbered = "\n\n".join(f"{n}. {text}" for n, text in enumerate(p[2:], 1))
        text = f"{TITLE[lang]}\n\n{p[0]}\n\n{p[1]}\n\n{INTRO[lang]}:\n\n{numbered}\n"
        _write(tmp_path, f"{lang}.md", text)
    doc = read_document(tmp_path / "de.md")
    assert [p.ident for p in doc.paragraphs] == ["¶1", "¶2", "1", "2", "3"]
    assert _check(tmp_path)[0] == 0
    fr = (tmp_path / "fr.md").read_text(encoding="utf-8").replace(PARAGRAPHS["fr"][1] + "\n\n", "")
    _write(tmp_path, "fr.md", fr)
    code, out = _check(tmp_path)
    assert code == 1 and "paragraph ¶2 (line 5) of en has no counterpart in fr" in out


def test_show_json_gives_the_ids(tmp_path: Path) -> None:
    path = _write(tmp_path, "fr.md", _labelled("fr", ["1.1", "1.2", "1.3", "2.1", "2.2"]))
    result = CliRunner().invoke(cli, ["show", "--format", "json", str(path)])
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["paragraphs"]] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert all(p["numbered"] for p in data["paragraphs"])


# --- chapters and sections in every format ---------------------------------------

CHAPTERS = [
    ("I.", "Introduction and mandate of the mission"),
    ("1.1", "The mission was established by the Permanent Council in 2021."),
    ("1.2", "It reports to the Chairpersonship twice a year."),
    ("II.", "Findings of the mission"),
    ("2.1", "The mission observed 45 polling stations."),
]


@pytest.mark.parametrize("shape", ["md", "html", "docx"])
def test_chapters_and_dotted_paragraphs_in_each_format(tmp_path: Path, shape: str) -> None:
    if shape == "md":
        data = "REPORT\n\n" + "\n\n".join(f"{a} {b}" for a, b in CHAPTERS) + "\n"
        path = _write(tmp_path, "en.md", data)
    elif shape == "html":
        body = "".join(f"<p>{a} {b}</p>" for a, b in CHAPTERS)
        path = tmp_path / "en.html"
        path.write_text(f"<!DOCTYPE html><html><body><h1>Report</h1>{body}</body></html>")
    else:
        path = tmp_path / "en.docx"
        path.write_bytes(build_docx([(None, None, f"{a}\t{b}") for a, b in CHAPTERS]))
    doc = read_document(path)
    assert [(p.ident, p.text) for p in doc.paragraphs] == [(a.rstrip("."), b) for a, b in CHAPTERS]


def test_roman_chapters_between_running_numbers(tmp_path: Path) -> None:
    text = (
        "REPORT\n\nI. Introduction\n\n1. The mission was set up in 2021.\n\n"
        "2. It reports twice a year.\n\nII. Findings\n\n3. The mission observed 45 stations.\n"
    )
    doc = read_document(_write(tmp_path, "en.md", text))
    assert [p.ident for p in doc.paragraphs] == ["I", "1", "2", "II", "3"]
    assert [p.section for p in doc.paragraphs if p.sequential] == ["1", "1", "1"]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("shape", ["md", "html", "docx"])
def test_article_headings_styled_as_headings(tmp_path: Path, lang: str, shape: str) -> None:
    pairs = list(zip(ARTICLE[lang], PARAGRAPHS[lang], strict=True))
    if shape == "md":
        body = "".join(f"## {a}\n\n{t}\n\n(a) {t}\n\n" for a, t in pairs)
        path = _write(tmp_path, f"{lang}.md", f"# {TITLE[lang]}\n\n{body}")
    elif shape == "html":
        body = "".join(f"<h3>{a}</h3><p>{t}</p><p>(a) {t}</p>" for a, t in pairs)
        path = tmp_path / f"{lang}.html"
        path.write_text(f"<!DOCTYPE html><html><body><h1>{TITLE[lang]}</h1>{body}</body></html>")
    else:
        heading = (
            '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/></w:style>'
        )
        rows: list[tuple[str | None, tuple[str, int] | None, str]] = []
        for a, t in pairs:
            rows += [("Heading3", None, a), (None, None, t), (None, None, f"1. {t}")]
        path = tmp_path / f"{lang}.docx"
        path.write_bytes(build_docx(rows, styles=heading))
    doc = read_document(path)
    assert [(p.number, p.label) for p in doc.paragraphs] == [
        (n, a) for n, a in enumerate(ARTICLE[lang], 1)
    ]
    assert all(t in p.text for p, t in zip(doc.paragraphs, PARAGRAPHS[lang], strict=True))


@pytest.mark.parametrize("blank", ["\n", ""])
def test_numbered_chapters_with_dotted_paragraphs(tmp_path: Path, blank: str) -> None:
    """UN style: "1. Introduction" then "1.1 ..."; in PDF text without blank lines too."""
    lines = [
        "REPORT",
        "1. Introduction",
        "1.1 The mission was set up in 2021.",
        "1.2 It reports twice a year, and",
        "2.1 per cent of its budget goes to training.",
        "2. Findings",
        "2.1 The mission observed 45 stations.",
    ]
    if blank:  # a blank line ends a paragraph: the wrapped line stays in its paragraph
        lines[3:5] = [f"{lines[3]} {lines[4]}"]
    doc = read_document(_write(tmp_path, "en.md", f"\n{blank}".join(lines) + "\n"))
    assert [(p.ident, p.text) for p in doc.paragraphs] == [
        ("1", "Introduction"),
        ("1.1", "The mission was set up in 2021."),
        ("1.2", "It reports twice a year, and 2.1 per cent of its budget goes to training."),
        ("2", "Findings"),
        ("2.1", "The mission observed 45 stations."),
    ]


# --- page furniture in hard-wrapped text (pdftotext output) ------------------------

#: UN/OSCE document symbols as running headers, one per language (written for the test).
SYMBOLS = {
    "en": "SEC.DEL/41/2027 EN",
    "fr": "SEC.DEL/41/2027 FR",
    "ru": "SEC.DEL/41/2027 RU",
}


def _wrapped_with_one_page_break(lang: str, header: str, footer: str) -> str:
    """Paragraph 2 runs over a single page break; the page edge has a footer and a
    header the document prints only there (so it is never repeated)."""
    first, second, third = PARAGRAPHS[lang][:3]
    words = second.split()
    half = len(words) // 2
    return (
        f"{TITLE[lang]}\n\n1. {first}\n2. {' '.join(words[:half])}\n\n{footer}\n\f"
        f"{header}\n\n{' '.join(words[half:])}\n3. {third}\n"
    )


@pytest.mark.parametrize("lang", sorted(SYMBOLS))
@pytest.mark.parametrize("footer", ["- 1 -", "Page 1"])
def test_a_running_header_seen_once_is_not_glued_into_a_paragraph(
    tmp_path: Path, lang: str, footer: str
) -> None:
    path = tmp_path / f"{lang}.txt"
    path.write_text(_wrapped_with_one_page_break(lang, SYMBOLS[lang], footer), encoding="utf-8")
    paragraphs = _paragraphs(path)
    assert [p.text for p in paragraphs] == PARAGRAPHS[lang][:3]
    assert len({p.section for p in paragraphs}) == 1


def test_a_header_on_one_version_only_is_no_number_mismatch(tmp_path: Path) -> None:
    """Only en has a page break (with '2027' in its header): no version lacks a number."""
    (tmp_path / "en.txt").write_text(
        _wrapped_with_one_page_break("en", SYMBOLS["en"], "- 1 -"), encoding="utf-8"
    )
    for lang in ("fr", "ru"):
        text = f"{TITLE[lang]}\n\n" + "".join(
            f"{k}. {t}\n" for k, t in enumerate(PARAGRAPHS[lang][:3], 1)
        )
        (tmp_path / f"{lang}.txt").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--fail-on", "error"])
    assert "number-mismatch" not in result.output, result.output
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("lang", ["en", "de", "ru"])
def test_a_one_line_html_block_in_markdown_is_read(tmp_path: Path, lang: str) -> None:
    """Converters emit the whole body as one line starting with a heading tag."""
    first, second, third = PARAGRAPHS[lang][:3]
    html = (
        f"<h2>{TITLE[lang]}</h2><h3>{INTRO[lang]}</h3><ol><li>{first}</li><li>{second}</li>"
        f'</ol><p>{INTRO[lang]}:</p><ol start="3"><li>{third}</li></ol>'
    )
    path = tmp_path / f"{lang}.md"
    path.write_text(html + "\n", encoding="utf-8")
    assert [(p.number, p.text) for p in _paragraphs(path)] == [
        (1, first),
        (2, second),
        (3, third),
    ]


@pytest.mark.parametrize(
    ("lang", "running"),
    [("en", "Bureau Meeting, Vienna, 2 July 2027"), ("ru", "Заседание Бюро, Вена, 2 июля 2027")],
)
def test_a_line_repeated_at_every_page_top_of_wrapped_text_is_dropped(
    tmp_path: Path, lang: str, running: str
) -> None:
    """pdftotext output: every page starts with the same line (and ends with its number);
    paragraphs run over the page breaks."""
    pages: list[list[str]] = [[f"{TITLE[lang]}", ""]]
    for k, text in enumerate(PARAGRAPHS[lang][:4], 1):
        words = text.split()
        pages[-1].append(f"{k}. {' '.join(words[: len(words) // 2])}")
        pages.append([running, "", " ".join(words[len(words) // 2 :])])
    body = "\n\f".join("\n".join([*page, "", f"- {n} -"]) for n, page in enumerate(pages, 1))
    path = tmp_path / f"{lang}.txt"
    path.write_text(body + "\n", encoding="utf-8")
    assert [p.text for p in _paragraphs(path)] == PARAGRAPHS[lang][:4]
