"""Fountain and Final Draft reading and writing (localize/scripts/formats.py), no app, no database."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from screenplay_tools.fdx.parser import Parser as IndependentFdxReader
from screenplay_tools.fountain.parser import Parser as IndependentFountainReader

from localize.scripts.formats import (
    SEGMENT_KINDS, ParsedSegment, ScriptFormatError, parse, write_fdx, write_fountain,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "scripts"


def shape(segments):
    return [(s.kind, s.text, s.character, s.extension, s.parenthetical, s.dual) for s in segments]


def D(character, text, extension=None, parenthetical=None, dual=False):
    return ("dialogue", text, character, extension, parenthetical, dual)


def K(kind, text):
    return (kind, text, None, None, None, False)


EVERY_ELEMENT = [
    K("note", "# ACT ONE"),
    K("note", "= Maya comes home after ten years and finds the harbour sold."),
    K("transition", "FADE IN:"),
    K("scene", "EXT. HARBOUR PIER - DAWN #1#"),
    K("action", "Fog over the water. A ferry horn, far off."),
    K("action", "MAYA REYES (30s, soaked coat) drags a suitcase along the planks."),
    K("note", "Shot on the east pier; keep the ferry in frame."),
    D("MAYA", "Ten years. Nothing changed.", parenthetical="to herself"),
    D("DANIEL", "That's where you're wrong.", extension="O.S."),
    K("action", "Maya turns. DANIEL COLE (40s, tailored suit) steps out of the fog."),
    D("DANIEL", "I own the pier now.", extension="CONT'D"),
    D("DANIEL", "And the boathouse.", extension="CONT'D", parenthetical="beat"),
    D("MAYA", "You bought my father's boats?"),
    D("DANIEL", "Every last one."),
    K("note", "He is lying: he bought only two."),
    K("action", "THE FERRY HORN SOUNDS AGAIN."),
    D("MAYA", "Liar!"),
    D("DANIEL", "Heiress!", dual=True),
    D("McKENNA", "Maya Reyes. You came back.", extension="V.O."),
    K("transition", "CUT TO:"),
    K("scene", "INT. BOATHOUSE - CONTINUOUS"),
    K("scene", "FLASHBACK - THE BOATHOUSE FIRE"),
    K("action", "Flames. A child's scream."),
    K("action", "~Row, row, row your boat\n~gently down the stream"),
    K("scene", "I/E. DANIEL'S CAR - NIGHT #1A#"),
    D("DANIEL", "She's back. Start the sale.\n\nTomorrow.", parenthetical="into phone, whispering"),
    K("note", "Music cue: low strings under the call."),
    K("transition", "SMASH CUT TO:"),
    K("scene", "EST. REYES MANSION - NIGHT"),
    K("action", ">THREE WEEKS EARLIER<"),
    K("action", "Maya signs a letter with her name."),
    K("transition", "FADE OUT."),
]

EPISODE_2_FDX = [
    K("scene", "INT. BOATHOUSE - NIGHT #2#"),
    K("action", "Maya lifts a tarp. Under it: her father's burned boat."),
    D("MAYA", "He never sold it.", extension="V.O., CONT'D", parenthetical="quietly"),
    D("MAYA", "He hid it.", extension="V.O., CONT'D", parenthetical="beat"),
    D("DANIEL", "Get out."),
    D("MAYA", "Make me.", parenthetical="at once", dual=True),
    K("action", ">TO BE CONTINUED<"),
    K("transition", "CUT TO BLACK."),
]


# --- every element, on our own samples -------------------------------------------

def test_fountain_sample_gives_every_element():
    script = parse((DATA / "every-element.fountain").read_bytes(), "every-element.fountain")
    assert script.format == "fountain"
    assert shape(script.segments) == EVERY_ELEMENT
    assert script.title_page == {
        "Title": "_**SECOND CHANCE AT THE HARBOUR**_\nEpisode 1", "Credit": "Written by", "Author": "Lena Ortiz",
        "Source": "An original micro drama", "Draft date": "2024-03-01", "Contact": "Tidewater Shorts\n12 Quay Street",
    }
    assert list(script.title_page) == ["Title", "Credit", "Author", "Source", "Draft date", "Contact"]
    assert all(s.kind in SEGMENT_KINDS for s in script.segments)


def test_fountain_lines_point_at_the_source():
    script = parse((DATA / "every-element.fountain").read_text())
    lines = (DATA / "every-element.fountain").read_text().split("\n")
    by_text = {s.text: s.line for s in script.segments}
    assert lines[by_text["EXT. HARBOUR PIER - DAWN #1#"] - 1].startswith("EXT. HARBOUR PIER")
    assert lines[by_text["Ten years. Nothing changed."] - 1] == "MAYA"  # a speech starts at its cue
    assert lines[by_text["And the boathouse."] - 1] == "(beat)"  # a mid-speech parenthetical starts a segment
    assert "[[He is lying" in lines[by_text["He is lying: he bought only two."] - 1]


def test_fdx_sample_gives_every_element():
    script = parse((DATA / "episode-02.fdx").read_bytes())
    assert script.format == "fdx"
    assert shape(script.segments) == EPISODE_2_FDX
    assert script.title_page == {"Title": "Second Chance at the Harbour, Episode 2", "Author": "Lena Ortiz"}


def test_content_not_name_tells_the_format():
    assert parse((DATA / "episode-02.fdx").read_bytes(), "episode-02.fountain").format == "fdx"
    assert parse((DATA / "every-element.fountain").read_bytes(), "episode.fdx").format == "fountain"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_encodings(encoding):
    text = "INT. CAFÉ - DAY\n\nJOSÉ\n¿Qué pasó?\n"
    script = parse(text.encode(encoding))
    assert shape(script.segments) == [K("scene", "INT. CAFÉ - DAY"), D("JOSÉ", "¿Qué pasó?")]


def test_crlf_and_boneyard_and_page_break_are_dropped():
    text = "/* old\r\nINT. GONE - DAY */\r\nINT. KEPT - DAY\r\n\r\n===\r\n\r\nShe waits.\r\n"
    assert shape(parse(text).segments) == [K("scene", "INT. KEPT - DAY"), K("action", "She waits.")]


# --- round trips ----------------------------------------------------------------

@pytest.mark.parametrize("name", ["every-element.fountain", "episode-02.fdx"])
def test_round_trip_fountain_and_fdx(name):
    script = parse((DATA / name).read_bytes())
    again = parse(write_fountain(script.title_page, script.segments))
    assert shape(again.segments) == shape(script.segments)
    assert again.title_page == script.title_page
    fdx = parse(write_fdx(script.title_page, script.segments))
    assert shape(fdx.segments) == [s for s in shape(script.segments) if s[0] != "note"]
    assert fdx.title_page == script.title_page


def test_writers_escape_what_would_be_misread():
    segments = [
        ParsedSegment("action", "THE DOOR SLAMS."),
        ParsedSegment("action", "INT. is what the sign says"),
        ParsedSegment("action", "CUT TO:"),
        ParsedSegment("action", "2 * 3 = _six_"),
        ParsedSegment("scene", "LATER"),
        ParsedSegment("transition", "FADE TO BLACK."),
        ParsedSegment("dialogue", "Hi.", character="Mrs. Lee"),
        ParsedSegment("dialogue", "Tom & Jerry <3", character="TOM", extension="ON PHONE"),
    ]
    fountain = write_fountain({}, segments)
    assert "!THE DOOR SLAMS." in fountain and ".LATER" in fountain and "@Mrs. Lee" in fountain
    assert shape(parse(fountain).segments) == shape(segments)
    fdx = write_fdx({}, segments)
    assert "Tom &amp; Jerry &lt;3" in fdx
    assert shape(parse(fdx).segments) == shape(segments)


def test_exports_read_by_an_independent_reader():
    script = parse((DATA / "every-element.fountain").read_bytes())
    expected_scenes = [s.text.split(" #")[0] for s in script.segments if s.kind == "scene"]
    expected_speakers = ["MAYA", "DANIEL", "DANIEL", "MAYA", "DANIEL", "MAYA", "DANIEL", "McKENNA", "DANIEL"]

    reader = IndependentFountainReader()
    reader.add_text(write_fountain(script.title_page, script.segments))
    elements = reader.script.elements
    assert [e.text for e in elements if e.type.value == "HEADING" and e.text != "FADE IN:"] == expected_scenes
    assert [e.name for e in elements if e.type.value == "CHARACTER"] == expected_speakers
    speech = [e.text for e in elements if e.type.value == "DIALOGUE"]
    assert "I own the pier now." in speech and "Heiress!" in speech

    reader = IndependentFdxReader()
    reader.parse(write_fdx(script.title_page, [s for s in script.segments if not s.dual]))
    elements = reader.script.elements
    assert [e.text for e in elements if e.type.value == "HEADING"] == expected_scenes
    assert [e.name for e in elements if e.type.value == "CHARACTER"] == [
        "MAYA", "DANIEL", "DANIEL", "MAYA", "DANIEL", "MAYA", "McKENNA", "DANIEL"]
    assert "She's back. Start the sale.\n\nTomorrow." in "\n".join(
        e.text for e in elements if e.type.value == "DIALOGUE")


# --- hostile input ------------------------------------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<FinalDraft DocumentType="Script"><Content><Paragraph Type="Action"><Text>&lol3;</Text></Paragraph></Content></FinalDraft>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE FinalDraft [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<FinalDraft DocumentType="Script"><Content><Paragraph Type="Action"><Text>&xxe;</Text></Paragraph></Content></FinalDraft>
"""
DTD_ONLY = """<?xml version="1.0"?>
<!DOCTYPE FinalDraft SYSTEM "http://127.0.0.1:9/finaldraft.dtd">
<FinalDraft DocumentType="Script"><Content><Paragraph Type="Action"><Text>x</Text></Paragraph></Content></FinalDraft>
"""


@pytest.mark.parametrize("body, line, words", [
    (BILLION_LAUGHS, 2, "DTD"),
    (EXTERNAL_ENTITY, 2, "DTD"),
    (DTD_ONLY, 2, "DTD"),
    ('<?xml version="1.0"?>\n<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>x</Paragraph>\n', 4, "not well-formed"),
    ('<?xml version="1.0"?>\n<html><body>Hello</body></html>\n', 2, "not a Final Draft"),
    ('<FinalDraft DocumentType="Script"></FinalDraft>', 1, "without <Content>"),
])
def test_hostile_xml_is_refused_with_its_line(body, line, words):
    with pytest.raises(ScriptFormatError) as caught:
        parse(body.encode())
    assert caught.value.line == line
    assert words in caught.value.reason
    assert f"line {line}" in str(caught.value) and caught.value.reason in str(caught.value)


@pytest.mark.parametrize("data, words", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (b"INT. HOUSE\x01\x02\x03 - DAY\n", "binary"),
    (b"", "no segment"),
    (b"   \n\n  ", "no segment"),
    (b"Title: Only a title page\nAuthor: Nobody\n", "no segment"),
    (b"/* all of it\nis boneyard */\n", "no segment"),
    (b'<FinalDraft DocumentType="Script"><Content/></FinalDraft>', "no segment"),
])
def test_binary_and_empty_files_are_refused(data, words):
    with pytest.raises(ScriptFormatError) as caught:
        parse(data)
    assert words in caught.value.reason


def test_control_character_names_its_line():
    with pytest.raises(ScriptFormatError) as caught:
        parse("INT. HOUSE - DAY\n\nShe waits.\n\x07\n")
    assert caught.value.line == 4


# --- properties -----------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_parses_or_is_refused(text):
    try:
        parse(text)
    except ScriptFormatError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.binary())
def test_any_bytes_parse_or_are_refused(data):
    try:
        parse(data)
    except ScriptFormatError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="<>/!?&;=\"' abcFinalDrftContParghTx\n", max_size=200))
def test_xml_like_text_parses_or_is_refused(text):
    try:
        parse("<" + text)
    except ScriptFormatError:
        pass


_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éñü'.,!?-:;&<>*_",
                min_size=1, max_size=8).filter(lambda w: w.strip(".") and not w.startswith(("-", ".", ":", "!", ">", "<", "~", "=")))
_line = st.lists(_word, min_size=1, max_size=6).map(" ".join)
_text = st.lists(_line, min_size=1, max_size=3).map("\n".join)
_name = st.lists(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcz'", min_size=1, max_size=8),
                 min_size=1, max_size=2).map(" ".join).filter(lambda n: n[0].isalpha())
_extension = st.sampled_from([None, "V.O.", "O.S.", "CONT'D", "V.O., CONT'D", "ON PHONE"])
_paren = st.one_of(st.none(), st.lists(_word, min_size=1, max_size=4).map(" ".join))


@st.composite
def _segments(draw):
    out = []
    for kind in draw(st.lists(st.sampled_from(SEGMENT_KINDS), min_size=1, max_size=12)):
        if kind == "dialogue":
            previous = out[-1] if out else None
            dual = draw(st.booleans()) and previous is not None and previous.kind == "dialogue" and not previous.dual
            out.append(ParsedSegment("dialogue", draw(_text), character=draw(_name), extension=draw(_extension),
                                     parenthetical=draw(_paren), dual=dual))
        elif kind == "scene":
            heading = draw(_line.filter(lambda t: t[0].isascii() and t[0].isalnum()))  # fountain-py forces only [A-Za-z0-9]
            out.append(ParsedSegment("scene", draw(st.sampled_from(["INT. ", "EXT. ", "", "I/E "])) + heading))
        elif kind == "transition":
            out.append(ParsedSegment("transition", draw(_line).upper().replace("<", "").rstrip(":") + draw(st.sampled_from([" TO:", ""]))))
        else:
            out.append(ParsedSegment(kind, draw(_text)))
    return out


@settings(max_examples=200, deadline=None)
@given(_segments())
def test_written_fountain_reads_back_the_same_segments(segments):
    written = write_fountain({"Title": "Episode 1"}, segments)
    assert shape(parse(written).segments) == shape(segments), written


@settings(max_examples=200, deadline=None)
@given(_segments())
def test_written_fdx_reads_back_the_same_segments(segments):
    written = write_fdx({"Title": "Episode 1"}, segments)
    kept = [s for s in shape(segments) if s[0] != "note"]
    if kept:
        assert shape(parse(written).segments) == kept, written
    else:
        with pytest.raises(ScriptFormatError):
            parse(written)


def test_module_imports_no_flask_and_no_database():
    source = (Path(__file__).resolve().parents[2] / "localize" / "scripts" / "formats.py").read_text()
    for forbidden in ("flask", "sqlalchemy", "sqlmodel", "localize.db", "localize.models"):
        assert f"import {forbidden}" not in source and f"from {forbidden}" not in source
