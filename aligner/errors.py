"""Typed errors that carry their exit status and, where known, the file and line."""

from __future__ import annotations


class AlignerError(Exception):
    """Base of every error aligner reports to a user; exit status 2 (usage or input error)."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        message = " ".join(message.split())  # always one line (parser messages hold newlines)
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = f"{self.file}:{self.line}: " if self.line else f"{self.file}: "
        return f"{where}{self.message}"


class InputError(AlignerError):
    """An input file is missing, unreadable, malformed or hostile."""


class UsageError(AlignerError):
    """The command line or configuration asks for something impossible."""


class ConfigError(UsageError):
    """The configuration file is malformed."""
