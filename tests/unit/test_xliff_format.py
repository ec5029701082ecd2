"""The XLIFF writer and reader without a database: round trips, states, and any bytes parse or name a problem."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from translate.storage import xliff as toolkit

from localize.exchange import merge, states, xliff
from localize.models import CUE_STATUSES, SEGMENT_STATUSES

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=60).filter(
    lambda t: not xliff._NOT_XML.search(t))


def _document(units):
    return xliff.XliffFile("series/s/versions/es-MX/episodes/4/script", "en-US", "es-MX", 12, units)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, st.sampled_from(list(states.TO_STATE.values()))), min_size=1, max_size=8))
def test_what_is_written_reads_back_here_and_in_translate_toolkit(rows):
    units = [xliff.Unit(id=f"s{n}", source=s, target=t, state=state, resname=f"ep004/s{n}", preserve=True,
                        notes=[("speaker", "ANA & <B>")], maxwidth=84)
             for n, (s, t, state) in enumerate(rows)]
    data = xliff.write([_document(units)])
    [read] = xliff.parse(data)
    assert read.revision == 12 and read.original.endswith("/episodes/4/script")
    assert [(u.id, u.source, u.target, u.state, u.notes) for u in read.units] == \
        [(u.id, u.source, u.target, u.state, u.notes) for u in units]
    theirs = toolkit.xlifffile.parsestring(data)
    assert [(u.source or "", u.target or "") for u in theirs.units] == [(s, t) for s, t, _ in rows]


PIECES = ['<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">', "</xliff>", "<file>",
          '<file original="o" source-language="en">', "</file>", "<body>", "</body>", '<trans-unit id="a">',
          "<trans-unit>", "</trans-unit>", "<source>", "</source>", '<target state="final">', "</target>",
          "<!DOCTYPE x>", '<!ENTITY e "x">', "&e;", "&amp;", "<![CDATA[x]]>", "\n", "é", "\x00",
          "<?xml version='1.0' encoding='latin-1'?>", "<?xml version='1.0' encoding='bogus'?>", '<group id="g">',
          "</group>", "<header><phase-group><phase phase-name='localize-r3' process-name='export'/></phase-group></header>"]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=200), st.lists(st.sampled_from(PIECES), max_size=30).map(
    lambda p: "".join(p).encode())))
def test_any_bytes_parse_or_name_the_problem(data):
    try:
        files = xliff.parse(data)
    except xliff.XliffError as exc:
        assert str(exc) and (exc.line is None or exc.line >= 1)
        return
    assert files and all(f.original for f in files)


def test_states_map_out_and_back():
    assert [states.to_state(s) for s in ("new", "untranslated", "machine", "fuzzy", "translated", "reviewed",
                                         "approved")] == ["needs-translation", "needs-translation",
                                                          "needs-review-translation", "needs-review-translation",
                                                          "translated", "signed-off", "final"]
    back = lambda state, statuses, may_review=True: states.from_state(state, "x", statuses=statuses,
                                                                       may_review=may_review)
    assert back("final", SEGMENT_STATUSES) == "approved" and back("final", CUE_STATUSES) == "reviewed"
    assert back("signed-off", SEGMENT_STATUSES, False) == "translated" == back("final", CUE_STATUSES, False)
    assert back("needs-translation", CUE_STATUSES) == "untranslated" and back("new", SEGMENT_STATUSES) == "new"
    assert back("needs-review-translation", SEGMENT_STATUSES) in ("fuzzy", "translated")
    assert back(None, SEGMENT_STATUSES) == "translated"
    assert states.from_state(None, " ", statuses=CUE_STATUSES, may_review=True) == "untranslated"
    # A cue imported from a VTT file has no status: its text says whether it is translated.
    assert states.to_state(None, "Hola") == "translated" and states.to_state(None, "") == "needs-translation"


def test_only_later_edits_by_others_count_against_an_import():
    base = {"a": "one", "b": "two", "c": "three"}
    later = [(7, {"a": "uno", "b": "two", "c": "three"}), (8, {"a": "uno", "b": "dos", "c": "three"}),
             (7, {"a": "uno", "b": "dos", "c": "tres"})]
    assert merge.touched_by_others(base, later, importer_id=7) == {"b"}
