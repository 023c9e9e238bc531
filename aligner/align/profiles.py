"""A paragraph's profile: its length and anchors, measured once and combined for
merged beads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.text.features import (
    end_punctuation,
    organisations,
    sub_items,
    word_features,
)
from aligner.text.numbers import numbers

# --- paragraph profiles and the length model ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    """What is compared between paragraphs: length and anchors of a text."""

    length: int
    numbers: Counter[float]
    organisations: frozenset[str]
    names: frozenset[str]
    stems: frozenset[str]
    items: int
    end: str

    @property
    def empty(self) -> bool:
        return self.length == 0


def profile(text: str) -> Profile:
    """Measure `text` once so that many pairings can be scored cheaply."""
    names_, stems_ = word_features(text)
    return Profile(
        length=len(text.strip()),
        numbers=Counter(numbers(text)),
        organisations=organisations(text),
        names=names_,
        stems=stems_,
        items=sub_items(text),
        end=end_punctuation(text),
    )


def combine(profiles: Sequence[Profile]) -> Profile:
    """The profile of several paragraphs read as one (for 2-1 and 1-2 beads)."""
    if len(profiles) == 1:
        return profiles[0]
    numbers_: Counter[float] = Counter()
    for p in profiles:
        numbers_.update(p.numbers)
    return Profile(
        length=sum(p.length for p in profiles),
        numbers=numbers_,
        organisations=frozenset().union(*(p.organisations for p in profiles)),
        names=frozenset().union(*(p.names for p in profiles)),
        stems=frozenset().union(*(p.stems for p in profiles)),
        items=sum(p.items for p in profiles),
        end=profiles[-1].end,
    )
