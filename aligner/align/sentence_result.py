"""The result of sentence alignment: the sentences, their beads, and the ways it is written
out (Vecalign's format, TSV, TMX, the list of unmatched sentences)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime

from aligner.align.sentence_params import DEFAULT_PARAMS

#: A bead: the indices of its source sentences and of its target ones, each in order.
SentenceBead = tuple[list[int], list[int]]


@dataclass(frozen=True)
class SentenceAlignment:
    """Two lists of sentences, the beads that align them and each bead's cost (None when
    the beads were not searched, e.g. a paragraph of one sentence on each side)."""

    src: list[str]
    tgt: list[str]
    beads: list[SentenceBead]
    #: How sure each bead is, in [0, 1] (`scored_alignment`); empty when not computed.
    confidences: list[float] = field(default_factory=list)
    costs: list[float] | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """Source and target text of each bead (sentences joined with a space)."""
        return [
            (" ".join(self.src[i] for i in xs), " ".join(self.tgt[j] for j in ys))
            for xs, ys in self.beads
        ]

    def unmatched(self) -> tuple[list[int], list[int]]:
        """Source and target sentence indices that have no counterpart."""
        return (
            [xs[0] for xs, ys in self.beads if not ys],
            [ys[0] for xs, ys in self.beads if not xs],
        )

    def kinds(self) -> dict[str, int]:
        """How many beads of each kind (`1-1`, `2-1`, `1-0`, ...), 1-1 first, then by size."""
        counts: dict[str, int] = {}
        for xs, ys in self.beads:
            kind = bead_kind((xs, ys))
            counts[kind] = counts.get(kind, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (kv[0] != "1-1", kv[0])))

    def _cost(self, index: int) -> str:
        return "" if self.costs is None else f"{self.costs[index]:.6f}"

    def vecalign(self) -> str:
        """The beads in Vecalign's output format, one per line: ``[0, 1]:[0]:0.123456``
        (source and target indices, then the bead's cost when known)."""
        return "".join(
            f"{xs}:{ys}:{cost}\n" if (cost := self._cost(n)) else f"{xs}:{ys}\n"
            for n, (xs, ys) in enumerate(self.beads)
        )

    def tsv(self) -> str:
        """One bead per line: source text, target text, bead kind (`2-1`) and cost (empty
        when unknown), tab-separated (tabs and breaks inside a text become spaces)."""
        return "".join(
            f"{_one_line(a)}\t{_one_line(b)}\t{bead_kind(bead)}\t{self._cost(n)}\n"
            for n, ((a, b), bead) in enumerate(zip(self.pairs(), self.beads, strict=True))
        )

    def tmx(self, src_lang: str, tgt_lang: str, created: datetime) -> bytes:
        """A TMX 1.4b document with one unit per bead (`x-bead` kind and `x-cost` props); a
        sentence without a counterpart is a unit of its one language, with a note."""
        from aligner.formats.tmx import (  # lxml: only for this output
            TmxHeader,
            TranslationUnit,
            Variant,
            write_tmx,
            xml_safe,
        )

        units = []
        langs = (src_lang, tgt_lang)
        for n, ((a, b), bead) in enumerate(zip(self.pairs(), self.beads, strict=True), 1):
            props: tuple[tuple[str, str], ...] = (("x-bead", bead_kind(bead)),)
            if self.costs is not None:
                props += (("x-cost", self._cost(n - 1)),)
            texts = [(lang, text) for lang, text in zip(langs, (a, b), strict=True) if text]
            notes: tuple[str, ...] = ()
            own_source = ""
            if len(texts) == 1:
                other = tgt_lang if texts[0][0] == src_lang else src_lang
                notes = (f"no {other} counterpart",)
                props += (("x-status", "unmatched"),)
                own_source = "" if texts[0][0] == src_lang else texts[0][0]
            variants = tuple(Variant(lang, xml_safe(text)[0]) for lang, text in texts)
            units.append(TranslationUnit(f"s{n}", variants, props, notes, srclang=own_source))
        header = TmxHeader(src_lang, created.strftime("%Y%m%dT%H%M%SZ"), segtype="sentence")
        stream = io.BytesIO()
        write_tmx(stream, header, units)
        return stream.getvalue()


def bead_kind(bead: SentenceBead) -> str:
    """`<source count>-<target count>`: `1-1`, `2-1`, `1-0` ..."""
    return f"{len(bead[0])}-{len(bead[1])}"


def unmatched_lines(
    result: SentenceAlignment, src_lang: str, tgt_lang: str, *, presegmented: bool
) -> list[str]:
    """One line per sentence without a counterpart: which side, its number (its line with
    `presegmented`, 1-based) and its first `Params.quote` characters."""
    src, tgt = result.unmatched()
    quote = DEFAULT_PARAMS.quote
    where = "line" if presegmented else "sentence"
    out = []
    for lang, other, indices, texts in (
        (src_lang, tgt_lang, src, result.src),
        (tgt_lang, src_lang, tgt, result.tgt),
    ):
        for i in indices:
            text = _one_line(texts[i])
            if len(text) > quote:
                text = text[: quote - 1].rstrip() + "…"
            out.append(f"{lang} {where} {i + 1} has no {other} counterpart: {text!r}")
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())
