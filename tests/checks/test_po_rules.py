"""PO rules on a parsed file (aligner.checks.po); files end to end: tests/test_validate.py."""

from __future__ import annotations

import polib

from aligner.checks.po import PoFile, PoRule, po_rules

_PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

#, c-format
msgid "%d files"
msgstr "%s fichiers"

msgid "Hello\\n"
msgstr "Bonjour"

#, fuzzy
msgid "Calls upon"
msgstr "Demande"

msgid "Left"
msgstr ""

msgid "Left"
msgstr "Gauche"
"""


def test_each_rule_names_the_entry_in_its_message() -> None:
    po = PoFile("f.po", polib.pofile(_PO), template=False)
    found = {(f.rule, f.line, f.lang, f.message) for rule in po_rules() for f in rule.check_po(po)}
    assert all(isinstance(rule, PoRule) for rule in po_rules())
    assert found == {
        ("po-format", 6, "fr", "msgid '%d files': c-format directives of the translation differ"),
        ("po-newline", 10, "fr", "msgid 'Hello\\n': msgid and msgstr do not both end with \\n"),
        ("po-fuzzy", 13, "fr", "msgid 'Calls upon' is fuzzy (1 fuzzy of 5 entries)"),
        ("po-untranslated", 17, "fr", "msgid 'Left' is untranslated (1 untranslated of 5)"),
        ("po-duplicate", 20, "fr", "msgid 'Left' repeats the entry at line 17"),
    }
