"""The configuration entries a review offers per finding: the `[[tool.aligner.suppress]]`
that keeps a deliberate difference, the `[[tool.aligner.pin]]` that fixes a link."""

from __future__ import annotations

import json

from aligner.findings import Finding
from aligner.model import Paragraph
from aligner.reports.review.cells import Cell

#: Rules about a link between paragraphs: the reviser may pin the right link.
_LINK_RULES = frozenset(
    {
        "missing-paragraph",
        "extra-paragraph",
        "merged-paragraphs",
        "split-paragraph",
        "reordered-paragraphs",
        "misnumbered-paragraph",
        "length-mismatch",
        "number-mismatch",
    }
)


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def suggestions(finding: Finding, reference: str, cell: Cell | None) -> tuple[str, ...]:
    """The `[[tool.aligner.suppress]]` entry that keeps `finding` from coming back, and,
    for a finding about a link, the `[[tool.aligner.pin]]` that fixes the link shown (or,
    for a missing paragraph, the link to the version's paragraph of the same number)."""
    lines = ["[[tool.aligner.suppress]]", f"rule = {_toml(finding.rule)}"]
    if finding.document:
        lines.append(f"document = {_toml(finding.document)}")
    if finding.lang:
        lines.append(f"lang = {_toml(finding.lang)}")
    number = finding.paragraph if finding.paragraph is not None else finding.reference_paragraph
    if number is not None:
        lines.append(f"paragraph = {number}")
    if finding.section not in (None, "1"):
        lines.append(f"section = {_toml(finding.section or '')}")
    lines.append('reason = "deliberate: "')
    out = ["\n".join(lines)]
    if cell is not None and finding.rule in _LINK_RULES and finding.lang != reference:
        pin = _pin_for(finding, reference, cell)
        if pin:
            out.append(
                "\n".join(
                    [
                        "[[tool.aligner.pin]]",
                        f"document = {_toml(finding.document)}",
                        f"link = {_toml(pin)}",
                        'reason = "checked by a reviser"',
                    ]
                )
            )
    return tuple(out)


def _pin_for(finding: Finding, reference: str, cell: Cell) -> str | None:
    link = cell.link
    if link is not None and link.kind == "1-1":
        ref, tgt = link.source[0], link.target[0]
        return f"{reference} {_pin_number(ref)} = {finding.lang} {_pin_number(tgt)}"
    if finding.rule == "missing-paragraph" and finding.reference_paragraph is not None:
        section = f"{finding.section}:" if finding.section not in (None, "1") else ""
        n = finding.reference_paragraph
        return f"{reference} {section}{n} = {finding.lang} {section}{n}"
    return None


def _pin_number(p: Paragraph) -> str:
    if not p.sequential:
        return p.ident
    return f"{p.section}:{p.number}" if p.section != "1" else str(p.number)
