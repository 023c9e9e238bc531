"""Readers: every shape of the same document reads back to the same paragraphs and sections."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from shapes import SHAPES, build_docx, documents

from aligner.model import Block, Document, Kind
from aligner.readers import read_document

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
TRANSLATIONS = sorted(CORPUS.glob("*.md"))


def signature(doc: Document) -> list[tuple[str, int, str]]:
    """What every shape must agree on: section, number and text of each paragraph."""
    return [(p.section, p.number, p.text) for p in doc.paragraphs]


def intros(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is Kind.INTRO]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def read_text(tmp_path: Path, text: str, name: str = "doc.md") -> Document:
    return read_document(write(tmp_path, name, text))


# --- the contract: every shape of every shipped translation ---------------------


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("source", TRANSLATIONS, ids=lambda p: p.stem)
def test_every_shape_of_a_translation_reads_back_the_same(
    source: Path, shape: str, tmp_path: Path
) -> None:
    reference = read_document(source)
    assert [p.number for p in reference.paragraphs] == list(range(1, 21))
    suffix, data = SHAPES[shape](reference)
    doc = read_document(write(tmp_path, f"{shape}-{source.stem}{suffix}", data))
    assert signature(doc) == signature(reference)
    assert intros(doc) == intros(reference)
    assert doc.code == reference.code
    assert doc.lang == reference.lang  # from the file name


# --- hypothesis round trips ----------------------------------------------------


@pytest.mark.parametrize("shape", sorted(SHAPES))
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=documents())
def test_generated_documents_round_trip_in_every_shape(
    shape: str, doc: Document, tmp_path: Path
) -> None:
    suffix, data = SHAPES[shape](doc)
    back = read_document(write(tmp_path, f"doc{suffix}", data))
    assert signature(back) == signature(doc)
    assert intros(back) == intros(doc)
    assert back.code == doc.code


# --- labels and numbering ---------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("7. Text", "7."),
        ("7) Text", "7)"),
        ("(7) Text", "(7)"),
        ("7 . Text", "7 ."),
        ("7.\tText", "7."),
        ("7\tText", "7"),
        ("7.\u00a0Text", "7."),
        ("**7.** Text", "7."),
        ("7\\. Text", "7."),
    ],
)
def test_label_forms(line: str, label: str, tmp_path: Path) -> None:
    doc = read_text(
        tmp_path, f"1. First,\n\n2. Second;\n\n3. Third.\n\n4. A.\n5. B.\n6. C.\n{line}\n"
    )
    last = doc.paragraphs[-1]
    assert (last.number, last.label, last.text) == (7, label, "Text")


def test_a_wrapped_line_starting_with_a_number_is_not_a_paragraph(tmp_path: Path) -> None:
    text = (
        "7. Alarmed by reports,\n"
        "8. Aware that the\n"
        "2013 Addendum to the Action Plan and\n"
        "9. of its annexes calls on States,\n"
        "9. Commending participating States,\n"
    )
    doc = read_text(tmp_path, text, "doc.txt")
    assert [p.number for p in doc.paragraphs] == [7, 8, 9]
    assert doc.paragraphs[1].text == (
        "Aware that the 2013 Addendum to the Action Plan and 9. of its annexes calls on States,"
    )


def test_out_of_sequence_numbers_at_a_boundary_are_kept(tmp_path: Path) -> None:
    """Missing, repeated and swapped paragraphs stay visible for the checks."""
    doc = read_text(tmp_path, "1. A,\n2. B,\n5. E,\n4. D,\n4. D again,\n6. F.\n")
    assert [p.number for p in doc.paragraphs] == [1, 2, 5, 4, 4, 6]


def test_sub_items_stay_inside_their_paragraph(tmp_path: Path) -> None:
    text = (
        "13. Calls upon participating States to:\n\n(a) adopt laws;\n\nb) train judges;\n\n"
        "а) обучать;\n\niv) report;\n\n14. Urges States.\n"
    )
    doc = read_text(tmp_path, text)
    assert [p.number for p in doc.paragraphs] == [13, 14]
    assert doc.paragraphs[0].text == (
        "Calls upon participating States to: (a) adopt laws; b) train judges; а) обучать; "
        "iv) report;"
    )


def test_page_furniture_inside_a_paragraph_is_dropped(tmp_path: Path) -> None:
    text = (
        "AS (14) D F\n\nTITRE\n\n1. Rappelant les résolutions sur la traite\n\n- 2 -\n\f"
        "AS (14) D F\n\ndes êtres humains adoptées à\n3\nOslo (2010),\nPage 4 of 9\n"
        "2. Reconnaissant que,\n"
    )
    doc = read_text(tmp_path, text, "fr.txt")
    assert [p.text for p in doc.paragraphs] == [
        "Rappelant les résolutions sur la traite des êtres humains adoptées à Oslo (2010),",
        "Reconnaissant que,",
    ]
    assert doc.code == "AS (14) D F"


def test_number_alone_on_its_line(tmp_path: Path) -> None:
    text = "1.\nRecalling the\nresolutions,\n\n2.\n\nRecognizing that,\n3\nAlarmed.\n"
    doc = read_text(tmp_path, text, "doc.txt")
    assert [(p.number, p.text, p.line) for p in doc.paragraphs] == [
        (1, "Recalling the resolutions,", 1),
        (2, "Recognizing that,", 5),
        (3, "Alarmed.", 8),
    ]


def test_a_bare_page_number_is_not_a_paragraph(tmp_path: Path) -> None:
    text = "1. Recalling the resolutions\n\n2\n\nadopted in Oslo,\n2. Recognizing.\n"
    doc = read_text(tmp_path, text, "doc.txt")
    assert [(p.number, p.text) for p in doc.paragraphs] == [
        (1, "Recalling the resolutions adopted in Oslo,"),
        (2, "Recognizing."),
    ]


def test_hyphenated_words_split_by_wrapping_are_rejoined(tmp_path: Path) -> None:
    text = "1. the cyber-\nsecurity-\nrelated efforts of the Reise-\nund Tourismusbranche,\n"
    doc = read_text(tmp_path, text, "doc.txt")
    assert doc.paragraphs[0].text == (
        "the cyber-security-related efforts of the Reise- und Tourismusbranche,"
    )


def test_markdown_markup_is_removed(tmp_path: Path) -> None:
    text = (
        "**BAKU  \nDECLARATION**\n\n## RESOLUTION *ON*\n\n"
        "1. Recalling **all** the _resolutions_ of [the OSCE](https://osce.org) \\*really\\*,\n"
        "2. Second&nbsp;one.\n"
    )
    doc = read_text(tmp_path, text)
    assert doc.blocks[0] == Block(Kind.TITLE, "BAKU DECLARATION", 1)
    assert doc.blocks[1] == Block(Kind.HEADING, "RESOLUTION ON", 4, 2)
    assert [p.text for p in doc.paragraphs] == [
        "Recalling all the resolutions of the OSCE *really*,",
        "Second one.",
    ]


def test_line_endings_and_source_lines(tmp_path: Path) -> None:
    for newline in ("\n", "\r\n", "\r"):
        text = newline.join(["# T", "", "1. A", "b,", "", "2. C."]) + newline
        doc = read_text(tmp_path, text)
        assert [(p.number, p.text, p.line) for p in doc.paragraphs] == [
            (1, "A b,", 3),
            (2, "C.", 6),
        ]


def test_sections_restart_and_headings(tmp_path: Path) -> None:
    md = "# R ONE\n\n1. A,\n2. B.\n\n# R TWO\n\n1. C,\n2. D.\n\n## CHAPTER\n\n3. E.\n"
    txt = md.replace("# ", "").replace("#", "")
    for doc in (read_text(tmp_path, md), read_text(tmp_path, txt, "doc.txt")):
        assert [(s.id, s.heading, [p.number for p in s.paragraphs]) for s in doc.sections] == [
            ("1", "R ONE", [1, 2]),
            ("2", "R TWO", [1, 2]),
            ("3", "CHAPTER", [3]),
        ]


def test_text_and_markdown_of_the_same_document_agree_on_sections(tmp_path: Path) -> None:
    md = (
        "AS (14) DE\n\n**BAKU DECLARATION**\n\n## CHAPTER I\n\n### POLITICAL AFFAIRS\n\n"
        "1. One,\n2. Two.\n\nThe Assembly:\n\n3. Three.\n\n## CHAPTER II\n\n4. Four.\n"
    )
    txt = md.replace("**", "").replace("### ", "").replace("## ", "")
    a, b = read_text(tmp_path, md), read_text(tmp_path, txt, "doc.txt")
    assert signature(a) == signature(b)
    assert [s.id for s in a.sections] == [s.id for s in b.sections] == ["1", "2"]
    assert [s.heading for s in a.sections] == [s.heading for s in b.sections]


def test_a_document_without_numbered_paragraphs_reads_fine(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "Just a note.\n", "en.txt")
    assert doc.paragraphs == ()
    assert doc.blocks[0].text == "Just a note."


def test_utf16_and_bom_variants(tmp_path: Path) -> None:
    text = "\ufeff# Titel\r\n\r\n1. Größe,\r\n2. Maß.\r\n"
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        doc = read_document(write(tmp_path, "de.md", text.encode(encoding)))
        assert [p.text for p in doc.paragraphs] == ["Größe,", "Maß."]


# --- format choice -----------------------------------------------------------------


def test_content_wins_over_a_lying_extension(tmp_path: Path) -> None:
    source = read_document(CORPUS / "en.md")
    for shape in ("docx-auto", "html-ol"):
        _, data = SHAPES[shape](source)
        doc = read_document(write(tmp_path, "en.txt", data))
        assert signature(doc) == signature(source)
    doc = read_document(write(tmp_path, "en.unknown", (CORPUS / "en.md").read_bytes()))
    assert signature(doc) == signature(source)


def test_docx_automatic_numbering_details(tmp_path: Path) -> None:
    """lvlText "%1)", startOverride, continuation, style numbering, sub-levels, headings."""
    data = build_docx(
        paragraphs=[
            ("Überschrift1", None, "ENTSCHLIESSUNG"),
            (None, ("1", 0), "erstens,"),
            (None, None, "Die Versammlung:"),
            (None, ("1", 0), "zweitens,"),
            (None, ("1", 1), "Unterpunkt;"),
            ("ListPara", None, "drittens."),
            ("Heading2", None, "ZWEITE"),
            (None, ("2", 0), "restart at five,"),
            (None, ("2", 0), "six."),
        ],
        numbering="""
          <w:abstractNum w:abstractNumId="7">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
              <w:lvlText w:val="%1)"/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
              <w:lvlText w:val="(%2)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="7"/>
            <w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
        """,
        styles="""
          <w:style w:type="paragraph" w:styleId="Überschrift1">
            <w:name w:val="Überschrift 1"/></w:style>
          <w:style w:type="paragraph" w:styleId="Heading2">
            <w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
          <w:style w:type="paragraph" w:styleId="ListPara">
            <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        """,
    )
    doc = read_document(write(tmp_path, "de.docx", data))
    assert [(p.section, p.number, p.label, p.text, p.line) for p in doc.paragraphs] == [
        ("1", 1, "1)", "erstens,", 2),
        ("1", 2, "2)", "zweitens, (a) Unterpunkt;", 4),
        ("1", 3, "3)", "drittens.", 6),
        ("2", 5, "5)", "restart at five,", 8),
        ("2", 6, "6)", "six.", 9),
    ]
    assert [b.text for b in doc.blocks if b.kind is Kind.HEADING] == ["ENTSCHLIESSUNG", "ZWEITE"]
    assert intros(doc) == ["Die Versammlung:"]


def test_docx_text_features(tmp_path: Path) -> None:
    """Runs, tab after a typed number, breaks, field codes, tracked changes, symbols."""
    runs = [
        ("t", "2."),
        ("tab",),
        ("t", "non"),
        ("noBreakHyphen",),
        ("t", "State "),
        ("br",),
        ("instrText", " PAGE "),
        ("del", "gone"),
        ("ins", "added"),
        ("sym", "00A7"),
    ]
    data = build_docx([(None, None, "1.\tOne,"), (None, None, runs)])
    doc = read_document(write(tmp_path, "en.docx", data))
    assert [(p.number, p.label, p.text) for p in doc.paragraphs] == [
        (1, "1.", "One,"),
        (2, "2.", "non\u2011State added§"),
    ]


def test_html_lists_and_entities(tmp_path: Path) -> None:
    html = """<!DOCTYPE html>
<html><head><title>ignored</title><style>p {}</style><script>var x = "1. no";</script></head>
<body>
<p>AS&nbsp;(14)&nbsp;D&nbsp;F</p>
<h2>R&Eacute;SOLUTION</h2>
<ol start="3">
  <li>Rappelant l&rsquo;Assembl&eacute;e,</li>
  <li>Deux<br>lignes ;
    <ol type="a"><li>sous-point</li></ol>
  </li>
  <li value="7">Sept.</li>
</ol>
<p>L&rsquo;Assemblée parlementaire&nbsp;:</p>
<p><b>8.</b> Huit.</p>
</body></html>
"""
    doc = read_document(write(tmp_path, "fr.html", html))
    assert [(p.number, p.label, p.text, p.line) for p in doc.paragraphs] == [
        (3, "3.", "Rappelant l’Assemblée,", 7),
        (4, "4.", "Deux lignes ; a) sous-point", 8),
        (7, "7.", "Sept.", 11),
        (8, "8.", "Huit.", 14),
    ]
    assert doc.code == "AS (14) D F"
    assert intros(doc) == ["L’Assemblée parlementaire :"]
    assert [b.text for b in doc.blocks if b.kind is Kind.HEADING] == ["RÉSOLUTION"]


def test_docx_without_styles_or_numbering_parts(tmp_path: Path) -> None:
    """Heading style ids and list numbers still count when their definitions are missing."""
    data = build_docx(
        [
            ("Heading2", None, "RESOLUTION ON"),
            (None, ("1", 0), "One,"),
            (None, ("1", 0), "two."),
        ],
        numbering=None,
        styles=None,
    )
    doc = read_document(write(tmp_path, "en.docx", data))
    assert [(p.number, p.label, p.text) for p in doc.paragraphs] == [
        (1, "1.", "One,"),
        (2, "2.", "two."),
    ]
    assert doc.blocks[0] == Block(Kind.HEADING, "RESOLUTION ON", 1, 2)


def test_code_line_with_a_page_number(tmp_path: Path) -> None:
    text = "AS (14) D F    - 1 -\n\nTITRE\n\n1. Un,\n\nAS (14) D F    - 2 -\n\n2. Deux.\n"
    doc = read_text(tmp_path, text, "doc.txt")
    assert doc.code == "AS (14) D F"
    assert doc.lang == "fr"
    assert [p.text for p in doc.paragraphs] == ["Un,", "Deux."]


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>1. Café crème.</p></body>'
    doc = read_document(write(tmp_path, "fr.html", page.encode("cp1252")))
    assert [p.text for p in doc.paragraphs] == ["Café crème."]


@pytest.mark.parametrize(
    "title",
    ["28. Juni bis 2. Juli 2014", "BAKU, 28. JUNI BIS\n2. JULI 2014", "2. JULI 2014"],
)
def test_numbers_in_a_title_are_not_paragraphs(title: str, tmp_path: Path) -> None:
    text = f"AS (14) D G\n\n{title}\n\n## ENTSCHLIESSUNG\n\n1. erstens,\n2. zweitens.\n"
    doc = read_text(tmp_path, text, "doc.md")
    assert signature(doc) == [("1", 1, "erstens,"), ("1", 2, "zweitens.")]


def test_a_document_missing_its_first_paragraphs_keeps_the_rest(tmp_path: Path) -> None:
    doc = read_text(tmp_path, "# TITLE\n\n13. Calls upon,\n14. Also calls.\n", "doc.md")
    assert [p.number for p in doc.paragraphs] == [13, 14]


def test_html_list_without_markers_uses_the_typed_numbers(tmp_path: Path) -> None:
    html = (
        '<html><body><ol style="list-style-type: none">'
        "<li>12. Aware,</li><li>13. Calls upon.</li></ol></body></html>"
    )
    doc = read_document(write(tmp_path, "en.html", html))
    assert [(p.number, p.text) for p in doc.paragraphs] == [(12, "Aware,"), (13, "Calls upon.")]
