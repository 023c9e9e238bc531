"""Signals: SIGTERM and SIGHUP end a run like SIGINT, removing its temporary files.

`handled()` installs handlers that raise `Interrupted` (a `BaseException`, so every
`atomic_output` block removes its temporary file on the way out) and, whatever happens,
removes the temporary files still registered. The exit status is 128 + the signal number
(130 for SIGINT), as shells report it.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

from aligner.atomic import remove_live

#: Signals that end a run cleanly (SIGINT arrives as KeyboardInterrupt).
SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """The run was ended by a signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def exit_code(exc: BaseException) -> int:
    """The exit status for an interruption (KeyboardInterrupt is SIGINT)."""
    return exc.exit_code if isinstance(exc, Interrupted) else 128 + signal.SIGINT


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into `Interrupted` while the block runs; clean up after."""
    previous = {}
    for signum in SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[signum] = signal.signal(signum, _raise)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        remove_live()
