"""The OpenAPI document tells the truth: every answer of a realistic session matches its schema.

The session goes through the catalog, subtitles, views and reports, success and error answers
alike; each JSON answer is validated against the schema the document gives for its operation
and status, with every object schema closed (a field the document does not name fails), and
date and date-time formats checked.
"""
from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_spec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

SUB = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
EN_SUB = "/api/v1/series/heir/versions/en-US/episodes/1/subtitles/en-US"
VTT = "WEBVTT - episode 1\n\nNOTE checked\n\nintro\n00:00:01.000 --> 00:00:03.500 align:start\n¿Dónde estabas?\n\n" \
      "00:00:04.000 --> 00:00:06.000\nTe busqué\ntoda la noche.\n"
SRT = "1\n00:00:01,000 --> 00:00:03,000\nWhere were you?\n\n2\n00:00:03,500 --> 00:00:06,000\nEthan!\n"
EP1 = "/api/v1/series/heir/versions/{locale}/episodes/1"
FOUNTAIN = "INT. MANSION - NIGHT\n\nEthan walks in, soaked.\n\nETHAN\nI came back.\n"
VIEWS = ("date,locale,episode,views,unlocks,revenue\n"
         + "".join(f"2026-10-{day:02d},en-US,{n},{1000 - 80 * n - day},{3 * n},{n * 0.39:.2f}\n"
                   for day in (30, 31) for n in range(1, 11))
         + "".join(f"2026-11-01,es-MX,{n},{900 - 90 * n},{2 * n},{n * 7.5:.2f}\n" for n in range(1, 10)))


def _closed(node):
    """Every object schema that lists properties accepts no others (the document itself stays open)."""
    if isinstance(node, dict):
        node = {key: _closed(value) for key, value in node.items()}
        if "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_closed(item) for item in node]
    return node


class Recorder:
    """Calls the API like conftest's Api, and checks each answer against the document."""

    def __init__(self, app, client, doc, token=None, seen=None):
        self.app, self.client, self.doc, self.token = app, client, doc, token
        self.components = _closed(doc["components"])
        self.adapter = app.url_map.bind("localhost")
        self.seen = seen if seen is not None else set()

    def as_user(self, token):
        return Recorder(self.app, self.client, self.doc, token, self.seen)

    def call(self, method, path, json=None, expect=200, **kw):
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        headers.update(kw.pop("headers", {}))
        r = self.client.open(path, method=method, json=json, headers=headers, **kw)
        assert r.status_code == expect, (method, path, r.status_code, r.get_data(as_text=True)[:500])
        self.check(method, path.split("?")[0], r)
        return r

    def operation(self, method, path):
        rule, _ = self.adapter.match(path, method=method, return_rule=True)
        doc_path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        return self.doc["paths"][doc_path][method.lower()]

    def check(self, method, path, response):
        op = self.operation(method, path)
        status = str(response.status_code)
        assert status in op["responses"] or status >= "400", (op["operationId"], status, "not documented")
        documented = op["responses"].get(status) or op["responses"]["default"]
        if status == "204":
            assert not response.data and "content" not in documented
            self.seen.add((op["operationId"], status))
            return
        content = documented.get("content") or {}
        assert response.mimetype in content, (op["operationId"], status, response.mimetype, list(content))
        schema = content[response.mimetype]["schema"]
        if response.mimetype == "application/json":
            validator = Draft202012Validator({**schema, "components": self.components},
                                             format_checker=FormatChecker())
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                      for e in validator.iter_errors(response.get_json())]
            assert not errors, (op["operationId"], status, errors[:5])
        else:
            assert schema["type"] == "string" and response.data
        self.seen.add((op["operationId"], status))


@pytest.fixture
def doc(client):
    return client.get("/api/v1/openapi.json").get_json()


@pytest.fixture
def recorder(app, client, doc):
    return Recorder(app, client, doc)


def _user(make_user, role, languages=None):
    return make_user(role, languages)[1]


def test_the_document_is_valid_openapi_and_every_operation_has_an_answer_schema(doc):
    validate_spec(doc)
    assert doc["openapi"] == "3.1.0"
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            success = {status: answer for status, answer in op["responses"].items() if status < "400"}
            assert success, (method, path, "no success answer")
            for status, answer in success.items():
                if status == "204":
                    continue
                assert answer.get("content"), (op["operationId"], status, "no schema")
                for media, body in answer["content"].items():
                    assert body["schema"], (op["operationId"], media)
            for status, answer in op["responses"].items():
                if status >= "400":  # "default" too
                    assert answer["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Error"}


def test_enums_list_their_values(doc):
    schemas = doc["components"]["schemas"]

    def enum(model, field):
        prop = schemas[model]["properties"][field]
        return next(option["enum"] for option in [prop, *prop.get("anyOf", [])] if "enum" in option)

    assert enum("Version", "kind") == ["original", "remake", "dub", "subtitled"]
    assert "post-production" in enum("Version", "status")
    assert "cliffhanger" not in enum("Episode", "cliffhanger_kind") and "reveal" in enum("Episode", "cliffhanger_kind")
    assert enum("Casting", "status")[0] == "open"
    assert enum("TrackCue", "status") == enum("CueIn", "status") == ["untranslated", "machine", "fuzzy", "translated", "reviewed"]
    assert enum("Finding", "severity") == ["error", "warning"]
    assert enum("DiffItem", "op") == ["added", "removed", "changed"]


def _jobs(app, user) -> list[str]:
    """A job run to its result and one still queued, of the tests' own kind; their URLs."""
    import functools

    import job_kinds  # noqa: F401  (registers the test kinds)
    from localize import db, jobs
    from localize.jobs import runner
    engine = app.extensions["localize_engine"]
    with db.session_scope(engine) as session:
        done, queued = (jobs.submit(session, "test.steps", {"steps": n}, user=user).id for n in (2, 1))
    assert runner.run(done, functools.partial(db.writer_session, engine)) == "done"
    return [f"/api/v1/jobs/{done}", f"/api/v1/jobs/{queued}"]


def test_every_answer_of_a_realistic_session_matches_the_document(recorder, make_user, doc, script_formats):
    lead = recorder.as_user(_user(make_user, "lead"))
    translator = recorder.as_user(_user(make_user, "translator", ["es-MX"]))
    marketing = recorder.as_user(_user(make_user, "marketing"))
    anonymous = recorder

    # Public and errors before anything exists.
    anonymous.call("GET", "/api/v1/health")
    anonymous.call("GET", "/api/v1/openapi.json")
    anonymous.call("GET", "/api/v1/series", expect=401)
    lead.call("GET", "/api/v1/series/heir", expect=404)

    # Catalog.
    lead.call("POST", "/api/v1/series", {"slug": "heir", "title": "The Heir", "original_locale": "en-US",
                                         "episode_count": 10, "free_episodes": 3, "unlock_price": "0.39",
                                         "genre": "drama"}, expect=201)
    lead.call("POST", "/api/v1/series", {"slug": "heir", "title": "Again", "original_locale": "en-US",
                                         "episode_count": 10, "free_episodes": 3}, expect=409)
    lead.call("POST", "/api/v1/series", {"slug": "Bad Slug", "title": ""}, expect=422)
    lead.call("POST", "/api/v1/series", data="{", headers={"Content-Type": "application/json"}, expect=400)
    lead.call("GET", "/api/v1/series")
    lead.call("PATCH", "/api/v1/series/heir", {"logline": "A son returns.", "qc_preset": "netflix-latin"})
    lead.call("GET", "/api/v1/series/heir/episodes")
    lead.call("POST", "/api/v1/series/heir/episodes", {"number": 11, "title": "Bonus", "duration_s": 95}, expect=201)
    lead.call("PATCH", "/api/v1/series/heir/episodes/1", {"title": "The return", "cliffhanger": "He is alive.",
                                                          "cliffhanger_kind": "reveal", "duration_s": 90,
                                                          "video_url": "https://example.test/1.mp4"})
    lead.call("GET", "/api/v1/series/heir/episodes/1")
    lead.call("POST", "/api/v1/series/heir/versions", {"locale": "es-MX", "kind": "remake", "title": "El heredero",
                                                       "release_date": "2026-12-01", "currency": "MXN",
                                                       "unlock_price": "7.50", "episode_count": 9,
                                                       "episode_mapping": {"1": [1, 2]} | {
                                                           str(n): [n + 1] for n in range(2, 10)},
                                                       "cut_episodes": [11]}, expect=201)
    lead.call("POST", "/api/v1/series/heir/versions", {"locale": "pt-BR", "kind": "dub"}, expect=201)
    lead.call("PATCH", "/api/v1/series/heir/versions/es-MX", {"status": "casting",
                                                              "qc_overrides": {"max_chars_per_line": 40}})
    lead.call("GET", "/api/v1/series/heir/versions")
    lead.call("GET", "/api/v1/series/heir/versions/pt-BR")
    lead.call("GET", "/api/v1/series/heir")
    ethan = lead.call("POST", "/api/v1/series/heir/characters", {"name": "Ethan", "description": "The heir"},
                      expect=201).get_json()["id"]
    lead.call("GET", "/api/v1/series/heir/characters")
    casting = f"/api/v1/series/heir/versions/es-MX/casting/{ethan}"
    lead.call("GET", casting)  # no casting yet: updated_at is null
    lead.call("PUT", casting, {"localized_name": "Mateo", "status": "auditioning"}, expect=201)
    lead.call("PUT", casting, {"actor": "Rodrigo Santín", "status": "confirmed"})
    lead.call("POST", casting + "/notes", {"text": "Great chemistry read."}, expect=201)
    lead.call("GET", casting)
    translator.call("PATCH", "/api/v1/series/heir", {"title": "Mine"}, expect=403)

    # Subtitles.
    lead.call("PUT", EN_SUB, data=SRT.encode(), headers={"Content-Type": "application/x-subrip"}, expect=201)
    first = translator.call("PUT", SUB, data=VTT.encode(), headers={"Content-Type": "text/vtt"}, expect=201)
    translator.call("PUT", SUB, data=b"WEBVTT\n\n00:00:01.000 --> nope\nx\n",
                    headers={"Content-Type": "text/vtt"}, expect=422)
    cues = translator.call("GET", SUB).get_json()["cues"]
    cues[0]["text"] = "Hola Ethan, ¿dónde estabas? " + "x" * 40
    cues[1]["status"] = "reviewed"
    translator.call("PUT", SUB, {"revision": 1, "cues": cues, "summary": "names"})
    translator.call("PUT", SUB, {"revision": 1, "cues": cues}, expect=412)
    translator.call("PUT", SUB, {"revision": "2", "cues": cues}, expect=422)
    translator.call("PUT", SUB, {"cues": [{"start": 2, "end": 1}]}, expect=422)
    translator.call("PUT", SUB, data=VTT.encode(), headers={"Content-Type": "text/vtt", "If-Match": first.headers["ETag"]},
                    expect=412)
    translator.call("GET", SUB + ".vtt")
    translator.call("GET", SUB + ".srt")
    translator.call("GET", SUB + "/qc")
    translator.call("GET", SUB + "/revisions")
    translator.call("GET", SUB + "/revisions/2")
    translator.call("GET", SUB + "/revisions/1")
    translator.call("GET", SUB + "/revisions/9", expect=404)
    translator.call("POST", SUB + "/revisions/1/restore")
    translator.call("GET", SUB + "/revisions/3")
    translator.call("GET", SUB + "/revisions")
    pt = "/api/v1/series/heir/versions/pt-BR/episodes/1/subtitles/pt-BR"
    lead.call("POST", pt + "/translate", {"source_locale": "en-US", "source_language": "en-US"}, expect=201)
    lead.call("POST", pt + "/translate", {"source_locale": "en-US"}, expect=409)
    lead.call("GET", pt + "/qc")
    translator.call("GET", "/api/v1/series/heir/versions/es-MX/subtitles/es-MX.zip?format=srt")
    translator.call("GET", "/api/v1/series/heir/versions/es-MX/subtitles/es-MX.zip?format=doc", expect=422)

    # Scripts.
    original, remake = f"{EP1}/script".format(locale="en-US"), f"{EP1}/script".format(locale="es-MX")
    lead.call("GET", original, expect=404)
    lead.call("PUT", original, data=FOUNTAIN.encode(), headers={"Content-Type": "text/plain"}, expect=201)
    lead.call("PUT", original, data=b"<html/>", headers={"Content-Type": "application/xml"}, expect=422)
    segments = lead.call("GET", original).get_json()["segments"]
    lead.call("PUT", original, {"revision": 1, "segments": segments + [{"kind": "action", "text": "Rain."}],
                                "summary": "rain"})
    lead.call("PUT", original, {"revision": 1, "segments": segments}, expect=412)
    lead.call("PUT", original, {"segments": [{"kind": "poem"}]}, expect=422)
    lead.call("GET", original + ".fountain")
    lead.call("GET", original + ".fdx")
    lead.call("POST", remake + "/translate", expect=201)
    lead.call("POST", remake + "/translate", {"source_locale": "en-US"}, expect=409)
    adapted = translator.call("GET", remake).get_json()["segments"]
    adapted[1].update(text="Ethan entra, empapado 3 veces.", status="translated")
    adapted[2].update(character={"name": "NADIE"}, text="")
    translator.call("PUT", remake, {"segments": adapted})
    # Translation memory remembered that line: matches for its source, and a refused lookup.
    assert translator.call("GET", "/api/v1/tm/matches?source_locale=en-US&target_locale=es-MX&text="
                           + quote(segments[1]["text"]) + "&threshold=60").get_json()["matches"]
    translator.call("GET", "/api/v1/tm/matches?source_locale=en-US&text=", expect=422)
    # The editors' machine suggestion: a fake LibreTranslate answers, and without one a clear 409.
    suggest = "/api/v1/mt/suggest?source_locale=en-US&target_locale=es-MX&text=Run"
    with FakeLibreTranslate() as server:
        recorder.app.config["MT_URL"] = server.url
        assert translator.call("GET", suggest).get_json()["text"] == "[es] Run"
    recorder.app.config["MT_URL"] = ""
    translator.call("GET", suggest, expect=409)
    translator.call("GET", "/api/v1/mt/suggest?source_locale=en-US&target_locale=fr&text=Run", expect=403)
    tmx = ('<tmx version="1.4"><header srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Run!</seg></tuv>'
           '<tuv xml:lang="es-MX"><seg>¡Corre!</seg></tuv><tuv xml:lang="fr"><seg>Cours !</seg></tuv></tu>'
           '<tu><tuv xml:lang="es-MX"><seg>solo</seg></tuv></tu></body></tmx>')
    lead.call("POST", "/api/v1/tm/import", data=tmx.encode(), headers={"Content-Type": "application/x-tmx+xml"})
    lead.call("POST", "/api/v1/tm/import", data=b"<tmx>\n<body>", headers={"Content-Type": "application/xml"},
              expect=422)
    lead.call("GET", "/api/v1/tm/export.tmx?source_locale=en-US&target_locale=es-MX")
    translator.call("GET", "/api/v1/tm/export.tmx?source_locale=en-US&target_locale=es-MX", expect=403)
    # Leverage and cost of the remake before the work.
    lead.call("PATCH", "/api/v1/series/heir", {"rate_scheme": {"exact": 20}})
    lead.call("PATCH", "/api/v1/series/heir/versions/es-MX", {"rate_per_word": "0.08"})
    leverage = lead.call("GET", "/api/v1/series/heir/versions/es-MX/leverage?episodes=1-3").get_json()
    assert leverage["episodes"][0]["bands"]["new"]["words"] and leverage["cost"] != "0.00"
    lead.call("GET", "/api/v1/series/heir/versions/pt-BR/leverage")  # no rate: null cost
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/leverage?episodes=1-3&format=csv")
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/leverage?episodes=9-1", expect=422)
    translator.call("GET", "/api/v1/series/heir/versions/es-MX/leverage", expect=403)
    # Pre-translation of the dub from memory (no machine translation configured here).
    pre = "/api/v1/series/heir/versions/pt-BR/pretranslate"
    assert lead.call("POST", pre, {"episodes": [1, 2], "min_score": 75}).get_json()["revisions"] == 1
    lead.call("POST", pre, {"min_score": 50}, expect=422)
    lead.call("POST", pre, {"machine": True}, expect=422)
    translator.call("POST", pre, expect=403)
    adapted[1]["status"] = "approved"
    translator.call("PUT", remake, {"segments": adapted}, expect=403)
    lead.call("PUT", original, data=FOUNTAIN.replace("soaked", "dripping").encode(),
              headers={"Content-Type": "text/plain"})
    translator.call("GET", remake)  # an outdated segment with what it was written against
    translator.call("GET", remake + "/checks")
    translator.call("GET", remake + "/revisions?limit=1")
    translator.call("GET", remake + "/revisions/2")
    translator.call("POST", remake + "/revisions/1/restore")
    lead.call("GET", f"{EP1}/dialogue-list.csv".format(locale="es-MX"))
    # XLIFF: out to a CAT tool and back, a conflict, refused XML, a zip.
    exported = translator.call("GET", remake + ".xlf").data
    edited = exported.replace(b"</target>", b"!</target>", 1)
    xlf = {"Content-Type": "application/x-xliff+xml"}
    translator.call("PUT", remake + ".xlf", data=edited, headers=xlf)
    translator.call("PUT", remake + ".xlf", data=edited, headers=xlf)  # applied already: nothing changes
    lead.call("PUT", remake + ".xlf", data=edited.replace(b"!</target>", b"?</target>", 1), headers=xlf,
              expect=409)
    translator.call("PUT", remake + ".xlf", data=b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', headers=xlf,
                    expect=422)
    translator.call("PUT", remake + ".xlf", data=b"<x/>", headers={"Content-Type": "text/html"}, expect=415)
    track_xlf = translator.call("GET", SUB + ".xlf").data
    translator.call("PUT", SUB + ".xlf", data={"file": (io.BytesIO(track_xlf.replace(b"</target>", b" bis</target>", 1)),
                                                        "ep1.xlf")}, content_type="multipart/form-data")
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/xliff.zip?scope=script")
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/xliff.zip?scope=subtitles&lang=es-MX")
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/xliff.zip?scope=video", expect=422)
    lead.call("GET", "/api/v1/series/heir/versions/es-MX/scripts.zip?format=fdx")
    lead.call("POST", "/api/v1/series/heir/versions/es-MX/rename", {"character": ethan, "from": "Mateo", "to": "Julio"})
    lead.call("POST", "/api/v1/series/heir/versions/es-MX/rename", {"character": ethan, "from": ""}, expect=422)
    lead.call("PATCH", "/api/v1/series/heir/versions/pt-BR", {"script_length_ratio": {"min": 0.8, "max": 1.2}})
    lead.call("GET", "/api/v1/series/heir")

    # The glossary: casting's names are read-only entries; CSV and TBX out, CSV in.
    G = "/api/v1/series/heir/glossary"
    boss = lead.call("POST", G, {"target_locale": "es-MX", "source": "boss", "target": "jefe", "note": "a woman"},
                     expect=201).get_json()
    lead.call("POST", G, {"target_locale": "es-MX", "source": "boss", "target": "patrón", "kind": "forbidden"},
              expect=201)
    lead.call("POST", G, {"target_locale": "es-MX", "source": "boss", "target": "jefa"}, expect=409)
    lead.call("POST", G, {"target_locale": "es-MX", "source": "", "kind": "verb"}, expect=422)
    translator.call("POST", G, {"target_locale": "es-MX", "source": "a", "target": "b"}, expect=403)
    names = translator.call("GET", G + "?target_locale=es-MX").get_json()["entries"]
    name = next(e for e in names if e["kind"] == "name")
    marketing.call("GET", G)
    lead.call("PUT", f"{G}/{boss['id']}", {"target": "jefa", "case_sensitive": True})
    lead.call("PUT", f"{G}/{name['id']}", {"target": "Pablo"}, expect=409)
    lead.call("DELETE", f"{G}/{name['id']}", expect=409)
    lead.call("PUT", f"{G}/999999", {"target": "x"}, expect=404)
    translator.call("GET", G + ".csv?target_locale=es-MX")
    translator.call("GET", G + ".tbx?target_locale=es-MX")
    translator.call("GET", G + ".tbx", expect=422)
    lead.call("POST", G + ".csv?target_locale=es-MX", data="source,target,kind,note\r\nboss,jefa,term,\r\n"
              "Ethan,Mateo,name,\r\nSterling Corp,,keep,\r\n".encode(), headers={"Content-Type": "text/csv"})
    lead.call("POST", G + ".csv?target_locale=es-MX", data=b"source,target,kind,note\r\nx,,term,\r\n",
              headers={"Content-Type": "text/csv"}, expect=422)
    lead.call("POST", G + ".csv?target_locale=es-MX", data=b"x", headers={"Content-Type": "image/png"}, expect=415)
    lead.call("DELETE", f"{G}/{boss['id']}", expect=204)

    # Views, then reports.
    marketing.call("POST", "/api/v1/series/heir/views", data=VIEWS.encode(), headers={"Content-Type": "text/csv"})
    marketing.call("POST", "/api/v1/series/heir/views", {"rows": [
        {"date": "2026-11-01", "locale": "pt-BR", "episode": 1, "views": 50, "unlocks": 0, "revenue": "0"}]})
    marketing.call("POST", "/api/v1/series/heir/views", {"rows": [
        {"date": "2026-13-01", "locale": "de", "episode": 1, "views": -1, "unlocks": 0, "revenue": "x"}]}, expect=422)
    marketing.call("POST", "/api/v1/series/heir/views", data=b"x", headers={"Content-Type": "text/html"}, expect=415)
    report = marketing.call("GET", "/api/v1/series/heir/report").get_json()
    remake = next(v for v in report["versions"] if v["locale"] == "es-MX")
    assert remake["weakest_cliffhangers"] and remake["revenue_per_1000_views"]  # nested items were checked too
    marketing.call("GET", "/api/v1/series/heir/report?from=2026-10-31&to=2026-11-30")
    marketing.call("GET", "/api/v1/series/heir/report?format=csv")
    marketing.call("GET", "/api/v1/series/heir/report?from=2026-13-01", expect=422)
    marketing.call("GET", "/api/v1/report")
    marketing.call("GET", "/api/v1/report?format=csv&from=2026-10-01")

    # Background jobs (a long pre-translation's): the creator and leads read one, others get 404.
    owner, owner_token = make_user("translator", ["es-MX"])
    for url in _jobs(recorder.app, owner):
        recorder.as_user(owner_token).call("GET", url)
        lead.call("GET", url)
        translator.call("GET", url, expect=404)
    assert len(recorder.as_user(owner_token).call("GET", "/api/v1/jobs?limit=5").get_json()["jobs"]) == 2
    translator.call("GET", "/api/v1/jobs")  # none of its own: an empty list
    translator.call("GET", "/api/v1/jobs?limit=0", expect=422)

    # The audit log: admins only.
    admin = recorder.as_user(_user(make_user, "admin"))
    admin.call("GET", "/api/v1/audit?limit=5")
    admin.call("GET", "/api/v1/audit?since=yesterday", expect=422)
    marketing.call("GET", "/api/v1/audit", expect=403)
    translator.call("GET", "/api/v1/report", expect=403)

    lead.call("DELETE", "/api/v1/series/heir", expect=204)

    # Every operation with a body to answer was called and answered with success at least once.
    called = {operation for operation, status in recorder.seen if status < "400"}
    every = {op["operationId"] for ops in doc["paths"].values() for method, op in ops.items()}
    assert every - called == set()
