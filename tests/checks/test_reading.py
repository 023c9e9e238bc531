"""Inputs that could not be read (aligner.checks.reading): reported, never passed."""

from __future__ import annotations

from pathlib import Path

from aligner.checks.reading import Unreadable, UnsupportedFile, read_findings
from aligner.checks.suppressions import apply_suppressions
from aligner.findings import Finding, Result, Unread
from aligner.pipeline import run_check


class _All:
    """A suppression that matches every finding."""

    rule, document, lang, reason, file, line = "unreadable", None, None, "why", None, None

    def matches(self, f: Finding) -> bool:
        return True

    def describe(self) -> str:
        return "everything"


def test_unread_inputs_make_the_run_fail(tmp_path: Path) -> None:
    (tmp_path / "en.md").write_text("1. One paragraph here.\n", encoding="utf-8")
    (tmp_path / "fr.md").write_bytes(b"1. \xff\xfe\x00bad\n")
    (tmp_path / "de.odt").write_bytes(b"PK")
    result = run_check([tmp_path])
    unread = {Path(f.file).name: f.rule for f in result.findings if f.unread}
    assert unread.get("de.odt") == "unsupported-file"
    assert result.exit_status(None) == 2


def test_an_unreadable_file_is_never_suppressed_an_unsupported_one_may_be() -> None:
    unreadable = Unreadable.finding("fr.docx", "not a zip archive", lang="fr")
    unsupported = UnsupportedFile.finding("de.odt", "no reader for .odt files")
    kept, hidden = apply_suppressions([unreadable, unsupported], [_All()], rules_run=[], docsets=[])
    assert kept == [unreadable]
    assert [s.finding for s in hidden] == [unsupported]
    assert Result("en", (), tuple(kept)).exit_status() == 2
    assert Result("en", (), ()).exit_status() == 0


def test_what_corpus_did_not_read_becomes_reading_findings() -> None:
    unread = [
        Unread("fr.docx", "not a zip archive", line=3, lang="fr", document="doc"),
        Unread("de.odt", "no reader for .odt files", supported=False),
    ]
    found = read_findings(unread)
    assert [(f.rule, f.file, f.line, f.lang, f.document) for f in found] == [
        ("unreadable", "fr.docx", 3, "fr", "doc"),
        ("unsupported-file", "de.odt", 1, "", ""),
    ]
    assert all(f.unread for f in found)
