"""Memory in the pages: the editors' panel endpoints and data, TMX import/export and leverage pages."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

from localize import db
from localize.memory import store
from localize.signals import SavedTranslation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

V = "/api/v1/series/heir/versions"
TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header srclang="en-US" datatype="plaintext" '
       'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>\n<body>\n'
       '<tu><tuv xml:lang="en-US"><seg>Run!</seg></tuv><tuv xml:lang="es-MX"><seg>¡Corre!</seg></tuv>'
       '<tuv xml:lang="fr"><seg>Cours !</seg></tuv></tu>\n'
       '<tu><tuv xml:lang="es-MX"><seg>solo</seg></tuv></tu>\n</body>\n</tmx>\n')


def remember(engine, source, target, **kw):
    with db.session_scope(engine) as s:
        store.remember(s, [SavedTranslation("en-US", kw.pop("target_locale", "es-MX"), source, target,
                                            kw.pop("kind", "script"), series=kw.pop("series", "other"),
                                            version="es-MX", episode=1, **kw)], author=None)


def page_data(html: str, block: str) -> dict:
    return json.loads(re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S).group(1))


def test_panel_matches_answer_like_the_api_for_a_translators_language(client, sign_in, engine):
    remember(engine, "I came back for what is mine.", "Volví por lo que es mío.", previous="Where were you?")
    remember(engine, "I came back for what is yours.", "Volví por lo que es tuyo.")
    sign_in("translator", ["es"])
    query = {"source_locale": "en-US", "target_locale": "es-MX", "text": "I came back for what is mine.",
             "previous": "Where were you?"}
    r = client.get("/memory/matches.json?" + urlencode(query))
    assert r.status_code == 200, r.get_json()
    assert [(m["score"], m["kind"]) for m in r.get_json()["matches"]] == [(101, "context"), (84, "fuzzy")]
    assert client.get("/memory/matches.json?" + urlencode({**query, "target_locale": "fr"})).status_code == 403
    bad = client.get("/memory/matches.json?" + urlencode({"source_locale": "??", "text": "", "speaker": "x"}))
    assert bad.status_code == 422
    assert {d["field"] for d in bad.get_json()["error"]["details"]} >= {"source_locale", "target_locale", "text",
                                                                        "speaker"}


def test_panel_machine_suggestion_or_a_409(app, client, sign_in):
    sign_in("translator", ["es-MX"])
    url = "/memory/suggest.json?" + urlencode({"source_locale": "en-US", "target_locale": "es-MX", "text": "Run"})
    app.config["MT_URL"] = ""
    r = client.get(url)
    assert r.status_code == 409 and r.get_json()["error"]["code"] == "conflict"
    with FakeLibreTranslate() as server:
        app.config["MT_URL"] = server.url
        assert client.get(url).get_json() == {"provider": "libre", "text": "[es] Run"}


def test_anonymous_panel_requests_are_401(client):
    assert client.get("/memory/matches.json?text=x").status_code == 401


def test_the_editors_carry_the_panel_data(app, client, sign_in, lead, series):
    srt = "1\n00:00:01,000 --> 00:00:02,000\nWhere were you?\n\n2\n00:00:03,000 --> 00:00:04,000\nAway.\n"
    lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=srt.encode(), headers={"Content-Type": "application/x-subrip"})
    lead.post(f"{V}/es-MX/episodes/1/subtitles/es-MX/translate", {"source_locale": "en-US"})
    fountain = "INT. MANSION - NIGHT\n\nEthan walks in.\n\nETHAN\nI came back.\n"
    lead.put(f"{V}/en-US/episodes/1/script", data=fountain.encode(), headers={"Content-Type": "text/plain"})
    lead.post(f"{V}/es-MX/episodes/1/script/translate")
    sign_in("translator", ["es-MX"])
    app.config["MT_URL"] = ""
    html = client.get("/series/heir/versions/es-MX/episodes/1/subtitles/es-MX").get_data(as_text=True)
    memory = page_data(html, "editor-data")["memory"]
    assert (memory["source_locale"], memory["target_locale"], memory["editable"]) == ("en-US", "es-MX", True)
    assert memory["urls"] == {"matches": "/memory/matches.json", "machine": None} and 'id="tm-panel"' in html
    app.config["MT_URL"] = "http://127.0.0.1:9/"
    html = client.get("/series/heir/versions/es-MX/episodes/1/script").get_data(as_text=True)
    memory = page_data(html, "script-data")["memory"]
    assert memory["urls"]["machine"] == "/memory/suggest.json"
    segments = page_data(html, "script-data")["segments"]
    line = next(s for s in segments if s["kind"] == "dialogue")
    context = memory["context"][str(line["source"]["id"])]
    assert context["previous"] == "Ethan walks in."
    assert memory["speakers"][str(context["speaker"])].upper() == "ETHAN"  # the original's character, named
    original = client.get("/series/heir/versions/en-US/episodes/1/script").get_data(as_text=True)
    assert page_data(original, "script-data")["memory"] is None and 'id="tm-panel"' not in original


def test_tmx_import_page_shows_counts_then_a_broken_file_its_line(client, sign_in, post_form):
    sign_in("lead")
    page = client.get("/memory")
    assert page.status_code == 200 and "Import a TMX file" in page.get_data(as_text=True)
    r = post_form("/memory/import", {"file": (io.BytesIO(TMX.encode()), "theirs.tmx")}, token_from="/memory",
                  content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    assert r.status_code == 200, html
    counts = {k: re.search(rf"data-{k}>(\d+)<", html).group(1) for k in ("units", "added", "updated", "skipped")}
    assert counts == {"units": "2", "added": "2", "updated": "0", "skipped": "1"}
    again = post_form("/memory/import", {"file": (io.BytesIO(TMX.encode()), "theirs.tmx")}, token_from="/memory",
                      content_type="multipart/form-data").get_data(as_text=True)
    assert re.search(r"data-updated>2<", again)
    broken = post_form("/memory/import", {"file": (io.BytesIO(b"<tmx version='1.4'>\n<body>\n<tu>"), "bad.tmx")},
                       token_from="/memory", content_type="multipart/form-data")
    assert broken.status_code == 422 and "Line 3" in broken.get_data(as_text=True)
    export = client.get("/memory/export.tmx?source_locale=en-US&target_locale=fr")
    assert export.status_code == 200 and "Cours !" in export.get_data(as_text=True)
    assert "attachment" in export.headers["Content-Disposition"]
    assert "en-US" in client.get("/memory").get_data(as_text=True)  # the pair is offered for export
    assert client.get("/memory/export.tmx?source_locale=&target_locale=fr").status_code == 422


def test_translators_may_not_open_the_leads_pages(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    for path in ("/memory", "/memory/export.tmx?source_locale=en-US&target_locale=es-MX",
                 "/series/heir/versions/es-MX/leverage", "/series/heir/versions/es-MX/leverage.csv"):
        assert client.get(path).status_code == 403, path


def test_leverage_page_shows_the_apis_numbers_and_csv(client, sign_in, lead, series, engine):
    fountain = "INT. MANSION - NIGHT\n\nEthan walks in.\n\nETHAN\nI came back for what is mine.\n"
    lead.put(f"{V}/en-US/episodes/1/script", data=fountain.encode(), headers={"Content-Type": "text/plain"})
    lead.put(f"{V}/en-US/episodes/2/script", data=fountain.encode(), headers={"Content-Type": "text/plain"})
    remember(engine, "I came back for what is mine!", "¡Volví por lo que es mío!")
    lead.patch(f"{V}/es-MX", {"rate_per_word": "0.10"})
    expected = lead.get(f"{V}/es-MX/leverage?episodes=1-2").get_json()
    sign_in("lead")
    html = client.get("/series/heir/versions/es-MX/leverage?episodes=1-2").get_data(as_text=True)
    for band, counts in expected["bands"].items():
        row = re.search(rf'data-band="{re.escape(band)}">.*?data-segments>(\d+)<.*?data-words>(\d+)<', html, re.S)
        assert (int(row.group(1)), int(row.group(2))) == (counts["segments"], counts["words"]), band
    assert f'id="lev-weighted">{expected["weighted_words"]}<' in html
    assert f'{expected["cost"]} USD' in html and expected["bands"]["repetition"]["words"] > 0
    rows = list(csv.reader(io.StringIO(client.get("/series/heir/versions/es-MX/leverage.csv?episodes=1-2")
                                       .get_data(as_text=True))))
    api_rows = list(csv.reader(io.StringIO(lead.get(f"{V}/es-MX/leverage?episodes=1-2&format=csv")
                                           .get_data(as_text=True))))
    assert rows == api_rows and len(rows) == 3
    bad = client.get("/series/heir/versions/es-MX/leverage?episodes=9-1")
    assert bad.status_code == 422 and "backwards" in bad.get_data(as_text=True)
    series_page = client.get("/series/heir").get_data(as_text=True)
    assert "/series/heir/versions/es-MX/leverage" in series_page and 'href="/memory"' in series_page
