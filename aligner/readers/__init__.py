"""Readers turn a file of any supported format into a `Document`.

The names below are loaded on first use (`aligner.readers.base` imports every format's
reader), so that a module reading plain text through `aligner.readers.source` does not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aligner.readers.base import READERS, Reader, read_document

__all__ = ["READERS", "Reader", "read_document"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from aligner.readers import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
