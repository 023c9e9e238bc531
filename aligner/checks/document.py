"""Rules about a file as a whole: its document code, and files that could not be
read or hold nothing to check."""

from __future__ import annotations

import re
from collections.abc import Iterable

from aligner.checks.base import Context, Rule, register
from aligner.checks.context import finding
from aligner.findings import Finding, Severity
from aligner.model import (
    CODE_LETTERS,
    LANGUAGES,
    Kind,
)

_CODE = re.compile(r"AS\s*\(\s*(\d{1,3})\s*\)\s*D\s*([A-Z])(?![A-Za-z])")
_LOOKALIKES = str.maketrans({"А": "A", "В": "B", "Е": "E", "С": "C", "Д": "D", "Ѕ": "S"})


def parse_code(code: str | None) -> tuple[str, str] | None:
    """(session, language letter) of a code such as "AS (14) D E" or "AS (14) DE"."""
    if not code:
        return None
    match = _CODE.search(code.translate(_LOOKALIKES))
    return (match.group(1), match.group(2)) if match else None


@register
class DocumentCodeMismatch(Rule):
    id = "document-code-mismatch"
    severity = Severity.WARNING
    description = "A version's document code names another session or language."
    explanation = (
        "OSCE PA documents carry a code such as 'AS (14) D F': the session (14) must be the "
        "reference's, and the last letter must be the version's language (E English, F French, "
        "G German, I Italian, R Russian, S Spanish). Versions without a code are not judged."
    )
    example = "document code of de is AS (14) D F: F means fr, not de"

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
                yield finding(self.__class__, doc, line, message)
            if ref_code is not None and doc is not ref and session != ref_code[0]:
                message = (
                    f"document code of {doc.lang} names session {session}, "
                    f"{ref.lang} names session {ref_code[0]}"
                )
                yield finding(self.__class__, doc, line, message)


@register
class Unreadable(Rule):
    id = "unreadable"
    severity = Severity.ERROR
    description = "An input file cannot be read; the other files are still checked."
    explanation = (
        "The file is missing, not a supported format, badly encoded, truncated or hostile "
        "(for example XML with external entities). The exit status is 2."
    )
    example = "fr.docx:1:1: error unreadable not a .docx file (not a zip archive)"

    def check(self, context: Context) -> Iterable[Finding]:
        return ()  # reported while reading, by aligner.corpus


@register
class UnsupportedFile(Rule):
    id = "unsupported-file"
    severity = Severity.ERROR
    description = "A file in a checked folder is in a format or language aligner does not read."
    explanation = (
        "Every file in a checked folder is either read as a language version or reported: "
        "a format without a reader (.odt, .rtf, images) or a version in a language outside "
        "en, fr, de, it, ru and es (read it by naming its language with --lang FILE=LANG). "
        "Hidden files and files whose names start with '_' are not versions. The exit "
        "status is 2."
    )
    example = "pl.md:1:1: error unsupported-file language pl is not one of en, fr, de, it, ru, es"

    def check(self, context: Context) -> Iterable[Finding]:
        return ()  # reported while reading, by aligner.corpus


@register
class NoUnits(Rule):
    id = "no-units"
    severity = Severity.ERROR
    description = "No paragraph or article could be read in a version: nothing was compared."
    explanation = (
        "A version whose text yields no unit to align (only a title, headings or nothing "
        "aligner recognises as a paragraph) cannot be checked, so it is an error rather "
        "than a clean file."
    )
    example = "fr.md:1:1: error no-units no paragraph could be read in fr (2 lines of title)"

    def check(self, context: Context) -> Iterable[Finding]:
        for doc in context.documents.versions:
            if doc.paragraphs:
                continue
            kinds = sorted({str(b.kind) for b in doc.blocks})
            found = f"only {', '.join(kinds)} text" if kinds else "no text"
            message = f"no paragraph could be read in {doc.lang} ({found}): nothing was compared"
            yield finding(self.__class__, doc, 1, message)
