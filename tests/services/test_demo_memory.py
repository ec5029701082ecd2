"""The demo's memory: the remake and the French subtitles meet real context, exact and fuzzy matches,
and the remake's leverage report fills several bands."""
from __future__ import annotations

from urllib.parse import urlencode

from localize import db
from localize.demo import load_demo
from localize.memory import demo as memory_demo
from localize.memory import tmx

BASE = "/api/v1/series/the-heir-returns/versions"


def best(client, target, text, **context):
    r = client.get("/api/v1/tm/matches?" + urlencode({"source_locale": "en-US", "target_locale": target,
                                                       "text": text, **context}))
    assert r.status_code == 200, r.get_json()
    found = r.get_json()["matches"]
    return (found[0]["score"], found[0]["kind"], found[0]["target"]) if found else None


def test_the_demo_memory_offers_context_exact_and_fuzzy_matches(engine, api):
    with db.session_scope(engine) as s:
        lines = load_demo(s)
    assert any(line.startswith("seeded translation memory:") for line in lines)
    lead = api("lead")
    # The French subtitles of episode 1 (cues 3-5 are still to translate).
    assert best(lead, "fr", "Your father's will says otherwise.")[:2] == (100, "exact")
    score, kind, target = best(lead, "fr", "Chloe, don't sign anything.")
    assert kind == "fuzzy" and 75 <= score < 100 and target == "Ethan, ne signe rien."
    assert best(lead, "fr", "<i>If he signs, he dies.</i>", previous="Chloe, don't sign anything.")[:2] == (101, "context")
    assert best(lead, "fr", "I'm the real heir.")[:2] == (100, "exact")  # the French translator's own cue
    # The remake: its subtitles, its adapted scripts (speaker context) and the TMX for episodes 4+.
    assert best(lead, "es-MX", "Then tell me to stop.", previous="We shouldn't.")[:2] == (101, "context")
    assert best(lead, "es-MX", "Stay with me.")[1] == "fuzzy"
    assert best(lead, "es-MX", "Your father's will says otherwise.", previous="Ethan? You can't be here.")[0] == 101
    script = lead.get(f"{BASE}/en-US/episodes/1/script").get_json()["segments"]
    line = next(s for s in script if s["text"] == "I'm the real heir.")
    assert best(lead, "es-MX", "I'm the real heir.", speaker=line["character"]["id"])[:2] == (101, "context")


def test_the_remakes_leverage_fills_several_bands_and_the_demo_stays_idempotent(engine, api):
    with db.session_scope(engine) as s:
        load_demo(s)
    lead = api("lead")
    report = lead.get(f"{BASE}/es-MX/leverage?episodes=1-12").get_json()
    filled = {band for band, counts in report["bands"].items() if counts["words"]}
    assert {"repetition", "context", "exact", "new"} <= filled and len(filled) >= 6, report["bands"]
    french = lead.get(f"{BASE}/fr/leverage?episodes=1-3").get_json()
    assert french["bands"]["exact"]["words"] and french["bands"]["new"]["words"]
    count = len(lead.get("/api/v1/tm/export.tmx?source_locale=en-US&target_locale=fr").get_data(as_text=True)
                .split("<tu"))
    with db.session_scope(engine) as s:
        assert load_demo(s) == ["demo already loaded"]
    assert len(lead.get("/api/v1/tm/export.tmx?source_locale=en-US&target_locale=fr").get_data(as_text=True)
               .split("<tu")) == count


def test_the_demo_tmx_is_a_tmx_file_with_every_unit():
    parsed = tmx.parse(memory_demo.demo_tmx())
    pairs, skipped = parsed.pairs()
    assert len(parsed.units) == len(memory_demo.TMX_UNITS) and not skipped
    assert len(pairs) == sum(len(targets) for _s, _c, targets in memory_demo.TMX_UNITS)
