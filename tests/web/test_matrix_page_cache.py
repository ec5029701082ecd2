"""The series page's content is rendered once per matrix state and kind of reader: every change shows at once."""
from __future__ import annotations

import re

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nBonjour.\n"


def ready(html: str, locale: str) -> str:
    row = html.split(f'id="v-{locale}"', 1)[1].split("</tr>", 1)[0]
    return row.split('<span class="ready-count">', 1)[1].split("</span>", 1)[0]


def test_the_matrix_follows_cliffhangers_versions_and_tracks(client, series, sign_in, api, lead):
    sign_in("lead")
    html = client.get("/series/heir").get_data(as_text=True)
    # The same page again (CSRF tokens carry the second they were signed in, so they are left out).
    assert ready(html, "en-US") == "0/10 ready" and _tokenless(html) == _tokenless(client.get("/series/heir").get_data(as_text=True))
    assert lead.patch("/api/v1/series/heir/episodes/1", {"cliffhanger": "A door opens."}).status_code == 200
    html = client.get("/series/heir").get_data(as_text=True)
    assert ready(html, "en-US") == "1/10 ready" and "Episode 1: cliffhanger set; ready" in html
    assert lead.post("/api/v1/series/heir/versions", {"locale": "fr", "kind": "subtitled"}).status_code == 201
    html = client.get("/series/heir").get_data(as_text=True)
    assert ready(html, "fr") == "0/10 ready"
    r = api("translator", ["fr"]).put("/api/v1/series/heir/versions/fr/episodes/2/subtitles/fr", data=VTT.encode(),
                                      headers={"Content-Type": "text/vtt"})
    assert r.status_code == 201, r.get_json()
    assert ready(client.get("/series/heir").get_data(as_text=True), "fr") == "1/10 ready"  # clean subtitles


def test_each_reader_gets_their_own_links_and_markets(client, series, sign_in):
    sign_in("lead")
    lead_html = client.get("/series/heir").get_data(as_text=True)
    assert "/series/heir/edit" in lead_html and 'class="mine"' not in lead_html
    sign_in("translator", ["es-MX"])
    html = client.get("/series/heir").get_data(as_text=True)
    assert "/series/heir/edit" not in html and 'id="v-es-MX" class="mine"' in html


def _tokenless(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', html)
