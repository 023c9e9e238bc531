"""Readers keep a translation's numbering faults visible: an empty paragraph keeps its number,
swapped, repeated and skipped numbers stay paragraphs, in every input shape."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from shapes import SHAPES, build_docx, documents

from aligner.model import Block, Document, Item, Kind, Paragraph, build_document
from aligner.readers import read_document
from aligner.readers.layout import clean_markdown, join_lines

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "translations" / "baku-2014-child-sex-trafficking"
LANGS = ("en", "fr", "de", "it", "ru", "es")


def numbered(doc: Document) -> list[tuple[int, str]]:
    return [(p.number, p.text) for p in doc.paragraphs]


def signature(doc: Document) -> list[tuple[str, int, str]]:
    return [(p.section, p.number, p.text) for p in doc.paragraphs]


def intros(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is Kind.INTRO]


def read(tmp_path: Path, name: str, data: bytes | str) -> Document:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return read_document(path)


# --- faults -----------------------------------------------------------------------


def _rebuild(doc: Document, items: list[Item]) -> Document:
    return build_document(doc.path, items, lang=doc.lang, code=doc.code)


def _positions(doc: Document) -> list[int]:
    return [k for k, item in enumerate(doc.items) if isinstance(item, Paragraph)]


def empty(doc: Document, n: int) -> Document:
    """Paragraph n keeps its number and loses its text."""
    items = list(doc.items)
    k = _positions(doc)[n - 1]
    items[k] = replace(items[k], text="")
    return _rebuild(doc, items)


def swap(doc: Document, n: int) -> Document:
    """Paragraphs n and n + 1 trade places, numbers and all."""
    items = list(doc.items)
    a, b = _positions(doc)[n - 1 : n + 1]
    items[a], items[b] = items[b], items[a]
    return _rebuild(doc, items)


def duplicate(doc: Document, n: int) -> Document:
    """Paragraph n + 1 is numbered n again."""
    items = list(doc.items)
    k = _positions(doc)[n]
    items[k] = replace(items[k], number=n, label=f"{n}.")
    return _rebuild(doc, items)


def skip(doc: Document, n: int) -> Document:
    """Numbering jumps over n: paragraphs from n on are numbered one higher."""
    items = [
        replace(i, number=i.number + 1, label=f"{i.number + 1}.")
        if isinstance(i, Paragraph) and i.number >= n
        else i
        for i in doc.items
    ]
    return _rebuild(doc, items)


FAULTS = {"empty": empty, "swap": swap, "duplicate": duplicate, "skip": skip}
CASES = [
    ("empty", 1),
    ("empty", 7),
    ("empty", 12),  # just before the introductory line
    ("empty", 20),
    ("swap", 1),
    ("swap", 12),  # around the introductory line
    ("swap", 19),
    ("duplicate", 1),
    ("duplicate", 12),
    ("skip", 7),
]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize(("fault", "n"), CASES, ids=[f"{f}-{n}" for f, n in CASES])
def test_a_fault_in_a_translation_survives_every_shape(
    fault: str, n: int, shape: str, tmp_path: Path
) -> None:
    lang = LANGS[(n + len(shape)) % len(LANGS)]  # every language, in turn
    faulty = FAULTS[fault](read_document(CORPUS / f"{lang}.md"), n)
    suffix, data = SHAPES[shape](faulty)
    doc = read(tmp_path, f"{lang}{suffix}", data)
    assert numbered(doc) == numbered(faulty)
    assert intros(doc) == intros(faulty)


@st.composite
def faulty_documents(draw: st.DrawFn) -> Document:
    """A generated declaration with one fault in one of its sections."""
    doc = draw(documents())
    fault = draw(st.sampled_from(sorted(FAULTS)))
    paragraphs = doc.paragraphs
    k = draw(st.integers(0, len(paragraphs) - 1))
    p = paragraphs[k]
    rest = [q for q in paragraphs[k + 1 :] if q.section == p.section]
    if fault != "empty":
        assume(rest)
    if fault == "swap" and k == 0:
        # A document that opens with "2." needs "1." and then "3." after it (a date in a
        # title, "2. Juli 2014", is not a paragraph).
        assume(len(rest) >= 2)
    items = list(doc.items)
    positions = _positions(doc)
    if fault == "empty":
        items[positions[k]] = replace(p, text="")
    elif fault == "swap":
        items[positions[k]], items[positions[k + 1]] = items[positions[k + 1]], p
    elif fault == "duplicate":
        items[positions[k + 1]] = replace(rest[0], number=p.number, label=p.label)
    else:
        for j, q in enumerate([p, *rest], start=k):
            items[positions[j]] = replace(q, number=q.number + 1, label=f"{q.number + 1}.")
    faulty = _rebuild(doc, items)
    assume([q.section for q in faulty.paragraphs] == [q.section for q in paragraphs])
    return faulty


@pytest.mark.parametrize("shape", sorted(SHAPES))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(doc=faulty_documents())
def test_generated_faults_round_trip_in_every_shape(
    shape: str, doc: Document, tmp_path: Path
) -> None:
    suffix, data = SHAPES[shape](doc)
    back = read(tmp_path, f"doc{suffix}", data)
    assert signature(back) == signature(doc)
    assert intros(back) == intros(doc)


# --- empty paragraphs ------------------------------------------------------------------


def test_an_empty_automatically_numbered_docx_paragraph_keeps_its_number(
    tmp_path: Path,
) -> None:
    data = build_docx(
        [(None, ("1", 0), "One,"), (None, ("1", 0), ""), (None, ("1", 0), "three.")],
        numbering=(
            '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        ),
    )
    doc = read(tmp_path, "en.docx", data)
    assert [(p.number, p.label, p.text, p.line) for p in doc.paragraphs] == [
        (1, "1.", "One,", 1),
        (2, "2.", "", 2),
        (3, "3.", "three.", 3),
    ]


def test_an_empty_html_list_item_keeps_its_number(tmp_path: Path) -> None:
    html = (
        "<html><body><ol start='6'>\n<li>Six,</li>\n<li></li>\n<li> </li>\n"
        "<li><p>Nine,</p></li>\n</ol>\n<p>The Assembly:</p>\n<ol start='10'><li></li></ol>"
        "</body></html>"
    )
    doc = read(tmp_path, "en.html", html)
    assert [(p.number, p.text, p.line) for p in doc.paragraphs] == [
        (6, "Six,", 2),
        (7, "", 3),
        (8, "", 4),
        (9, "Nine,", 5),
        (10, "", 8),
    ]
    assert intros(doc) == ["The Assembly:"]


@pytest.mark.parametrize("name", ["doc.md", "doc.txt"])
def test_a_typed_number_with_nothing_after_it_is_an_empty_paragraph(
    name: str, tmp_path: Path
) -> None:
    text = "# T\n\n1. One,\n2.\n3. Three,\n4. \n\nThe Assembly:\n\n5. Five;\n6.\n"
    doc = read(tmp_path, name, text)
    assert numbered(doc) == [(1, "One,"), (2, ""), (3, "Three,"), (4, ""), (5, "Five;"), (6, "")]
    assert intros(doc) == ["The Assembly:"]


def test_numbers_alone_before_their_text_still_take_it(tmp_path: Path) -> None:
    """In a document written number-alone (PDF extraction), the text below is the text;
    an empty one before the introductory line stays empty."""
    text = (
        "1.\n\nRecalling,\n\n2.\n\nRecognizing that\nthe States,\nThe Assembly:\n\n"
        "3.\n\nShort;\nThe Assembly:\n\n4.\n\nThe Assembly:\n\n5.\n\nUrges.\n"
    )
    doc = read(tmp_path, "doc.txt", text)
    assert numbered(doc) == [
        (1, "Recalling,"),
        (2, "Recognizing that the States,"),
        (3, "Short;"),
        (4, ""),
        (5, "Urges."),
    ]
    assert intros(doc) == ["The Assembly:"] * 3


def test_page_numbers_do_not_make_a_document_number_alone(tmp_path: Path) -> None:
    text = "# T\n\n1. Recalling the resolutions of\n\n2\n\nthe Assembly and art.\n7.\n"
    doc = read(tmp_path, "doc.md", text)
    assert numbered(doc) == [(1, "Recalling the resolutions of the Assembly and art. 7.")]


# --- out-of-sequence numbers -----------------------------------------------------------


@pytest.mark.parametrize("name", ["doc.md", "doc.txt"])
def test_paragraphs_that_open_out_of_order_are_kept(name: str, tmp_path: Path) -> None:
    text = "# RESOLUTION\n\n2. Second,\n1. First,\n3. Third.\n"
    assert [p.number for p in read(tmp_path, name, text).paragraphs] == [2, 1, 3]
    text = "TITLE\n\n3. C,\n\n1. A,\n\n2. B,\n\n4. D.\n"
    assert [p.number for p in read(tmp_path, name, text).paragraphs] == [3, 1, 2, 4]


@pytest.mark.parametrize(
    "title",
    ["4. Juli 2014", "11. Juli 2014", "28. Juni 2014"],
)
def test_a_date_before_the_first_paragraph_is_not_a_paragraph(title: str, tmp_path: Path) -> None:
    paragraphs = "".join(f"{n}. Absatz {n},\n" for n in range(1, 21))
    doc = read(tmp_path, "doc.txt", f"ERKLÄRUNG VON BAKU\n\n{title}\n\n{paragraphs}")
    assert [p.number for p in doc.paragraphs] == list(range(1, 21))
    assert doc.blocks[-1].text == title


def test_numbers_out_of_sequence_after_a_finished_clause_are_paragraphs(tmp_path: Path) -> None:
    text = (
        "1. Recalling the resolutions,\n2. Aware that the\n2013 Addendum calls on\n"
        "12 States;\n4. Repeated four,\n4. Again four;\n3. Three,\n9. Nine.\n"
    )
    doc = read(tmp_path, "doc.txt", text)
    assert [p.number for p in doc.paragraphs] == [1, 2, 4, 4, 3, 9]
    assert doc.paragraphs[1].text == "Aware that the 2013 Addendum calls on 12 States;"


def test_one_numbered_line_after_another_is_a_new_paragraph(tmp_path: Path) -> None:
    """In text whose paragraphs are one line each, a numbered line is a list item even
    after a paragraph that lacks its final punctuation."""
    text = "# T\n\n1. One,\n2. Two without a stop\n4. Four,\n3. Three\n3. Three again.\n"
    doc = read(tmp_path, "doc.md", text)
    assert [p.number for p in doc.paragraphs] == [1, 2, 4, 3, 3]


# --- linear-time building blocks ------------------------------------------------------


def test_join_lines_on_many_parts() -> None:
    parts = ["cyber-", "security", "and", "Reise-", "und"] * 20_000
    joined = join_lines(parts)
    assert joined.startswith("cyber-security and Reise- und cyber-security")
    assert len(joined.split()) == 80_000


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("x **a " * 3 + "b**", "x **a x **a x a b"),
        ("*a* and _b_ and __c__ **d**", "a and b and c d"),
        ("](x) " + "[" * 5 + "[a](b)", "](x) [[[[[a"),
        ("a * b * c", "a * b * c"),
        ("l_OSCE_x and snake_case", "l_OSCE_x and snake_case"),
    ],
)
def test_markdown_cleaning_of_unbalanced_markup(text: str, plain: str) -> None:
    assert clean_markdown(text) == plain


def test_unbalanced_markup_in_a_huge_paragraph_reads(tmp_path: Path) -> None:
    """Stray emphasis and link openers everywhere: read in one pass, text kept."""
    body = "x **a *b _c [d " * 20_000
    doc = read(tmp_path, "en.md", f"# ## T ##{' ' * 5000}x\n\n1. {body}\n2. End.\n")
    assert [p.number for p in doc.paragraphs] == [1, 2]
    assert doc.paragraphs[0].text == body.strip()
    assert doc.blocks[0] == Block(Kind.HEADING, "## T ## x", 1, 1)
