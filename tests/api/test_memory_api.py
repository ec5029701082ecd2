"""Translation memory through the API: matches for a source text, its answers and refusals."""
from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localize import db
from localize.memory import store
from localize.signals import SavedTranslation

MINE = "I came back for what is mine."


def matches_url(**params):
    return "/api/v1/tm/matches?" + urlencode(params)


def seed(engine):
    with db.session_scope(engine) as s:
        store.remember(s, [SavedTranslation("en-US", "es-MX", MINE, "Volví por lo que es mío.", "subtitles",
                                            series="heir", version="es-MX", episode=3, previous="Where were you?"),
                           SavedTranslation("en-US", "es-MX", "I came back for what is yours.",
                                            "Volví por lo que es tuyo.", "script", series="heir", version="es-MX",
                                            episode=4)], author=None)


def test_matches_answer_best_first_with_origin(engine, api):
    seed(engine)
    translator = api("translator", ["es-MX"])
    r = translator.get(matches_url(source_locale="en-us", target_locale="es-mx", text=MINE, previous="Where were you?"))
    assert r.status_code == 200, r.get_json()
    [context, fuzzy] = r.get_json()["matches"]
    assert context["score"] == 101 and context["kind"] == "context" and context["target"] == "Volví por lo que es mío."
    assert context["origin"] == {"series": "heir", "version": "es-MX", "episode": 3, "kind": "subtitles", "speaker": None}
    assert context["updated_at"].endswith("+00:00")
    assert (fuzzy["score"], fuzzy["kind"], fuzzy["source"]) == (84, "fuzzy", "I came back for what is yours.")
    only = translator.get(matches_url(source_locale="en-US", target_locale="es-MX", text=MINE, limit=1)).get_json()
    assert [(m["score"], m["kind"]) for m in only["matches"]] == [(100, "exact")]
    assert translator.get(matches_url(source_locale="en-US", target_locale="es-MX", text=MINE,
                                      threshold=90)).get_json()["matches"][-1]["score"] == 100


def test_bad_queries_are_422_naming_each_field(api):
    lead = api("lead")
    r = lead.get(matches_url(source_locale="xx-notalocale-at-all", text="", threshold="high", limit=0, speaker="x"))
    assert r.status_code == 422
    fields = {d["field"] for d in r.get_json()["error"]["details"]}
    assert fields == {"source_locale", "target_locale", "text", "threshold", "limit", "speaker"}
    long = lead.get(matches_url(source_locale="en-US", target_locale="es-MX", text="x" * 10_001))
    assert long.status_code == 422
    assert api("marketing").get(matches_url(source_locale="en-US", target_locale="es-MX", text="Hi")).status_code == 200
    spanish = api("translator", ["es"])  # a bare language covers its regional variants
    assert spanish.get(matches_url(source_locale="en-US", target_locale="es-MX", text="Hi")).status_code == 200
    assert spanish.get(matches_url(source_locale="en-US", target_locale="fr", text="Hi")).status_code == 403
    assert api("lead").client.get(matches_url(source_locale="en-US", target_locale="es-MX", text="Hi")).status_code == 401


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(st.sampled_from(["source_locale", "target_locale", "text", "previous", "speaker",
                                               "threshold", "limit"]),
                              st.one_of(st.text(max_size=40), st.just("I came\x00 back"), st.integers(-10**12, 10**12).map(str),
                                        st.sampled_from(["en-US", "es-MX", "", " ", "101", "-1", "50"]))))
def test_any_lookup_query_is_an_answer_or_a_422_never_a_5xx(engine, api, params):
    r = api("lead").get(matches_url(**params))
    assert r.status_code in (200, 422), (params, r.status_code, r.get_data(as_text=True)[:300])
    body = r.get_json()
    assert ("matches" in body) if r.status_code == 200 else body["error"]["code"] == "validation_failed"


def test_text_no_database_can_store_is_a_422(api):
    lead = api("lead")
    for text in ("I came\x00 back", "\x00"):
        r = lead.get(matches_url(source_locale="en-US", target_locale="es-MX", text=text, previous=text))
        assert r.status_code == 422 and {d["field"] for d in r.get_json()["error"]["details"]} == {"text", "previous"}
