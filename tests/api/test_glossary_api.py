"""The glossary API: entries, casting's names (read-only), CSV import and export, TBX, and the
findings the glossary adds to subtitle QC and script checks."""
from __future__ import annotations

import csv
import io

G = "/api/v1/series/heir/glossary"
V = "/api/v1/series/heir/versions"
CSV = "source,target,kind,note\r\n"


def _entry(api, **values):
    body = {"target_locale": "es-MX", "kind": "term", **values}
    r = api.post(G, body)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def _ethan_is_mateo(lead):
    cid = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    assert lead.put(f"{V}/es-MX/casting/{cid}", {"localized_name": "Mateo", "actor": "Diego Luna"}).status_code in (200, 201)
    return cid


def test_entries_crud_and_names_from_casting(lead, api, series):
    _ethan_is_mateo(lead)
    boss = _entry(lead, source="boss", target="jefe", note="never patrón")
    assert boss["id"] > 0 and boss["case_sensitive"] is False and boss["from_casting"] is False
    assert lead.post(G, {"target_locale": "es-MX", "source": "boss", "target": "jefazo"}).status_code == 409
    assert lead.post(G, {"target_locale": "es-mx", "source": "boss", "target": "patrón",
                         "kind": "forbidden"}).get_json()["target_locale"] == "es-MX"
    _entry(lead, source="boss", target="chefe", target_locale="pt-BR")
    translator = api("translator", ["es-MX"])
    listed = translator.get(G + "?target_locale=es-MX").get_json()["entries"]
    name = listed[0]
    assert name["kind"] == "name" and name["source"] == "Ethan" and name["target"] == "Mateo"
    assert name["id"].startswith("name-") and name["from_casting"] and "Diego Luna" in name["note"]
    assert [e["kind"] for e in listed] == ["name", "forbidden", "term"]
    assert len(translator.get(G).get_json()["entries"]) == 4
    # Casting's names are edited in casting: PUT and DELETE are conflicts.
    assert lead.put(f"{G}/{name['id']}", {"target": "Julián"}).status_code == 409
    assert lead.delete(f"{G}/{name['id']}").status_code == 409
    assert lead.delete(f"{G}/name-999999").status_code == 404
    assert lead.put(f"{G}/nonsense", {"target": "x"}).status_code == 404
    # Leads edit; translators and marketing only read.
    assert translator.put(f"{G}/{boss['id']}", {"target": "x"}).status_code == 403
    assert api("marketing").post(G, {"target_locale": "es-MX", "source": "a", "target": "b"}).status_code == 403
    r = lead.put(f"{G}/{boss['id']}", {"target": "jefe", "case_sensitive": True, "note": ""})
    assert r.status_code == 200 and r.get_json()["case_sensitive"] is True and r.get_json()["note"] == ""
    assert lead.delete(f"{G}/{boss['id']}").status_code == 204
    assert lead.get(f"{G}?target_locale=es-MX").get_json()["entries"][-1]["kind"] == "forbidden"
    # Bad bodies are 422 naming the field.
    for body in ({"target_locale": "es-MX", "source": "", "target": "x"},
                 {"target_locale": "es-MX", "source": "x", "target": "", "kind": "term"},
                 {"target_locale": "es-MX", "source": "x", "target": "y", "kind": "verb"},
                 {"target_locale": "xx-nope-123456", "source": "x", "target": "y"},
                 {"target_locale": "es-MX", "source": "x", "target": "y", "case_sensitive": "yes"}):
        r = lead.post(G, body)
        assert r.status_code == 422, (body, r.get_json())
        assert r.get_json()["error"]["details"][0]["field"]
    assert lead.post(G, {"target_locale": "es-MX", "source": "Sterling", "kind": "keep"}).status_code == 201


def test_csv_round_trip_import_updates_by_source_and_skips_names(lead, series):
    _ethan_is_mateo(lead)
    _entry(lead, source="boss", target="jefe")
    text = lead.get(G + ".csv?target_locale=es-MX").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["source", "target", "kind", "note"], ["Ethan", "Mateo", "name", "from casting (Diego Luna)"],
                    ["boss", "jefe", "term", ""]]
    edited = (CSV + 'Ethan,Julián,name,\r\nboss,jefa,term,"the boss is a woman, always"\r\n'
              "Sterling Corp,,keep,\r\nboss,patrón,forbidden,\r\n")
    r = lead.post(G + ".csv?target_locale=es-MX", data=edited.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    assert r.get_json() == {"rows": 4, "added": 2, "updated": 1, "unchanged": 0,
                            "skipped": [{"row": 2, "source": "Ethan", "reason": "name entries come from casting"}]}
    entries = {(e["source"], e["kind"]): e for e in lead.get(G + "?target_locale=es-MX").get_json()["entries"]}
    assert entries[("boss", "term")]["target"] == "jefa" and entries[("Ethan", "name")]["target"] == "Mateo"
    again = lead.post(G + ".csv?target_locale=es-MX", data=edited.encode(), headers={"Content-Type": "text/csv"})
    assert again.get_json()["unchanged"] == 3
    # multipart works the same
    r = lead.post(G + ".csv?target_locale=es-MX", data={"file": (io.BytesIO(edited.encode()), "g.csv")},
                  headers={"Content-Type": "multipart/form-data"})
    assert r.status_code == 200 and r.get_json()["unchanged"] == 3


def test_a_bad_row_refuses_the_whole_file(lead, series):
    before = lead.get(G + "?target_locale=es-MX").get_json()["entries"]
    bad = CSV + "new term,nuevo término,term,\r\nother,,term,\r\nthird,x,noun,\r\n"
    r = lead.post(G + ".csv?target_locale=es-MX", data=bad.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 422
    assert [(d["row"], d["field"]) for d in r.get_json()["error"]["details"]] == [(3, "target"), (4, "kind")]
    assert lead.get(G + "?target_locale=es-MX").get_json()["entries"] == before
    for data, needle in (("source,target\r\nx,y\r\n".encode(), "first row"),
                         ((CSV + "café,x,term,\r\n").encode("cp1252"), "UTF-8"),
                         (b"", "empty"), ((CSV + 'a,"b\r\n').encode(), "CSV")):
        r = lead.post(G + ".csv?target_locale=es-MX", data=data, headers={"Content-Type": "text/csv"})
        assert r.status_code == 422 and needle in r.get_json()["error"]["message"], (data, r.get_json())
    assert lead.post(G + ".csv?target_locale=es-MX", data=b"x", headers={"Content-Type": "image/png"}).status_code == 415
    assert lead.post(G + ".csv", data=CSV.encode(), headers={"Content-Type": "text/csv"}).status_code == 422


def test_tbx_export_is_read_by_translate_toolkit(lead, series):
    from translate.storage import tbx
    _ethan_is_mateo(lead)
    _entry(lead, source="boss", target="jefe", note="a woman")
    _entry(lead, source="boss", target="patrón", kind="forbidden")
    r = lead.get(G + ".tbx?target_locale=es-MX")
    assert r.status_code == 200 and b'<martif type="TBX-Basic"' in r.data
    store = tbx.tbxfile.parsestring(r.data)
    units = [(u.source, u.target) for u in store.units]
    assert units == [("Ethan", "Mateo"), ("boss", "patrón"), ("boss", "jefe")]
    forbidden = store.units[1]
    assert forbidden.target_dom is not None
    assert lead.get(G + ".tbx").status_code == 422


def test_glossary_findings_in_subtitle_qc(lead, series):
    _ethan_is_mateo(lead)
    _entry(lead, source="boss", target="jefe")
    _entry(lead, source="boss", target="patrón", kind="forbidden")
    en = f"{V}/en-US/episodes/1/subtitles/en-US"
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nEthan is the boss.\n\n"
           "00:00:04.000 --> 00:00:06.000\nNo.\n")
    assert lead.put(en, data=vtt.encode(), headers={"Content-Type": "text/vtt"}).status_code == 201
    es = f"{V}/es-MX/episodes/1/subtitles/es-MX"
    assert lead.post(es + "/translate", {"source_locale": "en-US", "source_language": "en-US"}).status_code == 201
    cues = [{"start": 1, "end": 3, "text": "Ethan es el patrón.", "status": "translated"},
            {"start": 4, "end": 6, "text": "No, jefe.", "status": "translated"}]
    r = lead.put(es, {"cues": cues})
    assert r.status_code == 200, r.get_json()
    found = {(f["cue"], f["rule"], f["severity"], f["value"], f["limit"]) for f in lead.get(es + "/qc").get_json()["qc"]}
    assert {(1, "glossary", "warning", "Ethan", "Mateo"), (1, "glossary", "warning", "boss", "jefe"),
            (1, "forbidden_term", "error", "patrón", "boss")} <= found
    assert not any(f[0] == 2 and f[1] in ("glossary", "forbidden_term") for f in found)
    cues[0]["text"] = "Mateo es el jefe."
    qc = lead.put(es, {"cues": cues}).get_json()["qc"]
    assert not [f for f in qc if f["rule"] in ("glossary", "forbidden_term")]


def test_glossary_findings_in_script_checks(lead, series, script_formats):
    fountain = "INT. OFFICE - DAY\n\nETHAN\nThe boss wants Sterling Corp.\n"
    assert lead.put(f"{V}/en-US/episodes/1/script", data=fountain.encode(),
                    headers={"Content-Type": "text/plain"}).status_code == 201
    _entry(lead, source="boss", target="jefe")
    _entry(lead, source="Sterling Corp", kind="keep")
    remake = f"{V}/es-MX/episodes/1/script"
    assert lead.post(remake + "/translate").status_code == 201
    segments = lead.get(remake).get_json()["segments"]
    segments[1].update(text="El patrón quiere Sterling S.A.", status="translated")
    checks = lead.put(remake, {"segments": segments}).get_json()["checks"]
    found = {(c["segment"], c["rule"], c["value"], c["limit"]) for c in checks}
    assert {(2, "glossary", "boss", "jefe"), (2, "glossary", "Sterling Corp", "Sterling Corp")} <= found


def test_a_glossary_change_recounts_the_stored_qc_of_its_market(lead, series, engine):
    from sqlmodel import Session, select

    from localize.models import SubtitleTrack
    en = f"{V}/en-US/episodes/1/subtitles/en-US"
    es = f"{V}/es-MX/episodes/1/subtitles/es-MX"
    lead.put(en, data=b"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nThe boss.\n", headers={"Content-Type": "text/vtt"})
    lead.put(es, data="WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nEl patrón.\n".encode(),
             headers={"Content-Type": "text/vtt"})

    def errors():
        with Session(engine) as s:
            return s.exec(select(SubtitleTrack.qc_errors).where(SubtitleTrack.language == "es-MX")).one()
    assert errors() == 0
    forbidden = _entry(lead, source="boss", target="patrón", kind="forbidden")
    assert errors() == 1
    assert lead.delete(f"{G}/{forbidden['id']}").status_code == 204
    assert errors() == 0
    r = lead.post(G + ".csv?target_locale=es-MX", data=(CSV + "boss,patrón,forbidden,\r\n").encode(),
                  headers={"Content-Type": "text/csv"})
    assert r.status_code == 200 and errors() == 1
