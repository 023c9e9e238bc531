"""What changed in a reference since a translation was made from it.

A *baseline* is the reference as a translation was made from it: its units (id and text),
from `aligner.lock` (see `aligner.lock`) or from git history (see `aligner.history`).
`compare` matches the baseline to the current reference: by normalized-text fingerprint
first (so units that only moved or were renumbered are unchanged), then the rest by
wording, one to one or two merged into one, in order. `word_diff` shows a change word by
word, as `convicted of [+serious+] sex crimes`.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

#: Typographic variants that do not change what a sentence says (so not a change to
#: translate): curly quotes and apostrophes, dashes, invisible characters.
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    }
)


@dataclass(frozen=True)
class AmendmentParams:
    """Costs and thresholds of `compare` and `word_diff` (defaults: `AMENDMENTS`)."""

    #: Words of unchanged text shown on each side of a change in a word diff.
    #: Origin: the issue's example, "convicted of [+serious+] sex crimes", shows two
    #: (commit b9be31d).
    diff_context: int = 2
    #: Costs of the pairing of changed units (a dynamic programme over each run of units
    #: that differ): a unit of one side left without a partner costs `insert`; a pair costs
    #: 1 - similarity (word-sequence ratio), so a pair is preferred to leaving both sides
    #: unpaired unless their wordings share nothing; two baseline units merged into one
    #: current unit cost `merge` more than their joined text's pair, so a merge is chosen
    #: only when the second unit's words really are in the current one.
    #: Origin: set by hand (commit b9be31d), checked by tests/test_amendments.py.
    insert: float = 0.5
    #: Origin: as `insert`.
    merge: float = 0.1
    #: Least similarity (word-sequence ratio) at which a unit that left one place and a unit
    #: that arrived at another are taken for one unit moved and reworded, not one deleted
    #: and one new.
    #: Origin: set by hand (commit b9be31d): half their words in common, in order.
    moved_similarity: float = 0.5
    #: Largest run of changed units (baseline x current) paired by the dynamic programme
    #: (each cell compares two texts); longer runs (a rewritten document) are paired by
    #: position so time stays bounded.
    #: Origin: a bound on work, set by hand (commit b9be31d).
    max_run_cells: int = 2_500


#: The parameters amendments are compared with.
AMENDMENTS = AmendmentParams()


def normalize(text: str) -> str:
    """The text as compared: NFKC, typographic variants unified, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).split())


def fingerprint(text: str) -> str:
    """A short stable hash of the normalized text (16 hex digits of SHA-256)."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Entry:
    """A reference unit as a translation was made from it (or as it is now)."""

    unit: str  # the unit's id (`model.item_keys`)
    text: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)


Baseline = tuple[Entry, ...]


@dataclass(frozen=True)
class Change:
    """A current unit whose text differs from the baseline unit(s) it comes from."""

    current: int  # index into the current units
    previous: tuple[int, ...]  # indices into the baseline: one, or two merged


@dataclass(frozen=True)
class Comparison:
    """How a baseline maps onto the current reference units."""

    changes: tuple[Change, ...]
    new: tuple[int, ...]  # current units with no baseline counterpart
    gone: tuple[int, ...]  # baseline units with no current counterpart


def compare(baseline: Sequence[Entry], current: Sequence[Entry]) -> Comparison:
    """Match `baseline` to `current` (both in document order); see the module docstring."""
    old = [e.fingerprint for e in baseline]
    new = [e.fingerprint for e in current]
    # autojunk: a text repeated throughout (over 1 % of 200+ units) is no anchor, so the
    # matching stays near linear; such units are then matched as moved, by fingerprint.
    matcher = SequenceMatcher(None, old, new, autojunk=True)
    runs: list[tuple[list[int], list[int]]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            runs.append((list(range(i1, i2)), list(range(j1, j2))))
    # units that only moved: the same text left one place and arrived at another
    left: dict[str, deque[int]] = {}
    for olds, _ in runs:
        for i in olds:
            left.setdefault(old[i], deque()).append(i)
    moved_old: set[int] = set()
    moved_new: set[int] = set()
    for _, news in runs:
        for j in news:
            if left.get(new[j]):
                moved_old.add(left[new[j]].popleft())
                moved_new.add(j)
    changes: list[Change] = []
    added: list[int] = []
    gone: list[int] = []
    for olds, news in runs:
        a = [i for i in olds if i not in moved_old]
        b = [j for j in news if j not in moved_new]
        paired, lone_old, lone_new = _pair(
            [baseline[i].text for i in a], [current[j].text for j in b]
        )
        changes.extend(Change(b[j], tuple(a[i] for i in group)) for group, j in paired)
        gone.extend(a[i] for i in lone_old)
        added.extend(b[j] for j in lone_new)
    moved = _pair_moved([baseline[i].text for i in gone], [current[j].text for j in added])
    changes.extend(Change(added[j], (gone[i],)) for i, j in moved)
    gone = [i for k, i in enumerate(gone) if k not in {i for i, _ in moved}]
    added = [j for k, j in enumerate(added) if k not in {j for _, j in moved}]
    return Comparison(
        tuple(sorted(changes, key=lambda c: c.current)), tuple(sorted(added)), tuple(sorted(gone))
    )


def _pair_moved(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Pairs (old index, new index) of units left over after the in-place pairing that
    moved and were reworded: most similar first, at least `AMENDMENTS.moved_similarity` alike."""
    if not old or not new or len(old) * len(new) > AMENDMENTS.max_run_cells:
        return []
    scored = sorted(
        ((similarity(a, b), i, j) for i, a in enumerate(old) for j, b in enumerate(new)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scored:
        if score < AMENDMENTS.moved_similarity:
            break
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return pairs


def _words(text: str) -> list[str]:
    return normalize(text).casefold().split()


def similarity(a: str, b: str) -> float:
    """Share of words two texts have in common, in order (difflib's ratio), in [0, 1]."""
    x, y = _words(a), _words(b)
    if not x and not y:
        return 1.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()


def _pair(
    old: Sequence[str], new: Sequence[str]
) -> tuple[list[tuple[tuple[int, ...], int]], list[int], list[int]]:
    """Pair a run of changed units: ((old indices), new index) pairs, lone old, lone new."""
    n, m = len(old), len(new)
    if n == 0 or m == 0:
        return [], list(range(n)), list(range(m))
    if n * m > AMENDMENTS.max_run_cells:
        k = min(n, m)
        return [((i,), i) for i in range(k)], list(range(k, n)), list(range(k, m))
    inf = float("inf")
    skip = AMENDMENTS.insert
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            moves: list[tuple[int, int, float]] = [(1, 0, skip), (0, 1, skip)]
            if i < n and j < m:
                moves.append((1, 1, 1 - similarity(old[i], new[j])))
            if i + 1 < n and j < m:
                joined = f"{old[i]} {old[i + 1]}"
                moves.append((2, 1, 1 - similarity(joined, new[j]) + AMENDMENTS.merge))
            for di, dj, c in moves:
                if i + di <= n and j + dj <= m and here + c < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = here + c
                    step[i + di][j + dj] = (di, dj)
    pairs: list[tuple[tuple[int, ...], int]] = []
    lone_old: list[int] = []
    lone_new: list[int] = []
    i, j = n, m
    while i or j:
        di, dj = step[i][j]
        i, j = i - di, j - dj
        if di and dj:
            pairs.append((tuple(range(i, i + di)), j))
        elif di:
            lone_old.append(i)
        else:
            lone_new.append(j)
    return pairs[::-1], lone_old[::-1], lone_new[::-1]


@dataclass(frozen=True)
class Hunk:
    """A piece of a word diff: `=` unchanged, `-` removed, `+` added, `…` words left out."""

    op: str
    text: str


def word_diff(before: str, after: str, context: int = AMENDMENTS.diff_context) -> tuple[Hunk, ...]:
    """The changes from `before` to `after`, word by word, with `context` words around each."""
    a, b = before.split(), after.split()
    x, y = normalize(before).split(), normalize(after).split()
    if len(x) != len(a) or len(y) != len(b):  # normalization split a word: compare as written
        x, y = a, b
    codes = SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
    out: list[Hunk] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        if tag != "equal":
            if i2 > i1:
                out.append(Hunk("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(Hunk("+", " ".join(b[j1:j2])))
            continue
        same = b[j1:j2]
        first, last = index == 0, index == len(codes) - 1
        if first and last:
            out.append(Hunk("=", " ".join(same)))
        elif first:
            out.append(Hunk("=", " ".join(same[-context:])))
        elif last:
            out.append(Hunk("=", " ".join(same[:context])))
        elif len(same) > 2 * context:
            out.extend(
                (
                    Hunk("=", " ".join(same[:context])),
                    Hunk("…", ""),
                    Hunk("=", " ".join(same[-context:])),
                )
            )
        else:
            out.append(Hunk("=", " ".join(same)))
    return tuple(h for h in out if h.text or h.op == "…")


def render_diff(hunks: Sequence[Hunk]) -> str:
    """A word diff as text: `[-removed-]`, `[+added+]`, `…` where words are left out."""
    parts = []
    for h in hunks:
        if h.op == "-":
            parts.append(f"[-{h.text}-]")
        elif h.op == "+":
            parts.append(f"[+{h.text}+]")
        else:
            parts.append(h.text or "…")
    return " ".join(parts)
