"""The tuned numbers of the content, sentence and numbering rules (`aligner.checks.content`,
`aligner.checks.sentences`, `aligner.checks.numbering`), each once, with what it means and
where its value comes from.

"The fault suites" are tests/faults.py and tests/trust_faults.py (generated faults, each of
which must be found, on clean texts that must stay clean).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentParams:
    """Thresholds of the rules on matched paragraph pairs (defaults: `CONTENT`)."""

    #: Language guesses (`language_of`) count only for paragraphs of at least this many words
    #: and this confidence of `guess_language`.
    #: Origin: set by hand with the first content rules (commit 7e6d32e), checked by the fault
    #: suites.
    language_words: int = 6
    #: Origin: set by hand with the first content rules (commit 7e6d32e): one unit of evidence
    #: over the runner-up language (see `guess_language`).
    language_confidence: float = 0.5
    #: A paragraph identical to its reference paragraph is untranslated from this many words
    #: on (shorter ones may be names, acronyms or numbers that every language writes alike).
    #: Origin: set by hand (commit fd33ff4), from short shipped paragraphs written alike.
    identical_words: int = 4
    #: A paragraph is too short (too long) when its length, divided by the length the document
    #: pair's ratio predicts, is below `short` (above `long`) and off by `length_chars` or more.
    #: Origin: set by hand with the first content rules (commit 7e6d32e), checked by the fault
    #: suites (a dropped clause is found, a free translation is not reported).
    short: float = 0.55
    #: Origin: as `short`.
    long: float = 1.8
    #: Origin: as `short`.
    length_chars: int = 40


@dataclass(frozen=True)
class SentenceCheckParams:
    """Thresholds of the missing- and extra-sentence rules (defaults: `SENTENCE_CHECKS`)."""

    #: A sentence is reported from this many words on (shorter ones may be a heading-like
    #: fragment the aligner joined elsewhere).
    #: Origin: set by hand in issue 9 (commit 764b76f), checked by the fault suites.
    min_words: int = 4
    #: ... when the paragraph length is off by at least this share of the sentence's
    #: (predicted) length; also the most a 2-1 bead's left-over part may miss its partner by.
    #: Origin: set by hand in issue 9 (commit 764b76f): half a sentence, so a rephrased or
    #: resplit sentence is not reported; checked by the fault suites.
    share: float = 0.5
    #: A neighbour of an unmatched sentence whose match share (`similarities`) with the same
    #: partner is within `tie` of the unmatched one's, and whose length fits it no better by
    #: `length_tie` (of the partner's length), may as well be the one left out.
    #: Origin: set by hand in issue 9 (commit 764b76f), checked by
    #: tests/checks/test_sentence_rules.py.
    tie: float = 0.05
    #: Origin: as `tie`.
    length_tie: float = 0.25
    #: Words of a sentence quoted in a message.
    #: Origin: a presentation choice (issue 9, commit 764b76f): enough to recognise a sentence.
    quoted: int = 6
    #: Characters of a sentence looked for in its paragraph to find the line it starts on.
    #: Origin: set by hand (commit 705edfa): long enough to be unique in a paragraph.
    locate_chars: int = 40


@dataclass(frozen=True)
class NumberingParams:
    """When a version's numbering starts a new part (`numbering_runs`) (defaults: `NUMBERING`)."""

    #: A 1 after a higher number (in the same section) starts a new part when the number after
    #: it is at most this (the new part goes on at 2, or at 3 with one paragraph missing) and
    #: not the old sequence going on; a 1 moved among its neighbours ("2, 1, 3") is a
    #: reordering.
    #: Origin: set by hand (commit 0362fe0), checked by tests/checks/test_numbering.py.
    restart_next: int = 3


#: The parameters the content rules run with.
CONTENT = ContentParams()
#: The parameters the sentence rules run with.
SENTENCE_CHECKS = SentenceCheckParams()
#: The parameters the numbering rules run with.
NUMBERING = NumberingParams()
