"""The paragraph or block that assembly is collecting, line by line (`OpenUnit`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aligner.readers.labels import Label, Style
from aligner.readers.layout import ends_terminal, join_lines
from aligner.readers.params import ASSEMBLY


@dataclass(slots=True)
class OpenUnit:
    """The paragraph or block being collected."""

    line: int
    parts: list[str] = field(default_factory=list)
    number: int | None = None
    label: str = ""
    waits: bool = False  # a number alone on its line, its text to follow
    key: str = ""  # the id when not the plain number ("2.3", "II")
    article: bool = False  # an article: every line up to the next article is its text
    lines: list[int] = field(default_factory=list)  # the source line of each part
    breaks: list[int] = field(default_factory=list)  # where an article's paragraphs start

    def add(self, text: str, line: int) -> None:
        self.parts.append(text)
        self.lines.append(line)

    def wraps(self) -> tuple[tuple[int, int], ...]:
        """(word index in the joined text, source line) where each later line begins."""
        found: list[tuple[int, int]] = []
        if len(self.lines) != len(self.parts) or len(self.parts) < 2:
            return ()  # one line; or a part of unknown line: better none than wrong ones
        words = 0
        first = self.lines[0] if self.lines else self.line
        for k, part in enumerate(self.parts):
            count = len(part.split())
            if k and count:
                glued = len(join_lines(self.parts[k - 1 : k + 1]).split()) < (
                    len(self.parts[k - 1].split()) + count
                )  # "cyber-" + "security": one word across two lines
                words -= glued
                if self.lines[k] != first:
                    found.append((words, self.lines[k]))
            words += count
        return tuple(found)

    @property
    def text(self) -> str:
        return join_lines(self.parts)

    @property
    def ends_clause(self) -> bool:
        """Whether the text so far ends a clause (see `ends_terminal`); true when empty."""
        return not self.parts or ends_terminal(join_lines(self.parts[-1:]))


def opens_child(lab: Label, cur: OpenUnit) -> bool:
    """Whether `lab` numbers the first child of the one-line title `cur` ("1. Introduction"
    then "1.1 ..."), which needs no blank line or final stop before it."""
    if lab.style is not Style.DOTTED or cur.number is None or len(cur.parts) != 1:
        return False
    parent, _, last = lab.key.rpartition(".")
    title = cur.parts[0].strip()
    return (
        parent == (cur.key or str(cur.number))
        and last in ("1", "a")
        and len(title) <= ASSEMBLY.chapter_title_chars
        and title[:1].isupper()
    )
