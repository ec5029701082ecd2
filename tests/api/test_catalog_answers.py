"""Series list and version answers are built once per stored state of what they read: every change shows at once."""


def test_the_list_follows_creates_edits_and_deletes(api, series, lead):
    reader = api("marketing")
    first = reader.get("/api/v1/series")
    assert first.status_code == 200 and first.mimetype == "application/json"
    assert [s["slug"] for s in first.get_json()["series"]] == ["heir"]
    assert reader.get("/api/v1/series").get_data() == first.get_data()
    assert lead.post("/api/v1/series", {"slug": "abyss", "title": "Abyss", "original_locale": "en-US",
                                        "episode_count": 3, "free_episodes": 1}).status_code == 201
    assert [s["slug"] for s in reader.get("/api/v1/series").get_json()["series"]] == ["abyss", "heir"]
    assert lead.patch("/api/v1/series/heir", {"genre": "thriller"}).status_code == 200
    listed = {s["slug"]: s for s in reader.get("/api/v1/series").get_json()["series"]}
    assert listed["heir"]["genre"] == "thriller" and listed["heir"] == {
        k: v for k, v in lead.get("/api/v1/series/heir").get_json().items() if k != "versions"}
    assert lead.delete("/api/v1/series/abyss").status_code == 204
    assert [s["slug"] for s in reader.get("/api/v1/series").get_json()["series"]] == ["heir"]


VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nBonjour.\n"


def test_a_version_answer_follows_tracks_scripts_and_settings(api, series, lead):
    assert lead.post("/api/v1/series/heir/versions", {"locale": "fr", "kind": "subtitled"}).status_code == 201
    reader = api("marketing")
    first = reader.get("/api/v1/series/heir/versions/fr")
    assert first.get_json()["ready_episodes"] == 0 and reader.get("/api/v1/series/heir/versions/fr").get_data() == first.get_data()
    french = api("translator", ["fr"])
    r = french.put("/api/v1/series/heir/versions/fr/episodes/2/subtitles/fr", data=VTT.encode(),
                   headers={"Content-Type": "text/vtt"})
    assert r.status_code == 201, r.get_json()
    assert reader.get("/api/v1/series/heir/versions/fr").get_json()["ready_episodes"] == 1
    assert lead.patch("/api/v1/series/heir/versions/fr", {"free_episodes": 5}).status_code == 200
    body = reader.get("/api/v1/series/heir/versions/fr").get_json()
    assert body["free_episodes"] == 5 and body["effective"]["free_episodes"] == 5
    spanish = reader.get("/api/v1/series/heir/versions/fr", headers={"Accept-Language": "es"}).get_json()
    assert spanish["locale_name"] != body["locale_name"]  # the reader's language is part of the key
    assert reader.get("/api/v1/series/heir/versions/FR").get_json()["locale"] == "fr"  # spelled otherwise
    assert reader.get("/api/v1/series/nope/versions/fr").status_code == 404
    assert reader.get("/api/v1/series/heir/versions/de").status_code == 404


def test_a_version_answer_follows_its_scripts(api, series, lead):
    before = lead.get("/api/v1/series/heir/versions/en-US").get_json()["scripts"]
    r = lead.put("/api/v1/series/heir/versions/en-US/episodes/1/script",
                 data=b"INT. OFFICE - DAY\n\nMATEO\nWhere were you?\n", headers={"Content-Type": "text/plain"})
    assert r.status_code in (200, 201), r.get_json()
    after = lead.get("/api/v1/series/heir/versions/en-US").get_json()["scripts"]
    assert before == [] and after and after[0]["episode"] == 1
