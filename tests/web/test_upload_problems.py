"""Uploading a file with bad cues from the editor and the index page (issue 12, point 6): every
problem listed with its line, and "import, dropping these N cues" without a second upload."""
from __future__ import annotations

import html
import io
import re

import pytest

from test_editor import INDEX, PAGE, csrf, page_data, put_file, TARGET

FFMPEG = ("WEBVTT\n\n00:00.000 --> 00:01.000\none\n\n00:02.000 --> 00:02.000\nzero\n\n"
          "00:03.000 --> 00:04.000\nthree\n\n00:05.000 --> 00:05.000\nzero again\n\n00:06.000 --> 00:07.000\nsix\n")
TRACK_API = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"


def form_fields(page: str, form_class: str) -> dict:
    form = re.search(rf'<form[^>]*class="{form_class}"[^>]*>(.*?)</form>', page, re.S).group(1)
    return {m.group(1): html.unescape(m.group(2))
            for m in re.finditer(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)}


def test_editor_upload_lists_every_bad_cue_then_imports_dropping_them(client, sign_in, series, lead):
    put_file(lead, "/es-MX/episodes/1/subtitles/es-MX", TARGET)
    sign_in("translator", ["es-MX"])
    r = client.post(PAGE + "/upload", data={"csrf_token": csrf(client), "revision": "1", "summary": "studio file",
                                            "file": (io.BytesIO(FFMPEG.encode()), "ffmpeg.vtt")})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "ffmpeg.vtt was not imported: 2 problems, listed below." in page
    assert "Line 6: zero-length cue" in page and "Line 12: zero-length cue" in page
    assert "Import, dropping these 2 cues" in page and "The other 3 cues can be imported" in page
    assert page_data(client.get(PAGE))["revision"] == 1  # nothing imported yet
    fields = form_fields(page, "drop-form")
    assert fields["skip_invalid"] == "1" and fields["revision"] == "1" and fields["summary"] == "studio file"

    r = client.post(PAGE + "/upload", data=fields)
    assert r.status_code == 302 and r.headers["Location"].endswith(PAGE)
    after = client.get(PAGE)
    data = page_data(after)
    assert data["revision"] == 2 and [c["text"] for c in data["cues"]] == ["one", "three", "six"]
    assert "2 invalid cues were dropped" in after.get_data(as_text=True)
    summary = data["revisions"][0]["summary"]
    assert summary.startswith("studio file; dropped 2 invalid cues: line 6: zero-length cue")
    # The kept file is gone once used.
    r = client.post(PAGE + "/upload", data={**fields, "revision": "2"})
    assert r.status_code == 422 and "is no longer kept here" in r.get_data(as_text=True)


def test_index_upload_offers_the_same_way_through(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    r = client.post(INDEX + "/upload", data={"csrf_token": csrf(client, INDEX), "episode": "1", "language": "es-MX",
                                             "file": (io.BytesIO(FFMPEG.encode()), "ep01.vtt")})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "Line 6: zero-length cue" in page and "Import, dropping these 2 cues" in page
    fields = form_fields(page, "drop-form")
    assert (fields["episode"], fields["language"]) == ("1", "es-MX")
    r = client.post(INDEX + "/upload", data=fields)
    assert r.status_code == 302 and r.headers["Location"].endswith(PAGE)
    assert [c["text"] for c in page_data(client.get(PAGE))["cues"]] == ["one", "three", "six"]


def test_a_kept_file_belongs_to_the_user_who_sent_it(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    r = client.post(INDEX + "/upload", data={"csrf_token": csrf(client, INDEX), "episode": "1", "language": "es-MX",
                                             "file": (io.BytesIO(FFMPEG.encode()), "ep01.vtt")})
    fields = form_fields(r.get_data(as_text=True), "drop-form")
    sign_in("translator", ["es-MX"])  # someone else, with the token
    fields["csrf_token"] = csrf(client, INDEX)
    r = client.post(INDEX + "/upload", data=fields)
    assert r.status_code == 422 and "no longer kept here" in r.get_data(as_text=True)


def test_a_file_whose_every_cue_is_bad_is_listed_without_the_way_through(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    bad = "WEBVTT\n\n00:02.000 --> 00:01.000\na\n\n00:03.000 --> 00:03.000\nb\n"
    r = client.post(INDEX + "/upload", data={"csrf_token": csrf(client, INDEX), "episode": "1", "language": "es-MX",
                                             "file": (io.BytesIO(bad.encode()), "ep01.vtt")})
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and "Line 3: cue ends before it starts" in page and "Line 6: zero-length" in page
    assert "drop-form" not in page


@pytest.mark.parametrize("lang, text", [("es", "Importar, descartando estos 2 subtítulos"),
                                        ("pt-BR", "Importar, descartando estas 2 legendas")])
def test_the_way_through_is_translated(client, sign_in, series, lang, text):
    sign_in("translator", ["es-MX"])
    r = client.post(INDEX + "/upload", data={"csrf_token": csrf(client, INDEX), "episode": "1", "language": "es-MX",
                                             "file": (io.BytesIO(FFMPEG.encode()), "ep01.vtt")},
                    headers={"Accept-Language": lang})
    assert text in r.get_data(as_text=True)
