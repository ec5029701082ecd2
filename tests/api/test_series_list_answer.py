"""The series list answer is built once per stored state of the series rows: every change shows at once."""


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
