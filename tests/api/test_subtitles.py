"""Subtitle tracks through the API: import, read, export, QC, revisions, conflicts, access."""
import io
import zipfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data" / "subtitles"
BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
VTT = """WEBVTT - The Heir, episode 1

STYLE
::cue { color: yellow }

NOTE checked by Ana

intro
00:00:01.000 --> 00:00:03.500 align:start line:90%
<i>¿Dónde estabas,</i> Mateo?

00:00:04.000 --> 00:00:06.000
Te estuve buscando
toda la noche.
"""
SRT = "1\r\n00:00:01,000 --> 00:00:03,500\r\nHola, Ethan.\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nAdiós.\r\n"


def _put(client, data, media="text/vtt", headers=None, path=BASE):
    return client.put(path, data=data if isinstance(data, bytes) else data.encode(),
                      headers={"Content-Type": media, **(headers or {})})


@pytest.fixture
def translator(api, series):
    return api("translator", ["es-MX"])


def test_first_import_201_then_200_with_etag_and_cues(translator):
    r = _put(translator, VTT)
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["cues"] == 2 and body["revision"] == 1 and isinstance(body["qc"], list)
    assert r.headers["ETag"]
    r = _put(translator, SRT, "application/x-subrip")
    assert r.status_code == 200 and r.get_json()["revision"] == 2
    track = translator.get(BASE).get_json()
    assert track["revision"] == 2
    assert [(c["start"], c["end"], c["text"]) for c in track["cues"]] == [(1.0, 3.5, "Hola, Ethan."), (4.0, 6.0, "Adiós.")]


def test_multipart_upload(translator):
    r = translator.client.put(BASE, data={"file": (io.BytesIO(SRT.encode()), "ep01.srt")},
                              content_type="multipart/form-data",
                              headers={"Authorization": f"Bearer {translator.token}"})
    assert r.status_code == 201 and r.get_json()["cues"] == 2


def test_vtt_round_trip_keeps_everything(translator):
    _put(translator, VTT)
    exported = translator.get(BASE + ".vtt")
    assert exported.status_code == 200 and exported.mimetype == "text/vtt"
    text = exported.get_data(as_text=True)
    assert text.startswith("WEBVTT - The Heir, episode 1")
    assert "::cue { color: yellow }" in text and "NOTE checked by Ana" in text
    assert "intro\n00:00:01.000 --> 00:00:03.500 align:start line:90%" in text
    before = translator.get(BASE).get_json()["cues"]
    r = _put(translator, text)
    assert r.status_code == 200
    after = translator.get(BASE).get_json()
    # Same cues: nothing changed, so no new revision either.
    assert after["cues"] == before and after["revision"] == 1


def test_srt_export_and_reimport(translator):
    _put(translator, VTT)
    srt = translator.get(BASE + ".srt")
    assert srt.mimetype == "application/x-subrip"
    assert srt.get_data(as_text=True).startswith("1\n00:00:01,000 --> 00:00:03,500\n")
    before = [(c["start"], c["end"], c["text"]) for c in translator.get(BASE).get_json()["cues"]]
    _put(translator, srt.get_data(), "application/x-subrip")
    after = [(c["start"], c["end"], c["text"]) for c in translator.get(BASE).get_json()["cues"]]
    assert after == before


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_real_world_files_import(translator, name):
    r = _put(translator, (DATA / name).read_bytes(), "application/octet-stream")
    assert r.status_code == 201, (name, r.get_json())
    assert r.get_json()["cues"] >= 1


@pytest.mark.parametrize("data,line,reason", [
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nok\n\n00:00:03.000 -> 00:00:04.000\nbad\n", 6, "timing"),
    ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nbackwards\n", 3, "before"),
    ("WEBVTT\n\nNOTE nothing here\n", None, "no cue"),
])
def test_malformed_files_are_422_and_keep_the_stored_track(translator, data, line, reason):
    _put(translator, VTT)
    before = translator.get(BASE).get_json()
    r = _put(translator, data)
    assert r.status_code == 422, r.get_json()
    error = r.get_json()["error"]
    assert reason in error["message"]
    if line:
        assert error["details"][0]["line"] == line
    assert translator.get(BASE).get_json() == before


def test_binary_is_422(translator):
    r = _put(translator, bytes(range(256)) * 4, "application/octet-stream")
    assert r.status_code == 422


def test_if_match_conflict_is_412_never_a_silent_overwrite(translator, api):
    first = _put(translator, VTT)
    etag = first.headers["ETag"]
    other = api("translator", ["es"])  # a bare language covers its regions
    a = _put(translator, SRT, "application/x-subrip", {"If-Match": etag})
    assert a.status_code == 200
    b = _put(other, VTT.replace("Mateo", "Ethan"), headers={"If-Match": etag})
    assert b.status_code == 412 and b.get_json()["error"]["code"] == "precondition_failed"
    assert [c["text"] for c in translator.get(BASE).get_json()["cues"]] == ["Hola, Ethan.", "Adiós."]


def test_json_save_with_revision_and_conflict(translator):
    _put(translator, VTT)
    cues = translator.get(BASE).get_json()["cues"]
    cues[0]["text"] = "¿Dónde estabas?"
    r = translator.put(BASE, {"revision": 1, "cues": cues, "summary": "shorter line"})
    assert r.status_code == 200 and r.get_json()["revision"] == 2
    r = translator.put(BASE, {"revision": 1, "cues": cues})
    assert r.status_code == 412
    r = translator.put(BASE, {"revision": 2, "cues": [{"start": 3, "end": 1, "text": "x"}]})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0] == {
        "field": "end", "cue": 1, "message": "the cue ends before it starts"}


def test_revisions_list_diff_and_restore(translator):
    _put(translator, VTT)
    _put(translator, SRT, "application/x-subrip")
    revisions = translator.get(BASE + "/revisions").get_json()["revisions"]
    assert [r["number"] for r in revisions] == [2, 1]
    assert revisions[0]["author"] == "Translator Tester" and revisions[0]["changes"]["changed"] == 2
    detail = translator.get(BASE + "/revisions/2").get_json()
    assert [d["op"] for d in detail["diff"]] == ["changed", "changed"]
    r = translator.post(BASE + "/revisions/1/restore")
    assert r.status_code == 200 and r.get_json()["revision"] == 3
    track = translator.get(BASE).get_json()
    assert track["cues"][0]["text"] == "<i>¿Dónde estabas,</i> Mateo?"
    assert translator.get(BASE + "/revisions").get_json()["revisions"][0]["changes"]["restored_from"] == 1


def test_qc_findings_and_renamed_character(lead, translator):
    cid = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    lead.put(f"/api/v1/series/heir/versions/es-MX/casting/{cid}", {"localized_name": "Mateo"})
    long_line = "x" * 50
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:01.300\nHola Ethan {long_line}\n\n00:00:01.200 --> 00:00:02.000\nok\n"
    r = _put(translator, vtt)
    rules = {(f["cue"], f["rule"]) for f in r.get_json()["qc"]}
    assert {(1, "original_name"), (1, "chars_per_line"), (1, "min_duration"), (2, "overlap")} <= rules
    qc = translator.get(BASE + "/qc").get_json()
    finding = next(f for f in qc["qc"] if f["rule"] == "chars_per_line")
    assert finding["value"] == 61 and finding["limit"] == 42 and finding["severity"]
    assert qc["preset"] == "netflix-latin"
    lead.patch("/api/v1/series/heir/versions/es-MX", {"qc_preset": "vertical-9x16"})
    assert translator.get(BASE + "/qc").get_json()["preset"] == "vertical-9x16"


def test_translate_track_keeps_timings(lead, translator, api):
    en = "/api/v1/series/heir/versions/en-US/episodes/1/subtitles/en-US"
    assert _put(lead, SRT, "application/x-subrip", path=en).status_code == 201
    r = translator.post(BASE + "/translate", {"source_locale": "en-US", "source_language": "en-US"})
    assert r.status_code == 201, r.get_json()
    track = translator.get(BASE).get_json()
    assert [(c["start"], c["end"], c["text"], c["status"]) for c in track["cues"]] == [
        (1.0, 3.5, "", "untranslated"), (4.0, 6.0, "", "untranslated")]
    qc = translator.get(BASE + "/qc").get_json()["qc"]
    assert [(f["cue"], f["rule"], f["severity"]) for f in qc] == [(1, "untranslated", "error"), (2, "untranslated", "error")]


def test_zip_of_a_whole_version(translator):
    _put(translator, VTT)
    _put(translator, SRT, "application/x-subrip", path=BASE.replace("episodes/1", "episodes/2"))
    r = translator.get("/api/v1/series/heir/versions/es-MX/subtitles/es-MX.zip?format=srt")
    assert r.status_code == 200 and r.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(r.data)).namelist()
    assert names == ["ep001.es-MX.srt", "ep002.es-MX.srt"]
    assert translator.get("/api/v1/series/heir/versions/es-MX/subtitles/es-MX.zip?format=doc").status_code == 422


def test_translator_writes_only_own_languages(api, series):
    french = api("translator", ["fr"])
    r = _put(french, VTT)
    assert r.status_code == 403 and "es-MX" in r.get_json()["error"]["message"]
    assert _put(api("marketing"), VTT).status_code == 403
    assert french.get("/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/fr").status_code == 404


def test_upload_over_the_limit_is_413_json(translator):
    big = "WEBVTT\n\n" + "00:00:01.000 --> 00:00:02.000\n" + "x" * (3 * 1024 * 1024)
    r = _put(translator, big)
    assert r.status_code == 413 and r.get_json()["error"]["code"] == "request_entity_too_large"
    r = translator.client.put(BASE, data={"file": (io.BytesIO(big.encode()), "big.vtt")},
                              content_type="multipart/form-data",
                              headers={"Authorization": f"Bearer {translator.token}"})
    assert r.status_code == 413 and "error" in r.get_json()


def test_version_qc_overrides_apply(lead, translator):
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"qc_overrides": {"max_chars_per_line": 10}})
    assert r.status_code == 200 and r.get_json()["qc_overrides"] == {"max_chars_per_line": 10}
    _put(translator, "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHola amigos mios\n")
    finding = next(f for f in translator.get(BASE + "/qc").get_json()["qc"] if f["rule"] == "chars_per_line")
    assert finding["limit"] == 10 and finding["value"] == 16
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"qc_overrides": {"max_words": 3}})
    assert r.status_code == 422 and "max_words" in r.get_json()["error"]["details"][0]["message"]


def test_chunked_body_over_the_limit_is_413_not_truncated(translator, app):
    """Under gunicorn a chunked body has no Content-Length; we count it ourselves."""
    from werkzeug.test import EnvironBuilder, run_wsgi_app
    big = ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "x" * (3 * 1024 * 1024)).encode()
    for body, expected in ((big, 413), (VTT.encode(), 201)):
        builder = EnvironBuilder(path=BASE, method="PUT", input_stream=io.BytesIO(body),
                                 headers={"Authorization": f"Bearer {translator.token}", "Content-Type": "text/vtt",
                                          "Transfer-Encoding": "chunked"})
        environ = builder.get_environ()
        environ.pop("CONTENT_LENGTH", None)
        environ["wsgi.input_terminated"] = True
        app_iter, status, headers = run_wsgi_app(app.wsgi_app, environ)
        b"".join(app_iter)
        assert int(status.split()[0]) == expected, status


def test_qc_counts_are_stored_and_follow_what_qc_depends_on(lead, translator, session):
    from sqlmodel import select
    from localize.catalog.matrix import episode_states
    from localize.models import Series, SubtitleTrack
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHola Ethan\n\n00:00:02.000 --> 00:00:09.000\nAdiós\n"
    _put(translator, vtt)

    def counts():
        session.rollback()  # a fresh read
        track = session.exec(select(SubtitleTrack)).one()
        return track.qc_errors, track.qc_warnings
    errors, warnings = counts()
    assert errors == 1  # the overlap
    lead.patch("/api/v1/series/heir/episodes/1", {"duration_s": 5})
    assert counts()[0] == 2  # now also past the episode's end
    cid = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    lead.put(f"/api/v1/series/heir/versions/es-MX/casting/{cid}", {"localized_name": "Mateo"})
    assert counts()[1] == warnings + 1  # the original name, still said in the remake
    series = session.exec(select(Series)).one()
    states = episode_states(session, series)
    assert any(state.get("qc_errors") == 2 for state in states.values())


def _history_of(translator, saves: int):
    for n in range(saves):
        r = _put(translator, SRT.replace("Adiós.", f"Adiós {n}."), "application/x-subrip")
        assert r.status_code in (200, 201), r.get_json()


def test_revisions_page_with_limit_before_and_next(translator):
    _history_of(translator, 7)
    r = translator.get(BASE + "/revisions?limit=3")
    body = r.get_json()
    assert r.status_code == 200 and body["revision"] == 7
    assert [v["number"] for v in body["revisions"]] == [7, 6, 5]
    assert set(body["revisions"][0]) == {"number", "author", "summary", "changes", "created_at", "cues"}
    assert body["revisions"][0]["cues"] == 2 and body["revisions"][0]["author"] == "Translator Tester"
    assert body["next"] == BASE + "/revisions?limit=3&before=5"
    body = translator.get(body["next"]).get_json()
    assert [v["number"] for v in body["revisions"]] == [4, 3, 2]
    body = translator.get(body["next"]).get_json()
    assert [v["number"] for v in body["revisions"]] == [1] and body["next"] is None
    body = translator.get(BASE + "/revisions?before=3").get_json()
    assert [v["number"] for v in body["revisions"]] == [2, 1] and body["next"] is None
    assert translator.get(BASE + "/revisions?before=1").get_json() == {"revision": 7, "revisions": [], "next": None}


def test_revisions_default_page_is_50(translator):
    _history_of(translator, 52)
    body = translator.get(BASE + "/revisions").get_json()
    assert [v["number"] for v in body["revisions"]] == list(range(52, 2, -1))
    assert body["next"] == BASE + "/revisions?limit=50&before=3"
    assert [v["number"] for v in translator.get(body["next"]).get_json()["revisions"]] == [2, 1]
    assert translator.get(BASE + "/revisions?limit=500").get_json()["next"] is None


@pytest.mark.parametrize("query,fields", [("limit=0", ["limit"]), ("limit=501", ["limit"]), ("limit=ten", ["limit"]),
                                          ("limit=", ["limit"]), ("before=0", ["before"]), ("before=2.5", ["before"]),
                                          ("limit=-1&before=x", ["limit", "before"])])
def test_revisions_bad_page_parameters_are_422_naming_the_field(translator, query, fields):
    _history_of(translator, 1)
    r = translator.get(BASE + "/revisions?" + query)
    assert r.status_code == 422
    error = r.get_json()["error"]
    assert error["code"] == "validation_failed" and [d["field"] for d in error["details"]] == fields


def test_openapi_documents_the_history_page_parameters(translator):
    doc = translator.get("/api/v1/openapi.json").get_json()
    op = doc["paths"]["/api/v1/series/{slug}/versions/{locale}/episodes/{number}/subtitles/{lang}/revisions"]["get"]
    query = {p["name"]: p for p in op["parameters"] if p["in"] == "query"}
    assert query["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}
    assert query["before"]["schema"]["type"] == "integer" and "422" in op["responses"]
