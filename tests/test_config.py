"""The one config file: [tool.aligner] in pyproject.toml, found, read and checked
(aligner.config)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.checks.base import REGISTRY, Rule
from aligner.config import find_config, load_config, parse_link
from aligner.errors import ConfigError
from aligner.findings import Finding, Severity, Suppression
from aligner.settings import Config, Pin

RULE_IDS = ("missing-paragraph", "extra-paragraph", "length-mismatch", "untranslated")


def _rule(rule_id: str) -> type[Rule]:
    return type(rule_id, (Rule,), {"id": rule_id, "severity": Severity.ERROR, "description": "x"})


@pytest.fixture(autouse=True)
def registry() -> Iterator[None]:
    saved = dict(REGISTRY)
    REGISTRY.clear()
    REGISTRY.update({r: _rule(r) for r in RULE_IDS})
    yield
    REGISTRY.clear()
    REGISTRY.update(saved)


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    return path


FULL = """\
[project]
name = "corpus"

[tool.aligner]
reference = "fr"
select = ["missing-paragraph", "extra-paragraph", "length-mismatch"]
ignore = "length-mismatch"
fail-on = "warning"

[[tool.aligner.suppress]]
rule = "extra-paragraph"
document = "baku-2014"
lang = "ru"
paragraph = 7
reason = "the Russian text adds a clarifying paragraph"

[[tool.aligner.suppress]]
rule = "missing-paragraph"
"""


def test_full_config(tmp_path):
    path = _write(tmp_path, FULL)
    config = load_config(path)
    assert config == Config(
        path=str(path),
        reference="fr",
        select=("missing-paragraph", "extra-paragraph", "length-mismatch"),
        ignore=("length-mismatch",),
        fail_on="warning",
        suppress=(
            Suppression(
                "extra-paragraph",
                document="baku-2014",
                lang="ru",
                paragraph=7,
                reason="the Russian text adds a clarifying paragraph",
            ),
            Suppression("missing-paragraph"),
        ),
    )
    assert config.fail_level is Severity.WARNING


def test_defaults_without_a_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_config() is None
    config = load_config()
    assert config == Config()
    assert config.reference == "en" and config.fail_level is Severity.ERROR


def test_found_by_walking_up_skipping_other_pyprojects(tmp_path, monkeypatch):
    top = _write(tmp_path, '[tool.aligner]\nreference = "de"\n')
    _write(tmp_path / "a", "[tool.black]\nline-length = 90\n")  # nearer, but not ours
    _write(tmp_path / "a" / "b", "this is [[ not toml")  # never mentions us: skipped unread
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir()
    monkeypatch.chdir(deep)
    assert find_config() == top
    assert load_config().reference == "de"
    assert find_config(tmp_path / "a") == top


def test_nearest_config_wins(tmp_path, monkeypatch):
    _write(tmp_path, '[tool.aligner]\nreference = "de"\n')
    near = _write(tmp_path / "sub", '[tool.aligner]\nreference = "it"\n')
    monkeypatch.chdir(tmp_path / "sub")
    assert find_config() == near and load_config().reference == "it"


def test_malformed_toml_names_file_and_line(tmp_path):
    path = _write(tmp_path, '[tool.aligner]\nreference = "en"\nselect = [\n  "a",,\n]\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.file == str(path) and info.value.line == 4
    assert str(info.value).startswith(f"{path}:4: invalid TOML")


def test_malformed_toml_found_while_walking_up_is_reported(tmp_path, monkeypatch):
    _write(tmp_path, "[tool.aligner]\nreference = \n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config()


def test_toml_ending_too_early_points_at_the_last_line(tmp_path):
    path = _write(tmp_path, '[tool.aligner]\nfail-on = "error"\nselect = [\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 3 and "invalid TOML" in info.value.message


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ('reference = "en"\nrefernce = "fr"\n', 3, "unknown key 'refernce'"),
        ("select = 3\n", 2, "select must be a list of rule ids"),
        ('ignore = ["untranslated", 5]\n', 2, "ignore must be a list"),
        ('fail-on = "sometimes"\n', 2, "fail-on must be one of error, warning, never"),
        ("reference = 5\n", 2, "reference must be a language code"),
        ('reference = "English language"\n', 2, "reference must be a language code"),
        ('suppress = "x"\n', 2, "suppress must be an array of tables"),
        (
            '[[tool.aligner.suppress]]\nrule = "untranslated"\n'
            '[[tool.aligner.suppress]]\nlang = "ru"\n',
            4,
            "every suppression needs a rule id",
        ),
        ('[[tool.aligner.suppress]]\nrule = "untranslated"\nparagraph = "7"\n', 2, "paragraph"),
        ('[[tool.aligner.suppress]]\nrule = "untranslated"\nparagraph = true\n', 2, "paragraph"),
        ('[[tool.aligner.suppress]]\nrule = "untranslated"\nlanguage = "ru"\n', 2, "'language'"),
        ('[[tool.aligner.suppress]]\nrule = "untranslated"\nlang = 3\n', 2, "lang must be"),
    ],
)
def test_bad_values_name_file_line_and_problem(tmp_path, body, line, words):
    path = _write(tmp_path, "[tool.aligner]\n" + body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert words in info.value.message
    assert info.value.file == str(path) and info.value.line == line


def test_missing_file_and_missing_table(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    for text in ("[tool.ruff]\nline-length = 100\n", "tool = 3\n", "[tool]\naligner = 3\n"):
        path = _write(tmp_path, text)
        with pytest.raises(ConfigError, match=r"no \[tool.aligner\] table"):
            load_config(path)


@pytest.mark.parametrize(
    "body",
    [
        'select = ["missing-paragraf"]\n',
        'ignore = "untranslated, missing-paragraf"\n',
        '[[tool.aligner.suppress]]\nrule = "missing-paragraf"\n',
    ],
)
def test_unknown_rule_ids_list_the_valid_ones(tmp_path, body):
    path = _write(tmp_path, "[tool.aligner]\n" + body)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = info.value.message
    assert "'missing-paragraf' (did you mean missing-paragraph" in message
    assert all(rule_id in message for rule_id in RULE_IDS)
    assert info.value.file == str(path)


def test_rule_ids_are_checked_against_the_registry_at_load_time(tmp_path):
    path = _write(tmp_path, '[tool.aligner]\nignore = ["brand-new"]\n')
    with pytest.raises(ConfigError):
        load_config(path)
    REGISTRY["brand-new"] = _rule("brand-new")  # registered after aligner.config was imported
    assert load_config(path).ignore == ("brand-new",)
    assert load_config(path, known_rules=["brand-new"]).ignore == ("brand-new",)


def _finding(rule="extra-paragraph", lang="ru", paragraph=7, reference=8, **kw) -> Finding:
    kw.setdefault("document", "baku-2014")
    return Finding(f"t/{lang}.md", 9, rule, Severity.ERROR, lang, "m", paragraph, reference, **kw)


def test_suppression_matching(tmp_path):
    config = load_config(_write(tmp_path, FULL))
    assert config.is_suppressed(_finding())  # paragraph 7 of ru
    assert config.is_suppressed(_finding(paragraph=None, reference=7))  # reference paragraph 7
    assert not config.is_suppressed(_finding(paragraph=6, reference=6))
    assert not config.is_suppressed(_finding(lang="de"))
    assert not config.is_suppressed(_finding(document="other"))
    assert config.is_suppressed(_finding(rule="untranslated"))  # not selected
    assert config.is_suppressed(_finding(rule="missing-paragraph", lang="it", paragraph=1))
    assert config.is_suppressed(_finding(rule="length-mismatch"))  # ignored
    section = Suppression("untranslated", section="2")
    assert section.matches(_finding(rule="untranslated", section="2"))
    assert not section.matches(_finding(rule="untranslated", section="1"))


# --- round trip --------------------------------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_suppressions = st.builds(
    Suppression,
    rule=st.sampled_from(RULE_IDS),
    document=st.none() | _text,
    lang=st.none() | st.sampled_from(["en", "ru", "de", "pt-BR"]),
    paragraph=st.none() | st.integers(0, 500),
    section=st.none() | st.sampled_from(["1", "2"]),
    reason=_text,
)
_configs = st.builds(
    Config,
    reference=st.sampled_from(["en", "fr", "ru", "zh-Hant"]),
    select=st.lists(st.sampled_from(RULE_IDS), unique=True).map(tuple),
    ignore=st.lists(st.sampled_from(RULE_IDS), unique=True).map(tuple),
    fail_on=st.sampled_from(["error", "warning", "never"]),
    suppress=st.lists(_suppressions, max_size=3).map(tuple),
    pin=st.lists(
        st.builds(
            Pin,
            reference=st.just("en"),
            paragraph=st.tuples(st.sampled_from(["1", "2"]), st.integers(0, 500)),
            lang=st.sampled_from(["fr", "ru"]),
            target=st.tuples(st.sampled_from(["1", "3"]), st.integers(0, 500)),
            document=st.none() | _text,
            reason=_text,
        ),
        max_size=2,
    ).map(tuple),
)


def _value(value: object) -> str:
    """A TOML value: JSON strings, integers and lists are TOML too, once DEL is escaped."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml(config: Config) -> str:
    """Write a config as TOML."""
    lines = [
        "[tool.aligner]",
        f"reference = {_value(config.reference)}",
        f"select = {_value(list(config.select))}",
        f"ignore = {_value(list(config.ignore))}",
        f"fail-on = {_value(config.fail_on)}",
    ]
    for s in config.suppress:
        lines.append("[[tool.aligner.suppress]]")
        for key in ("rule", "document", "lang", "paragraph", "section", "reason"):
            value = getattr(s, key)
            if value is not None and not (key == "reason" and value == ""):
                lines.append(f"{key} = {_value(value)}")
    for p in config.pin:
        lines.append("[[tool.aligner.pin]]")
        (a, b), (c, d) = p.paragraph, p.target
        link = f"{p.reference} {a}:{b} = {p.lang} {c}:{d}"
        lines.append(f"link = {_value(link)}")
        if p.document is not None:
            lines.append(f"document = {_value(p.document)}")
        lines.append(f"reason = {_value(p.reason)}")
    return "\n".join(lines) + "\n"


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(config=_configs)
def test_round_trip(tmp_path, config: Config):
    path = _write(tmp_path, _toml(config))
    assert load_config(path) == Config(**{**config.__dict__, "path": str(path)})


def test_pins_parse_and_apply_to_their_document_and_language(tmp_path):
    path = _write(
        tmp_path,
        """\
[tool.aligner]
[[tool.aligner.pin]]
document = "baku-2014"
link = "en 14 = it 15"
reason = "checked"

[[tool.aligner.pin]]
link = " en 2:3=ru 2:4 "
""",
    )
    config = load_config(path)
    assert config.pin[0] == Pin("en", ("1", 14), "it", ("1", 15), "baku-2014", "checked")
    assert config.pins_for("baku-2014", "it") == ((("1", 14), ("1", 15)),)
    assert config.pins_for("other", "it") == ()
    assert config.pins_for("other", "ru") == ((("2", 3), ("2", 4)),)
    assert config.with_overrides(reference="fr").pins_for("baku-2014", "it") == ()
    assert parse_link("en 14 = it") is None


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ('link = "en 14 - it 15"', 'link must look like "en 14 = it 15"'),
        ('link = "en 14 = en 15"', "joins two languages"),
        ("document = 3\nlink = 'en 1 = fr 1'", "document must be a string"),
        ('lang = "fr"', "unknown key 'lang'"),
        ('reason = "x"', "every pin needs a link"),
    ],
)
def test_bad_pins_name_file_and_line(tmp_path, body, words):
    path = _write(tmp_path, f"[tool.aligner]\n\n[[tool.aligner.pin]]\n{body}\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert words in str(info.value)
    assert info.value.line == 3


# --- exclude and locales -------------------------------------------------------------------


def test_exclude_globs_match_paths_below_the_config_folder(tmp_path: Path, monkeypatch) -> None:
    config = load_config(
        _write(tmp_path, '[tool.aligner]\nexclude = ["drafts", "*/old/*", "*.bak.md"]\n')
    )
    monkeypatch.chdir(tmp_path / "..")
    assert config.is_excluded(tmp_path / "drafts" / "doc" / "fr.md")
    assert config.is_excluded(tmp_path / "docs" / "old" / "fr.md")
    assert config.is_excluded(tmp_path / "docs" / "fr.bak.md")
    assert not config.is_excluded(tmp_path / "docs" / "doc" / "fr.md")
    assert not config.is_excluded(tmp_path / "docs" / "drafts-2" / "fr.md")
    assert not Config().is_excluded(tmp_path / "drafts" / "fr.md")


@pytest.mark.parametrize("value", ["3", '[""]', "[1]", "{ a = 1 }"])
def test_exclude_must_be_globs(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="exclude"):
        load_config(_write(tmp_path, f"[tool.aligner]\nexclude = {value}\n"))


def test_locales_from_the_file_and_the_command_line(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, '[tool.aligner]\nlocales = { fr = "fr-FR" }\n'))
    assert config.locale("fr") == "fr-FR" and config.locale("de") == "de"
    both = config.with_overrides(locales=["de=de-CH", "fr=fr-BE"])
    assert (both.locale("fr"), both.locale("de")) == ("fr-BE", "de-CH")


def test_bad_locales_in_the_file_name_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, '[tool.aligner]\nreference = "en"\nlocales = { fr = "français" }\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.line == 3 and "BCP 47" in info.value.message
