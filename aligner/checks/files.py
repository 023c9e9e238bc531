"""Rules for TMX and PO files someone else produced, run by `aligner validate`.

They live in the one rule registry so `aligner rules` lists them, but they look at a parsed
file (`TmxFile`, `PoFile`) rather than at a document set: their `check` finds nothing, and
`aligner.validate` calls `check_tmx` / `check_po` instead. `tmx-not-well-formed`,
`tmx-structure` and `po-syntax` are reported while parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import polib
from lxml import etree

from aligner.checks.base import Context, Rule, register, rules
from aligner.findings import Finding, Severity
from aligner.xmltree import source_line

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# RFC 5646 (BCP 47) language tag syntax, with the grandfathered tags.
_ALNUM = "[A-Za-z0-9]"
_LANGTAG = (
    r"(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4}|[A-Za-z]{5,8})"  # language, extlang
    r"(?:-[A-Za-z]{4})?"  # script
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-[Xx](?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_GRANDFATHERED = {
    *("en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux"),
    *("i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL"),
    *("sgn-CH-DE", "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka"),
    *("zh-min", "zh-min-nan", "zh-xiang"),
}
_BCP47 = re.compile(rf"(?:{_LANGTAG}|[Xx](?:-{_ALNUM}{{1,8}})+)")
_TMX_DATE = re.compile(r"\d{8}T\d{6}Z")
_DATE_ATTRIBUTES = ("creationdate", "changedate", "lastusagedate")
#: Header attributes TMX 1.4b requires.
HEADER_ATTRIBUTES = (
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
)


def valid_language_tag(tag: str) -> bool:
    """Whether `tag` is a well-formed BCP 47 language tag (RFC 5646 syntax)."""
    return bool(_BCP47.fullmatch(tag)) or tag.lower() in {g.lower() for g in _GRANDFATHERED}


@dataclass(frozen=True)
class TmxFile:
    """A parsed TMX document."""

    path: str
    root: etree._Element

    @property
    def header(self) -> etree._Element | None:
        return self.root.find("header")

    def units(self) -> Iterator[etree._Element]:
        yield from self.root.iterfind("body/tu")


@dataclass(frozen=True)
class PoFile:
    """A parsed PO or POT file."""

    path: str
    catalog: polib.POFile
    template: bool  # a .pot: untranslated entries are expected

    @property
    def lang(self) -> str:
        return self.catalog.metadata.get("Language", "")


class FileRule(Rule):
    """A rule about one TMX or PO file; it finds nothing in document sets."""

    def check(self, context: Context) -> Iterable[Finding]:
        return ()

    @classmethod
    def finding(
        cls, path: str, line: int | None, message: str, *, lang: str = "", column: int = 1
    ) -> Finding:
        """A finding of this rule at `path:line`."""
        return Finding(
            file=path,
            line=line or 1,
            rule=cls.id,
            severity=cls.severity,
            lang=lang,
            message=message,
            column=column,
        )


class TmxRule(FileRule):
    """A rule over a parsed TMX file."""

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        raise NotImplementedError


class PoRule(FileRule):
    """A rule over a parsed PO file."""

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        raise NotImplementedError


# --- TMX ---------------------------------------------------------------------------------


@register
class TmxNotWellFormed(FileRule):
    id = "tmx-not-well-formed"
    severity = Severity.ERROR
    description = "The TMX file is not well-formed XML (or not UTF-8/UTF-16 text)."
    explanation = (
        "CAT tools reject the whole memory (OmegaT silently skips it). The message gives the "
        "parser's first error and its line."
    )
    example = "<seg>Fish & chips</seg>  (an unescaped & breaks the file)"


@register
class TmxStructure(FileRule):
    id = "tmx-structure"
    severity = Severity.ERROR
    description = "The TMX file does not follow the TMX 1.4b DTD (elements, attributes)."
    explanation = (
        "Checked against the normative LISA TMX 1.4b DTD shipped with aligner: <tmx "
        'version="1.4"> with one <header> and one <body>, <tu> holding <tuv> elements '
        "with xml:lang and one <seg> each."
    )
    example = '<tuv lang="fr"><seg>…</seg></tuv>  (xml:lang, not lang)'


@register
class TmxMissingHeaderAttribute(TmxRule):
    id = "tmx-missing-header-attribute"
    severity = Severity.ERROR
    description = "The TMX <header> lacks an attribute TMX 1.4b requires."
    explanation = (
        "Required: " + ", ".join(HEADER_ATTRIBUTES) + ". Without srclang OmegaT skips the file."
    )
    example = '<header creationtool="x" segtype="sentence" .../>  (no srclang)'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        if header is None:
            return
        for name in HEADER_ATTRIBUTES:
            if not (header.get(name) or "").strip():
                yield self.finding(tmx.path, source_line(header), f"<header> has no {name}")


@register
class TmxSrclang(TmxRule):
    id = "tmx-srclang"
    severity = Severity.ERROR
    description = "A <tu> has no <tuv> in the header's srclang (and srclang is not *all*)."
    explanation = "Tools look up the source text of each unit in the srclang variant."
    example = '<header srclang="en" .../> ... <tu><tuv xml:lang="fr">…</tuv></tu>'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        srclang = (header.get("srclang") or "").strip() if header is not None else ""
        if not srclang or srclang == "*all*":
            return
        for tu in tmx.units():
            tu_src = (tu.get("srclang") or srclang).strip()
            if tu_src == "*all*":
                continue
            langs = [(tuv.get(XML_LANG) or "?").lower() for tuv in tu.iterfind("tuv")]
            if tu_src.lower() not in langs:
                has = ", ".join(langs) or "none"
                message = f"<tu{_tuid(tu)}> has no {tu_src} variant (it has {has})"
                yield self.finding(tmx.path, source_line(tu), message)


@register
class TmxLanguageCode(TmxRule):
    id = "tmx-language-code"
    severity = Severity.ERROR
    description = "A language code (srclang, adminlang, xml:lang) is not a valid BCP 47 tag."
    explanation = "TMX 1.4b language codes are RFC 3066/BCP 47 tags such as en, fr-CA, sr-Latn."
    example = '<tuv xml:lang="en_US">  (underscore: write en-US)'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        header = tmx.header
        if header is not None:
            for name in ("srclang", "adminlang"):
                value = header.get(name)
                special = name == "srclang" and value == "*all*"
                if value and not special and not valid_language_tag(value):
                    yield self.finding(
                        tmx.path, source_line(header), f"header {name} {value!r} is not BCP 47"
                    )
        for element in tmx.root.iter("tu", "tuv"):
            name = "srclang" if element.tag == "tu" else XML_LANG
            value = element.get(name)
            if value is None or (element.tag == "tu" and value == "*all*"):
                continue
            if not valid_language_tag(value):
                label = "srclang" if element.tag == "tu" else "xml:lang"
                yield self.finding(
                    tmx.path, source_line(element), f"{label} {value!r} is not a BCP 47 tag"
                )


@register
class TmxCreationDate(TmxRule):
    id = "tmx-creationdate"
    severity = Severity.ERROR
    description = "A TMX date (creationdate, changedate, lastusagedate) is not YYYYMMDDThhmmssZ."
    explanation = "TMX 1.4b dates are ISO 8601 basic format in UTC, e.g. 20140702T120000Z."
    example = '<header creationdate="2014-07-02 12:00" .../>'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for element in tmx.root.iter("header", "tu", "tuv"):
            for name in _DATE_ATTRIBUTES:
                value = element.get(name)
                if value is not None and not _valid_date(value):
                    yield self.finding(
                        tmx.path,
                        source_line(element),
                        f"<{element.tag}> {name} {value!r} is not a YYYYMMDDThhmmssZ date",
                    )


def _valid_date(value: str) -> bool:
    if not _TMX_DATE.fullmatch(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True


def _tuid(tu: etree._Element) -> str:
    tuid = tu.get("tuid")
    return f' tuid="{tuid}"' if tuid is not None else ""


@register
class TmxDuplicateTuid(TmxRule):
    id = "tmx-duplicate-tuid"
    severity = Severity.ERROR
    description = "Two <tu> elements share one tuid."
    explanation = "A tuid identifies one unit; tools that update memories by id lose one of them."
    example = '<tu tuid="doc:1:7">…</tu> <tu tuid="doc:1:7">…</tu>'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        first: dict[str, int] = {}
        for tu in tmx.units():
            tuid = tu.get("tuid")
            if tuid is None:
                continue
            if tuid in first:
                yield self.finding(
                    tmx.path,
                    source_line(tu),
                    f"tuid {tuid!r} is used again (first at line {first[tuid]})",
                )
            else:
                first[tuid] = source_line(tu) or 0


@register
class TmxEmptySeg(TmxRule):
    id = "tmx-empty-seg"
    severity = Severity.WARNING
    description = "A <seg> is empty."
    explanation = "An empty target is inserted as an empty translation (OmegaT does so)."
    example = '<tuv xml:lang="fr"><seg/></tuv>'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for tuv in tmx.root.iter("tuv"):
            seg = tuv.find("seg")
            if seg is not None and not "".join(map(str, seg.itertext())).strip() and len(seg) == 0:
                lang = tuv.get(XML_LANG) or ""
                tu = tuv.getparent()
                where = _tuid(tu) if tu is not None else ""
                yield self.finding(
                    tmx.path, source_line(seg), f"empty {lang} <seg> in <tu{where}>", lang=lang
                )


@register
class TmxUnbalancedTags(TmxRule):
    id = "tmx-unbalanced-tags"
    severity = Severity.ERROR
    description = "A <seg> has a <bpt> without its <ept> (same i), or an <ept> without <bpt>."
    explanation = "Paired inline codes must open and close within one segment."
    example = '<seg><bpt i="1">&lt;b&gt;</bpt>bold</seg>  (no <ept i="1">)'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for seg in tmx.root.iter("seg"):
            open_: dict[str, int] = {}
            for element in seg.iter("bpt", "ept"):
                i = element.get("i", "")
                if element.tag == "bpt":
                    if i in open_:
                        yield self.finding(
                            tmx.path, source_line(element), f'<bpt i="{i}"> opened twice'
                        )
                    open_[i] = source_line(element) or 0
                elif i in open_:
                    del open_[i]
                else:
                    yield self.finding(
                        tmx.path, source_line(element), f'<ept i="{i}"> without a <bpt i="{i}">'
                    )
            for i, line in open_.items():
                yield self.finding(tmx.path, line, f'<bpt i="{i}"> without an <ept i="{i}">')


@register
class TmxSingleVariant(TmxRule):
    id = "tmx-single-variant"
    severity = Severity.WARNING
    description = "A <tu> holds fewer than two <tuv>: it pairs nothing."
    explanation = "A unit with only its source text gives no translation to anyone."
    example = '<tu><tuv xml:lang="en"><seg>…</seg></tuv></tu>'

    def check_tmx(self, tmx: TmxFile) -> Iterable[Finding]:
        for tu in tmx.units():
            count = len(tu.findall("tuv"))
            if count < 2:
                yield self.finding(tmx.path, source_line(tu), f"<tu{_tuid(tu)}> has {count} <tuv>")


# --- PO ----------------------------------------------------------------------------------


def _where(entry: polib.POEntry) -> str:
    context = f"msgctxt {entry.msgctxt!r} " if entry.msgctxt is not None else ""
    text = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:37] + "..."
    return f"{context}msgid {text!r}"


def _entries(po: PoFile) -> Iterator[polib.POEntry]:
    """The live entries (not obsolete, not the header)."""
    yield from (e for e in po.catalog if not e.obsolete and e.msgid != "")


@register
class PoSyntax(FileRule):
    id = "po-syntax"
    severity = Severity.ERROR
    description = "The PO file cannot be parsed (syntax, quoting, keywords or encoding)."
    explanation = "msgfmt refuses the file; the message gives the first error and its line."
    example = 'msgid "unterminated'


@register
class PoDuplicate(PoRule):
    id = "po-duplicate"
    severity = Severity.ERROR
    description = "Two entries share msgctxt and msgid."
    explanation = "msgfmt rejects duplicate messages; merge them or give them different msgctxt."
    example = 'msgctxt "1:7"\nmsgid "Calls upon"\n... twice'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        first: dict[tuple[str | None, str], int] = {}
        for entry in _entries(po):
            key = (entry.msgctxt, entry.msgid)
            if key in first:
                yield self.finding(
                    po.path,
                    entry.linenum,
                    f"{_where(entry)} repeats the entry at line {first[key]}",
                    lang=po.lang,
                )
            else:
                first[key] = entry.linenum or 1


_C_FORMAT = re.compile(
    r"%(?:(\d+)\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGaAcspn%])"
)
_PYTHON_FORMAT = re.compile(
    r"%(?:\(([^)]*)\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])"
)
_BRACE_FORMAT = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")


def _directives(flag: str, text: str) -> list[str]:
    """The format directives of `text` under `flag`: in order, or sorted when they are
    numbered or named (then a translation may reorder them)."""
    if flag == "c-format":
        found = [(m.group(1) or "", m.group(2)) for m in _C_FORMAT.finditer(text)]
    elif flag == "python-format":
        found = [(m.group(1) or "", m.group(2)) for m in _PYTHON_FORMAT.finditer(text)]
    else:
        found = [(m.group(1), "") for m in _BRACE_FORMAT.finditer(text) if m.group(1) is not None]
    keys = [f"{name}:{conversion}" for name, conversion in found if conversion != "%"]
    return sorted(keys) if any(name for name, _ in found) else keys


_FORMAT_FLAGS = ("c-format", "python-format", "python-brace-format")


@register
class PoFormat(PoRule):
    id = "po-format"
    severity = Severity.ERROR
    description = "A format-flagged translation's directives differ from its msgid's."
    explanation = (
        "For entries flagged c-format, python-format or python-brace-format, the translation "
        "must use the same directives (msgfmt --check-format fails otherwise)."
    )
    example = '#, c-format\nmsgid "%d files"\nmsgstr "%s fichiers"'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        for entry in _entries(po):
            flags = [f for f in _FORMAT_FLAGS if f in entry.flags]
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgstr_plural else [entry.msgstr]
            )
            for flag in flags:
                wanted = _directives(flag, entry.msgid)
                for text in translations:
                    if text and _directives(flag, text) != wanted:
                        yield self.finding(
                            po.path,
                            entry.linenum,
                            f"{_where(entry)}: {flag} directives of the translation differ",
                            lang=po.lang,
                        )


@register
class PoNewline(PoRule):
    id = "po-newline"
    severity = Severity.ERROR
    description = "msgid and msgstr do not both begin, or both end, with a newline."
    explanation = "msgfmt -c rejects such entries: the line layout of the message changes."
    example = 'msgid "Hello\\n"\nmsgstr "Bonjour"'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        for entry in _entries(po):
            translations = (
                list(entry.msgstr_plural.values()) if entry.msgstr_plural else [entry.msgstr]
            )
            for text in translations:
                if not text:
                    continue
                for side, test in (("begin", str.startswith), ("end", str.endswith)):
                    if test(entry.msgid, "\n") != test(text, "\n"):
                        yield self.finding(
                            po.path,
                            entry.linenum,
                            f"{_where(entry)}: msgid and msgstr do not both {side} with \\n",
                            lang=po.lang,
                        )


@register
class PoHeader(PoRule):
    id = "po-header"
    severity = Severity.WARNING
    description = "The PO header lacks Language or a UTF-8 charset."
    explanation = "Without them tools guess the language and encoding of the translations."
    example = '"Content-Type: text/plain; charset=CHARSET\\n"'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        meta = po.catalog.metadata
        charset = re.search(r"charset=([\w.-]+)", meta.get("Content-Type", ""))
        if charset is None or charset.group(1).upper().replace("_", "-") not in {"UTF-8", "UTF8"}:
            found = charset.group(1) if charset else "none"
            yield self.finding(po.path, 1, f"charset is {found}, expected UTF-8", lang=po.lang)
        if not po.template and not meta.get("Language", "").strip():
            yield self.finding(po.path, 1, "no Language header")


@register
class PoFuzzy(PoRule):
    id = "po-fuzzy"
    severity = Severity.WARNING
    description = "An entry is marked fuzzy: its translation needs review and is not used."
    explanation = "gettext ignores fuzzy translations; aligner marks pairs its check flagged."
    example = '#, fuzzy\nmsgctxt "1:7"\nmsgid "..."\nmsgstr "..."'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        fuzzy = [e for e in _entries(po) if e.fuzzy]
        total, lang = _count(po), po.lang  # once, not per entry
        for entry in fuzzy:
            yield self.finding(
                po.path,
                entry.linenum,
                f"{_where(entry)} is fuzzy ({len(fuzzy)} fuzzy of {total} entries)",
                lang=lang,
            )


def _count(po: PoFile) -> int:
    return sum(1 for _ in _entries(po))


@register
class PoUntranslated(PoRule):
    id = "po-untranslated"
    severity = Severity.WARNING
    description = "An entry of a PO file (not a POT template) has no translation."
    explanation = "Untranslated entries stay in the source language when the PO is applied."
    example = 'msgctxt "1:7"\nmsgid "..."\nmsgstr ""'

    def check_po(self, po: PoFile) -> Iterable[Finding]:
        if po.template:
            return
        empty = [e for e in _entries(po) if not e.translated() and not e.fuzzy]
        total, lang = _count(po), po.lang  # once, not per entry
        for entry in empty:
            yield self.finding(
                po.path,
                entry.linenum,
                f"{_where(entry)} is untranslated ({len(empty)} untranslated of {total})",
                lang=lang,
            )


def tmx_rules() -> list[TmxRule]:
    """An instance of every registered TMX rule."""
    return [r() for r in rules() if issubclass(r, TmxRule)]


def po_rules() -> list[PoRule]:
    """An instance of every registered PO rule."""
    return [r() for r in rules() if issubclass(r, PoRule)]


__all__ = [
    "HEADER_ATTRIBUTES",
    "FileRule",
    "PoFile",
    "PoRule",
    "TmxFile",
    "TmxRule",
    "po_rules",
    "tmx_rules",
    "valid_language_tag",
]
