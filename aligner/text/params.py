"""The tuned numbers of the text functions (language guess, names and stems, sentence
segmentation, dictionary look-up), each once, with what it means and where its value comes
from.

Format constants (the shape of a document code, `aligner.text.code.CODE_MAX`) and the
numbers of number words (`aligner.text.numerals`) are facts, not tuning, and stay where
they are used; hard safety limits are in `aligner.limits`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LangidParams:
    """Weights and thresholds of `aligner.text.langid.guess_language` (defaults: `LANGID`)."""

    #: Characters of a text that `guess_language` reads: plenty for a verdict, and bounded
    #: time on huge documents.
    #: Origin: a bound on work, set by hand (commit 7a2c307, linear time on huge inputs).
    sample: int = 50_000
    #: Vote of a word ending (of 3 to 6 letters) typical of a language, and of a letter only
    #: some languages write ("ß", "ñ"), in units of a function word's vote.
    #: Origin: set by hand with the first language guess (commits 8075568, 4d89d04), checked
    #: by tests/text/test_langid.py.
    ending_vote: float = 0.5
    #: Origin: as `ending_vote`.
    letter_vote: float = 0.5
    #: A Cyrillic text's confidence of being Russian grows with its Cyrillic letters up to
    #: this many (a shorter string may be a Cyrillic name in another language).
    #: Origin: set by hand with the first language guess (commit 8075568).
    cyrillic_letters: int = 12
    #: A document's language is guessed from its text (`detect_language`) only at this
    #: confidence or more: one unit of evidence over the runner-up.
    #: Origin: set by hand (commit 4d89d04), the confidence one unit of evidence gives.
    detect_confidence: float = 0.5


@dataclass(frozen=True)
class FeatureParams:
    """Names and stems of a text (`aligner.text.features`) and when two names are one
    (`aligner.text.normalize.names_match`) (defaults: `FEATURES`)."""

    #: A capitalised word is a name candidate from this many letters (also each part of a
    #: hyphenated name), up to `name_max` letters.
    #: Origin: set by hand with the first similarity features (commit 7e6d32e); `name_max`
    #: a bound set by hand (commit f25fb6e): no name is longer.
    name_min: int = 3
    #: Origin: as `name_min`.
    name_max: int = 40
    #: Stems are taken from words of at least `stem_min` letters, cut to `stem_letters`.
    #: Origin: set by hand with the first similarity features (commits 7e6d32e, f25fb6e),
    #: checked by the fault suites (tests/faults.py, tests/trust_faults.py).
    stem_min: int = 4
    #: Origin: as `stem_min`.
    stem_letters: int = 5
    #: A name key (`name_key`) drops its inflected ending only when at least this many
    #: letters remain.
    #: Origin: set by hand (commit dffacf8, names matched by sound).
    key_min: int = 3
    #: Two different name keys are compared by edit similarity from this many letters on,
    #: and match at this similarity or more ("Bruxelles" and "Brussels").
    #: Origin: set by hand (commit dffacf8, names matched by sound), checked by
    #: tests/align/test_similarity.py.
    compare_min: int = 4
    #: Origin: as `compare_min`.
    similar: float = 0.7


@dataclass(frozen=True)
class SegmentParams:
    """Sentence segmentation (`aligner.text.segment`) (defaults: `SEGMENT`)."""

    #: In a hard-wrapped block every line but the last has at least this many characters.
    #: Origin: set by hand with the segmentation rules (commit 168723f), checked by
    #: tests/text/test_segment.py.
    wrap_min: int = 40


@dataclass(frozen=True)
class LexiconParams:
    """Dictionary look-up of words (`aligner.text.lexicon`) (defaults: `LEXICON`)."""

    #: Unknown long words of a compounding language are split into known parts of at least
    #: this many letters ("Nordostwand" -> "wand").
    #: Origin: set by hand with the dictionary-based sentence aligner (commit 0f4c626).
    compound_part: int = 4
    #: A crude stem is the folded word cut to this many letters.
    #: Origin: set by hand with the dictionary reader (commit b247072).
    stem_letters: int = 6
    #: An inflection ending is stripped only when at least this many letters remain.
    #: Origin: set by hand with the dictionary reader (commit b247072).
    root_min: int = 3
    #: Words of a dictionary translation shorter than this ("to", "a") give no key.
    #: Origin: set by hand with the dictionary reader (commit b247072).
    translation_min: int = 3


#: The parameters the language guess runs with.
LANGID = LangidParams()
#: The parameters names and stems are taken with.
FEATURES = FeatureParams()
#: The parameters sentences are segmented with.
SEGMENT = SegmentParams()
#: The parameters dictionaries are looked up with.
LEXICON = LexiconParams()
