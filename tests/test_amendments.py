"""Amendments: comparing a baseline with the current reference, word diffs, and the
stale-translation rule on references amended in several languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from amending import amendments, copy_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.amendments import Entry, compare, fingerprint, render_diff, word_diff
from aligner.findings import Severity
from aligner.model import LANGUAGES
from aligner.pipeline import run_check
from aligner.sync import sync


def entries(*texts: str) -> tuple[Entry, ...]:
    return tuple(Entry(f"1:{n}", t) for n, t in enumerate(texts, 1))


A = "Recalling the resolutions on human trafficking adopted by the Assembly,"
B = "Recognizing that nearly 21 million people are enslaved at any given time,"
C = "Alarmed that commercial sexual exploitation can result in serious consequences,"
D = "Calls upon participating States to step up efforts to protect children;"
E = "Also calls on participating States to create special accommodation in trials;"


def test_fingerprint_ignores_typography_not_words() -> None:
    assert fingerprint("the  child’s “rights” – all") == fingerprint('the child\'s "rights" - all')
    assert fingerprint("the child\u00a0rights") == fingerprint("the child rights")
    assert fingerprint("the child rights") != fingerprint("the children rights")


def test_word_diff_shows_two_words_of_context() -> None:
    before = "persons convicted of sex crimes against children in one State"
    after = "persons convicted of serious sex crimes against children in one State"
    assert render_diff(word_diff(before, after)) == "convicted of [+serious+] sex crimes"
    assert render_diff(word_diff("a b c d e", "a b x d e")) == "a b [-c-] [+x+] d e"
    far = render_diff(
        word_diff("one two three four five six seven eight", "1 two three four five six seven 8")
    )
    assert far == "[-one-] [+1+] two three … six seven [-eight-] [+8+]"


def test_unchanged_moved_and_renumbered_units_are_not_changes() -> None:
    old = entries(A, B, C, D, E)
    renumbered = (
        Entry("2:1", A),
        Entry("2:2", B),
        Entry("2:3", C),
        Entry("2:4", D),
        Entry("2:5", E),
    )
    for current in (old, entries(B, A, C, E, D), renumbered, entries(E, D, C, B, A)):
        result = compare(old, current)
        assert (result.changes, result.new, result.gone) == ((), (), ())


def test_changed_inserted_merged_and_deleted_units() -> None:
    old = entries(A, B, C, D, E)
    changed = compare(old, entries(A, B.replace("21", "25"), C, D, E))
    assert [(c.current, c.previous) for c in changed.changes] == [(1, (1,))]
    inserted = compare(old, entries(A, B, "Noting a new paragraph about something else,", C, D, E))
    assert (inserted.changes, inserted.new, inserted.gone) == ((), (2,), ())
    joined = D.rstrip(";") + " and " + E
    merged = compare(old, entries(A, B, C, joined))
    assert [(c.current, c.previous) for c in merged.changes] == [(3, (3, 4))]
    assert merged.gone == ()
    deleted = compare(old, entries(A, C, D, E))
    assert (deleted.changes, deleted.new, deleted.gone) == ((), (), (1,))


def test_a_unit_moved_and_reworded_is_one_change() -> None:
    old = entries(A, B, C, D, E)
    result = compare(old, entries(A, C, D, B.replace("nearly", "almost"), E))
    assert [(c.current, c.previous) for c in result.changes] == [(3, (1,))]
    assert (result.new, result.gone) == ((), ())


def test_a_word_changed_next_to_an_insertion_is_still_the_same_unit() -> None:
    old = entries(A, B, C)
    result = compare(old, entries(A, B.replace("nearly", "almost"), "A new paragraph here,", C))
    assert [(c.current, c.previous) for c in result.changes] == [(1, (1,))]
    assert result.new == (2,)


words = st.lists(
    st.sampled_from(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]),
    min_size=3,
    max_size=12,
)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(st.lists(words, min_size=2, max_size=12, unique_by=tuple), st.randoms())
def test_any_permutation_is_no_change_and_one_edit_is_one_change(
    paragraphs: list[list[str]], rnd: object
) -> None:
    import random

    assert isinstance(rnd, random.Random)
    old = entries(*(" ".join(p) for p in paragraphs))
    shuffled = list(old)
    rnd.shuffle(shuffled)
    result = compare(old, tuple(Entry(f"9:{n}", e.text) for n, e in enumerate(shuffled)))
    assert (result.changes, result.new, result.gone) == ((), (), ())
    k = rnd.randrange(len(old))
    edited = [*old]
    edited[k] = Entry(old[k].unit, old[k].text + " omega")
    if len({e.fingerprint for e in edited}) == len(edited):
        result = compare(old, tuple(edited))
        assert [(c.current, c.previous) for c in result.changes] == [(k, (k,))]


# --- the rule, on the shipped corpus amended in three reference languages ---------------


@pytest.mark.parametrize("index", range(3), ids=["word-and-sentence", "inserted", "merged"])
@pytest.mark.parametrize("ref", ["en", "fr", "de"])
def test_amended_reference_gives_exactly_the_stale_units(
    tmp_path: Path, corpus_dir: Path, ref: str, index: int
) -> None:
    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    sync([folder], reference=ref)
    amendment = amendments(ref, corpus_dir)[index]
    amendment.apply(folder / f"{ref}.md")
    now = run_check([folder], reference=ref)
    today = run_check([folder], reference=ref, ignore=["stale-translation"])
    assert set(today.findings) <= set(now.findings)  # everything found today is still found
    added = set(now.findings) - set(today.findings)
    translations = [lang for lang in LANGUAGES if lang != ref]
    if amendment.name == "paragraph inserted":
        # the new paragraph is found as today (missing, or merged with a neighbour), or,
        # where the alignment pairs it with a paragraph of the translation, is stale
        new = {f.lang for f in added}
        for f in added:
            assert f.reference_paragraph == 11
            assert f.message.startswith(f"{ref} 11 is new since {f.lang} was made, yet")
        for lang in translations:
            assert lang in new or any(
                f.lang == lang and f.rule in ("missing-paragraph", "merged-paragraphs")
                for f in today.findings
            ), lang
        return
    got = sorted((f.lang, f.reference_paragraph, f.paragraph, f.message) for f in added)
    expected = sorted(
        (lang, s.paragraph, s.own, s.message) for lang in translations for s in amendment.stale
    )
    assert got == expected
    for f in added:
        assert (f.rule, f.severity, f.file) == (
            "stale-translation",
            Severity.ERROR,
            str(folder / f"{f.lang}.md"),
        )
        lines = (folder / f"{f.lang}.md").read_text().split("\n")
        assert lines[f.line - 1].startswith(f"{f.paragraph}. ")
        assert f.revision is not None and f.revision.diff in f.message


def test_sync_of_one_language_clears_only_it(tmp_path: Path, corpus_dir: Path) -> None:
    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    sync([folder])
    amendments("en", corpus_dir)[0].apply(folder / "en.md")
    sync([folder], langs=["fr"])
    stale = {f.lang for f in run_check([folder]).findings if f.rule == "stale-translation"}
    assert stale == {"de", "it", "ru", "es"}


def test_translation_without_record_is_checked_as_today_with_a_notice(
    tmp_path: Path, corpus_dir: Path
) -> None:
    folder = copy_corpus(corpus_dir, tmp_path / "baku")
    sync([folder], langs=["de"])
    amendments("en", corpus_dir)[0].apply(folder / "en.md")
    result = run_check([folder])
    assert {f.lang for f in result.findings if f.rule == "stale-translation"} == {"de"}
    assert len(result.notices) == 4
    assert all("no record of baku" in n and "\n" not in n for n in result.notices)
    clean = copy_corpus(corpus_dir, tmp_path / "plain")
    assert run_check([clean]).notices == ()  # no lock at all: no notices


def test_word_diff_shows_a_change_of_case() -> None:
    assert render_diff(word_diff("Also calls on States", "also calls on States")) == (
        "[-Also-] [+also+] calls on"
    )


EN = """# Declaration on water

1. Stressing that access to safe drinking water is a human right,
2. Concerned that two billion people lack safely managed water services,
3. Noting the 2023 United Nations Water Conference in New York,

The Assembly:

4. Calls on participating States to invest in water infrastructure;
5. Urges parliaments to adopt laws protecting rivers and lakes;
6. Invites the OSCE to report on progress every two years.
"""

FR = """# Déclaration sur l'eau

1. Soulignant que l'accès à l'eau potable est un droit de l'homme,
2. Préoccupée par le fait que deux milliards de personnes ne disposent pas de services \
d'eau gérés en toute sécurité,
3. Prenant note de la Conférence des Nations Unies sur l'eau de 2023 à New York,

L'Assemblée :

4. Demande aux États participants d'investir dans les infrastructures hydrauliques ;
5. Exhorte les parlements à adopter des lois protégeant les rivières et les lacs ;
6. Invite l'OSCE à rendre compte des progrès tous les deux ans.
"""


def test_short_declaration_merged_and_replaced(tmp_path: Path) -> None:
    """en 4 and 5 merged and a new en 5 put in its place: fr 5, made from the old en 5,
    is aligned to the new one by its number, which only the record can tell."""
    folder = tmp_path / "water"
    folder.mkdir()
    (folder / "en.md").write_text(EN, encoding="utf-8")
    (folder / "fr.md").write_text(FR, encoding="utf-8")
    sync([folder])
    amended = EN.replace("two billion", "more than two billion").replace(
        "infrastructure;\n5. Urges parliaments to adopt laws protecting rivers and lakes;\n",
        "infrastructure and urges parliaments to adopt laws protecting rivers and lakes;\n"
        "5. Encourages cross-border co-operation on shared river basins;\n",
    )
    (folder / "en.md").write_text(amended, encoding="utf-8")
    stale = [
        (f.reference_paragraph, f.paragraph, f.line, f.message)
        for f in run_check([folder]).findings
        if f.rule == "stale-translation"
    ]
    assert stale == [
        (2, 2, 4, "en 2 changed: 'Concerned that [+more than+] two billion'"),
        (
            4,
            4,
            9,
            "en 4 (was 4 and 5) changed: "
            "'in water [-infrastructure; Urges-] [+infrastructure and urges+] parliaments to'",
        ),
        (
            5,
            5,
            10,
            "en 5 is new since fr was made, yet fr 5 is aligned to it: "
            "'[+Encourages cross-border co-operation on shared river basins;+]'",
        ),
    ]
