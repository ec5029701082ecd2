"""What the editor page sends its live QC (issue 12, point 12) and shows in the reader's language
(point 15): the preset's context, the track-wide warnings, QC sentences, counts and summaries."""
from __future__ import annotations

import re

from sqlmodel import select

from localize import db
from localize.models import MarketVersion
from test_editor import PAGE, TARGET, page_data, put_file

ES = "/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"


def to_spanish(client):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/series").get_data(as_text=True)).group(1)
    client.post("/language", data={"language": "es", "csrf_token": token})


def test_the_page_sends_what_the_live_qc_needs(client, sign_in, lead, series):
    lead.patch("/api/v1/series/heir/episodes/1", {"duration_s": 90})
    put_file(lead, "/es-MX/episodes/1/subtitles/es-MX", TARGET)
    sign_in("translator", ["es-MX"])
    data = page_data(client.get(PAGE))
    assert data["qc_context"]["episode_duration_ms"] == 90000
    assert data["rules"]["untranslated"] == "No translation yet"
    assert data["qc_messages"]["untranslated"] == "This cue has no translation yet."
    assert data["plurals"]["errors"] == {"one": "%(num)s error", "other": "%(num)s errors"}
    assert data["track_qc"] == []


def test_a_remakes_renamed_names_reach_the_page(client, sign_in, lead, series, engine):
    from localize.catalog import service as catalog
    from localize.subtitles import tracks
    put_file(lead, "/es-MX/episodes/1/subtitles/es-MX", TARGET)
    sign_in("translator", ["es-MX"])
    data = page_data(client.get(PAGE))
    with db.session_scope(engine) as s:
        version = s.exec(select(MarketVersion).where(MarketVersion.locale == "es-MX")).one()
        expected = tracks.renamed_names(s, catalog.get_series(s, "heir"), version)
    assert data["qc_context"]["renamed_names"] == expected and expected is not None  # a remake: checked


def test_an_ignored_override_is_shown_in_the_header_in_the_readers_language(client, sign_in, lead, series, engine):
    put_file(lead, "/es-MX/episodes/1/subtitles/es-MX", TARGET)
    lead.patch("/api/v1/series/heir/versions/es-MX", {"qc_preset": "vertical-9x16"})
    with db.session_scope(engine) as s:  # stored before overrides were validated, or by hand
        version = s.exec(select(MarketVersion).where(MarketVersion.locale == "es-MX")).one()
        version.qc_overrides = {"min_duration_ms": 6000}
        s.add(version)
    sign_in("translator", ["es-MX"])
    html = client.get(PAGE).get_data(as_text=True)
    assert "data-track-qc>The QC override min_duration_ms=6000 is ignored: it does not fit the preset vertical-9x16" in html
    to_spanish(client)
    r = client.get(PAGE)
    assert "Se ignora el ajuste de control de calidad min_duration_ms=6000" in r.get_data(as_text=True)
    data = page_data(r)
    assert data["plurals"]["errors"] == {"one": "%(num)s error", "other": "%(num)s errores"}
    assert data["qc_messages"]["untranslated"] == "Este subtítulo aún no tiene traducción."
    # The API still says it in English, as stored.
    qc = lead.get("/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX/qc").get_json()
    assert any(f["rule"] == "ignored_override" and f["message"].startswith("the QC override") for f in qc["qc"])


def test_automatic_summaries_are_shown_in_the_readers_language_and_stored_in_english(client, sign_in, lead, series):
    put_file(lead, "/es-MX/episodes/1/subtitles/es-MX", TARGET)
    sign_in("translator", ["es-MX"])
    to_spanish(client)
    (rev,) = page_data(client.get(PAGE))["revisions"]
    assert rev["summary"] == "imported VTT (2 cues)"
    assert rev["summary_shown"] == "VTT importado (2 subtítulos)"
    assert lead.get("/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX/revisions").get_json()[
        "revisions"][0]["summary"] == "imported VTT (2 cues)"


def test_summary_patterns(app):
    from localize.web.subtitles.strings import summary_text
    with app.test_request_context(headers={"Accept-Language": "pt-BR"}):
        assert summary_text("restored revision 3") in ("revisão 3 restaurada", "restored revision 3")
    with app.test_request_context():
        assert summary_text("translation started from en-US (1 cues)") == "translation started from en-US (1 cue)"
        assert summary_text("edited cues; dropped 2 invalid cues: line 6: bad; line 9: bad") == \
            "edited cues; dropped 2 invalid cues: line 6: bad; line 9: bad"
        assert summary_text("fixed Mateo's name") == "fixed Mateo's name"
