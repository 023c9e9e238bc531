"""Landmarks (numbers, organisations, names) shared by two profiles, and word associations
learned from a document's likely pairs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from aligner.align.profiles import Profile
from aligner.text.normalize import name_key, names_match


@dataclass(frozen=True)
class Agreement:
    """How the landmarks of two texts agree: counts of shared and unshared landmarks
    (numbers, organisations, names, end punctuation, sub-items)."""

    shared: float
    unshared: float
    stem_similarity: float  # Dice coefficient of the stem sets


class NameMatcher:
    """Counts the names two texts share (`names_match`), remembering the names compared.

    Texts with very many names are compared by sound keys only, so that the cost of a
    comparison stays linear in their length.
    """

    #: Above this many name pairs, names match only when their sound keys are equal.
    MAX_PAIRS = 400

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], bool] = {}

    def _match(self, a: str, b: str) -> bool:
        found = self._memo.get((a, b))
        if found is None:
            found = self._memo[(a, b)] = names_match(a, b)
        return found

    def count(self, a: frozenset[str], b: frozenset[str]) -> int:
        """Names of `a` with a match in `b` plus names of `b` with a match in `a`."""
        if len(a) * len(b) > self.MAX_PAIRS:
            keys_a, keys_b = {name_key(x) for x in a}, {name_key(y) for y in b}
            return sum(name_key(x) in keys_b for x in a) + sum(name_key(y) in keys_a for y in b)
        matched_b: set[str] = set()
        matched_a = 0
        for x in a:
            hits = [y for y in b if self._match(x, y)]
            if hits:
                matched_a += 1
                matched_b.update(hits)
        return matched_a + len(matched_b)


def agreement(a: Profile, b: Profile, matcher: NameMatcher | None = None) -> Agreement:
    """Count landmarks of `a` found in `b` and vice versa."""
    shared = unshared = 0.0
    # most paragraphs have no number: no Counter intersection then
    n_common = sum((a.numbers & b.numbers).values()) if a.numbers and b.numbers else 0
    shared += 2 * n_common
    unshared += sum(a.numbers.values()) + sum(b.numbers.values()) - 2 * n_common
    shared += 2 * len(a.organisations & b.organisations)
    unshared += len(a.organisations ^ b.organisations)
    if a.names and b.names:
        # names are noisy (German nouns, sentence-initial words): only agreement counts
        shared += 0.5 * (matcher or NameMatcher()).count(a.names, b.names)
    if a.end and b.end:
        if a.end == b.end:
            shared += 0.5
        else:
            unshared += 1
    if a.items or b.items:
        if a.items == b.items:
            shared += 1
        else:
            unshared += 1
    total = len(a.stems) + len(b.stems)
    dice = 2 * len(a.stems & b.stems) / total if total else 0.0
    return Agreement(shared, unshared, dice)


class Associations:
    """Word stems that translate each other, learned from likely paragraph pairs of a document.

    A reference stem and a target stem are associated when they occur together in at least
    two of the pairs and in few others (Dice coefficient of their occurrences ≥ `DICE`).
    Stems found in fewer than two or in more than half of the paragraphs are ignored: they
    cannot be learned, or do not tell paragraphs apart. Needing two pairs means no single
    pair supports its own association. A pair with more than `MAX_PRODUCT` stem pairings
    (giant paragraphs) is not learned from, so learning stays linear in the text.
    """

    DICE = 0.7
    MAX_PRODUCT = 40_000

    def __init__(
        self,
        ref: Sequence[frozenset[str]],
        tgt: Sequence[frozenset[str]],
        pairs: Iterable[tuple[int, int]],
    ):
        pairs = list(pairs)
        limit = max(len(pairs) / 2, 2)
        df_ref = Counter(w for i in {i for i, _ in pairs} for w in ref[i])
        df_tgt = Counter(w for j in {j for _, j in pairs} for w in tgt[j])
        partners: dict[int, set[str]] = {}  # target stems seen with each reference paragraph
        for i, j in pairs:
            partners.setdefault(i, set()).update(w for w in tgt[j] if 2 <= df_tgt[w] <= limit)
        together: Counter[tuple[str, str]] = Counter()
        for i, right in partners.items():
            left = [w for w in ref[i] if 2 <= df_ref[w] <= limit]
            if len(left) * len(right) <= self.MAX_PRODUCT:
                together.update(product(left, right))
        forward: dict[str, set[str]] = {}
        backward: dict[str, set[str]] = {}
        for (a, b), count in together.items():
            if count >= 2 and 2 * count / (df_ref[a] + df_tgt[b]) >= self.DICE:
                forward.setdefault(a, set()).add(b)
                backward.setdefault(b, set()).add(a)
        self._memo: dict[tuple[bool, frozenset[str]], tuple[frozenset[str], frozenset[str]]] = {}
        self.forward = {a: frozenset(bs) for a, bs in forward.items()}
        self.backward = {b: frozenset(as_) for b, as_ in backward.items()}

    def signature(
        self, words: frozenset[str], reference: bool
    ) -> tuple[frozenset[str], frozenset[str]]:
        """(associated stems among `words`, every partner of them), memoized.

        `reference` says whether `words` are reference stems.
        """
        key = (reference, words)
        found = self._memo.get(key)
        if found is None:
            table = self.forward if reference else self.backward
            known = frozenset(w for w in words if w in table)
            reach = frozenset().union(*(table[w] for w in known))
            found = self._memo[key] = (known, reach)
        return found

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """Share of the associated stems of `a` and `b` whose partner is in the other text."""
        known_a, reach_a = self.signature(a, True)
        known_b, reach_b = self.signature(b, False)
        if not known_a and not known_b:
            return 0.0
        hits = len(known_a & reach_b) + len(known_b & reach_a)
        return hits / (len(known_a) + len(known_b))

    def containment(
        self, part: frozenset[str], whole: frozenset[str], *, reference: bool
    ) -> float | None:
        """Share of the associated stems of `part` whose partner is in `whole` (None: < 3).

        `reference` says whether `part` is reference text. A genuine half of a split
        paragraph is contained in its reference paragraph; an unrelated paragraph is not.
        """
        known = self.signature(part, reference)[0]
        if len(known) < 3:
            return None
        return len(known & self.signature(whole, not reference)[1]) / len(known)
