"""The demo's glossary: the remake's entries and casting's names, with findings in its Spanish work."""
from __future__ import annotations

from localize import db
from localize.demo import load_demo


def test_the_demo_glossary_shows_findings_in_the_spanish_remake(engine, api):
    with db.session_scope(engine) as s:
        lines = load_demo(s)
    assert any(line.startswith("created the es-MX glossary") for line in lines)
    lead = api("lead")
    base = "/api/v1/series/the-heir-returns"
    entries = lead.get(f"{base}/glossary?target_locale=es-MX").get_json()["entries"]
    names = {e["source"]: e["target"] for e in entries if e["from_casting"]}
    assert names == {"Ethan": "Mateo", "Chloe": "Valeria", "Richard": "Ricardo"}
    assert {e["kind"] for e in entries} == {"name", "term", "forbidden", "keep"}
    qc = lead.get(f"{base}/versions/es-MX/episodes/2/subtitles/es-MX/qc").get_json()["qc"]
    found = {(f["cue"], f["rule"], f["value"]) for f in qc}
    assert {(1, "forbidden_term", "papeles de adopción"), (1, "glossary", "adoption papers"),
            (3, "glossary", "Ethan")} <= found
    qc = lead.get(f"{base}/versions/es-MX/episodes/1/subtitles/es-MX/qc").get_json()["qc"]
    assert not [f for f in qc if f["rule"] in ("glossary", "forbidden_term")]  # the catchphrase is kept
    checks = lead.get(f"{base}/versions/es-MX/episodes/2/script/checks").get_json()["checks"]
    assert {"glossary", "forbidden-term"} <= {c["rule"] for c in checks}
    with db.session_scope(engine) as s:
        assert load_demo(s) == ["demo already loaded"]  # idempotent
