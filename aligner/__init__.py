"""aligner: align, check and export the language versions of OSCE PA declarations.

The Python API is what `__all__` names, importable from `aligner` itself; every module
below it (`aligner.align`, `aligner.readers`, `aligner.checks`, ...) is internal and may
change without notice. The API does what the commands do, with typed, frozen results;
nothing prints or exits.

>>> import aligner
>>> docset = aligner.load("translations/baku-2014-child-sex-trafficking")[0]
>>> en, ru = docset.get("en"), docset.get("ru")
>>> for link in aligner.align(en, ru).links[:2]:
...     print(link.kind, link.source[0].number, link.target[0].number)
1-1 1 1
1-1 2 2
>>> aligner.check([docset.get("en").path, docset.get("ru").path], config=False).exit_status()
0

Errors raise `AlignerError` subclasses, each carrying the exit status the command line
gives (`exit_code`) and, where known, `file` and `line`:

| exception | exit status | raised for |
| --- | --- | --- |
| `AlignerError` | 2 | base of every error below |
| `InputError` | 2 | an input file missing, unreadable, malformed or hostile |
| `UsageError` | 2 | settings asking the impossible (unknown rule, no reference version) |
| `ConfigError` | 2 | a malformed `[tool.aligner]` config file (a `UsageError`) |

Findings are not errors: `check` returns them in its `Result`, whose `exit_status()` is
0 (nothing at or above `fail_on`), 1 (findings at or above it) or 2 (an input could not be
read).

Importing `aligner` is cheap: the functions import the toolkit when called, the types
when first named.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AlignerError",
    "Alignment",
    "Block",
    "ConfigError",
    "Document",
    "DocumentSet",
    "Exported",
    "Finding",
    "InputError",
    "Kind",
    "Link",
    "Paragraph",
    "Progress",
    "Result",
    "Rule",
    "SentenceAlignment",
    "Severity",
    "UsageError",
    "__version__",
    "align",
    "align_sentences",
    "check",
    "export_files",
    "load",
    "read_document",
    "rules",
    "to_po",
    "to_tmx",
]

#: Where each public type lives (imported on first use, so `import aligner` stays cheap).
_HOMES: dict[str, str] = {
    "AlignerError": "aligner.errors",
    "Alignment": "aligner.model",
    "Block": "aligner.model",
    "ConfigError": "aligner.errors",
    "Document": "aligner.model",
    "DocumentSet": "aligner.model",
    "Finding": "aligner.findings",
    "InputError": "aligner.errors",
    "Kind": "aligner.model",
    "Link": "aligner.model",
    "Paragraph": "aligner.model",
    "Progress": "aligner.pipeline",
    "Result": "aligner.findings",
    "Rule": "aligner.checks.base",
    "SentenceAlignment": "aligner.align.sentences",
    "Severity": "aligner.findings",
    "UsageError": "aligner.errors",
}

if TYPE_CHECKING:  # what type checkers see; names in `__all__` are re-exported
    from aligner.align.sentences import SentenceAlignment
    from aligner.checks.base import Rule
    from aligner.errors import AlignerError, ConfigError, InputError, UsageError
    from aligner.findings import Finding, Result, Severity
    from aligner.model import Alignment, Block, Document, DocumentSet, Kind, Link, Paragraph
    from aligner.pipeline import Progress


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'aligner' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """Keeps `aligner.align` the public function: importing the package `aligner.align`
    would otherwise bind it over the function (reach its modules with
    `from aligner.align.paragraphs import ...` or
    `importlib.import_module("aligner.align.paragraphs")`)."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

# The functions: cheap to import, each imports what it needs when called.
from aligner.api import (  # noqa: E402
    Exported,
    align,
    align_sentences,
    check,
    export_files,
    load,
    read_document,
    rules,
    to_po,
    to_tmx,
)
