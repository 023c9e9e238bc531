"""The command line: parse options, call the library, map errors to exit codes.

Each command only wires library calls together; no real work happens here.
"""

from __future__ import annotations

import click

from aligner import __version__
from aligner.errors import AlignerError


class AlignerGroup(click.Group):
    """A click group that reports `AlignerError` as one line on stderr with its exit status."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except AlignerError as exc:
            click.echo(f"aligner: error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=AlignerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Align, check and export the language versions of OSCE PA declarations."""


# --- show -------------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--lang", help="Language of FILE (overrides detection).")
def show(file: str, fmt: str, lang: str | None) -> None:
    """Show the parsed structure of FILE."""
    from aligner.readers import read_document
    from aligner.readers.structure import to_json, to_text

    doc = read_document(file, lang=lang)
    click.echo(to_json(doc) if fmt == "json" else to_text(doc), nl=False)


# --- check / rules ----------------------------------------------------------


@cli.command("rules")
@click.argument("rule_id", metavar="[ID]", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_command(rule_id: str | None, fmt: str) -> None:
    """List every check rule, or explain rule ID with an example."""
    from aligner.reports import render_rules

    click.echo(render_rules(fmt, rule_id), nl=False)


# --- export / apply / validate ----------------------------------------------

# --- align ------------------------------------------------------------------


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="aligner")
