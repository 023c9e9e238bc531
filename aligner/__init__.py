"""aligner: align, check and export the language versions of OSCE PA declarations."""

__version__ = "0.1.0"
