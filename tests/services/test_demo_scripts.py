"""The demo's scripts: the original's free episodes, the remake's adaptation with every state a lead meets."""
from __future__ import annotations

import csv
import io

from localize import db
from localize.demo import load_demo


def test_the_demo_carries_scripts_to_adapt_and_a_dialogue_list_with_timecodes(engine, api):
    with db.session_scope(engine) as s:
        lines = load_demo(s)
    assert any(line.startswith("created scripts:") for line in lines)
    lead = api("lead")
    base = "/api/v1/series/the-heir-returns/versions"
    original = lead.get(f"{base}/en-US").get_json()["scripts"]
    assert [e["episode"] for e in original] == list(range(1, 13))  # the free episodes
    remake = {e["episode"]: e for e in lead.get(f"{base}/es-MX").get_json()["scripts"]}
    assert sorted(remake) == [1, 2, 3]
    assert set(remake[1]["segments"]) == {"approved"} and remake[2]["outdated"] == 1
    assert remake[3]["segments"].get("cut") == 1
    assert lead.get(f"{base}/es-MX").get_json()["ready_episodes"] == 1  # episode 1 earned it
    script = lead.get(f"{base}/es-MX/episodes/1/script").get_json()["segments"]
    added = [s for s in script if s["source"] is None]
    assert [s["text"] for s in added] == ["Mi mamá me lo advirtió."]
    speakers = {s["character"]["name"] for s in script if s["kind"] == "dialogue"}
    assert {"Mateo", "Valeria"} <= speakers and "Ethan" not in speakers  # renamed by casting
    outdated = [s for s in lead.get(f"{base}/es-MX/episodes/2/script").get_json()["segments"] if s["outdated"]]
    assert outdated[0]["source"]["written_against"] == "Someone who was lied to."
    assert outdated[0]["source"]["text"] == "Someone who was lied to for thirty years."
    rows = list(csv.DictReader(io.StringIO(lead.get(f"{base}/es-MX/episodes/1/dialogue-list.csv")
                                           .get_data(as_text=True))))
    assert rows[0] | {} == {"number": "1", "in": "00:00:01.000", "out": "00:00:04.000", "character": "MATEO",
                            "source": "I'm the real heir.", "text": "Yo soy el verdadero heredero.", "note": ""}
    assert rows[1]["in"] == "" and rows[1]["source"] == ""  # the added line has no original cue
    with db.session_scope(engine) as s:
        assert load_demo(s) == ["demo already loaded"]  # idempotent
