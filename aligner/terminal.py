"""What the command line shows on a terminal: colour choice and the progress display.

Colour (`--color auto|always|never`): `always` and `never` decide; `auto` colours a
terminal, unless `NO_COLOR` is set (https://no-color.org), and `FORCE_COLOR` colours even
a pipe. Progress appears on stderr only when it is a terminal, not in CI (`CI` set), not
with `-q` or a machine-readable format, and only for runs of many files or that have
already taken a while.
"""

from __future__ import annotations

import os
import time
from types import TracebackType
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from aligner.pipeline import CHECK, EXPORT, READ

COLOR_CHOICES = ("auto", "always", "never")
#: What each pipeline stage counts, as the progress display names it.
LABELS = {READ: "files read", CHECK: "documents aligned", EXPORT: "units exported"}
#: Progress shows at once for a run over at least this many files, else after `DELAY` s.
MANY_FILES = 50
DELAY = 1.0


def use_color(choice: str, stream: IO[str]) -> bool:
    """Whether to colour output written to `stream` under `--color choice`."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return _is_tty(stream)


def _is_tty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def progress_allowed(stream: IO[str], *, quiet: bool = False, machine: bool = False) -> bool:
    """Whether progress may be drawn on `stream` (a terminal, not CI, not quiet or JSON)."""
    return not quiet and not machine and not os.environ.get("CI") and _is_tty(stream)


class TerminalProgress:
    """An `aligner.pipeline.Progress` callback drawing rich bars on stderr, started only
    when a run is over many files or has lasted `DELAY` seconds; removed at the end."""

    def __init__(self, console: Console):
        self.console = console
        self.started = time.monotonic()
        self.bars: RichProgress | None = None
        self.tasks: dict[str, TaskID] = {}

    def __call__(self, stage: str, done: int, total: int, /) -> None:
        if self.bars is None:
            many = stage == READ and total >= MANY_FILES
            if not many and time.monotonic() - self.started < DELAY:
                return
            self.bars = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bars.start()
        task = self.tasks.get(stage)
        if task is None:
            label = LABELS.get(stage, stage)
            task = self.tasks[stage] = self.bars.add_task(label, total=total or None)
        self.bars.update(task, completed=done, total=total or None)

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.bars is not None:
            self.bars.stop()


class Silent:
    """A progress callback that shows nothing (pipes, CI, -q, JSON)."""

    def __call__(self, stage: str, done: int, total: int, /) -> None:
        return None

    def __enter__(self) -> Silent:
        return self

    def __exit__(self, *args: object) -> None:
        return None


def progress_for(
    stream: IO[str], *, quiet: bool = False, machine: bool = False
) -> TerminalProgress | Silent:
    """The progress callback for a run whose progress would go to `stream` (stderr)."""
    if progress_allowed(stream, quiet=quiet, machine=machine):
        return TerminalProgress(Console(file=stream, stderr=True))
    return Silent()
