"""A translator's home at `/`: their tracks with state and QC counts, each one click from the editor."""
from __future__ import annotations

import re

from sqlmodel import select

from localize.models import SubtitleTrack

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHola\n\n00:00:04.000 --> 00:00:04.100\nDemasiado corto\n"


def text(response) -> str:
    return response.get_data(as_text=True)


def upload(lead, series, locale, number, lang, body=VTT):
    r = lead.put(f"/api/v1/series/{series}/versions/{locale}/episodes/{number}/subtitles/{lang}",
                 data=body.encode(), headers={"Content-Type": "text/vtt"})
    assert r.status_code in (200, 201), r.get_json()


def test_translator_home_lists_their_tracks_with_state_and_qc(client, lead, series, sign_in, session):
    upload(lead, series, "es-MX", 1, "es-MX")
    upload(lead, series, "es-MX", 2, "es-MX")
    upload(lead, series, "en-US", 1, "en-US")  # not theirs
    sign_in("translator", ["es-MX"])
    r = client.get("/")
    assert r.status_code == 200
    html = text(r)
    rows = re.findall(r'<tr class="work-track.*?</tr>', html, re.S)
    assert len(rows) == 2 and "2 tracks in your languages" in html
    links = re.findall(r'href="([^"]+)">Episode (\d+)</a>', html)
    assert links == [("/series/heir/versions/es-MX/episodes/1/subtitles/es-MX", "1"),
                     ("/series/heir/versions/es-MX/episodes/2/subtitles/es-MX", "2")]
    track = session.exec(select(SubtitleTrack).where(SubtitleTrack.language == "es-MX")).first()
    if track.qc_errors:
        assert "error" in rows[0]
    assert "2 cues" in rows[0]
    assert client.get(links[0][0]).status_code == 200  # one click from the editor
    assert 'id="script-episodes"' in html


def test_translator_home_in_spanish_counts_with_plurals(client, lead, series, sign_in):
    upload(lead, series, "es-MX", 1, "es-MX")
    sign_in("translator", ["es-MX"])
    client.post("/language", data={"language": "es", "csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', text(client.get("/"))).group(1)})
    html = text(client.get("/"))
    assert "1 pista en tus idiomas" in html and "2 subtítulos" in html


def test_translator_without_tracks_is_told_so_and_others_still_go_to_the_series(client, series, sign_in):
    sign_in("translator", ["fr"])
    html = text(client.get("/"))
    assert "No subtitle track in your languages yet." in html
    for role in ("lead", "admin"):
        sign_in(role)
        r = client.get("/")
        assert r.status_code == 302 and r.headers["Location"].endswith("/series")


def test_a_translator_lands_on_their_home_with_script_episodes(client, make_user, api, series, lead):
    """After sign-in a translator lands on / and sees their tracks and script episodes (issue 12, point 14)."""
    import re
    lead.put("/api/v1/series/heir/versions/en-US/episodes/1/script",
             data=b"INT. ROOM - DAY\n\nETHAN\nI'm back.\n", headers={"Content-Type": "text/plain"})
    assert lead.post("/api/v1/series/heir/versions/es-MX/episodes/1/script/translate", json={}).status_code == 201
    user, _ = make_user("translator", ["es-MX"])
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    r = client.post("/login", data={"email": user.email, "password": "correct horse battery", "csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"].endswith("/")
    home = client.get("/").get_data(as_text=True)
    assert "/series/heir/versions/es-MX/episodes/1/script" in home
    assert "0 of 2 segments approved, 0 waiting for review" in home
