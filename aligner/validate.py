"""Validate TMX and PO files that someone else produced, as `Finding`s in a check `Result`.

Each file is parsed safely (lxml without entities, DTD loading or network; polib plus a
strict line check, since polib skips some syntax errors), checked against the TMX 1.4b DTD
shipped in `aligner/data/tmx/`, then run through the file rules of `aligner.checks.files`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

import polib
from lxml import etree

from aligner.checks.base import Finding, Result, Severity
from aligner.checks.files import (
    HEADER_ATTRIBUTES,
    XML_LANG,
    PoFile,
    PoSyntax,
    TmxFile,
    TmxNotWellFormed,
    TmxStructure,
    po_rules,
    tmx_rules,
)
from aligner.model import Document, DocumentSet, document_name

#: File name endings `validate` recognizes when searching folders.
SUFFIXES = (".tmx", ".po", ".pot")

_KEYWORD = re.compile(r'(?:#~\s*)?(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$')
_STRING = re.compile(r'"(?:[^"\\]|\\(?:[abfnrtv"\\?\']|[0-7]{1,3}|x[0-9A-Fa-f]+))*"\s*')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def _unreadable(path: str, message: str) -> Finding:
    return Finding(path, 1, "unreadable", Severity.ERROR, "", message)


@cache
def tmx_dtd() -> etree.DTD:
    """The TMX 1.4b DTD shipped with aligner."""
    resource = resources.files("aligner") / "data" / "tmx" / "tmx14.dtd"
    with resources.as_file(resource) as path:
        return etree.DTD(str(path))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_tmx(path: str, data: bytes) -> tuple[TmxFile | None, list[Finding]]:
    """Parse and structurally validate a TMX file."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        message = exc.msg or "not well-formed XML"
        return None, [TmxNotWellFormed.finding(path, exc.lineno, message)]
    if root.tag != "tmx":
        return None, [
            TmxStructure.finding(path, root.sourceline, f"root is <{root.tag}>, not <tmx>")
        ]
    findings = []
    if root.get("version") not in ("1.4", "1.4b"):
        findings.append(
            TmxStructure.finding(
                path, root.sourceline, f"version is {root.get('version')!r}, not 1.4"
            )
        )
    for tuv in root.iter("tuv"):
        if tuv.get(XML_LANG) is None:
            other = " (lang= is TMX 1.1; 1.4 uses xml:lang)" if tuv.get("lang") else ""
            findings.append(
                TmxStructure.finding(path, tuv.sourceline, f"<tuv> without xml:lang{other}")
            )
    for entity in root.iter(etree.Entity):
        findings.append(
            TmxStructure.finding(
                path,
                entity.sourceline,
                f"entity reference {entity.text} (entities are not expanded)",
            )
        )
    dtd = tmx_dtd()
    dtd.validate(root)
    for error in dtd.error_log:  # warnings too: xmllint only warns about some real faults
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
        codecs.lookup(charset)
    except LookupError:
        if charset.upper() != "CHARSET":  # the POT placeholder
            return None, [PoSyntax.finding(path, 1, f"unknown charset {charset!r}")]
        charset = "UTF-8"
    try:
        return data.decode(charset).removeprefix("\ufeff"), []
    except UnicodeDecodeError as exc:
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
        catalog = polib.pofile(text, wrapwidth=0)
    except (OSError, ValueError) as exc:
        message = str(exc)
        match = re.search(r"\(line (\d+)\)", message)
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(line \d+\)", "", message).replace(" po file ", " ").strip(": ")
        return None, [PoSyntax.finding(path, line, message or "not a PO file")]
    return PoFile(path, catalog, path.endswith(".pot")), findings


def files_under(paths: Iterable[str | Path]) -> tuple[list[str], list[Finding]]:
    """The files to validate: those named, and TMX/PO files inside named folders."""
    out: list[str] = []
    missing = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(str(f) for f in p.rglob("*") if f.is_file() and f.name.endswith(SUFFIXES))
        elif p.exists():
            out.append(str(p))
        else:
            missing.append(_unreadable(str(p), "no such file or directory"))
    return out, missing


def validate_file(path: str) -> tuple[str, list[Finding]]:
    """The language (PO `Language`, TMX srclang) and the findings of one file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return "", [_unreadable(path, f"cannot read: {exc.strerror or exc}")]
    is_tmx = path.lower().endswith(".tmx") or (
        not path.lower().endswith((".po", ".pot")) and data.lstrip()[:1] == b"<"
    )
    if is_tmx:
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


def validate(paths: Iterable[str | Path]) -> Result:
    """Validate every TMX and PO file under `paths`; an empty reference, one set per file."""
    files, findings = files_under(paths)
    sets = []
    for path in files:
        lang, found = validate_file(path)
        findings += found
        doc = Document(path=path, lang=lang or None, code=None, items=())
        sets.append(DocumentSet(document_name(path), (doc,)))
    return Result("", tuple(sets), tuple(sorted(set(findings))))


def validation_status(result: Result, fail_on: Severity | None) -> int:
    """Exit status as `check` gives it: 2 if a file was unreadable, 1 if a finding is at or
    above `fail_on` (None: never), else 0."""
    if any(f.rule == "unreadable" for f in result.findings):
        return 2
    if fail_on is not None and any(f.severity >= fail_on for f in result.findings):
        return 1
    return 0
