"""Other ways a text may write a number: words, Roman numerals, short year ranges, codes.

`aligner.text.numbers.numbers` reads the numbers a translation must keep (digits, with their
grouping, decimal sign and scale word). A translation may still write one of them
differently: "twenty-third" or "vingt-troisième" for 23rd, "XXI" for 21st, "2013-14" for
2013–2014, "G20" for "G-20", "1.000" read either way. `readings` gives every value such
spellings can stand for, so a number that is only spelled differently is not reported as
changed. It errs on the generous side: it can only excuse a number, never accuse one.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from aligner.text.normalize import fold

# Number words per language, folded (accents removed, lower case): stems, each followed in
# the text by one of the language's endings (ordinal or inflection) or by another stem.
# Indefinite articles (un, une, ein, uno, una) count only inside a compound or after a
# joiner ("vingt et un"): alone they are no evidence of a 1.
_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1,
        "first": 1,
        "two": 2,
        "second": 2,
        "three": 3,
        "third": 3,
        "four": 4,
        "five": 5,
        "fif": 5,
        "six": 6,
        "seven": 7,
        "eigh": 8,
        "nine": 9,
        "nin": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "twelf": 12,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "twentie": 20,
        "thirty": 30,
        "thirtie": 30,
        "forty": 40,
        "fortie": 40,
        "fifty": 50,
        "fiftie": 50,
        "sixty": 60,
        "sixtie": 60,
        "seventy": 70,
        "seventie": 70,
        "eighty": 80,
        "eightie": 80,
        "ninety": 90,
        "ninetie": 90,
        "hundred": 100,
        "thousand": 1000,
        "million": 10**6,
        "billion": 10**9,
    },
    "fr": {
        "un": 1,
        "premier": 1,
        "premiere": 1,
        "deux": 2,
        "second": 2,
        "trois": 3,
        "quatr": 4,
        "cinq": 5,
        "cinqu": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "neuv": 9,
        "dix": 10,
        "onz": 11,
        "douz": 12,
        "treiz": 13,
        "quatorz": 14,
        "quinz": 15,
        "seiz": 16,
        "vingt": 20,
        "trent": 30,
        "quarant": 40,
        "cinquant": 50,
        "soixant": 60,
        "cent": 100,
        "mill": 1000,
        "mil": 1000,
        "million": 10**6,
        "milliard": 10**9,
    },
    "de": {
        "ein": 1,
        "eins": 1,
        "erst": 1,
        "zwei": 2,
        "zweit": 2,
        "drei": 3,
        "dritt": 3,
        "vier": 4,
        "funf": 5,
        "sechs": 6,
        "sech": 6,
        "sieben": 7,
        "sieb": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
        "elf": 11,
        "zwolf": 12,
        "zwanzig": 20,
        "dreissig": 30,
        "vierzig": 40,
        "funfzig": 50,
        "sechzig": 60,
        "siebzig": 70,
        "achtzig": 80,
        "neunzig": 90,
        "hundert": 100,
        "tausend": 1000,
        "million": 10**6,
        "milliard": 10**9,
    },
    "it": {
        "un": 1,
        "uno": 1,
        "prim": 1,
        "due": 2,
        "second": 2,
        "tre": 3,
        "terz": 3,
        "quattr": 4,
        "quart": 4,
        "cinqu": 5,
        "sei": 6,
        "sest": 6,
        "sett": 7,
        "settim": 7,
        "otto": 8,
        "ottav": 8,
        "nove": 9,
        "non": 9,
        "dieci": 10,
        "decim": 10,
        "undic": 11,
        "dodic": 12,
        "tredic": 13,
        "quattordic": 14,
        "quindic": 15,
        "sedic": 16,
        "diciassett": 17,
        "diciott": 18,
        "diciannov": 19,
        "vent": 20,
        "venti": 20,
        "trent": 30,
        "trenta": 30,
        "quarant": 40,
        "quaranta": 40,
        "cinquant": 50,
        "cinquanta": 50,
        "sessant": 60,
        "sessanta": 60,
        "settant": 70,
        "settanta": 70,
        "ottant": 80,
        "ottanta": 80,
        "novant": 90,
        "novanta": 90,
        "cent": 100,
        "mille": 1000,
        "mila": 1000,
        "milion": 10**6,
        "miliard": 10**9,
    },
    "es": {
        "un": 1,
        "uno": 1,
        "primer": 1,
        "dos": 2,
        "segund": 2,
        "tres": 3,
        "tercer": 3,
        "cuatro": 4,
        "cuart": 4,
        "cinco": 5,
        "quint": 5,
        "seis": 6,
        "sext": 6,
        "siete": 7,
        "septim": 7,
        "ocho": 8,
        "octav": 8,
        "nueve": 9,
        "noven": 9,
        "diez": 10,
        "decim": 10,
        "dieci": 10,
        "once": 11,
        "doce": 12,
        "trece": 13,
        "catorce": 14,
        "quince": 15,
        "veint": 20,
        "veinte": 20,
        "veinti": 20,
        "vigesim": 20,
        "treinta": 30,
        "trigesim": 30,
        "cuarenta": 40,
        "cincuenta": 50,
        "sesenta": 60,
        "setenta": 70,
        "ochenta": 80,
        "noventa": 90,
        "cien": 100,
        "cient": 100,
        "mil": 1000,
        "millon": 10**6,
    },
    "ru": {
        "один": 1,
        "одна": 1,
        "одно": 1,
        "перв": 1,
        "два": 2,
        "две": 2,
        "двух": 2,
        "втор": 2,
        "три": 3,
        "трех": 3,
        "трет": 3,
        "четыр": 4,
        "четвер": 4,
        "пят": 5,
        "шест": 6,
        "сем": 7,
        "седьм": 7,
        "восем": 8,
        "восьм": 8,
        "девят": 9,
        "десят": 10,
        "одиннадцат": 11,
        "двенадцат": 12,
        "тринадцат": 13,
        "четырнадцат": 14,
        "пятнадцат": 15,
        "шестнадцат": 16,
        "семнадцат": 17,
        "восемнадцат": 18,
        "девятнадцат": 19,
        "двадцат": 20,
        "тридцат": 30,
        "сорок": 40,
        "пятьдесят": 50,
        "пятидесят": 50,
        "шестьдесят": 60,
        "шестидесят": 60,
        "семьдесят": 70,
        "семидесят": 70,
        "восемьдесят": 80,
        "восьмидесят": 80,
        "девяност": 90,
        "сто": 100,
        "сот": 100,
        "тысяч": 1000,
        "миллион": 10**6,
        "миллиард": 10**9,
    },
}
# Endings after the last stem of a word (ordinals, plurals, inflections), and the words or
# infixes that join the parts of a compound number ("vingt et un", "dreiundzwanzig").
_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("", "th", "t", "st", "nd", "rd", "s"),
    "fr": ("", "e", "es", "s", "ieme", "iemes", "eme", "er", "ere", "aine", "aines"),
    "de": (
        "",
        "e",
        "en",
        "er",
        "es",
        "em",
        "s",
        "te",
        "ten",
        "ter",
        "tes",
        "tem",
        "ste",
        "sten",
        "ster",
        "stes",
        "stem",
        "n",
    ),
    "it": ("", "o", "a", "i", "e", "esimo", "esima", "esimi", "esime", "simo", "sima"),
    "es": ("", "o", "a", "os", "as", "e", "es", "ntos", "ntas"),
    "ru": (),  # any short Cyrillic ending, see `_RU_ENDING`
}
_JOINERS: dict[str, frozenset[str]] = {
    "en": frozenset({"and"}),
    "fr": frozenset({"et"}),
    "de": frozenset({"und"}),
    "it": frozenset({"e"}),
    "es": frozenset({"y"}),
    "ru": frozenset(),
}
_ARTICLES = frozenset(
    {"un", "une", "uno", "una", "ein", "eine", "einen", "einem", "einer", "eines"}
)
_RU_ENDING = regex.compile(r"[а-яё]{0,4}")
_TOKEN = regex.compile(r"\p{L}+")
_ROMAN = regex.compile(
    r"(?<!\p{L})M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})(?!\p{Lu})"
)
#: Letters of the longest number stem: no longer piece of a word can be one.
_LONGEST_STEM = max(len(stem) for stems in _WORDS.values() for stem in stems)
_ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
_DIGITS = regex.compile(r"\d+")
_NON_DIGIT = regex.compile(r"\D")
_FIGURE = regex.compile(r"\d+(?:[.,'’ \u00a0\u202f]\d+)*")
_SHORT_RANGE = regex.compile(r"(?<!\d)(\d\d)(\d\d)\s*[-–—/]\s*(\d\d)(?!\d)")


def _parts(word: str, lang: str) -> list[int] | None:
    """The number stems a folded word consists of, or None when it is no number word."""
    stems = _WORDS[lang]
    joiners = _JOINERS[lang]

    def walk(at: int) -> list[int] | None:
        if at == len(word):
            return []
        for size in range(min(len(word) - at, _LONGEST_STEM), 0, -1):
            stem = word[at : at + size]
            if stem not in stems:
                continue
            rest = at + size
            if lang == "ru":
                ending = _RU_ENDING.match(word, rest)
                ends = [rest, ending.end()] if ending else [rest]
            else:
                ends = [rest + len(e) for e in _ENDINGS[lang] if word.startswith(e, rest)]
            for end in sorted(set(ends), reverse=True):
                if end == len(word):
                    return [stems[stem]]
            for joiner in ("", *joiners):
                if word.startswith(joiner, rest):
                    tail = walk(rest + len(joiner))
                    if tail:
                        return [stems[stem], *tail]
        return None

    return walk(0)


def _value(parts: list[int], lang: str) -> int:
    """The value of number stems read in order ("quatre vingt dix" = 90)."""
    total = current = 0
    for v in parts:
        if v >= 1000:
            total += max(current, 1) * v
            current = 0
        elif v == 100:
            current = max(current, 1) * 100
        elif lang == "fr" and v == 20 and 1 < current < 20:
            current *= 20  # quatre-vingt
        else:
            current += v
    return total + current


def _words(text: str, lang: str) -> set[float]:
    """Values of number words and of runs of them ("twenty-third", "vingt et un")."""
    if lang not in _WORDS:
        return set()
    out: set[float] = set()
    run: list[int] = []
    pending_joiner = False
    for token in _TOKEN.findall(text):
        word = fold(token.casefold()) if lang != "ru" else token.casefold().replace("ё", "е")
        parts = _parts(word, lang)
        if parts is not None and word in _ARTICLES and not pending_joiner:
            parts = None
        if parts is not None:
            out.add(float(_value(parts, lang)))
            run.extend(parts)
            out.add(float(_value(run, lang)))
            pending_joiner = False
        elif run and word in _JOINERS[lang] and not pending_joiner:
            pending_joiner = True
        else:
            run, pending_joiner = [], False
    return out


def _roman(text: str) -> set[float]:
    out: set[float] = set()
    for m in _ROMAN.finditer(text):
        numeral = m.group(0)
        if len(numeral) < 2:
            continue  # "I", "V", "C" alone are more often letters than numbers
        values = [_ROMAN_VALUES[c] for c in numeral]
        out.add(
            float(sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True)))
        )
    return out


def _figures(text: str) -> set[float]:
    """Every digit run, and every way a grouped or decimal figure can be read."""
    out = {float(d) for d in _DIGITS.findall(text)}
    for m in _FIGURE.finditer(text):
        figure = m.group(0)
        out.add(float(_NON_DIGIT.sub("", figure)))
        for sign in ".,":
            if sign in figure:
                head, _, tail = figure.rpartition(sign)
                out.add(float(f"{_NON_DIGIT.sub('', head)}.{_NON_DIGIT.sub('', tail)}"))
    return out


def expand_ranges(text: str) -> str:
    """Year ranges written short in full: "2013/14" becomes "2013/2014" (not "2014-06")."""

    def full(m: regex.Match[str]) -> str:
        century, first, last = m.groups()
        if century not in ("19", "20") or last <= first:
            return m.group(0)
        return f"{century}{first}/{century}{last}"

    return _SHORT_RANGE.sub(full, text)


@lru_cache(maxsize=4096)
def readings(text: str, lang: str) -> frozenset[float]:
    """Every value `text` (in language `lang`) may write, by any of the spellings above."""
    return frozenset(_figures(text) | _roman(text) | _words(text, lang))
