"""Rules about a version as a whole: its document code, and versions that hold nothing
to check."""

from __future__ import annotations

from collections.abc import Iterable

from aligner.checks.base import Context, SetRule, register
from aligner.findings import Finding, Severity
from aligner.model import CODE_LETTERS, LANGUAGES, Kind
from aligner.text.code import parse_code


@register("document-code-mismatch", Severity.WARNING)
class DocumentCodeMismatch(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        ref = context.reference
        ref_code = parse_code(ref.code)
        for doc in context.documents.versions:
            parsed = parse_code(doc.code)
            if parsed is None:
                continue
            session, letter = parsed
            line = next((b.line for b in doc.blocks if b.kind is Kind.CODE), 1)
            lang = CODE_LETTERS.get(letter)
            if doc.lang in LANGUAGES and lang != doc.lang:
                meaning = f"{letter} means {lang}" if lang else f"{letter} is no language letter"
                message = f"document code of {doc.lang} is {doc.code}: {meaning}, not {doc.lang}"
                yield self.finding(doc, line, message)
            if ref_code is not None and doc is not ref and session != ref_code[0]:
                message = (
                    f"document code of {doc.lang} names session {session}, "
                    f"{ref.lang} names session {ref_code[0]}"
                )
                yield self.finding(doc, line, message)


@register("no-units", Severity.ERROR)
class NoUnits(SetRule):
    def check(self, context: Context) -> Iterable[Finding]:
        for doc in context.documents.versions:
            if doc.paragraphs:
                continue
            kinds = sorted({str(b.kind) for b in doc.blocks})
            found = f"only {', '.join(kinds)} text" if kinds else "no text"
            message = f"no paragraph could be read in {doc.lang} ({found}): nothing was compared"
            yield self.finding(doc, 1, message)
