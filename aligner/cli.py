"""The command line: parse options and call the library (`aligner.exits` turns errors
into exit codes, `aligner.options` declares the options several commands share).

Each command only wires library calls together; no real work happens here.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from aligner import __version__
from aligner import options as opt
from aligner.exits import AlignerGroup, main
from aligner.languages import LANGUAGES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from aligner.findings import Result, Severity


@click.group(cls=AlignerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="aligner")
def cli() -> None:
    """Align, check and export the language versions of OSCE PA declarations."""


# --- show -------------------------------------------------------------------


@cli.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@opt.text_or_json
@click.option("--lang", help="Language of FILE (overrides detection).")
@opt.max_size
def show(file: str, fmt: str, lang: str | None) -> None:
    """Show the parsed structure of FILE."""
    from aligner.api import read_document
    from aligner.readers.structure import to_json, to_text

    doc = read_document(file, lang=lang)
    click.echo(to_json(doc) if fmt == "json" else to_text(doc), nl=False)


# --- check / rules ----------------------------------------------------------


@cli.command("check")
@opt.paths
@opt.reference
@opt.report_options(
    "Lowest severity that makes the exit status 1 (default: config file, else error).",
    "Run only these rules (ids separated by commas).",
)
@opt.langs
@opt.jobs
@opt.config
@opt.since
@opt.report_display
@opt.max_size
@click.option(
    "--review-url",
    metavar="URL",
    help="The HTML review report (`aligner review --format html`) SARIF results link to.",
)
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    color: str,
    statistics: bool,
    quiet: bool,
    review_url: str | None,
    **options: Any,
) -> None:
    """Check the language versions in PATHs (files or folders) against the reference.

    Reference paragraphs changed since a translation was synced (`aligner sync`, or
    since git revision --since REV) are stale-translation errors for that translation.

    Exit status: 0 when nothing is at or above --fail-on, 1 otherwise, 2 for usage errors
    and unreadable input (the rest is still checked and reported).
    """

    from aligner.api import check as run
    from aligner.terminal import progress_for

    _check_statistics(statistics, fmt)
    with progress_for(sys.stderr, quiet=quiet, machine=fmt != "text") as progress:
        result = run(paths, progress=progress, **options)
    _notices(result.notices, quiet=quiet)
    if review_url is None:  # the config file's, if it names one
        from aligner.config import load_config

        review_url = load_config(options["config"]).review_url
    inputs = [d.path for s in result.documents for d in s.versions]
    _report(result, result.fail_on, [*inputs, *paths], review_url)


def _check_statistics(statistics: bool, fmt: str) -> None:
    from aligner.errors import UsageError

    if statistics and fmt != "text":
        raise UsageError("--statistics prints a text table; drop --format or --statistics")


def _notices(lines: Sequence[str], kind: str = "notice", *, quiet: bool = False) -> None:
    """Each notice (or warning) on stderr, unless `quiet`."""
    for line in lines if not quiet else ():
        click.echo(f"aligner: {kind}: {line}", err=True)


@cli.command("sync")
@opt.paths
@opt.reference
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="L",
    help="Sync only translation L (repeatable); FILE=LANG sets a file's language.",
)
@opt.config
def sync_command(
    paths: tuple[str, ...], reference: str | None, langs: tuple[str, ...], config: str | None
) -> None:
    """Record the translations in PATHs as up to date with their reference (aligner.lock).

    Run it when a translation is confirmed up to date; `check` then reports every
    reference paragraph changed since as stale-translation. Other translations' records
    are kept when --lang is given.
    """
    from aligner.config import load_config
    from aligner.sync import sync

    settings = load_config(config).with_overrides(reference=reference)
    only = tuple(x for x in langs if "=" not in x)
    pairs = opt.lang_pairs(tuple(x for x in langs if "=" in x))
    for synced in sync(paths, settings.reference, only, pairs):
        click.echo(str(synced))


@cli.command("rules")
@click.argument("rule_id", metavar="[ID]", required=False)
@opt.text_or_json
def rules_command(rule_id: str | None, fmt: str) -> None:
    """List every check rule, or explain rule ID with an example."""
    from aligner.reports import render_rules

    click.echo(render_rules(fmt, rule_id), nl=False)


@cli.command("review")
@opt.paths
@opt.reference
@opt.targets("Languages to show, comma-separated (default: all others).")
@click.option("--only-suspect", is_flag=True, help="Show only pairs that check flags.")
@click.option("--format", "fmt", type=click.Choice(["text", "html"]), default="text")
@opt.write_here
@opt.langs
@opt.jobs
@opt.config
@opt.since
@click.option(
    "--side-by-side", is_flag=True, help="Text: every language in one table, not one per language."
)
@opt.color
@opt.quiet
@opt.max_size
def review(
    paths: tuple[str, ...],
    reference: str | None,
    targets: list[str] | None,
    fmt: str,
    output: str | None,
    langs: dict[str, str],
    config: str | None,
    since: str | None,
    jobs: int | None,
    color: str,
    quiet: bool,
    **shown: bool,  # --only-suspect, --side-by-side
) -> None:
    """Show each reference paragraph beside its counterparts, with why a pair is suspect.

    Each version's own number and line is shown, and the tokens a finding is about are
    marked. The HTML page (--format html -o FILE) adds a summary, a coverage matrix,
    filters, keyboard navigation and, per finding, the config entry that keeps a decision.
    """
    import shutil

    from aligner.config import load_config
    from aligner.pipeline import load_aligned
    from aligner.reports.review import render_review
    from aligner.terminal import progress_for, use_color

    settings = load_config(config).with_overrides(reference=reference)
    notices: list[str] = []
    with progress_for(sys.stderr, quiet=quiet) as progress:
        sets = load_aligned(
            paths, settings, langs, progress, since=since, notices=notices, jobs=jobs
        )
    _notices(notices, quiet=quiet)
    colored = output is None and use_color(color, sys.stdout)
    width = shutil.get_terminal_size((120, 24)).columns if output is None else 120
    page = render_review(sets, fmt, targets, color=colored, width=width, **shown)
    _emit(page.decode("utf-8"), output, [d.path for s in sets for d in s.documents.versions])


# --- export / apply / validate ----------------------------------------------


@cli.command()
@opt.paths
@click.option(
    "--to",
    "fmt",
    type=click.Choice(["tmx", "po", "xlsx", "tsv"]),
    required=True,
    help="Format: TMX memories, POT/PO catalogs, or a side-by-side XLSX/TSV table.",
)
@opt.reference
@opt.targets("Target languages, comma-separated (default: all others).")
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
    help="Folder to write into (a file with --multilingual, xlsx or tsv).",
)
@click.option("--include-suspect", is_flag=True, help="Keep pairs check flags, with a note.")
@click.option(
    "--min-confidence",
    type=float,
    default=0.0,
    show_default=True,
    help="Leave out pairs whose link confidence (0-1) is lower.",
)
@opt.langs
@opt.jobs
@opt.config
@opt.since
@opt.quiet
@opt.max_size
@click.option(
    "--locale",
    "locales",
    multiple=True,
    metavar="LANG=CODE",
    help="Code written for a language (fr=fr-FR: xml:lang, PO Language); repeatable.",
)
@click.option(
    "--merge",
    is_flag=True,
    help="TMX: one memory per language pair over all documents, and one multilingual.",
)
def export(paths: tuple[str, ...], fmt: str, output: str, quiet: bool, **options: Any) -> None:
    """Export aligned PATHs as TMX 1.4b, POT/PO or a side-by-side XLSX/TSV revision table;
    suspect pairs are listed on stderr.

    Stale translations (aligner.lock, or --since REV) are fuzzy in PO, with the earlier
    reference text as the previous msgid, and left out of TMX.
    """
    from aligner.api import export_files as run
    from aligner.terminal import progress_for

    with progress_for(sys.stderr, quiet=quiet) as progress:
        report = run(paths, fmt, output, progress=progress, **options)
    _notices(report.warnings, "warning", quiet=quiet)
    unit = {"tmx": "translation units", "po": "messages"}.get(fmt, "rows")
    for path, count in report.written:
        click.echo(f"{path}: {count} {unit}")


@cli.command("apply")
@click.argument("po", type=click.Path(path_type=str))
@click.option("--template", required=True, type=click.Path(path_type=str), help="Source document.")
@click.option("-o", "--output", required=True, type=click.Path(path_type=str), help="Output .md.")
@click.option("--lang", help="Language of the output (default: the PO's Language header).")
@click.option("--use-fuzzy", is_flag=True, help="Use fuzzy translations too.")
@opt.max_size
def apply_command(po: str, template: str, output: str, lang: str | None, use_fuzzy: bool) -> None:
    """Rebuild a translated document from PO in the layout of the template."""
    from aligner.apply import apply_po

    report = apply_po(po, template, output, lang=lang, use_fuzzy=use_fuzzy)
    _notices(report.warnings, "warning")
    click.echo(f"{output}: {len(report.translated)} of {len(report.document.items)} translated")


@cli.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@opt.report_options(
    "Lowest severity that makes the exit status 1.",
    "Report only these rules (ids separated by commas).",
    default="error",
)
@opt.report_display
@opt.max_size
def validate_command(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    select: str | None,
    ignore: str | None,
    color: str,
    statistics: bool,
    quiet: bool,
) -> None:
    """Validate TMX and PO FILES (or folders of them) made by any tool.

    Exit status: 0 when nothing is at or above --fail-on, 1 otherwise, 2 for usage errors
    and for input that is missing, unreadable, empty or not TMX/PO (the rest is still
    validated and reported).
    """

    from aligner.settings import parse_fail_on, split_rules
    from aligner.validate import validate

    _check_statistics(statistics, fmt)
    result = validate(
        files,
        select=split_rules(select) if select is not None else None,
        ignore=split_rules(ignore) if ignore is not None else None,
    )
    _report(result, parse_fail_on(fail_on), files)


# --- align ------------------------------------------------------------------


@cli.command()
@click.argument("src", required=False, type=click.Path(path_type=str))
@click.argument("tgt", required=False, type=click.Path(path_type=str))
@click.option("--src-lang", type=click.Choice(LANGUAGES), help="Language of SRC (else detected).")
@click.option("--tgt-lang", type=click.Choice(LANGUAGES), help="Language of TGT (else detected).")
@click.option("--format", "fmt", type=click.Choice(["vecalign", "tsv", "tmx"]), default="vecalign")
@opt.write_here
@click.option("--presegmented", is_flag=True, help="Inputs hold one sentence per line.")
@click.option(
    "--batch",
    metavar="FILE",
    type=click.Path(path_type=str),
    help="Align every pair FILE lists, a SRC<TAB>TGT<TAB>OUT line each (as hunalign -batch).",
)
@opt.jobs
@opt.max_size
def align(
    src: str | None,
    tgt: str | None,
    src_lang: str | None,
    tgt_lang: str | None,
    fmt: str,
    output: str | None,
    presegmented: bool,
    batch: str | None,
    jobs: int | None,
) -> None:
    """Align the sentences of two texts without paragraph numbers.

    Running text is split into sentences first; with --presegmented every line is a
    sentence and vecalign indices are 0-based line numbers. Outputs give each bead's kind
    and cost; sentences without a counterpart are listed on stderr. With --batch, the
    pairs of a list are aligned in one run (--jobs at once), each written to its OUT;
    a pair that cannot be read is reported and makes the exit status 2.
    """
    from functools import partial

    from aligner.batch import Settings, align_pair, run_batch
    from aligner.errors import UsageError

    settings = Settings(src_lang, tgt_lang, fmt, presegmented)
    echo = partial(click.echo, err=True)
    if batch is not None:
        if src is not None or output is not None:
            raise UsageError("--batch takes no SRC, TGT or --output: its file names them")
        if not run_batch(batch, settings, jobs, echo):
            sys.exit(2)
        return
    if src is None or tgt is None:
        raise UsageError("give SRC and TGT, or --batch FILE")
    result = align_pair(src, tgt, settings)
    _emit(result.data, output or None, [src, tgt])
    for message in result.messages:
        echo(f"aligner: {message}")


def _report(
    result: Result, fail_on: Severity | None, inputs: Sequence[str], review_url: str | None = None
) -> None:
    """Write the report as the command's --format, --output, --color, --statistics and
    --quiet say (stdout or the output file, never over an input; per-rule counts with
    --statistics; the summary on stderr unless --quiet), and exit with the result's status.
    `review_url` is the review report SARIF results link to."""
    from aligner.reports import render, statistics_table, summary_line
    from aligner.terminal import use_color

    given = click.get_current_context().params
    fmt, output, color = given["fmt"], given["output"], given["color"]
    colored = output is None and use_color(color, sys.stdout)
    if given["statistics"]:
        text = statistics_table(result, color=colored)
    else:
        text = render(
            fmt, result, color=colored and fmt == "text", fail_on=fail_on, review_url=review_url
        )
    _emit(text, output, inputs, color=colored)
    if not given["quiet"]:
        err_color = use_color(color, sys.stderr)
        click.echo(summary_line(result, color=err_color), err=True, color=err_color)
    sys.exit(result.exit_status(fail_on))


def _emit(
    data: str | bytes, output: str | None, inputs: Sequence[str], color: bool | None = None
) -> None:
    """Write `data` to file `output` atomically, never over one of `inputs`, or to stdout
    when it is None (through click, which writes bytes to the binary stream beneath; text
    with `color` as click.echo takes it)."""
    from aligner.atomic import write_atomic

    if output is not None:
        write_atomic(output, data, inputs=list(inputs))
    else:
        click.echo(data, nl=False, color=color)


__all__ = ["cli", "main"]
