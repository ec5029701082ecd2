"""The editors' machine suggestion: one text through the configured provider, or a clear refusal."""
from __future__ import annotations

import socket
import sys
from pathlib import Path
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402


def suggest_url(**params):
    return "/api/v1/mt/suggest?" + urlencode(params)


def test_suggestion_from_the_provider_for_a_translators_language(app, api):
    translator = api("translator", ["es"])
    with FakeLibreTranslate() as server:
        app.config["MT_URL"] = server.url
        r = translator.get(suggest_url(source_locale="en-US", target_locale="es-MX", text="  Run, Ethan!  "))
        assert r.status_code == 200, r.get_json()
        assert r.get_json() == {"provider": "libre", "text": "[es] Run, Ethan!"}  # es-MX goes to Libre as es
        assert [fields["q"] for _path, fields in server.requests] == [["Run, Ethan!"]]  # LibreTranslate's batch form
        assert translator.get(suggest_url(source_locale="en-US", target_locale="fr", text="Hi")).status_code == 403
        assert api("marketing").get(suggest_url(source_locale="en-US", target_locale="fr", text="Hi")).status_code == 403
        assert api("lead").get(suggest_url(source_locale="en-US", target_locale="fr", text="Hi")).status_code == 200


def test_not_configured_is_409_and_a_dead_provider_502(app, api):
    lead = api("lead")
    app.config["MT_URL"] = ""
    r = lead.get(suggest_url(source_locale="en-US", target_locale="es-MX", text="Hi"))
    assert r.status_code == 409 and "not configured" in r.get_json()["error"]["message"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        app.config["MT_URL"] = f"http://127.0.0.1:{s.getsockname()[1]}/"
    r = lead.get(suggest_url(source_locale="en-US", target_locale="es-MX", text="Hi"))
    assert r.status_code == 502 and r.get_json()["error"]["code"] == "upstream_failed"


def test_bad_queries_name_each_field(api):
    r = api("lead").get(suggest_url(source_locale="nope-nope-nope", text=" "))
    assert r.status_code == 422
    assert {d["field"] for d in r.get_json()["error"]["details"]} == {"source_locale", "target_locale", "text"}
    r = api("lead").get(suggest_url(source_locale="en-US", target_locale="es-MX", text="x" * 10_001))
    assert r.status_code == 422


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["source_locale", "target_locale", "text"]),
                              st.one_of(st.text(max_size=30), st.just("a\x00b"),
                                        st.sampled_from(["en-US", "es-MX", "", " "]))))
def test_any_query_is_an_answer_or_a_4xx_never_a_5xx(app, api, params):
    app.config["MT_URL"] = ""
    r = api("lead").get(suggest_url(**params))
    assert r.status_code in (409, 422), (params, r.status_code, r.get_data(as_text=True)[:300])
