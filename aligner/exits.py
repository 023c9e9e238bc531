"""How a command run ends: errors, interruptions and a failing standard output as exit statuses.

`AlignerGroup` runs each command of `aligner.cli` and turns an `AlignerError` into its exit
status (2) with one line on stderr; `main`, the console-script entry point, handles signals
and a standard output that is closed or cannot be flushed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

import click

from aligner.errors import AlignerError


class AlignerGroup(click.Group):
    """A click group that runs each command in one input scope (`aligner.atomic`) and
    reports `AlignerError` as one line on stderr with its exit status, an interruption
    with 128 + the signal, and a standard output that cannot be written with status 2."""

    def invoke(self, ctx: click.Context) -> object:
        from aligner import limits
        from aligner.atomic import input_scope
        from aligner.interrupt import Interrupted, exit_code

        try:
            with input_scope(), limits.scope():
                return super().invoke(ctx)
        except AlignerError as exc:
            _quiet_echo(error_line(exc))
            ctx.exit(exc.exit_code)
        except (KeyboardInterrupt, Interrupted) as exc:
            _quiet_echo("aligner: interrupted")
            ctx.exit(exit_code(exc))
        except OSError as exc:  # only writing to stdout/stderr fails this way
            _quiet_echo(f"aligner: error: cannot write output: {exc.strerror or exc}")
            _silence_stdout()
            ctx.exit(2)


def error_line(exc: AlignerError) -> str:
    """The one line on stderr that reports `exc` (control characters in names escaped)."""
    from aligner.filenames import escape_name

    return f"aligner: error: {escape_name(str(exc))}"


def _quiet_echo(message: str) -> None:
    """A line on stderr, unless stderr itself is gone."""
    with contextlib.suppress(OSError, ValueError):
        click.echo(message, err=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


#: The cyclic garbage collector's thresholds for a command run (Python's default: 700, 10,
#: 10). Reading and aligning allocate millions of small, acyclic objects (profiles, cached
#: bead costs) that trigger young-generation collections which find nothing to free.
#: Origin: measured on the 50,000-paragraph export of benchmarks/export_scale.py (12 % of its
#: time, the same output and peak memory); mypy's build raises them for the same reason.
GC_THRESHOLDS = (50_000, 20, 100)


def main() -> None:
    """Console-script entry point: signals handled, a failing stdout ends quietly."""
    from aligner.cli import cli
    from aligner.interrupt import Interrupted, exit_code, handled

    gc.set_threshold(*GC_THRESHOLDS)

    if sys.stdout is None:  # started with stdout closed: nothing could be reported
        _quiet_echo("aligner: error: cannot write output: standard output is closed")
        sys.exit(2)
    code: int | str | None = 0
    with handled():
        try:
            cli(prog_name="aligner")
        except SystemExit as exc:
            code = exc.code
        except (KeyboardInterrupt, Interrupted) as exc:  # outside a command (parsing)
            _quiet_echo("aligner: interrupted")
            code = exit_code(exc)
    try:
        sys.stdout.flush()
    except OSError as exc:
        _quiet_echo(f"aligner: error: cannot write output: {exc.strerror or exc}")
        _silence_stdout()
        code = 2
    sys.exit(code)
