"""The entries of a POT or PO catalog made of export `Unit`s: the reference as msgid, a
version's text as msgstr, suspect pairs fuzzy with their reasons, stale ones with the
earlier reference as previous msgid."""

from __future__ import annotations

from collections.abc import Sequence

from aligner.checks.amendments import StaleTranslation
from aligner.export.positions import Positions
from aligner.export.units import Unit
from aligner.formats.po import CatalogEntry
from aligner.reports.common import one_line


def _translator_notes(reasons: Sequence[str]) -> tuple[str, ...]:
    """A suspect pair's reasons as translator comments, one line each; a stale entry's
    change is left to its `#| msgid` (as msgmerge --previous writes it, with no comment)."""
    stale = f"{StaleTranslation.id}: "
    return tuple(one_line(r) for r in reasons if not r.startswith(stale))


def catalog_entries(
    units: Sequence[Unit],
    lang: str | None,
    source_file: str,
    positions: Positions | None = None,
) -> list[CatalogEntry]:
    """PO entries for the units: the reference as msgid, `lang`'s text (if any) as msgstr.

    `#:` gives the reference's file:line, then every version's (`positions`), in the POT
    and in each PO alike: a PO names its own version's line, and msgmerge, which takes
    positions from the POT, changes nothing. A suspect pair's reasons are translator
    comments (`# number-mismatch: ...`), which msgmerge keeps.
    """
    entries = []
    for unit in units:
        cp = unit.counterparts.get(lang) if lang else None
        revision = cp.revision if cp else None
        also = (positions or {}).get(unit.key, ())
        entries.append(
            CatalogEntry(
                context=unit.key,
                source=unit.source,
                translation=(cp.text or "") if cp else "",
                fuzzy=bool(cp and cp.suspect),
                comment=unit.comment,
                file=source_file,
                line=unit.line,
                previous_context=revision.units[0] if revision and revision.units else None,
                previous_source=revision.text if revision and revision.units else None,
                also=also,
                notes=_translator_notes(cp.reasons) if cp else (),
            )
        )
    return entries
