"""The glossary page: read by every role, edited by leads, CSV import refusing a bad file whole."""
from __future__ import annotations

import io

PAGE = "/series/heir/glossary"


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_lead_adds_edits_imports_exports_and_deletes(client, series, sign_in, post_form, lead):
    cid = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"}).get_json()["id"]
    lead.put(f"/api/v1/series/heir/versions/es-MX/casting/{cid}", {"localized_name": "Mateo"})
    sign_in("lead")
    assert 'href="/series/heir/glossary"' in text(client.get("/series/heir"))
    r = post_form(PAGE, {"market": "es-MX", "source": "boss", "target": "jefe", "kind": "term", "note": "a woman"},
                  token_from=PAGE)
    assert r.status_code == 302 and "market=es-MX" in r.headers["Location"]
    page = text(client.get(PAGE + "?market=es-MX"))
    assert "jefe" in page and "Mateo" in page and "/series/heir/versions/es-MX/casting" in page
    entry = lead.get("/api/v1/series/heir/glossary?target_locale=es-MX").get_json()["entries"][-1]
    r = post_form(PAGE, {"market": "es-MX", "source": "boss", "target": "jefa", "kind": "term"}, token_from=PAGE)
    assert r.status_code == 409 and "jefe" in text(r)
    r = post_form(PAGE, {"market": "es-MX", "source": "", "target": "x", "kind": "term"}, token_from=PAGE)
    assert r.status_code == 422 and 'aria-invalid="true"' in text(r)
    r = post_form(f"{PAGE}/{entry['id']}", {"market": "es-MX", "source": "boss", "target": "jefa", "kind": "term",
                                          "case_sensitive": "1"}, token_from=PAGE)
    assert r.status_code == 302
    assert lead.get("/api/v1/series/heir/glossary?target_locale=es-MX").get_json()["entries"][-1]["target"] == "jefa"
    bad = b"source,target,kind,note\r\nnew,,term,\r\n"
    token = __import__("re").search(r'name="csrf_token" value="([^"]+)"', text(client.get(PAGE))).group(1)
    r = client.post(PAGE + "/import", data={"csrf_token": token, "market": "es-MX",
                                            "file": (io.BytesIO(bad), "g.csv")}, content_type="multipart/form-data")
    assert r.status_code == 422 and "nothing was stored" in text(r) and "Row 2" in text(r)
    good = "source,target,kind,note\r\nSterling Corp,,keep,\r\nEthan,Julián,name,\r\n".encode()
    r = client.post(PAGE + "/import", data={"csrf_token": token, "market": "es-MX",
                                            "file": (io.BytesIO(good), "g.csv")}, content_type="multipart/form-data")
    assert r.status_code == 302
    csv_text = text(client.get(PAGE + ".csv?market=es-MX"))
    assert csv_text.startswith("source,target,kind,note") and "Ethan,Mateo,name" in csv_text and "Sterling Corp" in csv_text
    assert b'<martif type="TBX-Basic"' in client.get(PAGE + ".tbx?market=es-MX").data
    r = post_form(f"{PAGE}/{entry['id']}/delete", {}, token_from=PAGE)
    assert r.status_code == 302
    assert "jefa" not in text(client.get(PAGE + "?market=es-MX"))


def test_readers_read_and_cannot_edit(client, series, sign_in, post_form):
    sign_in("translator", ["es-MX"])
    page = text(client.get(PAGE))
    assert "Add an entry" not in page and "Import a CSV file" not in page
    assert post_form(PAGE, {"market": "es-MX", "source": "a", "target": "b"}, token_from=PAGE).status_code == 403
    assert client.post(PAGE, data={"market": "es-MX", "source": "a", "target": "b"}).status_code in (400, 403)
