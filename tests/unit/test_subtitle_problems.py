"""Real-world files with bad cues (issue 12, points 6-8): every problem is named with its line,
and `skip_invalid` imports the rest, listing what it left out. Nothing is dropped silently."""
from __future__ import annotations

import codecs

import pytest

from localize.subtitles.formats import ParsedCue, Problem, SubtitleFormatError, count_timing_lines, parse


def refused(data, **kw) -> SubtitleFormatError:
    with pytest.raises(SubtitleFormatError) as info:
        parse(data, **kw)
    return info.value


def srt(*cues: tuple[str, str, str]) -> str:
    return "".join(f"{n}\n{a} --> {b}\n{text}\n\n" for n, (a, b, text) in enumerate(cues, 1))


# A film's first cue, a title card, ends before it starts; the other cues are fine.
FILM = srt(("00:00:05,000", "00:00:01,000", "A FILM BY"),
           *((f"00:00:{10 + 2 * k:02d},000", f"00:00:{11 + 2 * k:02d},000", f"line {k}") for k in range(20)))
# FFmpeg's test file: two zero-length cues among good ones.
FFMPEG = ("WEBVTT\n\n00:00.000 --> 00:01.000\none\n\n00:02.000 --> 00:02.000\nzero\n\n"
          "00:03.000 --> 00:04.000\nthree\n\n00:05.000 --> 00:05.000\nzero again\n\n00:06.000 --> 00:07.000\nsix\n")


def test_every_problem_cue_is_listed_with_its_line_not_only_the_first():
    error = refused(FFMPEG)
    assert [(p.line, p.reason.split(":")[0]) for p in error.problems] == [
        (6, "zero-length cue (ends when it starts)"), (12, "zero-length cue (ends when it starts)")]
    assert (error.line, error.kept, error.skippable) == (6, 3, True)
    assert str(error).startswith("2 problems: line 6: zero-length cue")


def test_skip_invalid_imports_the_rest_and_lists_what_it_dropped():
    track = parse(FFMPEG, skip_invalid=True)
    assert [c.text for c in track.cues] == ["one", "three", "six"]
    assert [p.line for p in track.dropped] == [6, 12]
    film = parse(FILM.encode(), skip_invalid=True)
    assert len(film.cues) == 20 and film.cues[0] == ParsedCue(10000, 11000, "line 0")
    assert film.dropped == [Problem(2, "cue ends before it starts: '00:00:05,000 --> 00:00:01,000'")]


def test_strict_parsing_is_still_the_default():
    error = refused(FILM.encode())
    assert (error.line, error.kept, len(error.problems)) == (2, 20, 1)
    assert str(error) == "line 2: cue ends before it starts: '00:00:05,000 --> 00:00:01,000'"


def test_a_file_where_every_cue_is_bad_is_refused_even_with_skip_invalid():
    bad = "WEBVTT\n\n00:02.000 --> 00:01.000\na\n\n00:03.000 -> 00:04.000\nb\n"
    error = refused(bad, skip_invalid=True)
    assert [p.line for p in error.problems] == [3, 6]
    assert error.kept == 0 and not error.skippable


@pytest.mark.parametrize("data", [b"\x00\x01", "WEBVTT 00:01.000 --> 00:02.000\nhi\n", "WEBVTT\n\nNOTE x\n"])
def test_problems_of_the_whole_file_are_never_droppable(data):
    error = refused(data, skip_invalid=True)
    assert not error.skippable


def test_problems_of_many_kinds_are_all_collected_in_line_order():
    text = ("1\n00:00:01,000 --> 00:00:02,000\nok\n\n"        # 1-3 fine
            "2\n00:00:03,000 -> 00:00:04,000\nno arrow\n\n"    # 6: timing does not parse
            "3\nlost its timing\n\n"                            # 10: number not followed by a timing
            "4\n00:00:09,000 --> 00:00:08,000\nbackwards\n\n"  # 13: ends before it starts
            "5\n00:00:10,000 --> 00:00:11,000\nfine too\n\n"
            "6\n")                                              # 20: number at the end
    error = refused(text)
    assert [p.line for p in error.problems] == [6, 10, 13, 20]
    track = parse(text, skip_invalid=True)
    assert [c.text for c in track.cues] == ["ok", "fine too"]
    assert [p.line for p in track.dropped] == [6, 10, 13, 20]


def test_text_of_an_invalid_srt_cue_after_a_blank_line_goes_with_it():
    text = "1\n00:00:02,000 --> 00:00:01,000\nbad\n\nstill bad\n\n2\n00:00:03,000 --> 00:00:04,000\ngood\n"
    track = parse(text, skip_invalid=True)
    assert [c.text for c in track.cues] == ["good"] and [p.line for p in track.dropped] == [2]


# --- point 7: a WebVTT cue whose timing line is missing ------------------------------------

MISSING = "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\nworld\n\n00:03.000 --> 00:04.000\nnext\n"


def test_vtt_text_whose_timing_line_is_missing_is_a_problem_naming_its_line():
    error = refused(MISSING)
    assert error.line == 6 and "timing line" in error.reason and "'world'" in error.reason
    assert error.skippable and error.kept == 2


def test_vtt_text_whose_timing_line_is_missing_is_droppable_not_glued_to_the_cue_before():
    track = parse(MISSING, skip_invalid=True)
    assert [c.text for c in track.cues] == ["Hello", "next"]
    assert [p.line for p in track.dropped] == [6]


def test_a_note_block_with_an_arrow_is_dropped_with_the_cue_glued_to_it():
    text = "WEBVTT\n\nNOTE a note\non two lines\n00:01.000 --> 00:02.000\nglued\n\n00:03.000 --> 00:04.000\nkept\n"
    track = parse(text, skip_invalid=True)
    assert [c.text for c in track.cues] == ["kept"] and track.blocks == [] and track.dropped[0].line == 5


# --- point 8: NUL bytes --------------------------------------------------------------------

def test_nul_bytes_in_utf8_are_reported_with_every_line():
    data = "1\n00:00:01,000 --> 00:00:02,000\nhi\x00\n\n2\n00:00:03,000 --> 00:00:04,000\nño\x00\n".encode()
    error = refused(data)
    assert [p.line for p in error.problems] == [3, 7]
    assert "NUL" in error.reason and "UTF-16" not in str(error)


def test_utf16_without_a_bom_still_gets_the_hint():
    error = refused("WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n".encode("utf-16-le"))
    assert error.line is None and "byte order mark" in error.reason


# --- point 9: counting cues before parsing ---------------------------------------------------

def test_timing_lines_are_counted_on_the_raw_bytes_in_any_encoding():
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\na\n\n00:03.000 --> 00:04.000\nb\n"
    assert count_timing_lines(text) == 2
    assert count_timing_lines(text.encode()) == 2
    assert count_timing_lines(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == 2
    assert count_timing_lines(codecs.BOM_UTF32_BE + text.encode("utf-32-be")) == 2
