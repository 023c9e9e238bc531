"""The tuned numbers of the readers' layout heuristics (running headers and footers, the
document code line, inline markup) and of assembly (which numbers open a paragraph, what
is a heading or an introductory line), each once, with what it means and where its value
comes from.

When unnumbered text is prose or an introductory line is `aligner.model.ProseParams`
(the model uses it too). Format facts (heading levels, Word's nine list levels) and hard
safety limits (`aligner.limits`, bounds on style and numbering chains) are not tuning.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutParams:
    """Page furniture and line shapes (`aligner.readers.text`, `aligner.readers.layout`)
    (defaults: `LAYOUT`)."""

    #: A line among the first or last `edge` lines of at least `running_share` of the pages
    #: (of a PDF of `min_pages` pages or more) is a running header or footer: a paragraph's
    #: text never repeats there on most pages (and a line ending a clause is text), while a
    #: header or footer is on every page but perhaps the first.
    #: Origin: set by hand (commit f0c8b17) on PDFs with an address and a date on each page,
    #: checked by tests/readers/test_pdf.py.
    edge: int = 2
    #: Origin: as `edge`.
    running_share: float = 0.6
    #: Origin: as `edge`: with fewer pages, "most pages" is one or two.
    min_pages: int = 3
    #: A document code line is the document's code (a unit, so readers find it) only among
    #: the first this many lines of the first page, where the Assembly prints it above the
    #: title; after that it is a running header or footer and is dropped wherever it stands.
    #: Origin: set by hand in the issue 8 follow-up (commit aa7aea6) from the Assembly's layout.
    code_head_units: int = 3
    #: Longest line read as a document code with a page number ("PA.RES/7/2025 EN  - 3 -"
    #: and generous spacing): bounds the search for a code in every line of a document.
    #: Origin: a bound on work, set by hand (commit aa7aea6): far longer than a code and a
    #: page number.
    running_header_max: int = 100
    #: Emphasis nests at most this deep in real text (strong inside em inside strong): the
    #: passes `clean_markdown` makes.
    #: Origin: set by hand (issue 16, commit 55c0a5f: linear-time inline markup).
    emphasis_depth: int = 4


@dataclass(frozen=True)
class AssemblyParams:
    """Paragraph boundaries, headings and look-ahead of `aligner.readers.assemble` and
    `aligner.readers.unit` (defaults: `ASSEMBLY`)."""

    #: Largest out-of-sequence step accepted for a number at a paragraph boundary (a
    #: translation may lack a few paragraphs); a run of more than twice as many numbers
    #: after an out-of-order one is enough to tell a swap.
    #: Origin: set by hand with the first readers (commit 8075568; the swap run in 06870b9),
    #: checked by tests/readers/test_readers_faults.py.
    max_jump: int = 10
    #: Lines looked at for the same number coming again before another number (a number in
    #: sequence mid-sentence yields to it).
    #: Origin: a bound on work, set by hand (commit d7528c5).
    again_reach: int = 40
    #: Lines looked at for the next number, or the numbers after an out-of-order one
    #: ("within a few pages").
    #: Origin: a bound on work, set by hand (commit c8c637a).
    number_reach: int = 200
    #: Lines of a short run (an introductory line, a heading) looked at before giving up.
    #: Origin: a bound on work, set by hand (commit 0309b75, linear time on wrapped text).
    run_lines: int = 12
    #: An all-capitals run of at most this many characters between paragraphs is a heading.
    #: Origin: set by hand with the first readers (commit 8075568).
    heading_chars: int = 200
    #: A short capitalised line without final punctuation of at most this many characters
    #: just before a section's first paragraph is a heading (`aligner.readers.headings`).
    #: Origin: set by hand with the first readers (commit 8075568).
    section_title_chars: int = 80
    #: Longest one-line chapter title ("1. Introduction") directly followed by its first
    #: numbered child ("1.1 ..."); a longer line is the start of a wrapped paragraph.
    #: Origin: set by hand (commit 494f045) for UN-style chapters.
    chapter_title_chars: int = 80


#: The parameters the readers' layout heuristics run with.
LAYOUT = LayoutParams()
#: The parameters assembly runs with.
ASSEMBLY = AssemblyParams()
