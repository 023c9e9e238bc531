"""Assembly of pieces into items (aligner.readers.assemble, pieces, unit, headings)."""

from __future__ import annotations

from aligner.model import Block, Kind, Paragraph
from aligner.readers.assemble import assemble
from aligner.readers.headings import infer_headings
from aligner.readers.labels import parse_label
from aligner.readers.pieces import Mode, Piece
from aligner.readers.unit import OpenUnit, opens_child


def _pieces(*lines: str) -> list[Piece]:
    return [Piece(text, k + 1, 1 if not text[:1].isdigit() else 0) for k, text in enumerate(lines)]


def test_labels_given_or_parsed_assemble_alike() -> None:
    pieces = _pieces("TITLE", "1. Recalling,", "2. Noting", "that it rains,", "3. Calls.")
    given = [parse_label(p.text) for p in pieces]
    assert assemble(pieces, Mode.WRAPPED, labels=given) == assemble(pieces, Mode.WRAPPED)
    items = assemble(pieces, Mode.WRAPPED)
    assert [i.text for i in items if isinstance(i, Paragraph)] == [
        "Recalling,",
        "Noting that it rains,",
        "Calls.",
    ]


def test_a_wrapped_paragraph_records_where_its_lines_begin() -> None:
    pieces = [Piece("1. Recalling the", 4), Piece("resolutions,", 5), Piece("2. Noting.", 6)]
    first = assemble(pieces, Mode.WRAPPED)[0]
    assert isinstance(first, Paragraph)
    assert first.wraps == ((2, 5),)
    assert first.line_at(len("Recalling the r")) == 5


def test_open_unit() -> None:
    unit = OpenUnit(3, ["1. Introduction"], 1, "1.", lines=[3])
    assert unit.text == "1. Introduction"
    assert unit.ends_clause is False
    assert unit.wraps() == ()
    unit.add("goes on.", 4)
    assert unit.ends_clause is True
    assert unit.wraps() == ((2, 4),)
    title = OpenUnit(1, ["Introduction"], 1, "1.", lines=[1])
    child = parse_label("1.1 First")
    assert child is not None and opens_child(child, title)


def test_infer_headings() -> None:
    items = [
        Block(Kind.TEXT, "AS (14) D E", 1),
        Block(Kind.TEXT, "DECLARATION", 2),
        Block(Kind.TEXT, "CHAPTER I", 3),
        Paragraph("", 1, "1.", "Text.", 4),
        Block(Kind.TEXT, "Short title", 5),
        Paragraph("", 1, "1.", "Text.", 6),
    ]
    kinds = [i.kind for i in infer_headings(items, wrapped=False) if isinstance(i, Block)]
    assert kinds == [Kind.TEXT, Kind.TEXT, Kind.HEADING, Kind.HEADING]
    wrapped = [i.kind for i in infer_headings(items, wrapped=True) if isinstance(i, Block)]
    assert wrapped == [Kind.TEXT, Kind.TEXT, Kind.HEADING, Kind.TEXT]


def _paragraphs(pieces: list[Piece], mode: Mode = Mode.WRAPPED) -> list[tuple[int | None, str]]:
    return [(i.number, i.text) for i in assemble(pieces, mode) if isinstance(i, Paragraph)]


def test_a_number_after_a_sign_that_stands_before_numbers_is_that_number() -> None:
    # hard-wrapped right after "art." or "n°": the next line's "7." is the article's number
    for sign in ("art.", "No.", "n°", "№", "para."):
        pieces = [
            Piece(f"1. Recalls {sign}", 1),
            Piece("7. of the Charter;", 2),
            Piece("2. Calls on States.", 3),
        ]
        assert _paragraphs(pieces) == [
            (1, f"Recalls {sign} 7. of the Charter;"),
            (2, "Calls on States."),
        ], sign
    # across a page break too
    pieces = [Piece("1. Recalls art.", 1), Piece("7. of the Charter;", 4, 2), Piece("2. Calls.", 5)]
    assert _paragraphs(pieces) == [(1, "Recalls art. 7. of the Charter;"), (2, "Calls.")]


def test_after_such_a_sign_the_next_number_in_sequence_still_opens_its_paragraph() -> None:
    pieces = [Piece("1. Recalls art.", 1), Piece("2. Calls on States.", 2), Piece("3. Ends.", 3)]
    assert [n for n, _ in _paragraphs(pieces)] == [1, 2, 3]
    # a blank line ends the paragraph whatever its last word
    pieces = [Piece("1. Recalls No.", 1), Piece("3. Calls.", 3, 1), Piece("4. Ends.", 4)]
    assert [n for n, _ in _paragraphs(pieces)] == [1, 3, 4]
