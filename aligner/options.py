"""The options several commands share, each declared once (`aligner.cli` uses them).

Each is a click decorator; a command lists them in the order its `--help` shows them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from click.decorators import FC


def _set_max_size(_ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    from aligner import limits

    limits.set_max_size(value)


max_size = click.option(
    "--max-size",
    metavar="SIZE",
    expose_value=False,
    callback=_set_max_size,
    help="Largest input file read (default 64M, or max-size in the config file).",
)


paths = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
reference = click.option("--reference", help="Reference language (default: config file, else en).")
config = click.option(
    "--config", type=click.Path(path_type=str), help="Config file (pyproject.toml)."
)


def lang_pairs(values: tuple[str, ...]) -> dict[str, str]:
    """`FILE=LANG` options as a mapping (a malformed one is a usage error)."""
    from aligner.errors import UsageError

    out = {}
    for value in values:
        file, sep, lang = value.rpartition("=")
        if not sep or not file or not lang:
            raise UsageError(f"--lang expects FILE=LANG, not {value!r}")
        out[file] = lang
    return out


def _lang_pairs(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, str]:
    return lang_pairs(values)


def _split(_ctx: click.Context, _param: click.Parameter, value: str | None) -> list[str] | None:
    """A comma-separated option as a list (None when not given)."""
    return [x.strip() for x in value.split(",") if x.strip()] if value else None


langs = click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="FILE=LANG",
    callback=_lang_pairs,
    help="Set a file's language.",
)


def targets(text: str) -> Callable[[FC], FC]:
    """`--targets` with help `text`: comma-separated languages, given as a list."""
    return click.option("--targets", callback=_split, help=text)


jobs = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Documents processed at once, one process each (default: the CPU count).",
)
since = click.option(
    "--since",
    metavar="REV",
    help="Take the reference as it was at git revision REV as the text the translations "
    "were made from (instead of aligner.lock).",
)
write_here = click.option(
    "-o", "--output", type=click.Path(path_type=str), help="Write here, not stdout."
)
_report_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "junit"]),
    default="text",
    show_default=True,
)
_report_output = click.option(
    "-o", "--output", type=click.Path(path_type=str), help="Write the report here."
)
_ignore = click.option("--ignore", help="Never report these rules (ids separated by commas).")
color = click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour: auto = on a terminal unless NO_COLOR is set (FORCE_COLOR forces it).",
)
quiet = click.option(
    "-q", "--quiet", is_flag=True, help="Print the report only: no summary, no progress."
)
_statistics = click.option(
    "--statistics", is_flag=True, help="Print the number of findings per rule instead."
)


def _stack(*decorators: Callable[[FC], FC]) -> Callable[[FC], FC]:
    """The options of `decorators` in that order, as one decorator."""

    def apply(f: FC) -> FC:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return apply


def report_options(fail_on: str, select: str, default: str | None = None) -> Callable[[FC], FC]:
    """A report's --format, -o/--output, --fail-on (help `fail_on`, `default`), --select
    (help `select`) and --ignore, as `check` and `validate` take them."""
    return _stack(
        _report_format,
        _report_output,
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "never"]),
            default=default,
            show_default=default is not None,
            help=fail_on,
        ),
        click.option("--select", help=select),
        _ignore,
    )


#: How a report is shown: --color, --statistics, -q/--quiet.
report_display = _stack(color, _statistics, quiet)
