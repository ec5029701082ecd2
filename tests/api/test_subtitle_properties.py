"""Property-based: whatever a client sends, subtitle saves and imports answer 2xx or 4xx, never 5xx;
and a track that was saved always exports, and its export reads back as what was stored."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from localize.subtitles import formats

TRACK = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
RUN = settings(max_examples=200, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

times = st.one_of(st.integers(-5, 90_000), st.floats(allow_nan=True, allow_infinity=True),
                  st.sampled_from([0, 1, 1.5, 86_400, 86_401, 10**12]), st.text(max_size=5), st.none(), st.booleans())
texts = st.one_of(st.text(max_size=60), st.sampled_from(["-->", "a\r\nb", "\x00", "WEBVTT", "NOTE x", "12",
                                                         "00:00:01.000 --> 00:00:02.000", "<i>x</b>", "\ud800"]))
clean_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=60)
cue = st.fixed_dictionaries({}, optional={
    "start": times, "end": times, "start_ms": times, "end_ms": times, "text": texts,
    "identifier": st.one_of(st.none(), texts, st.text(min_size=190, max_size=210)),
    "settings": st.one_of(st.none(), texts), "status": st.one_of(st.none(), st.text(max_size=12),
                                                                  st.sampled_from(["translated", "reviewed"]))})

@st.composite
def plausible_cue(draw):
    """A cue a real client might send, with hostile text: most of these are saved."""
    start = draw(st.integers(0, 3_000))
    return {"start_ms": start, "end_ms": start + draw(st.integers(1, 8_000)),
            "text": draw(st.one_of(clean_text, clean_text, clean_text, texts)),
            "identifier": draw(st.one_of(st.none(), st.text(max_size=8))),
            "settings": draw(st.one_of(st.none(), st.sampled_from(["align:start", "line:0", "position:10%"]))),
            "status": draw(st.sampled_from([None, "translated", "reviewed", "untranslated"]))}


bodies = st.one_of(st.fixed_dictionaries({"cues": st.lists(plausible_cue(), max_size=6)}),
                   st.fixed_dictionaries({"cues": st.lists(st.one_of(plausible_cue(), cue), max_size=6)},
                                         optional={"revision": st.one_of(st.none(), st.integers(), st.booleans(),
                                                                         st.text(max_size=3)),
                                                   "summary": st.one_of(st.none(), st.text(max_size=20))}),
                   st.dictionaries(st.text(max_size=5), st.integers(), max_size=3), st.lists(st.integers(), max_size=3))


def _raw_json(value) -> bytes:
    # json.dumps writes lone surrogates as \\ud800 escapes, as a hostile client would.
    return json.dumps(value, allow_nan=True).encode()


def _assert_exports_read_back(lead):
    stored = lead.get(TRACK).get_json()["cues"]
    for ext in (".vtt", ".srt"):
        r = lead.get(TRACK + ext)
        assert r.status_code == 200, (ext, r.status_code)
        if not stored:  # an empty track exports a file without cues, which an import refuses
            assert "-->" not in r.get_data(as_text=True)
            continue
        back = formats.parse(r.data).cues
        assert [(c.start_ms, c.end_ms, c.text) for c in back] == \
               [(round(c["start"] * 1000), round(c["end"] * 1000), c["text"]) for c in stored], ext


@RUN
@given(body=bodies)
def test_json_saves_never_fail_with_5xx_and_what_is_saved_exports(series, lead, body):
    r = lead._call("PUT", TRACK, data=_raw_json(body), headers={"Content-Type": "application/json"})
    assert r.status_code < 500, r.get_data(as_text=True)
    event(f"answered {r.status_code}")
    if r.status_code < 300:
        _assert_exports_read_back(lead)


lines = st.one_of(st.text(max_size=40), st.sampled_from([
    "WEBVTT", "", "00:00:01.000 --> 00:00:02.000", "00:00:02,000 --> 00:00:01,000", "1", "NOTE x", "STYLE",
    "99999:00:00.000 --> 99999:00:01.000", "00:00:01.000 --> 00:00:02.000 align:start " + "x" * 300, "-->",
    "\ufeffWEBVTT", "<i>hi</i>", "\x00"]))


@st.composite
def subtitle_file(draw):
    """A VTT or SRT file of plausible cues with hostile text, sometimes with hostile lines spliced in."""
    srt = draw(st.booleans())
    sep = "," if srt else "."
    doc = [] if srt else ["WEBVTT", ""]
    for n in range(1, draw(st.integers(0, 5)) + 1):
        start = draw(st.integers(0, 3_600_000))
        end = start + draw(st.integers(1, 9_000))
        stamp = lambda ms: f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"
        doc += ([str(n)] if srt else []) + [f"{stamp(start)} --> {stamp(end)}", *draw(st.lists(texts, min_size=1,
                                                                                              max_size=2)), ""]
    for _ in range(draw(st.integers(0, 2))):
        doc.insert(draw(st.integers(0, len(doc))), draw(lines))
    return doc, srt


@RUN
@given(file=st.one_of(subtitle_file(), st.tuples(st.lists(lines, max_size=14), st.booleans())), crlf=st.booleans())
def test_file_imports_never_fail_with_5xx_and_what_is_imported_exports(series, lead, file, crlf):
    doc, srt = file
    text = ("\r\n" if crlf else "\n").join(doc)
    kind = "application/x-subrip" if srt else "text/vtt"
    r = lead._call("PUT", TRACK, data=text.encode("utf-8", "surrogatepass"), headers={"Content-Type": kind})
    assert r.status_code < 500, r.get_data(as_text=True)
    event(f"answered {r.status_code}")
    if r.status_code < 300:
        _assert_exports_read_back(lead)


@RUN
@given(file=st.one_of(subtitle_file(), st.tuples(st.lists(lines, max_size=14), st.booleans())), crlf=st.booleans())
def test_imports_skipping_invalid_cues_never_fail_with_5xx_and_what_is_imported_exports(series, lead, file, crlf):
    """?skip_invalid=1: never a 5xx; what it keeps exports and reads back; what it drops is listed."""
    doc, srt = file
    text = ("\r\n" if crlf else "\n").join(doc)
    data = text.encode("utf-8", "surrogatepass")
    kind = "application/x-subrip" if srt else "text/vtt"
    r = lead._call("PUT", TRACK + "?skip_invalid=1", data=data, headers={"Content-Type": kind})
    assert r.status_code < 500, r.get_data(as_text=True)
    event(f"answered {r.status_code}")
    if r.status_code < 300:
        body = r.get_json()
        event("dropped some" if body["dropped"] else "dropped none")
        assert all(isinstance(d["line"], int) and d["reason"] for d in body["dropped"])
        assert len(lead.get(TRACK).get_json()["cues"]) == body["cues"]
        _assert_exports_read_back(lead)
        try:
            strict = formats.parse(data)
        except formats.SubtitleFormatError as exc:  # refused strictly: exactly for what was dropped
            assert [(p.line, p.reason) for p in exc.problems] == [(d["line"], d["reason"]) for d in body["dropped"]]
        else:  # a clean file: nothing dropped
            assert body["dropped"] == [] and len(strict.cues) == body["cues"]
    else:
        error = r.get_json()["error"]
        assert error["details"] and "skip_invalid=1 imports" not in error["message"]


csv_cells = st.one_of(st.text(max_size=12), st.sampled_from(["2026-01-01", "9999-12-31", "en-US", "es-MX", "1", "0",
                                                             str(2**63), str(2**62), "1.5", "-1", "NaN", ""]))


@RUN
@given(rows=st.lists(st.lists(csv_cells, min_size=0, max_size=7), max_size=6), header=st.booleans())
def test_views_ingest_never_fails_with_5xx(series, lead, rows, header):
    head = "date,locale,episode,views,unlocks,revenue\n" if header else ""
    body = head + "\n".join(",".join(row) for row in rows) + "\n"
    r = lead._call("POST", "/api/v1/series/heir/views", data=body.encode("utf-8", "surrogatepass"),
                   headers={"Content-Type": "text/csv"})
    assert r.status_code < 500, r.get_data(as_text=True)
    assert lead.get("/api/v1/series/heir/report").status_code == 200


@pytest.mark.parametrize("text", ["a\rb", "a\r\rb"])
def test_a_lone_carriage_return_in_cue_text_is_a_line_break(series, lead, text):
    r = lead.put(TRACK, {"cues": [{"start": 1, "end": 2, "text": text}]})
    assert r.status_code == 201
    assert lead.get(TRACK).get_json()["cues"][0]["text"] == "a\nb"
    _assert_exports_read_back(lead)
