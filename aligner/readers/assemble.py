"""Assembly: a reader cuts its format into `Piece`s (a line of text, a Word paragraph,
an HTML block) and `assemble` turns them into the model's items with one set of
rules: which numbers open a paragraph, which text continues one, what is a heading
or a stray page number."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import pairwise

from aligner.model import PROSE, Block, Item, Kind, Paragraph, normalize_space
from aligner.readers import headings
from aligner.readers.labels import (
    RUNNING,
    Label,
    Style,
    letters_or_roman,
    numbers_stand_alone,
    parse_label,
)
from aligner.readers.layout import (
    CLOSERS,
    OPENERS,
    ends_abbreviation,
    ends_terminal,
    is_sub_item,
    is_upper,
    join_lines,
    stands_before_number,
    starts_continuation,
)
from aligner.readers.params import ASSEMBLY
from aligner.readers.pieces import Mode, Piece
from aligner.readers.unit import OpenUnit, opens_child


class _Assembler:
    def __init__(
        self,
        units: Sequence[Piece],
        mode: Mode,
        clean: Callable[[str], str],
        labels: Sequence[Label | None] | None = None,
    ) -> None:
        self.units = units
        self.mode = mode
        self.clean = clean
        if labels is None:
            labels = [parse_label(u.text) for u in units]
        parsed = [
            lab if u.number is None and not u.heading and not u.sub else None
            for u, lab in zip(units, labels, strict=True)
        ]
        for k, u in enumerate(units):
            if u.heading and (lab := labels[k]) and lab.style is Style.ARTICLE:
                parsed[k] = lab  # "Article 1" styled as a heading is still an article
        # running numbers (and bare ones) drive the sequence logic; other labels (dotted,
        # Roman, letters, articles) open units of their own at clause boundaries
        self.labels = [
            lab if lab and (lab.style in RUNNING or lab.style is Style.BARE) else None
            for lab in parsed
        ]
        self.keyed = letters_or_roman(
            [lab if mine is None else None for lab, mine in zip(parsed, self.labels, strict=True)]
        )
        self.articles = any(lab and lab.style is Style.ARTICLE for lab in self.keyed)
        # a scheme is one only where it numbers more than one unit: a lone "1.5" at the
        # start of a wrapped line is a decimal, a lone "I." a pronoun
        self.schemes = Counter(lab.style for lab in self.keyed if lab)
        # "(a)" is a unit of its own only where nothing else is numbered
        self.items_top = not any(u.number is not None for u in units) and not any(
            lab and lab.style is not Style.ITEM for lab in parsed
        )
        self.bare_labels = numbers_stand_alone(self.labels)
        self.items: list[Item] = []
        self.cur: OpenUnit | None = None
        self.last = 0
        self.style: Style | None = None
        self.after_heading = True

    def run(self) -> list[Item]:
        pending = 0
        keyed_at, labels = self.keyed, self.labels
        for i, unit in enumerate(self.units):
            gap, pending = max(unit.gap, pending), 0
            if unit.heading and keyed_at[i] is None:
                self.close()
                self.items.append(
                    Block(Kind.HEADING, self.clean(unit.text), unit.line, unit.heading)
                )
                self.after_heading = True
                continue
            if unit.number is not None:
                self.open_paragraph(unit.number, unit.label, unit.text, unit.line)
                continue
            keyed = keyed_at[i]
            if keyed and self.opens_keyed(keyed, gap):
                article = keyed.style is Style.ARTICLE
                self.open_paragraph(
                    keyed.number,
                    keyed.label,
                    keyed.rest,
                    unit.line,
                    waits=not keyed.rest,
                    key=keyed.key,
                    article=article,
                )
                continue
            if self.cur is not None and self.cur.article:
                self.add_to_article(i, unit, gap)
                continue
            lab = labels[i]
            if lab and lab.style is Style.BARE:
                if self.bare_is_label(i, lab):
                    self.open_paragraph(lab.number, lab.label, "", unit.line, waits=True)
                else:
                    pending = 2  # a page number
                continue
            if lab and self.plausible(i, lab, gap):
                self.style = self.style or lab.style
                waits = not lab.rest and self.bare_labels
                self.open_paragraph(lab.number, lab.label, lab.rest, unit.line, waits=waits)
                continue
            self.add_text(i, unit, gap)
        self.close()
        return self.items

    # -- decisions

    def opens_keyed(self, lab: Label, gap: int) -> bool:
        """Whether a dotted, Roman, lettered or article label opens a unit: at a clause
        boundary (not "... the\n3.5 per cent"), and inside an article only if it is the
        next article; `(a)` only where nothing else is numbered."""
        cur = self.cur
        if self.awaiting():
            return False
        if cur is not None and not cur.ends_clause and not opens_child(lab, cur):
            if gap == 0:
                return False
            across = self.mode is Mode.WRAPPED or gap >= 2  # a page break inside a paragraph
            if across and cur.number is not None and not cur.key.isalpha():
                return False  # "... of whom\n\f\n5.5 million": a paragraph across a page

        if lab.style is Style.ARTICLE:
            return True
        if self.schemes[lab.style] < 2:
            return False
        if self.articles and cur is not None and cur.article:
            return False  # "1.1" or "(a)" inside an article is part of it
        return lab.style is not Style.ITEM or self.items_top

    def add_to_article(self, i: int, unit: Piece, gap: int) -> None:
        """Inside an article everything is its text (numbered sub-paragraphs too), up to
        a heading between articles."""
        cur = self.cur
        assert cur is not None
        if gap and cur.parts and not self.labels[i] and self.is_heading(i):
            self.open_block(unit)
            return
        if cur.parts and (gap or self.labels[i]):
            cur.breaks.append(len(cur.parts))  # a paragraph of the article's own
        cur.add(unit.text, unit.line)

    def awaiting(self) -> bool:
        """The open paragraph is a number alone on its line, still waiting for its text.

        Only in documents written that way (`bare_labels`): elsewhere a number with
        nothing after it is an empty paragraph.
        """
        return self.cur is not None and self.cur.waits and not self.cur.parts

    def plausible(self, i: int, lab: Label, gap: int) -> bool:
        """Whether a number at the start of unit i opens a paragraph (see `assemble`)."""
        n = lab.number
        cur = self.cur
        # one numbered line after another in text that is not wrapped is never mid-sentence
        # (see below): its end need not be looked at
        one_line = (
            self.mode is Mode.UNWRAPPED
            and cur is not None
            and cur.number is not None
            and len(cur.parts) == 1
        )
        mid_sentence = cur is not None and gap == 0 and not one_line and not cur.ends_clause
        if cur is not None and cur.parts and gap != 1 and not one_line:
            # "art.\n7. of the Charter", also across a page break: the number "art." stands
            # before (opening paragraph 7 only if 7 comes next and not again)
            mid_sentence = mid_sentence or stands_before_number(cur.parts[-1])
        if mid_sentence and cur is not None and cur.number is None and self.after_heading:
            mid_sentence = n != 1  # "PART 2\n1. Recalling": a part starts after its heading
        if mid_sentence and self.mode is Mode.UNWRAPPED and cur is not None:
            # One numbered line after another, in a text whose paragraphs are not wrapped:
            # a list item after a list item, whatever the first one ends with.
            mid_sentence = cur.number is None or len(cur.parts) != 1
        if n < 1:
            return False
        if n == self.last + 1:
            return not (mid_sentence and self.comes_again(i, n))
        if self.awaiting() or mid_sentence:
            return False  # a wrapped line that starts with a number
        restart = self.after_heading and n == 1
        if not lab.rest and not self.bare_labels and gap == 0 and not restart:
            return False  # "art.\n7." wrapped: a stray number, not an empty paragraph
        if self.style is not None and lab.style != self.style and not restart:
            return False
        if self.last and n <= self.last + ASSEMBLY.max_jump:
            return True
        return self.next_number(i) == n + 1 or self.stands_for_a_swap(i, n)

    def comes_again(self, i: int, n: int) -> bool:
        """Whether a later line, before any other number, starts with the same number n."""
        for j in range(i + 1, min(i + ASSEMBLY.again_reach, len(self.units))):
            lab = self.labels[j]
            if self.units[j].heading or self.units[j].number is not None:
                return False
            if lab and lab.style != Style.BARE:
                return lab.number == n
        return False

    def stands_for_a_swap(self, i: int, n: int) -> bool:
        """Whether n opens a section out of order ("2., 1., 3."): the numbers that follow
        (up to the next heading or restart at 1) go on below n, and run from n - 1 to
        n + 1 without n.

        A date in a title ("2. Juli 2014") is not: its number comes again in the run.
        """
        following: list[int] = []
        for j in range(i + 1, min(i + ASSEMBLY.number_reach, len(self.units))):
            if self.units[j].heading or len(following) > 2 * ASSEMBLY.max_jump:
                break
            number = self.units[j].number
            lab = self.labels[j]
            if number is None and lab and lab.style != Style.BARE:
                number = lab.number
            if number == 1 and following:
                break  # the next part
            if number is not None:
                following.append(number)
        if not following or following[0] >= n or n in following or n - 1 not in following:
            return False
        return n + 1 in following[following.index(n - 1) :]

    def next_number(self, i: int) -> int | None:
        """The number of the next numbered unit after unit i (within a few pages)."""
        for j in range(i + 1, min(i + ASSEMBLY.number_reach, len(self.units))):
            if self.units[j].number is not None:
                return self.units[j].number
            lab = self.labels[j]
            if lab and lab.style != Style.BARE:
                return lab.number
        return None

    def bare_is_label(self, i: int, lab: Label) -> bool:
        """A number alone on its line is a paragraph number only where one is expected."""
        if not self.bare_labels or self.awaiting():
            return False
        if lab.number != self.last + 1 and not (lab.number == 1 and self.after_heading):
            return False
        nxt = i + 1
        if nxt >= len(self.units) or self.units[nxt].heading or self.labels[nxt]:
            return False
        cur = self.cur
        if cur is not None and cur.parts and stands_before_number(cur.parts[-1]):
            return False  # "n°\n5\n": the number the sign stands before
        return cur is None or cur.number is None or cur.ends_clause

    def run_end(self, i: int) -> int | None:
        """The index after the units that directly follow unit i, or None past a few lines."""
        for j in range(i + 1, min(len(self.units), i + ASSEMBLY.run_lines)):
            u = self.units[j]
            if u.gap or u.heading or u.number is not None or self.labels[j]:
                return j
        return len(self.units) if len(self.units) <= i + ASSEMBLY.run_lines else None

    def run_text(self, i: int) -> str | None:
        """The text of a short run starting at unit i that ends where a new block starts."""
        j = self.run_end(i)
        if j is None:
            return None
        return self.clean(join_lines([u.text for u in self.units[i:j]]))

    def is_intro(self, i: int) -> bool:
        """An introductory line ("The OSCE Parliamentary Assembly:") between paragraphs."""
        j = self.run_end(i)
        if j is None or not self.units[j - 1].text.rstrip(CLOSERS).endswith(":"):
            return False
        text = self.run_text(i) or ""
        first = text.lstrip(OPENERS)[:1]
        return text.endswith(":") and len(text) <= PROSE.colon_intro_chars and first.isupper()

    def is_bare_intro(self, i: int, gap: int) -> bool:
        """An introductory line printed without a colon ("Die Parlamentarische
        Versammlung der OSZE"): after a blank line, short, capitalised, without final
        punctuation, and directly before the next paragraph."""
        if not gap or not self.next_opens_paragraph(i):
            return False
        text = self.run_text(i) or ""
        return (
            0 < len(text) <= PROSE.intro_chars
            and text.lstrip(OPENERS)[:1].isupper()
            and not ends_terminal(text)
            and not is_upper(text)
        )

    def next_opens_paragraph(self, i: int) -> bool:
        """Whether the short run starting at unit i is followed by the next paragraph
        (the next number, or 1 starting a new part)."""
        j = self.run_end(i)
        if j is None or j >= len(self.units):
            return False
        lab = self.labels[j]
        number = self.units[j].number if lab is None else lab.number
        return number in (1, self.last + 1)

    def is_heading(self, i: int) -> bool:
        """An all-capitals line (or two) between paragraphs."""
        text = self.run_text(i)
        return text is not None and len(text) <= ASSEMBLY.heading_chars and is_upper(text)

    def add_text(self, i: int, unit: Piece, gap: int) -> None:
        cur = self.cur
        text = unit.text
        if cur is not None and cur.number is not None:
            if (
                self.awaiting()
                and self.run_end(i) == i + 1
                and (self.is_intro(i) or self.is_heading(i))
                and self.next_opens_paragraph(i)
            ):
                self.open_block(unit)  # "12." left empty before "The Assembly:" and "13."
                return
            if self.awaiting() or unit.sub or is_sub_item(text):
                cur.add(text, unit.line)
                return
            terminal = cur.ends_clause
            # a capitals heading right before the next number needs no blank line (text
            # of a PDF has none): "... children;\nPART 2\n1. Recalling"
            heading = bool(gap or self.next_opens_paragraph(i)) and self.is_heading(i)
            if terminal and (self.is_intro(i) or self.is_bare_intro(i, gap) or heading):
                self.open_block(unit)
                self.after_heading = self.after_heading or heading
                return
            if gap == 0 or self.mode is Mode.WRAPPED:
                cur.add(text, unit.line)
                return
            if self.mode is Mode.UNWRAPPED:
                joined = (
                    gap >= 2
                    or not terminal
                    or starts_continuation(text)
                    or ends_abbreviation(cur.parts[-1] if cur.parts else "")
                )
            else:
                joined = not terminal and starts_continuation(text)
            if joined:
                cur.add(text, unit.line)
            else:
                self.open_block(unit)
            return
        if cur is not None and gap == 0:
            cur.add(text, unit.line)
            return
        self.open_block(unit)

    # -- building

    def open_paragraph(
        self,
        number: int,
        label: str,
        text: str,
        line: int,
        *,
        waits: bool = False,
        key: str = "",
        article: bool = False,
    ) -> None:
        self.close()
        parts, lines = ([text], [line]) if text else ([], [])
        self.cur = OpenUnit(line, parts, number, label, waits, key, article, lines)
        if not key:
            self.last = number  # the running sequence
        self.after_heading = False

    def open_block(self, unit: Piece) -> None:
        self.close()
        self.cur = OpenUnit(unit.line, [unit.text], lines=[unit.line])

    def close(self) -> None:
        cur, self.cur = self.cur, None
        if cur is None:
            return
        text = self.clean(join_lines(cur.parts))
        if cur.number is not None:
            parts: tuple[str, ...] = ()  # one part (the text) without breaks
            if cur.breaks:
                ends = [0, *cur.breaks, len(cur.parts)]
                parts = tuple(
                    part
                    for a, b in pairwise(ends)
                    if (part := self.clean(join_lines(cur.parts[a:b])))
                )
            wraps = cur.wraps() if len(cur.parts) > 1 else ()
            parts = parts if len(parts) > 1 else ()
            self.items.append(
                Paragraph("", cur.number, cur.label, text, cur.line, cur.key, True, wraps, parts)
            )
        elif text:
            self.items.append(Block(Kind.TEXT, text, cur.line))


def assemble(
    units: Sequence[Piece],
    mode: Mode,
    *,
    clean: Callable[[str], str] = normalize_space,
    infer_headings: bool = False,
    labels: Sequence[Label | None] | None = None,
) -> list[Item]:
    """Turn units into blocks and paragraphs.

    A number opens a paragraph when it is the next one in sequence, or, at a paragraph
    boundary (a blank line, or a previous line ending a clause), a restart at 1, a
    repeated or smaller number or a small jump in the style used so far, or a section
    opening out of order ("2., 1., 3."); a number in the middle of a wrapped sentence
    ("... the\\n2013 Addendum") does not. A number with nothing after it is an empty
    paragraph, unless the document writes its numbers alone on their lines: then the
    text below is its text. Text continues the open paragraph unless it reads as a new
    block: an introductory line ending with a colon, an all-capitals heading, or
    (outside hard-wrapped text) text after a blank line that follows a finished clause
    (not an abbreviation such as "St."). Sub-items `(a)` stay in their paragraph. With
    `infer_headings` (a format without marked headings), unnumbered all-capitals lines
    directly before a paragraph, or a short line without final punctuation just before a
    section's first paragraph, become headings. `labels` is `parse_label` of each unit's
    text, when the caller has it.
    """
    items = _Assembler(units, mode, clean, labels).run()
    if not infer_headings:
        return items
    return headings.infer_headings(items, wrapped=mode is Mode.WRAPPED)
