"""How a command run ends (`aligner.exits`): one line and an exit status per kind of failure."""

from __future__ import annotations

import signal

import click
import pytest
from click.testing import CliRunner

from aligner.errors import InputError, UsageError
from aligner.exits import AlignerGroup
from aligner.interrupt import Interrupted


@click.group(cls=AlignerGroup)
def group() -> None:
    """A group whose commands fail in each way a command can."""


@group.command()
@click.argument("how")
def fail(how: str) -> None:
    if how == "usage":
        raise UsageError("no such\nthing", file="a.md", line=3)
    if how == "input":
        raise InputError("damaged", file="b\x1b.md")
    if how == "interrupt":
        raise KeyboardInterrupt
    if how == "term":
        raise Interrupted(signal.SIGTERM)
    if how == "stdout":
        raise BrokenPipeError(32, "Broken pipe")
    click.echo("fine")


@pytest.mark.parametrize(
    ("how", "code", "line"),
    [
        ("usage", 2, "aligner: error: a.md:3: no such thing"),
        ("interrupt", 130, "aligner: interrupted"),
        ("term", 128 + signal.SIGTERM, "aligner: interrupted"),
        ("stdout", 2, "aligner: error: cannot write output: Broken pipe"),
    ],
)
def test_each_failure_is_one_line_and_its_exit_status(how: str, code: int, line: str) -> None:
    result = CliRunner().invoke(group, ["fail", how])
    assert result.exit_code == code
    assert result.stderr.splitlines() == [line]


def test_a_file_name_is_shown_escaped() -> None:
    result = CliRunner().invoke(group, ["fail", "input"])
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert result.stderr.startswith("aligner: error: b")


def test_a_command_that_succeeds_exits_0() -> None:
    result = CliRunner().invoke(group, ["fail", "nothing"])
    assert (result.exit_code, result.output) == (0, "fine\n")


def test_a_command_run_collects_garbage_less_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """`main` raises the collector's thresholds (the work allocates many acyclic objects)."""
    import gc
    import sys

    from aligner.exits import GC_THRESHOLDS, main

    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["aligner", "--help"])
    try:
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code in (0, None)
        assert gc.get_threshold() == GC_THRESHOLDS
        assert GC_THRESHOLDS[0] > before[0]
    finally:
        gc.set_threshold(*before)
