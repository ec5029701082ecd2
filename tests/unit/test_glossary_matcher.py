"""Glossary matching: whole words, Unicode-aware, case rules, CJK without word boundaries, checks."""
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from localize.glossary.checks import Glossary
from localize.glossary.matcher import Matcher, fold, has_phrase, terms_in


@dataclass(frozen=True)
class E:
    source: str
    target: str = ""
    kind: str = "term"
    note: str = ""
    case_sensitive: bool = False


def found(entries, text):
    return [(text[h.start:h.end], h.entry.source) for h in terms_in(entries, text)]


def test_whole_words_only_and_case_insensitive_by_default():
    entries = [E("Ethan"), E("cat")]
    assert found(entries, "ETHAN saw the cat; Ethanol, concatenate, cats.") == [("ETHAN", "Ethan"), ("cat", "cat")]


def test_case_sensitive_entries_match_their_case_only():
    entries = [E("Hope", case_sensitive=True)]
    assert found(entries, "No hope left, said Hope.") == [("Hope", "Hope")]


def test_accented_words_are_words():
    entries = [E("José"), E("café")]
    assert found(entries, "Josémaría José CAFÉ cafés") == [("José", "José"), ("CAFÉ", "café")]
    # a decomposed accent belongs to the word before it: "Jose" is not found in "Jose\u0301"
    assert found([E("Jose")], "Jose\u0301 Jose") == [("Jose", "Jose")]


def test_longest_leftmost_wins_over_a_shorter_overlap():
    entries = [E("Ana"), E("Ana Maria"), E("Maria")]
    assert found(entries, "Ana Maria and Maria") == [("Ana Maria", "Ana Maria"), ("Maria", "Maria")]


def test_cjk_terms_have_no_word_boundaries():
    entries = [E("总裁"), E("東京"), E("서울")]
    assert found(entries, "他是总裁吗？东京 東京タワー 서울에서") == [("总裁", "总裁"), ("東京", "東京"), ("서울", "서울")]


def test_offsets_survive_characters_whose_lower_case_is_longer():
    text = "İstanbul Ethan"
    assert found([E("Ethan")], text) == [("Ethan", "Ethan")]
    assert len(fold(text)) == len(text)


def test_large_glossary_finds_every_term():
    entries = [E(f"term{n}") for n in range(5000)]
    text = " ".join(f"term{n}" for n in range(0, 5000, 7))
    assert len(terms_in(entries, text)) == len(range(0, 5000, 7))
    assert Matcher([]).hits("anything") == []


def test_has_phrase_is_whole_word():
    assert has_phrase("Dile a Mateo.", "Mateo")
    assert not has_phrase("Mateos", "Mateo")
    assert not has_phrase("dile a mateo", "Mateo", case_sensitive=True)


def test_checks_missing_translation_keep_and_forbidden():
    glossary = Glossary([E("Ethan", "Mateo", "name", case_sensitive=True), E("Sterling Corp", "Sterling Corp", "keep"),
                         E("boss", "jefe"), E("boss", "patrón", "forbidden")])
    assert glossary.problems("Ethan works for Sterling Corp.", "") == []
    rules = [(p.rule, p.severity, p.value, p.limit) for p in
             glossary.problems("Ethan, the boss of Sterling Corp.", "Ethan, el patrón de Sterling Inc.")]
    assert rules == [("glossary", "warning", "Ethan", "Mateo"), ("glossary", "warning", "boss", "jefe"),
                     ("glossary", "warning", "Sterling Corp", "Sterling Corp"),
                     ("forbidden", "error", "patrón", "boss")]
    assert glossary.problems("Ethan, the boss of Sterling Corp.", "Mateo, el jefe de Sterling Corp.") == []


@given(st.lists(st.text(min_size=1, max_size=8), max_size=8), st.text(max_size=200))
def test_hits_are_in_order_inside_the_text_and_equal_their_source(sources, text):
    entries = [E(s) for s in sources]
    last = -1
    for hit in terms_in(entries, text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert hit.start >= last
        last = hit.start
        assert fold(text[hit.start:hit.end]) == fold(hit.entry.source.strip())


words = st.text(alphabet="abAB", min_size=1, max_size=3)


@given(st.lists(st.lists(words, min_size=1, max_size=2).map(" ".join), min_size=1, max_size=6),
       st.text(alphabet="abAB .", max_size=60))
def test_the_automaton_finds_what_a_whole_word_regex_finds(sources, text):
    """A reference: one case-insensitive alternation, longest first, between non-word characters."""
    import re
    alternation = "|".join(map(re.escape, sorted(set(sources), key=len, reverse=True)))
    expected = [m.span() for m in re.finditer(rf"(?<!\w)(?:{alternation})(?!\w)", text, re.IGNORECASE)]
    got = sorted({(h.start, h.end) for h in terms_in([E(s) for s in sources], text)})
    assert got == expected
