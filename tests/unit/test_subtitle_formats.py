"""WebVTT/SRT import and export: accepted quirks, refusals with their line, round trips."""
from __future__ import annotations

import codecs
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import webvtt

from localize.subtitles.formats import (
    ParsedCue, ParsedTrack, SubtitleFormatError, decode, format_timestamp, parse, write_srt, write_vtt,
)

DATA = Path(__file__).resolve().parent.parent / "data" / "subtitles"

CLEAN_SRT_CUES = [
    ParsedCue(1000, 2500, "<i>Previously...</i>"),
    ParsedCue(3000, 5200, '<font color="#ffff00">You can\'t leave now.</font>\n'
                          "<b>Not</b> after what she <u>told</u> us."),
    ParsedCue(88000, 89900, "She is my sister."),
]
CLEAN_VTT_CUES = [
    ParsedCue(1000, 2500, "<i>Previously...</i>", "intro", "align:start line:0"),
    ParsedCue(3000, 5200, "<v Ethan>You can't leave now.</v>\n<b>Not</b> after what she <u>told</u> us.",
              None, "region:bottom align:center"),
    ParsedCue(88000, 89900, '<font color="#ffff00">She is my sister.</font>', "cliffhanger",
              "position:50% line:90%"),
]
CLEAN_VTT_HEADER = "- The Billionaire's Secret Bride, episode 12\nX-TIMESTAMP-MAP=LOCAL:00:00:00.000,MPEGTS:900000"
CLEAN_VTT_BLOCKS = [
    "STYLE\n::cue(.yellow) {\n  color: yellow;\n}",
    "REGION\nid:bottom\nwidth:80%\nregionanchor:50%,100%",
    "NOTE Translated by Ana; names follow the casting sheet.",
    "NOTE the cliffhanger line: keep the pause",
]


def read(name: str) -> bytes:
    return (DATA / name).read_bytes()


def refused(data: bytes | str) -> SubtitleFormatError:
    with pytest.raises(SubtitleFormatError) as info:
        parse(data)
    return info.value


# --- accepted files ------------------------------------------------------------------------

def test_clean_vtt_keeps_header_blocks_ids_settings_and_tags():
    track = parse(read("clean.vtt"))
    assert track.format == "vtt"
    assert track.encoding == "utf-8"
    assert track.cues == CLEAN_VTT_CUES
    assert track.header == CLEAN_VTT_HEADER
    # NOTE blocks between cues join the preamble list, in file order.
    assert track.blocks == CLEAN_VTT_BLOCKS


def test_clean_srt_does_not_keep_numbers_as_ids():
    track = parse(read("clean.srt"))
    assert track == ParsedTrack("srt", CLEAN_SRT_CUES, "", [], "utf-8")


@pytest.mark.parametrize("name, encoding", [
    ("bom_crlf.srt", "utf-8-sig"),
    ("utf16le.srt", "utf-16-le"),
])
def test_srt_encodings_and_line_ends(name, encoding):
    track = parse(read(name))
    assert (track.format, track.encoding) == ("srt", encoding)
    assert track.cues == CLEAN_SRT_CUES


@pytest.mark.parametrize("name, encoding", [("cr_only.vtt", "utf-8"), ("utf16be.vtt", "utf-16-be")])
def test_vtt_encodings_and_line_ends(name, encoding):
    track = parse(read(name))
    assert (track.format, track.encoding) == ("vtt", encoding)
    assert track.cues == CLEAN_VTT_CUES
    assert track.header == CLEAN_VTT_HEADER
    assert track.blocks == CLEAN_VTT_BLOCKS


@pytest.mark.parametrize("bom, codec", [
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF8, "utf-8"),
])
def test_byte_order_marks(bom, codec):
    text = "WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nÉl está aquí\r\n"
    track = parse(bom + text.encode(codec))
    assert track.cues == [ParsedCue(1000, 2000, "Él está aquí")]


def test_cp1252_detected_with_curly_quotes_and_ellipsis():
    track = parse(read("cp1252.srt"))
    assert track.encoding == "cp1252"
    assert [c.text for c in track.cues] == [
        "¿Qué haces aquí, Mateo?", "Él no está… y la señora lo sabe.",
        "‘No puedes irte’, dijo ella — otra vez.", "Mañana, en la compañía, todo cambiará.",
        "“Es mi hermana”, susurró Sofía."]


def test_latin1_detected():
    track = parse(read("latin1.srt"))
    # Latin-1 and cp1252 decode these bytes alike; either name is a right answer.
    assert track.encoding in {"latin_1", "cp1252", "iso8859_15"}
    assert track.cues[0].text == "¿Qué haces aquí, Mateo?"
    assert track.cues[3].text == "Es mi hermana, susurró Sofía. ¡Ay, señor!"


def test_srt_quirks_gaps_missing_numbers_dot_millis_unordered_no_final_newline():
    track = parse(read("quirks.srt"))
    assert track.format == "srt"
    assert track.cues == [
        ParsedCue(1000, 2000, "first"),
        ParsedCue(3000, 4000, "second (no number, dot millis)"),
        ParsedCue(5000, 6000, "third"),
        ParsedCue(7000, 8000, "fourth\nand its second line"),
    ]


def test_vtt_quirks_optional_hours_comma_millis_stable_sort():
    track = parse(read("quirks.vtt"))
    assert track.format == "vtt"
    assert track.cues == [
        ParsedCue(1000, 2000, "comma millis"),
        ParsedCue(10000, 11000, "same start, first in file", "a"),
        ParsedCue(10000, 12000, "same start, second in file", "b"),
        ParsedCue(65000, 66000, "no hours", None, "line:0 align:start"),
    ]


def test_format_is_told_from_content_not_name():
    srt_text = "1\n00:00:01,000 --> 00:00:02,000\nWEBVTT is a format\n"
    assert parse(srt_text.encode()).format == "srt"
    assert parse("\n\n  WEBVTT\n\n00:01.000 --> 00:02.000\nhi").format == "vtt"


def test_str_input_and_missing_final_newline():
    track = parse("WEBVTT Episode 3\n\n00:00:01.000 --> 00:00:02.000\nhi")
    assert track.header == "Episode 3"
    assert track.cues == [ParsedCue(1000, 2000, "hi")]


def test_text_after_blank_line_inside_a_cue_is_kept_not_dropped():
    # In SRT the second part is kept as more lines of the cue (VTT: see the missing timing line tests).
    srt = "1\n00:00:01,000 --> 00:00:02,000\nHello\n\nworld\n\n2\n00:00:03,000 --> 00:00:04,000\nnext\n"
    assert [c.text for c in parse(srt).cues] == ["Hello\nworld", "next"]


def test_cue_without_blank_line_before_it():
    vtt = "WEBVTT\n00:01.000 --> 00:02.000\none\n00:03.000 --> 00:04.000\ntwo\n"
    assert parse(vtt).cues == [ParsedCue(1000, 2000, "one"), ParsedCue(3000, 4000, "two")]
    srt = "1\n00:00:01,000 --> 00:00:02,000\none\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n"
    assert parse(srt).cues == [ParsedCue(1000, 2000, "one"), ParsedCue(3000, 4000, "two")]


def test_whitespace_only_lines_separate_cues_and_text_lines_are_right_stripped():
    srt = "1\n00:00:01,000 --> 00:00:02,000\none  \n   \n2\n00:00:03,000 --> 00:00:04,000\ntwo\t\n"
    assert [c.text for c in parse(srt).cues] == ["one", "two"]


def test_empty_cues_are_kept_for_qc():
    srt = "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n"
    assert parse(srt).cues == [ParsedCue(1000, 2000, ""), ParsedCue(3000, 4000, "two")]
    vtt = "WEBVTT\n\nempty\n00:01.000 --> 00:02.000\n\n00:03.000 --> 00:04.000\ntwo\n"
    assert parse(vtt).cues == [ParsedCue(1000, 2000, "", "empty"), ParsedCue(3000, 4000, "two")]


def test_srt_position_coordinates_after_times_are_dropped():
    srt = "1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:600 Y1:50 Y2:90\nhi\n"
    assert parse(srt).cues == [ParsedCue(1000, 2000, "hi")]


def test_vtt_settings_whitespace_is_normalised():
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\talign:start   line:0 \nhi\n"
    assert parse(vtt).cues[0].settings == "align:start line:0"


def test_long_hours_and_tags_kept_as_is():
    vtt = "WEBVTT\n\n100:00:00.000 --> 100:00:01.500\n<c.yellow>Hi</c> <00:00:00.500>{\\an8}<i>x</i>\n"
    assert parse(vtt).cues == [ParsedCue(360_000_000, 360_001_500, "<c.yellow>Hi</c> <00:00:00.500>{\\an8}<i>x</i>")]


# --- refusals --------------------------------------------------------------------------------

def test_bad_timing_line_is_refused_with_its_line():
    srt = ("1\n00:00:00,000 --> 00:00:00,900\nHello\nthere\n\n"
           "2\n00:00:01,000 -> 00:00:02,000\nworld\n")
    error = refused(srt.encode())
    assert isinstance(error, ValueError)
    assert (error.line, error.reason) == (7, "timing line does not parse: '00:00:01,000 -> 00:00:02,000'")
    assert str(error) == "line 7: timing line does not parse: '00:00:01,000 -> 00:00:02,000'"


@pytest.mark.parametrize("text, line", [
    # a line with --> that does not parse, in the text of a cue
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n00:03.000 --> 00:0x.000\n", 5),
    # minutes over 59
    ("WEBVTT\n\n00:61:00.000 --> 00:62:00.000\nhi\n", 3),
    # two digits of milliseconds
    ("WEBVTT\n\nid\n00:00:01.00 --> 00:00:02.000\nhi\n", 4),
    # digits glued to the end time
    ("WEBVTT\n\n00:00:01.000 --> 00:00:04.3001\nhi\n", 3),
    # a timing line without an arrow, after an identifier
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nok\n\n2\n00:00:03.000 - 00:00:04.000\nlost\n", 7),
    # a timing line without an arrow, inside a cue
    ("WEBVTT\n\n00:01.000 --> 00:02.000\nok\n00:00:03.000 -> 00:00:04.000\n", 5),
    # two arrows
    ("WEBVTT\n\n00:01.000 --> 00:02.000 --> 00:03.000\nhi\n", 3),
    # SRT with a missing end time
    ("1\n00:00:01,000 --> \nhi\n", 2),
])
def test_timing_lines_that_do_not_parse(text, line):
    error = refused(text)
    assert error.line == line
    assert error.reason.startswith("timing line does not parse")


def test_cue_ending_before_it_starts_is_refused():
    error = refused("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\n00:00:05,000 --> 00:00:04,000\nb\n")
    assert error.line == 6
    assert "ends before it starts" in error.reason


def test_zero_length_cue_is_refused():
    error = refused("WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n00:03.000 --> 00:03.000\nb\n")
    assert error.line == 6
    assert "zero-length" in error.reason


@pytest.mark.parametrize("data", [b"", b"\n\n  \r\n", "WEBVTT\n\nNOTE only a note\n", "WEBVTT - header only"])
def test_no_cue_is_refused_without_a_line(data):
    error = refused(data)
    assert error.line is None
    assert "no cue" in error.reason


def test_srt_number_followed_by_text_is_refused():
    error = refused("1\n00:00:01,000 --> 00:00:02,000\na\n\n2\nHello there\n\n3\n00:00:05,000 --> 00:00:06,000\nc\n")
    assert error.line == 6
    assert "cue number 2 is not followed by a timing line" in error.reason


def test_vtt_number_followed_by_text_is_refused():
    error = refused("WEBVTT\n\n1\n00:01.000 --> 00:02.000\na\n\n2\nHello\n")
    assert error.line == 8


def test_srt_text_where_a_number_belongs_is_refused():
    error = refused("1\n00:00:01,000 --> 00:00:02,000\na\n\nline two\n00:00:03,000 --> 00:00:04,000\nb\n")
    assert error.line == 5
    assert "cue number" in error.reason


@pytest.mark.parametrize("text, line", [
    ("Hello\n\n1\n00:00:01,000 --> 00:00:02,000\nhi\n", 1),
    ("WEBVTT\n\nstray words\n\n00:01.000 --> 00:02.000\nhi\n", 3),
])
def test_text_before_the_first_cue_is_refused(text, line):
    error = refused(text)
    assert error.line == line
    assert "before the first cue" in error.reason


def test_arrow_inside_a_note_block_is_refused():
    error = refused("WEBVTT\n\nNOTE a note\nthat runs -> into\n00:01.000 --> 00:02.000\nhi\n")
    assert error.line == 5
    assert "NOTE block" in error.reason


def test_cue_number_at_the_end_without_timing_is_refused():
    error = refused("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n")
    assert error.line == 5
    assert "no timing line" in error.reason


def test_broken_time_after_a_cue_number_is_reported_as_a_timing_line():
    error = refused("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0\nthere\n")
    assert (error.line, error.reason) == (6, "timing line does not parse: '00:00:0'")


def test_timing_on_the_webvtt_line_is_refused():
    assert refused("WEBVTT 00:01.000 --> 00:02.000\nhi\n").line == 1


def test_dos_end_of_file_mark_is_tolerated():
    assert parse(b"1\r\n00:00:01,000 --> 00:00:02,000\r\nhi\r\n\x1a").cues == [ParsedCue(1000, 2000, "hi")]


def test_nul_bytes_are_refused():
    error = refused(b"1\n00:00:01,000 --> 00:00:02,000\nhi\x00\x00\n")
    assert error.line == 3  # a NUL in UTF-8 text is named with its line (issue 12, point 8)
    assert "binary" in error.reason


def test_binary_garbage_is_refused():
    garbage = bytes(range(128, 256)) * 16
    error = refused(garbage)
    assert error.line is None
    assert "not text" in error.reason
    random_bytes = os.urandom(4096).replace(b"\x00", b"\x80")
    assert refused(random_bytes).line in (None, *range(1, 4097))


def test_control_character_is_refused_with_its_line():
    error = refused(b"1\r\n00:00:01,000 --> 00:00:02,000\r\nhi\x01there\r\n")
    assert error.line == 3
    assert "U+0001" in error.reason


def test_truncated_utf16_is_refused():
    data = codecs.BOM_UTF16_LE + "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n".encode("utf-16-le")[:-1]
    error = refused(data)
    assert error.line is None
    assert "utf-16-le" in error.reason


def test_decode_returns_text_and_encoding():
    assert decode("héllo".encode()) == ("héllo", "utf-8")
    assert decode(codecs.BOM_UTF8 + b"hi") == ("hi", "utf-8-sig")
    assert decode(codecs.BOM_UTF16_BE + "hi".encode("utf-16-be")) == ("hi", "utf-16-be")


def test_error_without_line_prints_the_reason_only():
    error = SubtitleFormatError(None, "no cue found")
    assert str(error) == "no cue found"
    assert (error.line, error.reason) == (None, "no cue found")


# --- routing through webvtt-py -------------------------------------------------------------

def test_parse_reads_the_track_back_through_webvtt(monkeypatch):
    calls = []
    real = webvtt.from_buffer

    def spy(buffer, format="vtt", strict=False):
        calls.append(format)
        return real(buffer, format=format, strict=strict)

    monkeypatch.setattr(webvtt, "from_buffer", spy)
    parse(read("clean.vtt"))
    parse(read("clean.srt"))
    assert calls == ["vtt", "srt"]


def test_a_cue_webvtt_reads_differently_is_refused(monkeypatch):
    real = webvtt.from_buffer

    def lossy(buffer, format="vtt", strict=False):
        result = real(buffer, format=format, strict=strict)
        del result.captions[1]
        return result

    monkeypatch.setattr(webvtt, "from_buffer", lossy)
    error = refused(read("clean.srt"))
    assert error.line == 6  # the timing line of the cue webvtt-py lost
    assert "webvtt-py" in error.reason


# --- writing -----------------------------------------------------------------------------------

@pytest.mark.parametrize("ms, sep, text", [
    (0, ".", "00:00:00.000"), (3_723_004, ".", "01:02:03.004"), (3_723_004, ",", "01:02:03,004"),
    (360_000_000, ".", "100:00:00.000"),
])
def test_format_timestamp(ms, sep, text):
    assert format_timestamp(ms, sep) == text


def test_format_timestamp_refuses_negative_times():
    with pytest.raises(ValueError):
        format_timestamp(-1)


def test_write_srt_numbers_cues_and_uses_comma_millis():
    cues = [ParsedCue(1000, 2500, "<i>one</i>", "id-is-not-written", "align:start"),
            ParsedCue(3000, 4000, "two\nlines")]
    assert write_srt(cues) == ("1\n00:00:01,000 --> 00:00:02,500\n<i>one</i>\n\n"
                               "2\n00:00:03,000 --> 00:00:04,000\ntwo\nlines\n")
    assert write_srt([]) == ""


def test_write_vtt_with_header_blocks_ids_and_settings():
    cues = [ParsedCue(1000, 2500, "<i>one</i>", "intro", "align:start line:0"), ParsedCue(3000, 4000, "two")]
    assert write_vtt(cues, "Episode 1", ["NOTE by Ana"]) == (
        "WEBVTT Episode 1\n\nNOTE by Ana\n\n"
        "intro\n00:00:01.000 --> 00:00:02.500 align:start line:0\n<i>one</i>\n\n"
        "00:00:03.000 --> 00:00:04.000\ntwo\n")
    assert write_vtt([]) == "WEBVTT\n"


def test_writers_accept_orm_like_objects():
    row = SimpleNamespace(start_ms=0, end_ms=900, text="hi", identifier=None, settings=None, position=1)
    bare = SimpleNamespace(start_ms=1000, end_ms=1900, text="bare")  # no identifier/settings at all
    assert "00:00:00.000 --> 00:00:00.900\nhi" in write_vtt([row, bare])
    assert write_srt([row, bare]).startswith("1\n00:00:00,000 --> 00:00:00,900\nhi\n\n2\n")


def test_write_drops_blank_lines_inside_text():
    out = write_vtt([ParsedCue(0, 1000, "one\n\n  \ntwo")])
    assert out.endswith("00:00:00.000 --> 00:00:01.000\none\ntwo\n")
    assert parse(out).cues == [ParsedCue(0, 1000, "one\ntwo")]


@pytest.mark.parametrize("writer", [write_vtt, write_srt])
def test_write_refuses_arrow_in_text_naming_the_cue(writer):
    cues = [ParsedCue(0, 1000, "fine"), ParsedCue(2000, 3000, "a --> b")]
    with pytest.raises(ValueError, match="cue 2"):
        writer(cues)


def test_write_vtt_refuses_bad_identifier_and_header():
    with pytest.raises(ValueError, match="cue 1"):
        write_vtt([ParsedCue(0, 1000, "x", "two\nlines")])
    with pytest.raises(ValueError):
        write_vtt([ParsedCue(0, 1000, "x")], header="a --> b")
    with pytest.raises(ValueError):
        write_vtt([ParsedCue(0, 1000, "x")], blocks=["NOTE a\n\nb"])


# --- round trips -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["clean.vtt", "quirks.vtt", "cr_only.vtt", "utf16be.vtt"])
def test_vtt_round_trip(name):
    track = parse(read(name))
    again = parse(write_vtt(track.cues, track.header, track.blocks).encode())
    assert (again.cues, again.header, again.blocks) == (track.cues, track.header, track.blocks)


@pytest.mark.parametrize("name", ["clean.srt", "quirks.srt", "bom_crlf.srt", "cp1252.srt", "latin1.srt"])
def test_srt_round_trip(name):
    track = parse(read(name))
    again = parse(write_srt(track.cues).encode())
    assert again.format == "srt"
    assert again.cues == track.cues


def test_block_lines_are_right_stripped_so_they_round_trip():
    track = parse("WEBVTT\n\nNOTE trailing space \nsecond\t\n\n00:01.000 --> 00:02.000\nhi\n")
    assert track.blocks == ["NOTE trailing space\nsecond"]
    assert parse(write_vtt(track.cues, track.header, track.blocks)).blocks == track.blocks


def test_round_trip_of_built_cues_with_everything():
    cues = [ParsedCue(0, 833, "<i>Ethan?</i>", "1", "align:start line:0"),
            ParsedCue(900, 2000, '<font color="red">Stop!</font>\n<b>Now</b> <u>please</u>', "shout", None),
            ParsedCue(2100, 3000, "", None, "position:10%"),
            ParsedCue(3_600_000, 3_601_000, "Ünïcödé ✓ 你好", "NOTE-ish id", None)]
    blocks = ["STYLE\n::cue { color: white }", "NOTE first\nsecond line"]
    track = parse(write_vtt(cues, "Kind: captions", blocks))
    assert (track.cues, track.header, track.blocks) == (cues, "Kind: captions", blocks)
    srt_cues = [ParsedCue(c.start_ms, c.end_ms, c.text) for c in cues]
    assert parse(write_srt(cues)).cues == srt_cues


@pytest.mark.parametrize("vtt, line, reason", [
    ("WEBVTT\n\n99999:59:59.000 --> 99999:59:59.999\nx\n", 3, "a cue past 500 hours"),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000 align:start " + "x" * 300 + "\nx\n", 3, "cue settings longer"),
    ("WEBVTT\n\n" + "i" * 201 + "\n00:00:01.000 --> 00:00:02.000\nx\n", 3, "a cue identifier longer"),
])
def test_what_a_database_column_cannot_hold_is_refused_with_its_line(vtt, line, reason):
    error = refused(vtt.encode())
    assert error.line == line and error.reason.startswith(reason)
