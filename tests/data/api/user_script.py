"""A user's script against aligner's public API only: read, align, check and export.

Usage: python user_script.py OUTPUT_FOLDER DOCUMENT_FOLDER...
Prints one JSON summary per document folder. `mypy --strict` must accept this file.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import aligner


def summarize(folder: Path, out: Path) -> dict[str, object]:
    docset = aligner.load(folder)[0]
    reference = docset.get("en")
    assert reference is not None
    again = aligner.read_document(reference.path)
    links: dict[str, dict[str, int]] = {}
    for version in docset.versions:
        if version is reference:
            continue
        kinds: dict[str, int] = {}
        for link in aligner.align(reference, version):
            kinds[link.kind] = kinds.get(link.kind, 0) + 1
            confidence: float | None = link.confidence
            assert confidence is None or 0.0 <= confidence <= 1.0
        links[version.lang or "?"] = kinds
    result = aligner.check(folder, config=False)
    findings = [
        {
            "rule": f.rule,
            "severity": str(f.severity),
            "language": f.language,
            "unit": f.unit,
            "line": f.line,
            "message": f.message,
        }
        for f in result
    ]
    written: dict[str, int] = {}
    for lang in docset.langs[1:]:
        exported = aligner.to_tmx(docset, out / f"{docset.name}.{lang}.tmx", targets=[lang])
        written[f"{lang}.tmx"] = exported.units
        catalog = aligner.to_po(docset, out / f"{docset.name}.{lang}.po", lang=lang)
        written[f"{lang}.po"] = catalog.units
    template = io.StringIO()
    aligner.to_po(docset, template)
    sentences = aligner.align_sentences(
        "The Assembly met. It adopted a declaration.",
        "L'Assemblée s'est réunie. Elle a adopté une déclaration.",
        lexicon=False,
    )
    errors = sum(1 for f in result if f.severity is aligner.Severity.ERROR)
    return {
        "document": docset.name,
        "languages": list(docset.langs),
        "paragraphs": len(again.paragraphs),
        "links": links,
        "findings": findings,
        "errors": errors,
        "exit_status": result.exit_status(),
        "written": written,
        "template_has_entries": template.getvalue().count("msgid ") > 1,
        "sentence_pairs": sentences.pairs(),
        "rules": [rule.id for rule in aligner.rules()],
    }


def main(argv: list[str]) -> int:
    out = Path(argv[1])
    try:
        summaries = [summarize(Path(folder), out) for folder in argv[2:]]
    except aligner.AlignerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(json.dumps(summaries, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
