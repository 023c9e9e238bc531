"""Readers turn a file of any supported format into a `Document`."""

from aligner.readers.base import read_document

__all__ = ["read_document"]
