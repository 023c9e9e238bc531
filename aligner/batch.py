"""Sentence alignment of two texts, one pair (`aligner align SRC TGT`) or many in one run
(`aligner align --batch FILE`, as hunalign's ``-batch`` mode).

A batch file lists one pair per line: SRC, TGT and OUT separated by tabs, relative paths
read from the current directory (as hunalign reads them); blank lines are skipped. The
whole list is checked before any pair is aligned (three fields per line, every output
named once and none of them an input), then the pairs are aligned in up to `--jobs`
processes, each loading a language pair's dictionaries once for all its pairs: the start-up
a run per pair would pay again and again. Outputs are written atomically in list order; a
pair that cannot be read or aligned is reported on one line and the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from aligner.errors import AlignerError, UsageError


@dataclass(frozen=True)
class Settings:
    """How every pair is aligned and written (the options of `aligner align`)."""

    src_lang: str | None
    tgt_lang: str | None
    fmt: str
    presegmented: bool


@dataclass(frozen=True)
class Pair:
    """One line of a batch file: the two texts and where their alignment goes."""

    line: int
    src: str
    tgt: str
    out: str


@dataclass(frozen=True)
class Aligned:
    """What aligning one pair gave: the output's bytes and the lines for stderr (without
    the ``aligner:`` prefix), or the error line (`exits.error_line`) of what stopped it."""

    data: bytes = b""
    messages: tuple[str, ...] = ()
    error: str | None = None


def align_pair(src: str, tgt: str, settings: Settings) -> Aligned:
    """Read and align two texts; raises `AlignerError` when one cannot be read."""
    from aligner.align.sentences import unmatched_lines
    from aligner.api import align_sentences, read_text
    from aligner.text.lexicon import load_lexicon

    src_text, src_lang = read_text(src, settings.src_lang, option="--src-lang")
    tgt_text, tgt_lang = read_text(tgt, settings.tgt_lang, option="--tgt-lang")
    lexicon = load_lexicon(src_lang, tgt_lang)
    presegmented = settings.presegmented
    result = align_sentences(
        src_text, tgt_text, src_lang, tgt_lang, presegmented=presegmented, lexicon=lexicon
    )
    if settings.fmt == "tmx":
        from aligner.export.units import creation_time  # reads, checks, writes: only for TMX

        data = result.tmx(src_lang, tgt_lang, creation_time())
    else:
        data = (result.vecalign() if settings.fmt == "vecalign" else result.tsv()).encode("utf-8")
    messages = unmatched_lines(result, src_lang, tgt_lang, presegmented=presegmented)
    kinds = ", ".join(f"{count} {kind}" for kind, count in result.kinds().items())
    messages.append(
        f"{len(result.src)} {src_lang} and {len(result.tgt)} {tgt_lang} sentences "
        f"in {len(result.beads)} beads ({kinds or 'none'}); {lexicon.describe()}"
    )
    return Aligned(data, tuple(messages))


def _aligned(settings: Settings, pair: Pair) -> Aligned:
    """`align_pair` of one batch line, its error caught (a worker process's job)."""
    from aligner.exits import error_line

    try:
        return align_pair(pair.src, pair.tgt, settings)
    except AlignerError as exc:
        return Aligned(error=error_line(exc))


def read_batch(path: str) -> list[Pair]:
    """The pairs a batch file lists; a `UsageError` naming the file and line of the first
    line that is not SRC<TAB>TGT<TAB>OUT, and of an output named twice or over an input."""
    from aligner.readers.source import decode, read_bytes

    pairs = []
    for number, line in enumerate(decode(read_bytes(path), path).splitlines(), start=1):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split("\t")]
        if len(fields) != 3 or not all(fields):
            found = f"{len(fields)} field(s)" if len(fields) != 3 else "an empty field"
            raise UsageError(f"expected SRC<TAB>TGT<TAB>OUT, found {found}", file=path, line=number)
        src, tgt, out = fields
        pairs.append(Pair(number, src, tgt, out))
    if not pairs:
        raise UsageError("lists no pair of texts (SRC<TAB>TGT<TAB>OUT lines)", file=path)
    inputs = {_key(path)} | {_key(p) for pair in pairs for p in (pair.src, pair.tgt)}
    outputs: dict[str, Pair] = {}
    for pair in pairs:
        key = _key(pair.out)
        if key in inputs:
            raise UsageError(f"output {pair.out} is an input", file=path, line=pair.line)
        if key in outputs:
            first = outputs[key].line
            raise UsageError(
                f"output {pair.out} is named twice (first on line {first})",
                file=path,
                line=pair.line,
            )
        outputs[key] = pair
    return pairs


def _key(path: str) -> str:
    """A path as the file system resolves it (links followed), to compare outputs."""
    return os.path.realpath(path)


def run_batch(path: str, settings: Settings, jobs: int | None, echo: Callable[[str], None]) -> bool:
    """Align every pair of batch file `path`, writing each output; `echo` takes each line
    for stderr. Returns whether every pair was aligned."""
    from aligner.atomic import write_atomic
    from aligner.jobs import ordered_map

    pairs = read_batch(path)
    inputs = [p for pair in pairs for p in (pair.src, pair.tgt)] + [path]
    failed = 0
    for pair, aligned in zip(
        pairs, ordered_map(partial(_aligned, settings), pairs, jobs), strict=True
    ):
        if aligned.error is not None:
            failed += 1
            echo(aligned.error)
            continue
        write_atomic(pair.out, aligned.data, inputs=inputs)
        for message in aligned.messages:
            echo(f"aligner: {pair.src}: {message}")
    summary = f"aligner: {len(pairs) - failed} of {len(pairs)} pairs aligned"
    echo(summary + (f", {failed} failed" if failed else ""))
    return not failed
