"""How well two paragraphs in different languages match: length model and anchors.

Everything here is language-independent arithmetic on text: a Gale–Church length model
whose ratio and variance are estimated from the document pair itself, and anchors that
survive translation — numbers and amounts, organisations and their acronyms, place and
person names (matched after transliteration and accent folding), sub-item counts, word
stems shared by cognates, and the class of the closing punctuation.
"""

from __future__ import annotations

import math
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import product, repeat
from typing import ClassVar

import regex

# --- normalization ---------------------------------------------------------------------

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "i", "є": "e", "ґ": "g",
}  # fmt: skip
_SPECIAL = {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i"}
_FOLD_TABLE = str.maketrans({**_CYRILLIC, **_SPECIAL})


def transliterate(text: str) -> str:
    """Lower-case `text` and write Cyrillic letters in Latin (a simple, lossy scheme)."""
    return text.lower().translate(_FOLD_TABLE)


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, transliterate and strip accents, so cognates can be compared."""
    decomposed = unicodedata.normalize("NFKD", transliterate(word))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Spellings of one sound across the six languages (after `fold`), for cognates and names.
_SOUNDS = tuple(
    (regex.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[-'’]", ""),
        (r"x", "ks"),
        (r"ph", "f"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"[yj]", "i"),
        (r"w", "v"),
        (r"z", "s"),
        (r"(?<=[kgstd])h", ""),
        (r"(.)\1+", r"\1"),
    )
)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """A word folded and spelled by sound: "co-ordination" and "координация" -> "kordinatsi..."."""
    key = fold(word)
    for pattern, replacement in _SOUNDS:
        key = pattern.sub(replacement, key)
    return key


def edit_similarity(a: str, b: str) -> float:
    """1 - Levenshtein distance / length of the longer string (1.0 for equal strings)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return 1.0 - previous[-1] / len(a)


# --- numbers and amounts -----------------------------------------------------------------

_SCALES: tuple[tuple[str, float], ...] = (
    (r"mil\s+millones|billions?|milliards?|milliarden?|miliard[oi]|млрд\.?|миллиард\w*|bn", 1e9),
    (r"millions?|millionen|milion[ei]|mill[oó]n(?:es)?|mln\.?|млн\.?|миллион\w*|mio\.?", 1e6),
    (r"thousands?|tausend|mila|тыс\.?|тысяч\w*|mil", 1e3),
)
_PERCENT = r"%|per\s*cent|pour\s+cent|prozent|per\s+cento|por\s+ciento|процент\w*"
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_NUMBER = regex.compile(
    rf"(?<![\w.,])(?:\d{{1,3}}(?:(?:{_SPACE}|[.,'’])\d{{3}})+(?![\d])|\d+)(?:[.,]\d+)?"
    rf"(?:{_SPACE}?(?P<scale>{'|'.join(p for p, _ in _SCALES)}|{_PERCENT})(?!\w))?",
    regex.IGNORECASE,
)
_GROUPED = regex.compile(rf"^\d{{1,3}}(?:(?:{_SPACE}|[.,'’])\d{{3}})+")


_NON_DIGIT = regex.compile(r"\D")
_DECIMAL = regex.compile(r"^(\d+)[.,](\d+)$")
_SCALE_PATTERNS = [(regex.compile(p, regex.IGNORECASE), factor) for p, factor in _SCALES]


def _number_value(digits: str) -> float:
    """The value of a number written with any grouping and decimal convention."""
    if digits.isdecimal():
        return float(digits)
    grouped = _GROUPED.match(digits)
    if grouped and grouped.end() == len(digits):
        return float(_NON_DIGIT.sub("", digits))
    head = digits
    tail = ""
    if grouped:  # grouping followed by a decimal part
        head, tail = digits[: grouped.end()], digits[grouped.end() + 1 :]
        head = _NON_DIGIT.sub("", head)
    elif m := _DECIMAL.match(digits):
        head, tail = m.group(1), m.group(2)
    return float(f"{head}.{tail}") if tail else float(head)


def numbers(text: str) -> tuple[float, ...]:
    """Every number in `text` as a value: "21 million", "21 млн" and "21 000 000" give 21e6.

    Numbers that are part of words or codes ("A/RES/55", "CO2") count as well; spelled-out
    and Roman numerals do not.
    """
    out: list[float] = []
    for m in _NUMBER.finditer(text):
        scale = m.group("scale")
        digits = m.group(0)[: m.start("scale") - m.start()] if scale else m.group(0)
        value = _number_value(digits.strip(" \u00a0\u202f\u2009\u2007"))
        if scale:
            for pattern, factor in _SCALE_PATTERNS:
                if pattern.fullmatch(scale):
                    value *= factor
                    break
        out.append(round(value, 6))
    return tuple(out)


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """Where each number of `numbers(text)` is written: (start, end, value), in order."""
    out = []
    for m in _NUMBER.finditer(text):
        value = numbers(m.group(0))
        if value:
            out.append((m.start(), m.end(), value[0]))
    return out


# --- organisations and acronyms ----------------------------------------------------------

#: Organisations as written in the six languages: acronyms (matched case-sensitively as whole
#: words) and full names (regular expressions, matched case-insensitively).
ORGANISATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "OSCE": (
        ("OSCE", "OSZE", "ОБСЕ", "OSCE"),
        (
            r"organi[sz]ation for security and co-?operation in europe",
            r"organisation pour la sécurité et la coopération en europe",
            r"organisation für sicherheit und zusammenarbeit in europa",
            r"organizzazione per la sicurezza e la cooperazione in europa",
            r"организаци\w* по безопасности и сотрудничеству в европе",
            r"organización para la seguridad y la cooperación en europa",
        ),
    ),
    "ODIHR": (
        ("ODIHR", "BIDDH", "БДИПЧ", "BDIMR", "ODIHR", "OIDDH", "BDIPH", "ОДИХР"),
        (
            r"office for democratic institutions and human rights",
            r"bureau des institutions démocratiques et des droits de l'homme",
            r"büro für demokratische institutionen und menschenrechte",
            r"ufficio per le istituzioni democratiche e i diritti dell'uomo",
            r"бюро по демократическим институтам и правам человека",
            r"oficina de instituciones democráticas y derechos humanos",
        ),
    ),
    "ILO": (
        ("ILO", "OIT", "IAO", "МОТ", "OIL", "ILO"),
        (
            r"international labou?r organi[sz]ation",
            r"organisation internationale du travail",
            r"internationalen? arbeitsorganisation",
            r"organizzazione internazionale del lavoro",
            r"международн\w* организаци\w* труда",
            r"organización internacional del trabajo",
        ),
    ),
    "UN": (
        ("UN", "ONU", "UNO", "ООН", "VN", "NU", "NN.UU."),
        (
            r"united nations",
            r"nations unies",
            r"vereinten nationen",
            r"nazioni unite",
            r"организаци\w* объедин[её]нн\w* наци\w*",
            r"naciones unidas",
        ),
    ),
    "IDP": (
        ("IDP", "IDPs", "PDI", "ВПЛ", "PDIs", "IDPS", "BVP"),
        (
            r"internally displaced (?:persons|people)",
            r"personnes déplacées (?:à l'intérieur de leur propre pays|internes|"
            r"dans leur propre pays)",
            r"binnenvertriebene\w*",
            r"sfollat[io](?: interni)?",
            r"внутренне перемещ[её]нн\w* лиц\w*",
            r"desplazad[oa]s internos",
        ),
    ),
    "NATO": (("NATO", "OTAN", "НАТО"), ()),
    "EU": (
        ("EU", "UE", "ЕС"),
        (
            r"european union",
            r"union européenne",
            r"europäischen? union",
            r"unione europea",
            r"европейск\w* союз\w*",
            r"unión europea",
        ),
    ),
    "CoE": (
        (),
        (
            r"council of europe",
            r"conseil de l'europe",
            r"europarat\w*",
            r"consiglio d'europa",
            r"совет\w* европы",
            r"consejo de europa",
        ),
    ),
    "UNICEF": (("UNICEF", "ЮНИСЕФ"), ()),
    "UNHCR": (("UNHCR", "HCR", "УВКБ", "ACNUR", "UNHCR"), ()),
    "UNODC": (("UNODC", "ONUDC", "УНП ООН", "ЮНОДК"), ()),
    "OHCHR": (("OHCHR", "HCDH", "УВКПЧ", "ACNUDH", "OHCHR"), ()),
    "Europol": (("Europol", "Европол"), ()),
    "Interpol": (("Interpol", "INTERPOL", "Интерпол"), ()),
    "CIS": (("CIS", "CEI", "GUS", "СНГ", "CSI"), ()),
    "GRETA": (("GRETA", "ГРЕТА"), ()),
}


def _literal_prefix(pattern: str) -> str:
    """The literal text every match of a simple regular expression starts with ("" if none)."""
    out: list[str] = []
    for c in pattern:
        if c in "?*{":
            return "".join(out[:-1])
        if c in "\\[]().+|^$":
            break
        out.append(c)
    return "".join(out)


def _organisation_patterns() -> tuple[
    regex.Pattern[str], list[str], list[tuple[str, tuple[str, ...], regex.Pattern[str]]]
]:
    """One pattern for every acronym, and per organisation a full-name pattern with triggers.

    Group `o<k>` of the acronym pattern names organisation k of `ORGANISATIONS`. A full-name
    pattern is tried only when the lower-cased text contains one of its literal beginnings
    (most paragraphs name few organisations in full).
    """
    keys = list(ORGANISATIONS)
    acronyms = []
    full: list[tuple[str, tuple[str, ...], regex.Pattern[str]]] = []
    for k, (written, names_) in enumerate(ORGANISATIONS.values()):
        if written:
            alternatives = "|".join(regex.escape(a) for a in sorted(set(written), key=len)[::-1])
            acronyms.append(f"(?P<o{k}>{alternatives})")
        if names_:
            triggers = tuple(_literal_prefix(n) for n in names_)
            full.append((keys[k], triggers, regex.compile("|".join(names_), regex.IGNORECASE)))
    return regex.compile(rf"(?<!\w)(?:{'|'.join(acronyms)})(?!\w)"), keys, full


#: Compiled on first use (a fifth of a second), not when the module is imported.
_compiled_organisations = lru_cache(maxsize=1)(_organisation_patterns)


def organisations(text: str) -> frozenset[str]:
    """The organisations `text` names, as canonical keys of `ORGANISATIONS` ("OSCE", "ILO")."""
    acronyms, keys, full_names = _compiled_organisations()
    found = {keys[int(m.lastgroup[1:])] for m in acronyms.finditer(text) if m.lastgroup}
    lowered = text.lower()
    for key, triggers, pattern in full_names:
        if key not in found and any(t in lowered for t in triggers) and pattern.search(text):
            found.add(key)
    return frozenset(found)


# --- names, stems, sub-items, punctuation ------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
#: The words of `_WORD` that start with a capital (none of its word letters before them).
_CAPITALIZED = regex.compile(r"(?<![\p{L}\p{M}][\p{L}\p{M}'’\-]*)[\p{Lu}\p{Lt}][\p{L}\p{M}'’\-]*")
_SUB_ITEM = regex.compile(r"(?<![\w(])\(?(?:[a-z]|[а-я]|[ivx]{1,4})\)(?=\s)")
#: Characters skipped when looking for what precedes a word (quotes, brackets, spaces).
_OPENING = frozenset("«„“\"'( \u00a0")
_SENTENCE_END = frozenset(".!?;:")
#: Longer capitalized words are not taken for names.
MAX_NAME = 40


def _is_acronym(word: str) -> bool:
    """All capitals, perhaps with a plural s: "OSCE", "IDPs"."""
    core = word[:-1] if word.endswith("s") else word
    return len(core) >= 2 and core.isalpha() and core.isupper()


def _starts_sentence(text: str, start: int) -> bool:
    """Whether nothing but opening quotes, brackets and spaces stand between the previous
    sentence end (or the start of `text`) and position `start`.

    Scans back over the gap before the word only, so all words of a text cost linear time.
    """
    k = start - 1
    while k >= 0 and text[k] in _OPENING:
        k -= 1
    if k < 0:
        return True
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] in _SENTENCE_END


@lru_cache(maxsize=65536)
def _stem(word: str, size: int) -> str | None:
    """The stem `stems` takes from a word, or None for short words and acronyms."""
    if len(word) >= 4 and (word[0].islower() or not _is_acronym(word)):
        return sound(word)[:size]
    return None


def _word_features(text: str, size: int = 5) -> tuple[frozenset[str], frozenset[str]]:
    """(names, stems) of `text` (see `names` and `stems`), words read by C code."""
    stems_ = frozenset(s for s in map(_stem, _WORD.findall(text), repeat(size)) if s is not None)
    found_names: set[str] = set()
    for m in _CAPITALIZED.finditer(text):
        word = m.group(0).strip("'’-")
        if (
            len(word) < 3
            or len(word) > MAX_NAME
            or not word[0].isupper()
            or _is_acronym(word)
            or _starts_sentence(text, m.start())
        ):
            continue
        found_names.update(part for part in fold(word).split("-") if len(part) >= 3)
    return frozenset(found_names), stems_


def names(text: str) -> frozenset[str]:
    """Capitalized words that do not start a sentence, folded: likely names of places and people.

    All-capital acronyms are left to `organisations`.
    """
    return _word_features(text)[0]


def stems(text: str, size: int = 5) -> frozenset[str]:
    """Prefixes of `size` letters of words of four letters or more, spelled by `sound`.

    A cheap signature of a text's words: shared by cognates across languages and scripts
    ("protocols", "протоколам"), and by the inflected forms of a word within one language.
    """
    return _word_features(text, size)[1]


def sub_items(text: str) -> int:
    """How many lettered or Roman sub-items ("(a)", "b)", "в)", "(iv)") the text has."""
    return len(_SUB_ITEM.findall(text))


#: What may follow the closing punctuation of a paragraph (spaces, quotes, brackets, emphasis).
END_SKIPPED = " \u00a0\u202f\t»”\"'’)]*_"


def end_punctuation(text: str) -> str:
    """The class of the closing punctuation: "," ";" "." ":" or "" (none or other)."""
    stripped = text.rstrip(END_SKIPPED)
    if not stripped:
        return ""
    last = stripped[-1]
    if last in "!?…":
        return "."
    return last if last in ",;.:" else ""


# --- paragraph profiles and the length model ---------------------------------------------


@dataclass(frozen=True)
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
    names_, stems_ = _word_features(text)
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


#: Gale and Church's variance of the length difference per character.
DEFAULT_VARIANCE = 6.8


@dataclass(frozen=True)
class LengthModel:
    """Target length ≈ ratio × reference length, with variance × reference length."""

    ratio: float = 1.0
    variance: float = DEFAULT_VARIANCE

    #: Pairs whose ratio differs from the median ratio by more than this factor are outliers.
    SPREAD: ClassVar[float] = 1.5

    def z(self, reference: int, target: int) -> float:
        """Gale–Church z-score of a target length given a reference length."""
        return (target - self.ratio * reference) / math.sqrt(self.variance * max(reference, 1))

    @classmethod
    def estimate(cls, pairs: Iterable[tuple[int, int]]) -> LengthModel:
        """Estimate ratio and variance robustly from (reference, target) lengths of likely pairs.

        The ratio is the ratio of the totals over the pairs whose own ratio lies within
        `SPREAD` of the median ratio (weighted by length), so that a few wrong or padded pairs
        cannot move it; the variance is the median squared residual per character scaled to a
        mean (robust too), kept within sane bounds.
        """
        pairs = [(a, b) for a, b in pairs if a > 0 and b > 0]
        if not pairs:
            return cls()
        if len(pairs) < 3:
            return cls(sum(b for _, b in pairs) / sum(a for a, _ in pairs))
        middle = _weighted_median([(b / a, a) for a, b in pairs])
        kept = [(a, b) for a, b in pairs if middle / cls.SPREAD <= b / a <= middle * cls.SPREAD]
        ratio = sum(b for _, b in kept) / sum(a for a, _ in kept)
        residuals = [(b - ratio * a) ** 2 / a for a, b in pairs]
        variance = statistics.median(residuals) / 0.455  # median of chi-square(1)
        return cls(ratio, min(max(variance, 1.0), 60.0))


def _weighted_median(values: Sequence[tuple[float, float]]) -> float:
    """The value at half the total weight of (value, weight) pairs."""
    ordered = sorted(values)
    half = sum(w for _, w in ordered) / 2
    total = 0.0
    for value, weight in ordered:
        total += weight
        if total >= half:
            return value
    return ordered[-1][0]


# --- agreement of anchors ----------------------------------------------------------------


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A folded name spelled by sound, without inflected endings: "Bruxelles" -> "bruksel"."""
    key = sound(name)
    stripped = key.rstrip("s").rstrip("aeiou")
    return stripped if len(stripped) >= 3 else key


@lru_cache(maxsize=65536)
def names_match(a: str, b: str) -> bool:
    """Whether two names are the same name across languages (cognates, transliteration)."""
    if a == b:
        return True
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < 4 or not (ka[0] == kb[0] or ka[1] == kb[0] or ka[0] == kb[1]):
        return False
    return edit_similarity(ka, kb) >= 0.7


@dataclass(frozen=True)
class Anchors:
    """How the anchors of two texts agree: counts of shared and unshared anchors."""

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


def anchors(a: Profile, b: Profile, matcher: NameMatcher | None = None) -> Anchors:
    """Count anchors of `a` found in `b` and vice versa."""
    shared = unshared = 0.0
    common = a.numbers & b.numbers
    n_common = sum(common.values())
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
    return Anchors(shared, unshared, dice)


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
