"""What survives translation in a text: organisations and their acronyms, names,
word stems shared by cognates, sub-item counts and the closing punctuation."""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat

import regex

from aligner.text.normalize import fold, sound
from aligner.text.params import FEATURES

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
    regex.Pattern[str], list[str], list[tuple[str, regex.Pattern[str]]], list[tuple[str, int]]
]:
    """One pattern for every acronym; per organisation a full-name pattern; its triggers.

    Group `o<k>` of the acronym pattern names organisation k of `ORGANISATIONS`. A full-name
    pattern (k-th of the list) is tried only when the lower-cased text contains one of its
    literal beginnings, the triggers (trigger, k) (most paragraphs name few organisations
    in full).
    """
    keys = list(ORGANISATIONS)
    acronyms = []
    full: list[tuple[str, regex.Pattern[str]]] = []
    triggers: list[tuple[str, int]] = []
    for k, (written, names_) in enumerate(ORGANISATIONS.values()):
        if written:
            longest_first = sorted(set(written), key=lambda a: (-len(a), a))
            alternatives = "|".join(regex.escape(a) for a in longest_first)
            acronyms.append(f"(?P<o{k}>{alternatives})")
        if names_:
            triggers += [(_literal_prefix(n), len(full)) for n in names_]
            full.append((keys[k], regex.compile("|".join(names_), regex.IGNORECASE)))
    return regex.compile(rf"(?<!\w)(?:{'|'.join(acronyms)})(?!\w)"), keys, full, triggers


#: Compiled on first use (a fifth of a second), not when the module is imported.
_compiled_organisations = lru_cache(maxsize=1)(_organisation_patterns)


#: The empty set the feature functions return (one object, not one per paragraph: most
#: paragraphs name no organisation).
NONE: frozenset[str] = frozenset()


def organisations(text: str) -> frozenset[str]:
    """The organisations `text` names, as canonical keys of `ORGANISATIONS` ("OSCE", "ILO")."""
    acronyms, keys, full_names, triggers = _compiled_organisations()
    found = {keys[int(m.lastgroup[1:])] for m in acronyms.finditer(text) if m.lastgroup}
    lowered = text.lower()
    for k in sorted({k for trigger, k in triggers if trigger in lowered}):
        key, pattern = full_names[k]
        if key not in found and pattern.search(text):
            found.add(key)
    return frozenset(found) if found else NONE


# --- names, stems, sub-items, punctuation ------------------------------------------------

_WORD = regex.compile(r"[\p{L}\p{M}][\p{L}\p{M}'’\-]*")
_SUB_ITEM = regex.compile(r"(?<![\w(])\(?(?:[a-z]|[а-я]|[ivx]{1,4})\)(?=\s)")
#: Characters skipped when looking for what precedes a word (quotes, brackets, spaces).
_OPENING = frozenset("«„“\"'( \u00a0")
_SENTENCE_END = frozenset(".!?;:")


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
    if len(word) >= FEATURES.stem_min and (word[0].islower() or not _is_acronym(word)):
        return sound(word)[:size]
    return None


def word_features(
    text: str, size: int = FEATURES.stem_letters
) -> tuple[frozenset[str], frozenset[str]]:
    """(names, stems) of `text` (see `names` and `stems`), words read by C code.

    A word is a name candidate when it starts with a capital; its place (for
    `_starts_sentence`) is where `str.find` finds it from the end of the candidate before.
    That is its own place unless the text before it continues a word (a capital inside a
    word, as in "deBaku", could be found first): then every word is placed in turn, each
    found from the end of the word before, as nothing between two words of `_WORD` can
    start a word.
    """
    words = _WORD.findall(text)
    # a frozenset copied from a set gets a table sized for its items: about half the
    # memory of one grown item by item (20-39 stems: 1,240 bytes, not 2,264)
    stems_ = frozenset({s for s in map(_stem, words, repeat(size)) if s is not None})
    capitals = [w for w in words if w[0].isupper() or w[0].istitle()]
    if not capitals:
        return NONE, stems_
    placed = _capitals_placed(text, capitals)
    if placed is None:
        placed = _words_placed(text, words)
    found_names: set[str] = set()
    shortest, longest = FEATURES.name_min, FEATURES.name_max  # read once, not per word
    for found, start in placed:
        word = found.strip("'’-")
        if (
            len(word) < shortest
            or len(word) > longest
            or not word[0].isupper()
            or _is_acronym(word)
            or _starts_sentence(text, start)
        ):
            continue
        found_names.update(part for part in fold(word).split("-") if len(part) >= shortest)
    return (frozenset(found_names) if found_names else NONE), stems_


#: A character that continues a word of `_WORD`.
_CONTINUES = regex.compile(r"[\p{L}\p{M}'’\-]")


def _capitals_placed(text: str, capitals: list[str]) -> list[tuple[str, int]] | None:
    """Each capitalised word with its place, each found from the end of the one before;
    None when a place found follows a character that continues a word (it may lie inside
    a word that is not a candidate)."""
    out = []
    end = 0
    for found in capitals:
        start = text.find(found, end)
        if start > 0 and _CONTINUES.match(text, start - 1):
            return None
        out.append((found, start))
        end = start + len(found)
    return out


def _words_placed(text: str, words: list[str]) -> list[tuple[str, int]]:
    """Each capitalised word with its place, every word found from the end of the one before."""
    out = []
    end = 0
    for found in words:
        start = text.find(found, end)
        end = start + len(found)
        if found[0].isupper() or found[0].istitle():
            out.append((found, start))
    return out


def names(text: str) -> frozenset[str]:
    """Capitalized words that do not start a sentence, folded: likely names of places and people.

    All-capital acronyms are left to `organisations`.
    """
    return word_features(text)[0]


def stems(text: str, size: int = FEATURES.stem_letters) -> frozenset[str]:
    """Prefixes of `size` letters of words of four letters or more, spelled by `sound`.

    A cheap signature of a text's words: shared by cognates across languages and scripts
    ("protocols", "протоколам"), and by the inflected forms of a word within one language.
    """
    return word_features(text, size)[1]


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
