"""Track reads answered from the track's revision: ETag / If-None-Match, and no stale answer after a save."""
import pytest

BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHola.\n\n00:00:04.000 --> 00:00:06.000\nAdiós.\n"


@pytest.fixture
def translator(api, series):
    client = api("translator", ["es-MX"])
    r = client.client.put(BASE, data=VTT.encode(), headers={"Content-Type": "text/vtt",
                                                            "Authorization": f"Bearer {client.token}"})
    assert r.status_code == 201, r.get_json()
    return client


@pytest.mark.parametrize("suffix", ["", ".vtt", ".srt"])
def test_if_none_match_is_304_until_the_next_save(translator, suffix):
    first = translator.get(BASE + suffix)
    assert first.status_code == 200 and first.headers["ETag"] == first.headers["ETag"].strip()
    again = translator.get(BASE + suffix)  # answered from the cache: the same bytes and headers
    assert again.get_data() == first.get_data()
    assert [again.headers.get(k) for k in ("Content-Type", "Content-Disposition", "ETag")] == \
        [first.headers.get(k) for k in ("Content-Type", "Content-Disposition", "ETag")]
    r = translator.get(BASE + suffix, headers={"If-None-Match": first.headers["ETag"]})
    assert r.status_code == 304 and r.headers["ETag"] == first.headers["ETag"] and not r.get_data()
    assert translator.get(BASE + suffix, headers={"If-None-Match": '"t0-r0"'}).status_code == 200
    saved = translator.put(BASE, {"cues": [{"start": 1, "end": 3, "text": "Buenas."}], "revision": 1})
    assert saved.status_code == 200, saved.get_json()
    r = translator.get(BASE + suffix, headers={"If-None-Match": first.headers["ETag"]})
    assert r.status_code == 200 and r.headers["ETag"] != first.headers["ETag"]
    assert "Buenas." in r.get_data(as_text=True) and "Adiós." not in r.get_data(as_text=True)


def test_other_spellings_and_missing_parts_take_the_full_lookup(translator):
    assert translator.get(BASE.replace("es-MX/episodes", "es-mx/episodes")).get_json()["cues"][0]["text"] == "Hola."
    r = translator.get(BASE.replace("episodes/1", "episodes/2"))
    assert r.status_code == 404 and "subtitles" in r.get_json()["error"]["message"]
    r = translator.get(BASE.replace("heir", "nope") + ".vtt")
    assert r.status_code == 404 and "nope" in r.get_json()["error"]["message"]


def test_a_deleted_and_recreated_track_is_never_answered_from_the_old_one(translator, lead):
    """Same slug, locale, episode and revision 1 again (SQLite may even reuse the track's id)."""
    old = translator.get(BASE + ".vtt")
    assert lead.delete("/api/v1/series/heir").status_code == 204
    assert lead.post("/api/v1/series", {"slug": "heir", "title": "The Heir", "original_locale": "en-US",
                                        "episode_count": 10, "free_episodes": 3}).status_code == 201
    assert lead.post("/api/v1/series/heir/versions", {"locale": "es-MX", "kind": "remake"}).status_code == 201
    r = translator.client.put(BASE, data=VTT.replace("Hola.", "Otra vez.").encode(),
                              headers={"Content-Type": "text/vtt", "Authorization": f"Bearer {translator.token}"})
    assert r.status_code == 201, r.get_json()
    new = translator.get(BASE + ".vtt")
    assert "Otra vez." in new.get_data(as_text=True) and "Hola." in old.get_data(as_text=True)
