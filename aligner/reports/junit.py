"""JUnit XML report: one testcase per document × language version, built with lxml.

Each testcase names its `file` (and the `line` of its first finding); a `<failure>` lists
every finding at or above `fail_on`, and every finding below it (warnings, by default) is
a line of `<system-err>`, which CI servers show beside the case, not hidden in its output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from lxml import etree

from aligner.findings import Finding, Result, Severity
from aligner.model import document_name
from aligner.reports.common import sorted_findings
from aligner.reports.text import format_finding

# Characters XML 1.0 does not allow, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


@dataclass
class _Case:
    document: str
    lang: str
    file: str
    findings: list[Finding] = field(default_factory=list)


def _cases(result: Result) -> list[_Case]:
    """A case per version in document order, then one per other file a finding names."""
    cases: list[_Case] = []
    by_file: dict[str, _Case] = {}
    for docset in result.documents:
        for doc in docset.versions:
            case = _Case(docset.name, doc.lang or "", doc.path)
            cases.append(case)
            by_file.setdefault(doc.path, case)
    for f in sorted_findings(result):
        known = by_file.get(f.file)
        if known is None:
            known = _Case(f.document or document_name(f.file), f.lang, f.file)
            cases.append(known)
            by_file[f.file] = known
        known.findings.append(f)
    return cases


def _names(cases: list[_Case]) -> list[str]:
    """Unique names within one document: the language, else the file name, else the path."""
    names = [c.lang or PurePath(c.file).name for c in cases]
    for pick in (lambda c: PurePath(c.file).name, lambda c: c.file):
        counts = Counter(names)
        names = [pick(c) if counts[n] > 1 else n for c, n in zip(cases, names, strict=True)]
    counts, seen = Counter(names), Counter[str]()
    unique = []
    for n in names:
        seen[n] += 1
        unique.append(f"{n} #{seen[n]}" if counts[n] > 1 else n)
    return unique


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def junit_tree(result: Result, *, fail_on: Severity | None = Severity.ERROR) -> etree._Element:
    """The `<testsuites>` element; a case fails when a finding is at or above `fail_on`."""
    cases = _cases(result)
    documents = list(dict.fromkeys(c.document for c in cases))
    root = etree.Element("testsuites", name="aligner")
    total_tests = total_failures = 0
    for document in documents:
        doc_cases = [c for c in cases if c.document == document]
        suite = etree.SubElement(root, "testsuite", name=_xml_text(document))
        failures = 0
        for case, name in zip(doc_cases, _names(doc_cases), strict=True):
            element = etree.SubElement(
                suite,
                "testcase",
                classname=_xml_text(document),
                name=_xml_text(name),
                time="0",
                file=_xml_text(case.file),
            )
            lines = [f.line for f in case.findings if f.line >= 1]
            if lines:
                element.set("line", str(min(lines)))
            failing = [f for f in case.findings if fail_on is not None and f.severity >= fail_on]
            passing = [f for f in case.findings if fail_on is None or f.severity < fail_on]
            if failing:
                failures += 1
                worst = max(f.severity for f in failing)
                counts = Counter(f.severity for f in failing)
                summary = ", ".join(
                    _plural(counts[s], str(s)) for s in sorted(counts, reverse=True)
                )
                message = _xml_text(f"{summary} in {case.file}")
                failure = etree.SubElement(element, "failure", message=message, type=str(worst))
                failure.text = _xml_text("\n".join(format_finding(f) for f in failing) + "\n")
            if passing:
                err = etree.SubElement(element, "system-err")
                err.text = _xml_text("\n".join(format_finding(f) for f in passing) + "\n")
        suite.set("tests", str(len(doc_cases)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        total_tests += len(doc_cases)
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    root.set("time", "0")
    return root


def render_junit(result: Result, *, fail_on: Severity | None = Severity.ERROR) -> str:
    tree = junit_tree(result, fail_on=fail_on)
    return etree.tostring(tree, encoding="UTF-8", xml_declaration=True, pretty_print=True).decode()
