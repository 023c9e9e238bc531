"""The options several commands share (`aligner.options`): parsed once, shown the same."""

from __future__ import annotations

import json
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from aligner import options as opt
from aligner.cli import cli
from aligner.errors import UsageError


@click.command()
@opt.langs
@opt.targets("Languages.")
@opt.report_options("Fail help.", "Select help.", default="error")
@opt.report_display
def probe(**given: Any) -> None:
    click.echo(json.dumps(given))


def test_lang_and_targets_arrive_parsed() -> None:
    result = CliRunner().invoke(
        probe, ["--lang", "a=b=fr", "--lang", "c.md=de", "--targets", " fr, ,de "]
    )
    assert result.exit_code == 0, result.output
    given = json.loads(result.output)
    assert given["langs"] == {"a=b": "fr", "c.md": "de"}  # the last "=" splits
    assert given["targets"] == ["fr", "de"]
    assert given["fail_on"] == "error"
    assert (given["fmt"], given["output"], given["select"], given["ignore"]) == (
        "text",
        None,
        None,
        None,
    )
    assert (given["color"], given["statistics"], given["quiet"]) == ("auto", False, False)


def test_no_targets_and_no_langs() -> None:
    given = json.loads(CliRunner().invoke(probe, []).output)
    assert given["targets"] is None
    assert given["langs"] == {}


@pytest.mark.parametrize("bad", ["fr", "=fr", "a.md=", "="])
def test_a_malformed_file_language_is_a_usage_error(bad: str) -> None:
    with pytest.raises(UsageError, match="--lang expects FILE=LANG"):
        opt.lang_pairs((bad,))


@given(st.lists(st.tuples(st.text(min_size=1), st.text(min_size=1).filter(lambda s: "=" not in s))))
def test_lang_pairs_keep_each_file_and_language(pairs: list[tuple[str, str]]) -> None:
    assert opt.lang_pairs(tuple(f"{f}={lang}" for f, lang in pairs)) == dict(pairs)


def test_report_options_show_in_the_order_declared() -> None:
    text = CliRunner().invoke(probe, ["--help"]).output
    names = ["--lang", "--targets", "--format", "--output", "--fail-on", "--select", "--ignore"]
    positions = [text.index(name) for name in [*names, "--color", "--statistics", "--quiet"]]
    assert positions == sorted(positions)
    assert "[default: error]" in text


def test_check_fail_on_has_no_default_shown() -> None:
    text = " ".join(CliRunner().invoke(cli, ["check", "--help"]).output.split())
    fail_on = text[text.index("--fail-on [") : text.index("--select TEXT")]
    assert "default: config file, else error" in fail_on
    assert "[default:" not in fail_on
