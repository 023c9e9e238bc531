"""Amendments made to a reference version, as committees make them, with what they must raise.

Each amendment rewrites the Markdown of a reference whose numbered paragraphs are one line
each (`N. text`). The texts added are written by hand for each reference language, and so
are the word diffs they must produce.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_NUMBERED = re.compile(r"^(\d+)\. (.*)$")


@dataclass(frozen=True)
class Stale:
    """A stale-translation finding every translation must get: at reference paragraph
    `paragraph`, the translation's own paragraph `own`, with this message."""

    paragraph: int
    own: int
    message: str


Change = Callable[[list[str]], list[str]]


def _find(lines: list[str], number: int) -> int:
    return next(
        i for i, line in enumerate(lines) if (m := _NUMBERED.match(line)) and int(m[1]) == number
    )


def _renumber(lines: list[str], above: int, delta: int) -> list[str]:
    out = []
    for line in lines:
        m = _NUMBERED.match(line)
        out.append(f"{int(m[1]) + delta}. {m[2]}" if m and int(m[1]) > above else line)
    return out


def _put(number: int, text: str) -> Change:
    def change(lines: list[str]) -> list[str]:
        i = _find(lines, number)
        return [*lines[:i], f"{number}. {text}", *lines[i + 1 :]]

    return change


def insert_after(number: int, text: str) -> Change:
    """A new paragraph after `number`; the rest renumbered one higher."""

    def change(lines: list[str]) -> list[str]:
        i = _find(lines, number)
        out = _renumber(lines, number, 1)
        return [*out[: i + 1], f"{number + 1}. {text}", *out[i + 1 :]]

    return change


def merge(number: int, joint: str) -> Change:
    """Paragraphs `number` and `number + 1` made one (final `;` dropped, `joint` between);
    the rest renumbered one lower."""

    def change(lines: list[str]) -> list[str]:
        i, j = _find(lines, number), _find(lines, number + 1)
        first = _NUMBERED.match(lines[i])[2].rstrip(";").rstrip()  # type: ignore[index]
        second = _NUMBERED.match(lines[j])[2]  # type: ignore[index]
        out = [
            *lines[:i],
            f"{number}. {first} {joint} {second}",
            *lines[i + 1 : j],
            *lines[j + 1 :],
        ]
        return _renumber(out, number + 1, -1)

    return change


@dataclass(frozen=True)
class Amendment:
    """An amendment of the reference in one language and the stale findings it raises."""

    name: str
    changes: tuple[Change, ...]
    stale: tuple[Stale, ...]

    def apply(self, path: Path) -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        for change in self.changes:
            lines = change(lines)
        path.write_text("\n".join(lines), encoding="utf-8")


def _word_and_sentence(
    lang: str,
    corpus: Path,
    word: tuple[str, str, str],
    sentence: tuple[str, str],
) -> Amendment:
    """A word added to paragraph 7 and a sentence appended to paragraph 3."""
    text = {
        int(m[1]): m[2]
        for line in (corpus / f"{lang}.md").read_text(encoding="utf-8").split("\n")
        if (m := _NUMBERED.match(line))
    }
    old, new, diff7 = word
    added, diff3 = sentence
    assert old in text[7]
    return Amendment(
        "word and sentence",
        (_put(7, text[7].replace(old, new)), _put(3, f"{text[3]} {added}")),
        (
            Stale(3, 3, f"{lang} 3 changed: '{diff3}'"),
            Stale(7, 7, f"{lang} 7 changed: '{diff7}'"),
        ),
    )


def amendments(lang: str, corpus: Path) -> list[Amendment]:
    """The amendments of the `lang` reference of the shipped corpus."""
    if lang == "en":
        return [
            _word_and_sentence(
                lang,
                corpus,
                (
                    "convicted of sex",
                    "convicted of serious sex",
                    "convicted of [+serious+] sex crimes",
                ),
                (
                    "Such consequences often affect the child's family as well,",
                    "a child, [+Such consequences often affect the child's family as well,+]",
                ),
            ),
            Amendment(
                "paragraph inserted",
                (
                    insert_after(
                        10,
                        "Noting with concern that online platforms and social networks are "
                        "increasingly used by offenders to arrange travel for the purpose of "
                        "sexually exploiting children, and that such platforms rarely report "
                        "suspected cases to law enforcement,",
                    ),
                ),
                (),
            ),
            Amendment(
                "two merged",
                (merge(14, "and"),),
                (
                    Stale(
                        14,
                        14,
                        "en 14 (was 14 and 15) changed: "
                        "'or rehabilitative [-counselling;-] [+counselling and+] Also calls'",
                    ),
                ),
            ),
        ]
    if lang == "fr":
        return [
            _word_and_sentence(
                lang,
                corpus,
                (
                    "infractions sexuelles commises",
                    "infractions sexuelles graves commises",
                    "infractions sexuelles [+graves+] commises contre",
                ),
                (
                    "Ces conséquences touchent souvent aussi la famille de l'enfant,",
                    "d'un enfant, [+Ces conséquences touchent souvent aussi la famille de "
                    "l'enfant,+]",
                ),
            ),
            Amendment(
                "paragraph inserted",
                (
                    insert_after(
                        10,
                        "Notant avec préoccupation que les plateformes en ligne et les réseaux "
                        "sociaux sont de plus en plus utilisés par les délinquants pour organiser "
                        "des voyages aux fins d'exploitation sexuelle d'enfants, et que ces "
                        "plateformes signalent rarement les cas suspects aux services répressifs,",
                    ),
                ),
                (),
            ),
            Amendment(
                "two merged",
                (merge(14, "et"),),
                (
                    Stale(
                        14,
                        14,
                        "fr 14 (was 14 and 15) changed: "
                        "'de réadaptation [-;-] [+et+] Demande également'",
                    ),
                ),
            ),
        ]
    if lang == "de":
        return [
            _word_and_sentence(
                lang,
                corpus,
                (
                    "wegen Sexualstraftaten an Kindern verurteilt",
                    "wegen schwerer Sexualstraftaten an Kindern verurteilt",
                    "Staat wegen [+schwerer+] Sexualstraftaten an",
                ),
                (
                    "Diese Folgen treffen oft auch die Familie des Kindes,",
                    "haben können, [+Diese Folgen treffen oft auch die Familie des Kindes,+]",
                ),
            ),
            Amendment(
                "paragraph inserted",
                (
                    insert_after(
                        10,
                        "mit Sorge feststellend, dass Online-Plattformen und soziale Netzwerke "
                        "zunehmend von Tätern genutzt werden, um Reisen zum Zweck der sexuellen "
                        "Ausbeutung von Kindern zu organisieren, und dass diese Plattformen "
                        "Verdachtsfälle nur selten den Strafverfolgungsbehörden melden,",
                    ),
                ),
                (),
            ),
            Amendment(
                "two merged",
                (merge(14, "und"),),
                (
                    Stale(
                        14,
                        14,
                        "de 14 (was 14 and 15) changed: "
                        "'Beratung zu [-erhalten;-] [+erhalten und+] fordert die'",
                    ),
                ),
            ),
        ]
    raise ValueError(f"no amendments written for {lang}")


def copy_corpus(source: Path, target: Path) -> Path:
    """A writable copy of a document folder (its language files only)."""
    target.mkdir(parents=True, exist_ok=True)
    for file in sorted(source.glob("*.md")):
        shutil.copy(file, target / file.name)
    return target
