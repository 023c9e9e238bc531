"""PO entries of an export (aligner.export.po_entries): msgid, msgstr, fuzzy pairs with
their reasons as translator comments, stale ones with the earlier reference."""

from __future__ import annotations

from aligner.export.po_entries import catalog_entries
from aligner.export.units import Counterpart, Unit
from aligner.findings import Revision


def test_suspect_pairs_are_fuzzy_with_reasons_and_stale_ones_keep_the_old_source() -> None:
    stale = Revision(("1:1",), "Old one.", ())
    units = [
        Unit(
            "1:1",
            "One.",
            3,
            "",
            None,
            {"fr": Counterpart("Un.", ("stale-translation: changed",), stale)},
        ),
        Unit(
            "1:2",
            "Two.",
            4,
            "heading",
            None,
            {"fr": Counterpart("Deux.", ("number-mismatch: 2 lacks\n3",))},
        ),
        Unit("1:3", "Three.", 5, "", None, {"fr": Counterpart(None, ("no fr counterpart",))}),
    ]
    entries = catalog_entries(units, "fr", "doc/en.md", {"1:2": (("doc/fr.md", 4),)})
    assert [(e.context, e.source, e.translation, e.fuzzy) for e in entries] == [
        ("1:1", "One.", "Un.", True),
        ("1:2", "Two.", "Deux.", True),
        ("1:3", "Three.", "", True),
    ]
    first, second, _ = entries
    assert (first.previous_context, first.previous_source, first.notes) == ("1:1", "Old one.", ())
    assert second.notes == ("number-mismatch: 2 lacks 3",) and second.comment == "heading"
    assert (second.file, second.line, second.also) == ("doc/en.md", 4, (("doc/fr.md", 4),))


def test_a_template_has_no_translations() -> None:
    units = [Unit("1:1", "One.", 3, "", None, {"fr": Counterpart("Un.")})]
    [entry] = catalog_entries(units, None, "doc/en.md")
    assert (entry.translation, entry.fuzzy, entry.notes) == ("", False, ())
