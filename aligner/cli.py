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


def _lang_pairs(values: tuple[str, ...]) -> dict[str, str]:
    """`FILE=LANG` options as a mapping (a malformed one is a usage error)."""
    from aligner.errors import UsageError

    out = {}
    for value in values:
        file, sep, lang = value.rpartition("=")
        if not sep or not file or not lang:
            raise UsageError(f"--lang expects FILE=LANG, not {value!r}")
        out[file] = lang
    return out


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--to", "fmt", type=click.Choice(["tmx", "po"]), required=True, help="Format.")
@click.option("--reference", help="Reference language (default: config file, else en).")
@click.option("--targets", help="Target languages, comma-separated (default: all others).")
@click.option("--multilingual", is_flag=True, help="One TMX whose units hold every language.")
@click.option(
    "--segment",
    type=click.Choice(["paragraph", "sentence"]),
    default="paragraph",
    show_default=True,
    help="Unit of a TMX translation unit.",
)
@click.option(
    "-o",
    "--output",
    default=".",
    show_default=True,
    type=click.Path(path_type=str),
    help="Folder to write into (a file with --multilingual).",
)
@click.option("--include-suspect", is_flag=True, help="Keep pairs check flags, with a note.")
@click.option("--lang", "langs", multiple=True, metavar="FILE=LANG", help="Set a file's language.")
@click.option("--config", type=click.Path(path_type=str), help="Config file (pyproject.toml).")
def export(
    paths: tuple[str, ...],
    fmt: str,
    reference: str | None,
    targets: str | None,
    multilingual: bool,
    segment: str,
    output: str,
    include_suspect: bool,
    langs: tuple[str, ...],
    config: str | None,
) -> None:
    """Export aligned PATHs as TMX 1.4b or POT/PO; suspect pairs are listed on stderr."""
    from aligner.export import export_paths

    report = export_paths(
        paths,
        fmt,
        output,
        reference=reference,
        targets=[t.strip() for t in targets.split(",") if t.strip()] if targets else None,
        multilingual=multilingual,
        segment=segment,
        include_suspect=include_suspect,
        lang_overrides=_lang_pairs(langs),
        config=config,
    )
    for warning in report.warnings:
        click.echo(f"aligner: warning: {warning}", err=True)
    unit = "translation units" if fmt == "tmx" else "messages"
    for path, count in report.written:
        click.echo(f"{path}: {count} {unit}")


@cli.command("apply")
@click.argument("po", type=click.Path(path_type=str))
@click.option("--template", required=True, type=click.Path(path_type=str), help="Source document.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), help="Output .md.")
@click.option("--lang", help="Language of the output (default: the PO's Language header).")
@click.option("--use-fuzzy", is_flag=True, help="Use fuzzy translations too.")
def apply_command(po: str, template: str, output: str, lang: str | None, use_fuzzy: bool) -> None:
    """Rebuild a translated document from PO in the layout of the template."""
    from aligner.apply import apply_po

    report = apply_po(po, template, output, lang=lang, use_fuzzy=use_fuzzy)
    for what, keys in (
        ("untranslated", report.untranslated),
        ("fuzzy, not used", report.fuzzy),
        ("made from another source text", report.outdated),
    ):
        if keys:
            click.echo(
                f"aligner: warning: {len(keys)} {what}, left in the source language and "
                f"marked: {', '.join(keys)}",
                err=True,
            )
    if report.unused:
        click.echo(
            f"aligner: warning: PO entries not in the template: {', '.join(report.unused)}",
            err=True,
        )
    click.echo(f"{output}: {len(report.translated)} of {len(report.document.items)} translated")


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github", "sarif", "junit"]),
    default="text",
    show_default=True,
)
@click.option("-o", "--output", type=click.Path(path_type=str), help="Write the report here.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    default="error",
    show_default=True,
    help="Lowest severity that makes the exit status 1.",
)
def validate_command(files: tuple[str, ...], fmt: str, output: str | None, fail_on: str) -> None:
    """Validate TMX and PO FILES (or folders of them) made by any tool."""
    import os
    import sys

    from aligner.atomic import write_atomic
    from aligner.config import parse_fail_on
    from aligner.reports import render, summary_line
    from aligner.validate import validate, validation_status

    result = validate(files)
    level = parse_fail_on(fail_on)
    color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(fmt, result, color=color and fmt == "text", fail_on=level)
    if output:
        write_atomic(output, text, inputs=files)
    else:
        click.echo(text, nl=False)
    if fmt == "text":
        click.echo(summary_line(result, color=color), err=True)
    sys.exit(validation_status(result, level))


# --- align ------------------------------------------------------------------


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="aligner")
