"""The leads' pre-translation page through the Flask test client (every backend): roles, the form, the result."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from fake_libretranslate import FakeLibreTranslate  # noqa: E402

V = "/api/v1/series/heir/versions"
PAGE = "/series/heir/versions/es-MX/pretranslate"
SRT = "1\n00:00:01,000 --> 00:00:03,500\nWhere were you?\n\n2\n00:00:04,000 --> 00:00:06,000\nAway.\n"


def test_leads_see_the_form_linked_from_the_series_and_version_pages(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    assert client.get(PAGE).status_code == 403
    sign_in("lead")
    html = client.get(PAGE).get_data(as_text=True)
    assert 'name="episodes"' in html and 'value="script" checked' in html and 'name="min_score"' in html
    assert 'name="machine"' not in html and "Machine translation is not configured" in html
    assert PAGE in client.get("/series/heir").get_data(as_text=True)
    assert PAGE in client.get("/series/heir/versions/es-MX/edit").get_data(as_text=True)
    assert "/series/heir/versions/en-US/pretranslate" not in client.get("/series/heir").get_data(as_text=True)


def test_the_form_runs_and_shows_counts_and_failures(app, client, sign_in, post_form, lead, series):
    assert lead.put(f"{V}/en-US/episodes/1/subtitles/en-US", data=SRT.encode(),
                    headers={"Content-Type": "application/x-subrip"}).status_code == 201
    sign_in("lead")
    r = post_form(PAGE, {"episodes": "1", "scope": ["subtitles"], "min_score": "100"}, token_from=PAGE)
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    assert 'data-count="left">2<' in html and 'data-count="revisions">1<' in html
    with FakeLibreTranslate(required_key="k") as server:
        app.config.update(MT_PROVIDER="libre", MT_URL=server.url, MT_API_KEY="bad", MT_RETRIES=0)
        r = post_form(PAGE, {"episodes": "1", "scope": ["subtitles"], "min_score": "90", "machine": "yes"},
                      token_from=PAGE)
    html = r.get_data(as_text=True)
    assert 'id="pretranslate-failures"' in html and "API key" in html and 'data-count="machine">0<' in html


def test_bad_fields_are_shown_beside_them(client, sign_in, post_form, series):
    sign_in("lead")
    r = post_form(PAGE, {"episodes": "12-1", "min_score": "60"}, token_from=PAGE)
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "between 1 and 10" in html and "from 75 to 100" in html and "the script, the subtitles, or both" in html


def test_the_page_is_in_spanish_for_a_spanish_reader(client, sign_in, series):
    user = sign_in("lead")
    from localize import db
    from localize.models import User
    with db.session_scope(client.application.extensions["localize_engine"]) as s:
        s.get(User, user.id).ui_locale = "es"
    html = client.get(PAGE).get_data(as_text=True)
    assert "Pretraducir" in html and "Qué rellenar" in html


def test_a_long_range_runs_as_a_job_whose_page_shows_the_result(app, client, sign_in, post_form, lead, series):
    from localize.app.jobs import backend_of
    assert lead.patch("/api/v1/series/heir", {"episode_count": 24}).status_code == 200
    assert lead.put(f"{V}/en-US/episodes/23/subtitles/en-US", data=SRT.encode(),
                    headers={"Content-Type": "application/x-subrip"}).status_code == 201
    sign_in("lead")
    r = post_form(PAGE, {"episodes": "1-24", "scope": ["subtitles"], "min_score": "100"}, token_from=PAGE)
    assert r.status_code == 302 and "/jobs/" in r.headers["Location"]
    backend_of(app).shutdown(wait=True)  # the job has run to its end
    html = client.get(r.headers["Location"]).get_data(as_text=True)
    assert 'id="pretranslate-result"' in html and 'data-count="left">2<' in html
    assert 'data-count="revisions">1<' in html
