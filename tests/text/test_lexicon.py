"""The FreeDict (dictd) reader: index search, dictzip chunks, entry layouts, lexicons."""

from __future__ import annotations

import gzip
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aligner.text.dictd import DictdFile, cache_dir, parse_entry
from aligner.text.lexicon import Lexicon, find_dictionary, load_lexicon, stem
from aligner.text.normalize import fold
from aligner.text.params import LEXICON

_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _b64(value: int) -> str:
    out = ""
    while True:
        out = _DIGITS[value % 64] + out
        value //= 64
        if not value:
            return out


def _dictzip(data: bytes, chunk: int) -> bytes:
    """A dictzip file: gzip with an RA field listing independently inflatable chunks."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    pieces = []
    for start in range(0, len(data), chunk):
        last = start + chunk >= len(data)
        flush = zlib.Z_FINISH if last else zlib.Z_FULL_FLUSH
        pieces.append(compressor.compress(data[start : start + chunk]) + compressor.flush(flush))
    ra = struct.pack("<HHH", 1, chunk, len(pieces)) + b"".join(
        struct.pack("<H", len(p)) for p in pieces
    )
    extra = b"RA" + struct.pack("<H", len(ra)) + ra
    header = b"\x1f\x8b\x08\x04" + b"\0\0\0\0" + b"\x02\x03" + struct.pack("<H", len(extra))
    trailer = struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)
    return header + extra + b"".join(pieces) + trailer


def write_dictd(folder: Path, name: str, entries: list[tuple[str, str]], how: str = "dz") -> None:
    """Write `freedict-<name>.index` and its data (dictzip, plain gzip or plain .dict)."""
    data = b""
    lines = []
    for headword, text in entries:
        body = text.encode("utf-8")
        lines.append(f"{headword}\t{_b64(len(data))}\t{_b64(len(body))}")
        data += body
    lines.sort(key=lambda line: line.split("\t")[0])
    (folder / f"freedict-{name}.index").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if how == "dz":
        (folder / f"freedict-{name}.dict.dz").write_bytes(_dictzip(data, chunk=50))
    elif how == "gz":
        (folder / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(data))
    else:
        (folder / f"freedict-{name}.dict").write_bytes(data)


DEU_FRA = [
    ("berg", "Berg /bɛʁk/ <n, masc>\n1. montagne, mont\ngroße Erhebung\n2. mine\nErdkruste\n"),
    ("haus", "Haus /haʊ̯s/ <n, neut>\n1. maison 2.\nGebäude\n 3.\nzum Wohnen\n2. chambre\n"),
    ("wand", "Wand /vant/ <n, fem>\nparoi, mur\nseitliche Begrenzung\n"),
    ("zeit", "Zeit /t͡saɪ̯t/ <n, fem>\ntemps\nAblauf\n"),
    ("zeit", "Zeit <n>\népoque\n"),
    ("vier", "vier <num>\nquatre\n"),
]
DEU_ENG = [
    ("gipfel", "Gipfel /ɡˈɪpfəl/ <masc, n, sg>\npeak <n>, summit <n>\n   Synonym: {Spitze}\n\n"),
]
FRA_ENG = [("sommet", "sommet /sɔmɛ/ <n, masc>\nsummit, top\n")]


@pytest.fixture
def dictd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_dictd(tmp_path, "deu-fra", DEU_FRA)
    write_dictd(tmp_path, "deu-eng", DEU_ENG, how="gz")
    write_dictd(tmp_path, "fra-eng", FRA_ENG, how="plain")
    monkeypatch.setenv("ALIGNER_DICTD_PATH", str(tmp_path))
    load_lexicon.cache_clear()
    yield tmp_path
    load_lexicon.cache_clear()


def test_dictzip_fixture_is_valid_gzip() -> None:
    data = b"hello dictzip world " * 20
    assert gzip.decompress(_dictzip(data, 16)) == data


def test_binary_search_finds_first_last_repeated_and_missing(dictd: Path) -> None:
    d = find_dictionary("de", "fr")
    assert isinstance(d, DictdFile)
    assert d.translations("berg") == ("montagne", "mont", "mine")
    assert d.translations("zeit") == ("temps", "époque")  # two entries, one headword
    assert d.translations("vier") == ("quatre",)  # the last line of the index
    assert d.translations("haus") == ("maison", "chambre")
    for missing in ("aaa", "hau", "zzz", ""):
        assert d.translations(missing) == ()


def test_plain_gzip_and_plain_dict_data(dictd: Path) -> None:
    assert find_dictionary("de", "en").translations("gipfel") == ("peak", "summit")
    assert find_dictionary("fr", "en").translations("sommet") == ("summit", "top")


def test_parse_entry_layouts() -> None:
    wikdict = "Berg /bɛʁk/ <n, masc>\n1. montagne, amoncellement\nGloss here\n2. mine\nMore gloss\n"
    assert parse_entry(wikdict) == ["montagne", "amoncellement", "mine"]
    ding = 'Haus /hˈaʊs/ <neut, n, sg>\nhouse <n>\n      "ein Haus bauen"  - build a house\n'
    assert parse_entry(ding) == ["house"]
    assert parse_entry("Berg <n>\n [adm.] Mount <n>Mt,  /ˌɛmtˈeː/\n") == ["mount", "mt"]
    assert parse_entry("headword only") == []


def test_lexicon_keys_meet_for_translations(dictd: Path) -> None:
    lexicon = load_lexicon("de", "fr")
    assert lexicon
    assert lexicon.src_keys("Berge") & lexicon.tgt_keys("montagnes")  # inflected forms
    assert lexicon.src_keys("Zeit") & lexicon.tgt_keys("temps")
    assert not lexicon.src_keys("Zeit") & lexicon.tgt_keys("quatre")
    assert lexicon.src_keys("Gipfel") & lexicon.tgt_keys("sommet")  # pivot through English
    assert "freedict-deu-fra" in lexicon.describe()


def test_reverse_dictionary_is_used_for_the_other_direction(dictd: Path) -> None:
    lexicon = load_lexicon("fr", "de")
    assert lexicon.src_keys("maison") & lexicon.tgt_keys("Haus")


def test_a_small_english_dictionary_is_reversed_for_the_pivot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_dictd(tmp_path, "deu-eng", DEU_ENG)
    write_dictd(tmp_path, "eng-ita", [("summit", "summit /sʌmɪt/\nvetta, cima\n")])
    monkeypatch.setenv("ALIGNER_DICTD_PATH", str(tmp_path))
    load_lexicon.cache_clear()
    try:
        lexicon = load_lexicon("de", "it")
        assert lexicon.src_keys("Gipfel") & lexicon.tgt_keys("vetta")
        assert any("reversed" in name for name in lexicon.sources)
    finally:
        load_lexicon.cache_clear()


def test_compounds_are_split_into_known_parts(dictd: Path) -> None:
    lexicon = load_lexicon("de", "fr")
    assert lexicon.src_keys("Nordwand") & lexicon.tgt_keys("paroi")
    assert lexicon.src_keys("Bergwand") & lexicon.tgt_keys("montagne")


def test_no_dictionary_gives_an_empty_lexicon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_DICTD_PATH", "")
    load_lexicon.cache_clear()
    try:
        lexicon = load_lexicon("de", "fr")
        assert not lexicon
        assert lexicon.src_keys("Berg") == frozenset()
        assert "none" in lexicon.describe()
    finally:
        load_lexicon.cache_clear()
    assert not Lexicon("ru", "it")


def test_a_corrupt_dictionary_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "freedict-deu-fra.index").write_text("berg\tA\tZ\n", encoding="utf-8")
    (tmp_path / "freedict-deu-fra.dict.dz").write_bytes(b"not gzip at all")
    monkeypatch.setenv("ALIGNER_DICTD_PATH", str(tmp_path))
    assert find_dictionary("de", "fr") is None


@pytest.mark.skipif(
    find_dictionary("de", "fr") is None, reason="dict-freedict-deu-fra not installed"
)
def test_installed_freedict() -> None:
    lexicon = load_lexicon("de", "fr")
    assert lexicon.src_keys("Haus") & lexicon.tgt_keys("maison")
    assert lexicon.src_keys("Berge") & lexicon.tgt_keys("montagnes")


# --- the index cache -------------------------------------------------------------------


def _plain(d: DictdFile) -> DictdFile:
    return DictdFile(d.index_path, d.data_path)  # no cache: read the dictionary directly


def _headwords(d: DictdFile) -> list[str]:
    words = list(dict.fromkeys(d.headwords()))
    return words + [w[:k] for w in words for k in range(len(w))] + ["zzz", "Berg", "a b"]


def test_cached_tables_give_the_direct_lookups(
    dictd: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    write_dictd(dictd, "fra-deu", [("mont", "mont <n>\nBerg\n"), ("a b", "a b\nc\n")], how="dz")
    for pair in (("de", "fr"), ("de", "en"), ("fr", "en"), ("fr", "de")):
        cached = find_dictionary(*pair)
        assert cached is not None and cached._table is not None
        plain = _plain(cached)
        for word in _headwords(plain):
            assert cached.translations(word) == plain.translations(word), word
    assert sorted(p.suffix for p in cache_dir().iterdir()) == [".sqlite"] * 4  # no temp file


def test_the_table_is_built_once_and_rebuilt_when_the_dictionary_changes(
    dictd: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    first = find_dictionary("de", "fr")
    assert first is not None and first.translations("vier") == ("quatre",)
    (table,) = cache_dir().iterdir()
    built = table.stat().st_mtime_ns
    assert find_dictionary("de", "fr") is not None
    assert [table] == list(cache_dir().iterdir()) and table.stat().st_mtime_ns == built
    write_dictd(dictd, "deu-fra", [*DEU_FRA, ("fünf", "fünf <num>\ncinq\n")])  # size changes
    second = find_dictionary("de", "fr")
    assert second is not None and second.translations("fünf") == ("cinq",)
    assert len(list(cache_dir().iterdir())) == 2


def test_an_unwritable_or_damaged_cache_falls_back_to_the_dictionary(
    dictd: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cache_dir() cannot be created
    d = find_dictionary("de", "fr")
    assert d is not None and d._table is None
    assert d.translations("berg") == ("montagne", "mont", "mine")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    d = find_dictionary("de", "fr")
    assert d is not None and d._table is not None
    (table,) = cache_dir().iterdir()
    table.write_bytes(b"not a database" * 100)
    d = find_dictionary("de", "fr")
    assert d is not None and d._table is None
    assert d.translations("zeit") == ("temps", "époque")


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "aligner"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "aligner"


def test_prepare_reads_in_batches_what_single_look_ups_give(
    dictd: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    src = ["Berge", "Zeit", "Nordwand", "Bergwand", "Hauswände", "Gipfel", "Xylophon", "vier"]
    tgt = ["montagnes", "temps", "sommet", "paroi", "quatre", "inconnu"]
    single = load_lexicon("de", "fr")
    expected = [single.src_keys(w) for w in src], [single.tgt_keys(w) for w in tgt]
    load_lexicon.cache_clear()
    batched = load_lexicon("de", "fr")
    batched.prepare(src, tgt)
    looked_up = [d for pair in batched._pairs for side in pair if (d := side.dictionary)]
    assert any(isinstance(d, DictdFile) and d._memo for d in looked_up)  # prefetched
    assert ([batched.src_keys(w) for w in src], [batched.tgt_keys(w) for w in tgt]) == expected
    assert expected[0][3] & batched.tgt_keys("montagne")  # a compound's head and modifier


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=12))
def test_a_stem_is_the_folded_word_cut(word: str) -> None:
    assert stem(word) == fold(word)[: LEXICON.stem_letters]
