"""Write POT and PO catalogs with polib, wrapped as gettext wraps them.

`render_catalog` turns `CatalogEntry` objects into the text of a POT (no language) or
PO file. Strings are wrapped by `linebreak.po_string_lines`, so `msgmerge` and `msgcat`
rewrite the files byte for byte as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

import polib

from aligner import __version__
from aligner.formats.linebreak import PAGE_WIDTH, po_string_lines
from aligner.model import LANGUAGE_NAMES

_ONE_OTHER = "nplurals=2; plural=(n != 1);"
_SLAVIC_EAST = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
    "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
)
#: gettext's Plural-Forms per language (primary subtag), from the gettext manual.
PLURAL_FORMS: dict[str, str] = {
    **dict.fromkeys(
        ("en", "de", "it", "es", "nl", "sv", "da", "nb", "nn", "no", "fi", "el", "et", "hu"),
        _ONE_OTHER,
    ),
    **dict.fromkeys(("bg", "ca", "eo", "he", "pt", "sq", "tr", "az", "ka", "kk", "mn"), _ONE_OTHER),
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": _SLAVIC_EAST,
    "uk": _SLAVIC_EAST,
    "be": _SLAVIC_EAST,
    "sr": _SLAVIC_EAST,
    "hr": _SLAVIC_EAST,
    "bs": _SLAVIC_EAST,
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sk": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "sl": "nplurals=4; plural=(n%100==1 ? 0 : n%100==2 ? 1 : n%100==3 || n%100==4 ? 2 : 3);",
    "lt": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ),
    "lv": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ga": "nplurals=3; plural=n==1 ? 0 : n==2 ? 1 : 2;",
    **dict.fromkeys(("ja", "ko", "zh", "vi", "th", "id"), "nplurals=1; plural=0;"),
}


def plural_forms(lang: str) -> str | None:
    """The Plural-Forms header value for a language tag, or None when unknown."""
    tag = lang.replace("_", "-").lower()
    if tag in {"pt-br"}:
        return "nplurals=2; plural=(n > 1);"
    return PLURAL_FORMS.get(tag.split("-")[0])


@dataclass(frozen=True)
class CatalogEntry:
    """One message: context, source text, translation and the comments that locate it."""

    context: str
    source: str
    translation: str = ""
    fuzzy: bool = False
    comment: str = ""  # extracted comment (#.)
    file: str = ""  # source reference (#: file:line)
    line: int = 0
    previous_context: str | None = None  # `#| msgctxt` of a fuzzy entry: the key it had
    previous_source: str | None = None  # `#| msgid` of a fuzzy entry: the source it had
    also: tuple[tuple[str, int], ...] = ()  # further references (the versions' file:line)
    notes: tuple[str, ...] = ()  # translator comments (# ...), one line each (a PO only)


#: Wrapped lines already computed, by (keyword, string, prefix, width): one per set of
#: catalogs that share their strings (a document's POT and PO files share every msgid).
WrapMemo = dict[tuple[str, str, str, int], tuple[str, ...]]


class _GettextEntry(polib.POEntry):
    """A polib entry whose strings are wrapped exactly as gettext wraps them."""

    memo: WrapMemo | None = None

    def _str_field(
        self,
        fieldname: str,
        delflag: str,
        plural_index: str,
        field: str,
        wrapwidth: int = PAGE_WIDTH,
    ) -> list[str]:
        keyword = fieldname.removeprefix("previous_") + plural_index
        if self.memo is None:
            return list(po_string_lines(keyword, field, prefix=delflag, width=wrapwidth))
        key = (keyword, field, delflag, wrapwidth)
        lines = self.memo.get(key)
        if lines is None:
            lines = self.memo[key] = po_string_lines(keyword, field, delflag, wrapwidth)
        return list(lines)


class _GettextFile(polib.POFile):
    """A polib file whose header entry is wrapped like the other entries."""

    def metadata_as_entry(self) -> polib.POEntry:
        header = super().metadata_as_entry()
        return _GettextEntry(msgid="", msgstr=header.msgstr, flags=list(header.flags))


def render_catalog(
    entries: list[CatalogEntry],
    *,
    project: str,
    lang: str | None,
    date: str,
    title: str = "",
    memo: WrapMemo | None = None,
) -> str:
    """The text of a PO file for `lang`, or of the POT template when `lang` is None.

    `date` is gettext's `YYYY-MM-DD HH:MM+0000`; `title` becomes the first comment line.
    Pass the same `memo` (an empty dict at first) to the catalogs of one document so that
    each string is wrapped once.
    """
    catalog = _GettextFile(wrapwidth=PAGE_WIDTH, check_for_duplicates=False)
    catalog.header = title
    metadata = {
        "Project-Id-Version": project,
        "POT-Creation-Date": date,
        "PO-Revision-Date": date if lang else "YEAR-MO-DA HO:MI+ZONE",
        "Last-Translator": "" if lang else "FULL NAME <EMAIL@ADDRESS>",
        "Language-Team": _language_name(lang) if lang else "LANGUAGE <LL@li.org>",
        "Language": lang or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"aligner {__version__}",
    }
    forms = plural_forms(lang) if lang else None
    if forms:
        metadata["Plural-Forms"] = forms
    catalog.metadata = metadata
    catalog.metadata_is_fuzzy = lang is None
    for item in entries:
        fuzzy = bool(lang and item.fuzzy and item.translation)
        entry = _GettextEntry(
            msgctxt=item.context,
            msgid=item.source,
            msgstr=item.translation if lang else "",
            flags=["fuzzy"] if fuzzy else [],
            comment=item.comment,
            tcomment="\n".join(item.notes) if lang else "",
            occurrences=[
                *([(item.file, str(item.line))] if item.file else []),
                *((file, str(line)) for file, line in item.also),
            ],
            previous_msgctxt=item.previous_context if fuzzy else None,
            previous_msgid=item.previous_source if fuzzy else None,
        )
        entry.memo = memo
        catalog.append(entry)
    return str(catalog)


def _language_name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang.replace("_", "-").split("-")[0].lower(), lang)


def gettext_locale(tag: str) -> str:
    """A BCP 47 tag as gettext spells a locale: `fr-FR` -> `fr_FR`; `fr` and tags with a
    script or more subtags stay as they are."""
    parts = tag.split("-")
    if len(parts) == 2 and len(parts[1]) == 2 and parts[1].isalpha():
        return f"{parts[0].lower()}_{parts[1].upper()}"
    return tag
