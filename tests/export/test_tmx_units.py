"""TMX units of an export (aligner.export.tmx_units): what goes in, what is left out and
why, where each text comes from."""

from __future__ import annotations

from exporting import aligned, document

from aligner.export.tmx_units import bilingual_units, locale_code, multilingual_units
from aligner.export.units import ExportReport, Unit, document_units
from aligner.pipeline import AlignedSet


def _set() -> tuple[AlignedSet, list[Unit]]:
    en = document("en", ["One.", "Two."])
    de = document("de", ["Eins."])  # de 2 missing
    fr = document("fr", ["Un.", "Deux."])
    docs = aligned([en, de, fr])
    return docs, document_units(docs, ["de", "fr"])


def test_bilingual_units_leave_out_a_pair_without_counterpart_and_say_why() -> None:
    docs, units = _set()
    report = ExportReport()
    tus = list(
        bilingual_units(docs, units, "de", include_suspect=True, segment="paragraph", report=report)
    )
    assert [tu.tuid for tu in tus] == ["doc:1:1"]
    assert [v.text for v in tus[0].variants] == ["One.", "Eins."]
    assert dict(tus[0].variants[1].props) == {"x-file": "doc/de.md", "x-line": "1"}
    assert report.warnings == ["left out doc:1:2 (de): no de counterpart"]


def test_multilingual_units_hold_every_usable_language() -> None:
    docs, units = _set()
    report = ExportReport()
    locales = {"fr": "fr-FR"}
    tus = list(
        multilingual_units(
            docs, units, ["de", "fr"], include_suspect=False, report=report, locales=locales
        )
    )
    assert [[v.lang for v in tu.variants] for tu in tus] == [["en", "de", "fr-FR"], ["en", "fr-FR"]]
    assert report.warnings == ["left out doc:1:2 (de): no de counterpart"]


def test_locale_code_falls_back_to_the_language() -> None:
    assert locale_code({"fr": "fr-FR"}, "fr") == "fr-FR"
    assert locale_code(None, "de") == "de"
