"""Anchors and ids of a review: the units findings and rows are about, as people cite them
and as HTML ids name them (stable across runs; SARIF links use them too)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from aligner.findings import Finding
from aligner.model import Document, Paragraph

_ID_SAFE = re.compile(r"[^A-Za-z0-9.\-]")


def _escape(part: str) -> str:
    """`part` with every character but ASCII letters, digits, '.' and '-' as `_<hex>_`."""
    return _ID_SAFE.sub(lambda m: f"_{ord(m.group(0)):x}_", part) or "_"


def unit_of(finding: Finding) -> str:
    """The unit a finding is about, as its anchor names it: the reference paragraph
    (`7`, or `2.7` in section 2), else `x` and the version's own number, else `doc`."""
    number = finding.reference_paragraph
    prefix = "" if number is not None else "x"
    if number is None:
        number = finding.paragraph
    if number is None:
        return "doc"
    section = f"{finding.section}." if finding.section not in (None, "1") else ""
    return f"{prefix}{section}{number}"


def finding_anchor(finding: Finding) -> str:
    """The HTML id of a finding in the review report: `f-<doc>-<lang>-<unit>-<rule>`.

    Parts are escaped (see `_escape`); a second finding with the same id gets `-2`, a
    third `-3` (in the order of the sorted findings).
    """
    parts = (finding.document, finding.lang, unit_of(finding), finding.rule)
    return "f-" + "-".join(_escape(p) for p in parts)


def finding_anchors(findings: Iterable[Finding]) -> dict[Finding, str]:
    """The HTML id of each finding, numbered as the review page numbers repeats (`-2`,
    `-3` in the order it lists findings); SARIF links use it too."""
    ids: Counter[str] = Counter()
    out = {}
    for f in sorted(findings, key=review_order):
        anchor = finding_anchor(f)
        ids[anchor] += 1
        out[f] = anchor if ids[anchor] == 1 else f"{anchor}-{ids[anchor]}"
    return out


def row_anchor(document: str, unit: str) -> str:
    """The HTML id of a row: `u-<doc>-<unit>`."""
    return f"u-{_escape(document)}-{_escape(unit)}"


def unit_id(paragraph: Paragraph, doc: Document) -> str:
    """A paragraph's number as people cite it: "7", or "2.7" when numbering has sections;
    its id when not a plain number ("3.4", "¶12")."""
    if not paragraph.sequential:
        return paragraph.ident
    if len(doc.sections) > 1:
        return f"{paragraph.section}.{paragraph.number}"
    return str(paragraph.number)


def review_order(f: Finding) -> tuple[str, str, int, int, str, str]:
    """The order a review lists findings in (and numbers repeated anchors by)."""
    return (f.lang, f.file, f.line, f.column, f.rule, f.message)
