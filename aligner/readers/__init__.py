"""Readers turn a file of any supported format into a `Document`."""

from aligner.readers.base import READERS, Reader, read_document

__all__ = ["READERS", "Reader", "read_document"]
