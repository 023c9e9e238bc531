"""TMX rules on a parsed file (aligner.checks.tmx); files end to end: tests/test_validate.py."""

from __future__ import annotations

from lxml import etree

from aligner.checks.tmx import TmxFile, TmxRule, tmx_rules, valid_language_tag

_TMX = b"""<tmx version="1.4">
<header creationtool="t" creationtoolversion="1" segtype="paragraph" o-tmf="x"
 adminlang="en" srclang="en" datatype="plaintext"/>
<body>
<tu tuid="a"><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="fr"><seg>Un</seg></tuv></tu>
<tu tuid="a"><tuv xml:lang="fr"><seg/></tuv></tu>
</body>
</tmx>"""


def _findings() -> dict[str, list[tuple[int, str]]]:
    tmx = TmxFile("m.tmx", etree.fromstring(_TMX))
    out: dict[str, list[tuple[int, str]]] = {}
    for rule in tmx_rules():
        for f in rule.check_tmx(tmx):
            assert (f.file, f.rule, f.severity) == ("m.tmx", rule.id, rule.severity)
            out.setdefault(f.rule, []).append((f.line, f.message))
    return out


def test_each_rule_reports_its_fault_at_its_line() -> None:
    assert _findings() == {
        "tmx-duplicate-tuid": [(6, "tuid 'a' is used again (first at line 5)")],
        "tmx-empty-seg": [(6, 'empty fr <seg> in <tu tuid="a">')],
        "tmx-single-variant": [(6, '<tu tuid="a"> has 1 <tuv>')],
        "tmx-srclang": [(6, '<tu tuid="a"> has no en variant (it has fr)')],
    }


def test_only_rules_over_a_parsed_file_are_run() -> None:
    ids = {rule.id for rule in tmx_rules()}
    assert all(isinstance(rule, TmxRule) for rule in tmx_rules())
    assert "tmx-not-well-formed" not in ids and "tmx-structure" not in ids


def test_language_tags() -> None:
    assert all(map(valid_language_tag, ["en", "fr-CA", "sr-Latn", "i-klingon", "x-private"]))
    assert not any(map(valid_language_tag, ["en_US", "", "english-language-x"]))
