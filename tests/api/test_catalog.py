"""Series, episodes, versions, characters and casting through the API."""


def test_health_needs_no_token(client, engine):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.get_json() == {"status": "ok", "database": engine.dialect.name}


def test_health_is_503_with_the_error_body_when_the_database_is_unreachable(tmp_path):
    from localize import create_app
    missing = tmp_path / "no-such-folder" / "db.sqlite3"  # SQLite cannot open a file in a missing folder
    app = create_app({"DATABASE_URL": f"sqlite:///{missing}", "TESTING": True, "SERVER_NAME": None})
    r = app.test_client().get("/api/v1/health")
    assert r.status_code == 503
    assert r.get_json()["error"]["code"] == "unavailable" and "sqlite" in r.get_json()["error"]["message"]


def test_create_series_creates_original_and_episodes(lead):
    r = lead.post("/api/v1/series", {"slug": "heir", "title": "The Heir", "original_locale": "en-us",
                                     "episode_count": 80, "free_episodes": 12, "unlock_price": 0.39,
                                     "currency": "usd", "genre": "romance"})
    assert r.status_code == 201, r.get_json()
    body = r.get_json()
    assert body["slug"] == "heir" and body["original_locale"] == "en-US"
    assert body["unlock_price"] == "0.39" and body["currency"] == "USD"
    assert r.headers["Location"] == "/api/v1/series/heir"
    versions = lead.get("/api/v1/series/heir/versions").get_json()["versions"]
    assert [(v["locale"], v["kind"]) for v in versions] == [("en-US", "original")]
    episodes = lead.get("/api/v1/series/heir/episodes").get_json()["episodes"]
    assert [e["number"] for e in episodes] == list(range(1, 81))


def test_series_list_get_patch_delete(lead, series):
    assert [s["slug"] for s in lead.get("/api/v1/series").get_json()["series"]] == ["heir"]
    r = lead.patch("/api/v1/series/heir", {"title": "The Heir Returns", "episode_count": 12})
    assert r.status_code == 200 and r.get_json()["title"] == "The Heir Returns"
    assert len(lead.get("/api/v1/series/heir/episodes").get_json()["episodes"]) == 12
    got = lead.get("/api/v1/series/heir").get_json()
    assert got["episode_count"] == 12 and {v["locale"] for v in got["versions"]} == {"en-US", "es-MX"}
    assert lead.delete("/api/v1/series/heir").status_code == 204
    assert lead.get("/api/v1/series/heir").status_code == 404


def test_episode_cliffhanger_edit_and_append(lead, series):
    r = lead.patch("/api/v1/series/heir/episodes/3",
                   {"title": "Glass Tower", "cliffhanger": "If he signs, he dies.", "cliffhanger_kind": "threat"})
    assert r.status_code == 200
    assert lead.get("/api/v1/series/heir/episodes/3").get_json() == {
        "number": 3, "title": "Glass Tower", "cliffhanger": "If he signs, he dies.",
        "cliffhanger_kind": "threat", "duration_s": None, "video_url": None}
    r = lead.post("/api/v1/series/heir/episodes", {"number": 11, "cliffhanger": "Fin."})
    assert r.status_code == 201
    assert lead.get("/api/v1/series/heir").get_json()["episode_count"] == 11
    assert lead.post("/api/v1/series/heir/episodes", {"number": 11}).status_code == 409
    assert lead.post("/api/v1/series/heir/episodes", {"number": 20}).status_code == 422


def test_version_display_name_follows_reader(lead, series):
    v = lead.get("/api/v1/series/heir/versions/es-MX").get_json()
    assert v["locale_name"] == "Spanish (Mexico)" and v["kind"] == "remake"
    v = lead.get("/api/v1/series/heir/versions/es-mx", headers={"Accept-Language": "es"}).get_json()
    assert v["locale_name"] == "español (México)"


def test_version_patch_overrides_and_mapping(lead, series):
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {
        "status": "casting", "free_episodes": 5, "unlock_price": "9.90", "currency": "MXN",
        "episode_count": 9, "episode_mapping": {"1": [1, 2], "2": [3]}, "cut_episodes": [10],
        "release_date": "2027-03-01"})
    assert r.status_code == 200, r.get_json()
    v = r.get_json()
    assert v["effective"] == {"free_episodes": 5, "unlock_price": "9.90", "currency": "MXN", "episode_count": 9}
    assert v["episode_mapping"] == {"1": [1, 2], "2": [3]} and v["release_date"] == "2027-03-01"
    assert v["cut_episodes"] == [10]
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_mapping": {"1": [99]}})
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "episode_mapping"


def test_the_mapping_is_validated_as_a_whole(lead, series):
    path = "/api/v1/series/heir/versions/es-MX"
    # Two merges that share original 6, an uncovered original 10, a cut original that is covered.
    r = lead.patch(path, {"episode_mapping": {str(n): [n] for n in range(1, 10)} | {"5": [5, 6], "6": [6, 7],
                                                                                    "7": [8], "8": [9]},
                          "cut_episodes": [3]})
    assert r.status_code == 422
    messages = [(d["field"], d["message"]) for d in r.get_json()["error"]["details"]]
    assert ("episode_mapping", "original episode 6 is in overlapping merges (5 covers 5, 6; 6 covers 6, 7)") \
        in messages
    assert ("cut_episodes", "original episode 3 is cut but episode 3 covers it") in messages
    assert ("episode_mapping", "original episode 10 is not covered: map it to an episode, or list it in "
                               "cut_episodes") in messages
    assert len(messages) >= 3  # every problem at once, not the first one only
    # A deliberate split of one original over consecutive episodes is fine; the count follows the mapping.
    split = {str(n): [n] for n in range(1, 6)} | {"6": [5]} | {str(n): [n - 1] for n in range(7, 11)} | {"11": [10]}
    r = lead.patch(path, {"episode_mapping": split})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["effective"]["episode_count"] == 11
    # Original 10 cut: ten episodes, the last merging 8 and 9.
    r = lead.patch(path, {"episode_mapping": {str(n): [n] for n in range(1, 8)} | {"8": [8, 9]},
                          "cut_episodes": [10], "episode_count": 8})
    assert r.status_code == 200, r.get_json()
    assert r.get_json()["cut_episodes"] == [10] and r.get_json()["effective"]["episode_count"] == 8


def test_characters_and_casting_with_notes(lead, series):
    r = lead.post("/api/v1/series/heir/characters", {"name": "Ethan", "description": "The heir"})
    assert r.status_code == 201
    cid = r.get_json()["id"]
    path = f"/api/v1/series/heir/versions/es-MX/casting/{cid}"
    assert lead.get(path).get_json()["status"] == "open"
    r = lead.put(path, {"localized_name": "Mateo", "actor": "Rodrigo Santín", "status": "shortlisted"})
    assert r.status_code == 201
    r = lead.put(path, {"status": "confirmed"})
    assert r.status_code == 200 and r.get_json()["localized_name"] == "Mateo"
    r = lead.post(path + "/notes", {"text": "Great chemistry read."})
    assert r.status_code == 201 and r.get_json()["author"] == "Lead Tester"
    casting = lead.get(path).get_json()
    assert casting["status"] == "confirmed" and casting["actor"] == "Rodrigo Santín"
    assert [n["text"] for n in casting["notes"]] == ["Great chemistry read."]
    assert casting["notes"][0]["created_at"].endswith("Z")
    assert lead.get("/api/v1/series/heir/characters").get_json()["characters"][0]["name"] == "Ethan"


def test_openapi_describes_every_endpoint(client, app):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    import re
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                assert method.lower() in doc["paths"][path], (method, path)
    body = doc["paths"]["/api/v1/series"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"slug", "title", "original_locale", "episode_count", "free_episodes"} <= set(body["required"])


def test_versions_answer_their_ready_episodes(lead, series):
    lead.patch("/api/v1/series/heir/episodes/1", {"cliffhanger": "A door opens."})
    lead.patch("/api/v1/series/heir/episodes/2", {"cliffhanger": "A shot."})
    lead.post("/api/v1/series/heir/versions", {"locale": "fr", "kind": "subtitled", "status": "planned"})
    versions = {v["locale"]: v for v in lead.get("/api/v1/series/heir/versions").get_json()["versions"]}
    assert versions["en-US"]["ready_episodes"] == 2  # the original: its written cliffhangers
    assert versions["es-MX"]["ready_episodes"] == 0  # a remake without approved scripts
    assert versions["fr"]["ready_episodes"] == 0     # planned, nothing done: nothing ready
    assert lead.get("/api/v1/series/heir/versions/fr").get_json()["ready_episodes"] == 0
