"""The six OSCE languages: codes, names and document-code letters (defined once).

A module of constants only, so that the command line can name the languages without
importing the document model.
"""

from __future__ import annotations

#: The six OSCE languages, in the order the Assembly lists them.
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "it", "ru", "es")

LANGUAGE_NAMES: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "ru": "Russian",
    "es": "Spanish",
}

#: Last letter of an OSCE PA document code ("AS (14) D F") per language.
CODE_LETTERS: dict[str, str] = {"E": "en", "F": "fr", "G": "de", "I": "it", "R": "ru", "S": "es"}
