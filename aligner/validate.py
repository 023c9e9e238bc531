"""Validate TMX and PO files that someone else produced, as `Finding`s in a check `Result`.

A file is TMX when its XML root is <tmx> (a `.tmx` or `.xml` name is not enough) and PO when
it holds a `msgid` line and no NUL byte (a `.po`/`.pot` name is not enough either); anything
else, an empty file, a file that cannot be read or a folder without TMX/PO files is an
`unreadable` finding (exit status 2), while the other files are still validated.

Each file is parsed safely (lxml without entities, DTD loading or network; polib plus a
strict line check, since polib skips some syntax errors), checked against the TMX 1.4b DTD
shipped in `aligner/data/tmx/`, then run through the file rules of `aligner.checks.tmx` and
`aligner.checks.po`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

import polib
from lxml import etree

from aligner.atomic import display, note_input
from aligner.checks.base import select_rules
from aligner.checks.po import PoFile, PoSyntax, po_rules
from aligner.checks.reading import Unreadable
from aligner.checks.tmx import (
    HEADER_ATTRIBUTES,
    XML_LANG,
    TmxFile,
    TmxNotWellFormed,
    TmxStructure,
    tmx_rules,
)
from aligner.errors import InputError
from aligner.findings import Finding, Result
from aligner.model import Document, DocumentSet, document_name
from aligner.readers.source import read_bytes
from aligner.scan import walk
from aligner.xmltree import hardened_parser, hardened_pull_parser, source_line

#: Names of TMX files; in folders a `.xml` file counts only when its root is <tmx>.
TMX_SUFFIXES = (".tmx", ".xml")
#: Names of PO files.
PO_SUFFIXES = (".po", ".pot")
#: File name endings `validate` takes from folders without looking inside.
SUFFIXES = (".tmx", *PO_SUFFIXES)
#: Bytes read at a time when looking for the root element.
SNIFF_CHUNK = 1 << 16

_KEYWORD = re.compile(r'(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
_STRING = re.compile(r'"(?:[^"\\]|\\(?:[abfnrtv"\\?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"\s*')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_MSGID_LINE = re.compile(rb'^[ \t]*(?:#~[ \t]*)?msgid[ \t]+"', re.MULTILINE)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_BOMS += ((codecs.BOM_UTF16_BE, "utf-16-be"),)


@cache
def tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped with aligner."""
    resource = resources.files("aligner") / "data" / "tmx" / "tmx14.dtd"
    with resources.as_file(resource) as path:
        return etree.DTD(str(path))


def _parser() -> etree.XMLParser:
    return hardened_parser()


def root_tag(data: bytes) -> str | None:
    """The tag of the root element of XML `data`, or None when no element starts.

    Parsing stops at the root's start tag and never expands entities or loads anything, so
    hostile or huge input costs at most a chunk or two.
    """
    parser = hardened_pull_parser()
    try:
        for start in range(0, len(data), SNIFF_CHUNK):
            parser.feed(data[start : start + SNIFF_CHUNK])
            if (tag := _first_tag(parser)) is not None:
                return tag
    except etree.XMLSyntaxError:  # events before the error are still there
        return _first_tag(parser)
    return None


def _first_tag(parser: etree.XMLPullParser) -> str | None:
    return next(
        (str(e.tag) for _, e in parser.read_events() if isinstance(e, etree._Element)), None
    )  # "start" events carry elements only


def _blank(data: bytes) -> bool:
    """Whether `data` holds nothing but a byte order mark and white space."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return not data[len(bom) :].decode(encoding, errors="replace").strip()
    return not data.strip()


def classify(path: str, data: bytes) -> tuple[str | None, str]:
    """("tmx" or "po", "") for a file `validate` can check, else (None, why it cannot)."""
    if _blank(data):
        return None, "empty file"
    tag = root_tag(data)
    if tag == "tmx":
        return "tmx", ""
    if tag is None and b"\0" not in data and _MSGID_LINE.search(data):
        return "po", ""
    suffix = Path(path).suffix.lower()
    kind = "TMX" if suffix in TMX_SUFFIXES else "PO" if suffix in PO_SUFFIXES else "TMX or PO"
    if tag is not None:
        why = f"its XML root is <{tag}>, not <tmx>"
    elif b"\0" in data:
        why = "binary data"
    else:
        why = {"TMX": "no XML root element", "PO": "no msgid line"}.get(
            kind, "no <tmx> root and no msgid line"
        )
    return None, f"not a {kind} file: {why}"


def parse_tmx(path: str, data: bytes) -> tuple[TmxFile | None, list[Finding]]:
    """Parse and structurally validate a TMX file."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        message = exc.msg or "not well-formed XML"
        return None, [TmxNotWellFormed.finding(path, exc.lineno, message)]
    if root.tag != "tmx":
        return None, [
            TmxStructure.finding(path, source_line(root), f"root is <{root.tag}>, not <tmx>")
        ]
    findings = []
    if root.get("version") not in ("1.4", "1.4b"):
        findings.append(
            TmxStructure.finding(
                path, source_line(root), f"version is {root.get('version')!r}, not 1.4"
            )
        )
    for tuv in root.iter("tuv"):
        if tuv.get(XML_LANG) is None:
            other = " (lang= is TMX 1.1; 1.4 uses xml:lang)" if tuv.get("lang") else ""
            findings.append(
                TmxStructure.finding(path, source_line(tuv), f"<tuv> without xml:lang{other}")
            )
    for entity in root.iter(etree.Entity):
        findings.append(
            TmxStructure.finding(
                path,
                source_line(entity),
                f"entity reference {entity.text} (entities are not expanded)",
            )
        )
    dtd = tmx_dtd()
    dtd.validate(root)
    for error in dtd.error_log:  # type: ignore[attr-defined]  # lxml-stubs: not iterable  # warnings too: xmllint only warns about some real faults
        covered = "has no prefix" in error.message or any(
            f"does not carry attribute {name}" in error.message for name in HEADER_ATTRIBUTES
        )
        if not covered:
            findings.append(TmxStructure.finding(path, error.line, error.message))
    return TmxFile(path, root), findings


def _decode(path: str, data: bytes) -> tuple[str | None, list[Finding]]:
    match = _CHARSET.search(data)
    charset = match.group(1).decode("ascii") if match else "UTF-8"
    try:
        text_encoding = codecs.lookup(charset)._is_text_encoding
    except LookupError:
        text_encoding = False
    if not text_encoding:  # unknown, or a codec like rot13 that is not a text encoding
        if charset.upper() != "CHARSET":  # the POT placeholder
            return None, [PoSyntax.finding(path, 1, f"unknown charset {charset!r}")]
        charset = "UTF-8"
    try:
        return data.decode(charset).removeprefix("\ufeff"), []
    except (UnicodeDecodeError, LookupError) as exc:
        if not isinstance(exc, UnicodeDecodeError):
            return None, [PoSyntax.finding(path, 1, f"unknown charset {charset!r}")]
        line = data[: exc.start].count(b"\n") + 1
        return None, [PoSyntax.finding(path, line, f"invalid {charset} byte sequence")]


def _syntax_errors(path: str, text: str) -> Iterable[Finding]:
    """Lines that are not comments, keyword strings or continuation strings."""
    in_message = False
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            in_message = False
            continue
        if line.startswith("#") and (not line.startswith("#~") or line.startswith("#~|")):
            continue
        body = line
        if m := _KEYWORD.match(line):
            body, in_message = m.group(2), True
        elif line.startswith("#~"):
            body = line[2:].strip()
        if not body.startswith('"') or not in_message or not _STRING.fullmatch(body):
            what = "string" if body.startswith('"') else "line"
            yield PoSyntax.finding(path, n, f"malformed {what}: {line[:60]}")
            return


def parse_po(path: str, data: bytes) -> tuple[PoFile | None, list[Finding]]:
    """Parse a PO or POT file with polib after a strict line-level syntax check."""
    text, findings = _decode(path, data)
    if text is None:
        return None, findings
    errors = list(_syntax_errors(path, text))
    if errors:
        return None, errors
    try:
        catalog = polib.pofile(po_text(text), wrapwidth=0)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(line \d+\)", "", message).replace(" po file ", " ").strip(": ")
        return None, [PoSyntax.finding(path, line, message or "not a PO file")]
    return PoFile(path, catalog, path.endswith(".pot")), findings


def files_under(paths: Iterable[str | Path]) -> tuple[list[str], list[Finding]]:
    """The files to validate: those named, and TMX/PO files inside named folders; with
    `unreadable` findings for missing paths and folders holding no TMX or PO file."""
    out: list[str] = []
    findings = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            try:
                walked = walk(p, hidden=True)
            except InputError as exc:
                findings.append(Unreadable.finding(exc.file or display(p), exc.message))
                continue
            found = sorted(str(f) for _, files in walked.folders for f in files if _wanted(f))
            findings += [Unreadable.finding(path, why) for path, why in walked.skipped]
            if not found:
                findings.append(Unreadable.finding(display(p), "no TMX or PO file in this folder"))
            for path in found:
                note_input(path)
            out += found
        elif p.exists() or p.is_symlink():
            out.append(str(p))
        else:
            findings.append(Unreadable.finding(display(p), "no such file or directory"))
    return out, findings


def _wanted(path: Path) -> bool:
    """Whether a file found in a folder is validated: a .tmx/.po/.pot name, or a .xml
    file whose root is <tmx> (a file that cannot be read is kept, to be reported)."""
    name = path.name.lower()
    if name.endswith(SUFFIXES):
        return True
    if not name.endswith(".xml"):
        return False
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as f:
            return stat.S_ISREG(os.fstat(fd).st_mode) and root_tag(f.read(SNIFF_CHUNK)) == "tmx"
    except OSError:
        return True


def po_text(text: str) -> str:
    """PO text that polib cannot take for a file name (it opens a string naming a file)."""
    while _is_file(text):
        text += "\n"
    return text


def _is_file(text: str) -> bool:
    try:
        return "\0" not in text and len(text) < 4096 and os.path.isfile(text)
    except (OSError, ValueError):
        return False


def validate_file(path: str) -> tuple[str, list[Finding]]:
    """The language (PO `Language`, TMX srclang) and the findings of one file."""
    try:
        data = read_bytes(path)
    except InputError as exc:
        return "", [Unreadable.finding(display(path), exc.message)]
    kind, why = classify(path, data)
    if kind is None:
        return "", [Unreadable.finding(path, why)]
    if kind == "tmx":
        tmx, findings = parse_tmx(path, data)
        if tmx is None:
            return "", findings
        findings += [f for rule in tmx_rules() for f in rule.check_tmx(tmx)]
        header = tmx.header
        return (header.get("srclang") or "") if header is not None else "", findings
    po, findings = parse_po(path, data)
    if po is None:
        return "", findings
    findings += [f for rule in po_rules() for f in rule.check_po(po)]
    return po.lang, findings


def _shown(finding: Finding) -> Finding:
    """The finding with its file name as shown (escaped when not printable UTF-8)."""
    shown = display(finding.file)
    return finding if shown == finding.file else replace(finding, file=shown)


def validate(
    paths: Iterable[str | Path],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> Result:
    """Validate every TMX and PO file under `paths`; an empty reference, one set per file.

    Only findings of the rules in `select` (default all) and not in `ignore` are kept, as in
    `check`; `unreadable` is always kept. Raise `UsageError` for an unknown rule id.
    """
    kept = {rule.id for rule in select_rules(select, ignore)}
    files, findings = files_under(paths)
    sets = []
    for path in files:
        lang, found = validate_file(path)
        findings += found
        shown = display(path)
        doc = Document(path=shown, lang=lang or None, code=None, items=())
        sets.append(DocumentSet(document_name(shown), (doc,)))
    findings = [_shown(f) for f in findings if f.rule in kept or f.unread]
    return Result("", tuple(sets), tuple(sorted(set(findings))))
