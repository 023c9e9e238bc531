"""The settings of a run (aligner.settings.Config): which rules run, command-line overrides,
the failing severity, language codes written."""

from __future__ import annotations

import pytest

from aligner.errors import ConfigError, UsageError
from aligner.findings import Severity
from aligner.settings import Config, parse_fail_on


def test_select_and_ignore():
    config = Config(select=("missing-paragraph", "untranslated"), ignore=("untranslated",))
    assert config.is_enabled("missing-paragraph")
    assert not config.is_enabled("untranslated") and not config.is_enabled("extra-paragraph")
    assert Config().is_enabled("anything")


def test_command_line_overrides():
    config = Config(ignore=("untranslated",), fail_on="warning")
    merged = config.with_overrides(
        reference="de", select="missing-paragraph,extra-paragraph", ignore=["length-mismatch"]
    )
    assert merged.reference == "de"
    assert merged.select == ("missing-paragraph", "extra-paragraph")
    assert merged.ignore == ("untranslated", "length-mismatch")
    assert merged.fail_on == "warning"
    assert config.with_overrides(fail_on="never").fail_level is None
    assert config.with_overrides() == config
    with pytest.raises(UsageError, match="did you mean untranslated"):
        config.with_overrides(ignore="untranslatd")
    with pytest.raises(UsageError, match="fail-on"):
        config.with_overrides(fail_on="always")
    with pytest.raises(UsageError, match="language code"):
        config.with_overrides(reference="")


def test_parse_fail_on():
    assert parse_fail_on("error") is Severity.ERROR
    assert parse_fail_on("warning") is Severity.WARNING
    assert parse_fail_on("never") is None
    with pytest.raises(ConfigError):
        parse_fail_on("info")


@pytest.mark.parametrize("value", ["fr=fr_FR", "fr=", "fr", "fr=fr-FRANCE-", "f r=fr-FR"])
def test_bad_locale_options_are_usage_errors(value: str) -> None:
    with pytest.raises(UsageError, match="locale"):
        Config().with_overrides(locales=[value])
