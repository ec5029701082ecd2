"""Every page for every role, CSRF and the UI language, through the Flask test client (every backend)."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import select

from localize.models import Episode, Series, User

PAGES = {
    "list": "/series",
    "series": "/series/heir",
    "episode": "/series/heir/episodes/3",
    "casting": "/series/heir/versions/es-MX/casting",
    "glossary": "/series/heir/glossary",
    "edit": "/series/heir/edit",
    "version_new": "/series/heir/versions/new",
    "version_edit": "/series/heir/versions/es-MX/edit",
}
LEAD_ONLY = {"edit", "version_new", "version_edit"}


def text(response) -> str:
    return response.get_data(as_text=True)


# --- access -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_is_sent_to_login(client, series, name):
    r = client.get(PAGES[name])
    target = urlsplit(r.headers["Location"])
    assert r.status_code == 302 and target.path == "/login"
    assert parse_qs(target.query)["next"] == [PAGES[name]]


def test_root_leads_to_login_then_to_the_series_list(client, sign_in):
    assert client.get("/").headers["Location"].endswith("/login")
    sign_in("marketing")
    assert client.get("/").headers["Location"].endswith("/series")


@pytest.mark.parametrize("role", ["admin", "lead", "translator", "marketing"])
def test_every_page_for_every_role(client, series, sign_in, role):
    sign_in(role, ["es-MX"] if role == "translator" else None)
    for name, path in PAGES.items():
        expected = 403 if name in LEAD_ONLY and role in ("translator", "marketing") else 200
        r = client.get(path)
        assert r.status_code == expected, (role, path, r.status_code)
        if expected == 403:
            assert "Your role does not allow this page." in text(r)
        assert "Content-Security-Policy" in r.headers


def test_unknown_series_version_and_episode_are_404_pages(client, series, sign_in):
    sign_in("lead")
    for path in ("/series/nope", "/series/heir/episodes/99", "/series/heir/versions/de/casting",
                 "/series/heir/versions/klingon/edit"):
        r = client.get(path)
        assert r.status_code == 404 and "This page does not exist." in text(r), path


def test_pages_hold_no_inline_script_or_style(client, series, sign_in):
    sign_in("lead")
    for path in PAGES.values():
        html = text(client.get(path))
        assert "style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html), path


# --- CSRF and write roles -----------------------------------------------------------------

def test_post_without_csrf_token_is_refused(client, series, sign_in, session):
    sign_in("lead")
    r = client.post("/series/heir/episodes/1", data={"title": "Hijacked", "cliffhanger": "x"})
    assert r.status_code == 400 and "The form expired" in text(r)
    r = client.post("/series", data={"title": "X", "slug": "x", "original_locale": "en",
                                     "episode_count": "3", "free_episodes": "1"})
    assert r.status_code == 400
    assert session.exec(select(Series).where(Series.slug == "x")).first() is None
    assert session.exec(select(Episode).where(Episode.number == 1)).first().title == ""


def test_language_switch_needs_the_token_too(client, sign_in):
    sign_in("lead")
    assert client.post("/language", data={"language": "es"}).status_code == 400


@pytest.mark.parametrize("role", ["translator", "marketing"])
def test_readers_cannot_post_lead_forms(client, series, sign_in, post_form, role):
    sign_in(role, ["es-MX"])
    for path in ("/series", "/series/heir/edit", "/series/heir/episodes/1", "/series/heir/versions/new",
                 "/series/heir/versions/es-MX/edit", "/series/heir/versions/es-MX/casting/characters"):
        assert post_form(path, {"title": "x", "name": "x"}, token_from="/series").status_code == 403, path


# --- language -----------------------------------------------------------------------------

def test_language_is_remembered_for_the_user(client, sign_in, session):
    user = sign_in("lead")
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/series"))).group(1)
    r = client.post("/language", data={"language": "pt_BR", "next": "/series", "csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"] == "/series"
    html = text(client.get("/series"))
    assert 'lang="pt-BR"' in html and "Séries" in html and "Idioma alterado." in html
    assert session.get(User, user.id).ui_locale == "pt_BR"


def test_spanish_pages_and_babel_formatting(client, series, sign_in, post_form):
    sign_in("lead")
    post_form("/series/heir/versions/es-MX/casting/characters", {"name": "Ethan"})
    client.post("/language", data={"language": "es", "csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', text(client.get("/series"))).group(1)})
    html = text(client.get("/series/heir"))
    assert "Matriz de mercados" in html and "Español (México)" in html
    assert "0,39" in html and "Inglés (Estados Unidos)" in html
    html = text(client.get("/series/heir/versions/es-MX/casting"))
    assert "Reparto" in html


def test_login_page_points_to_the_first_run(client):
    html = text(client.get("/login"))
    assert "make run" in html and "instance/demo-accounts.txt" in html


def test_empty_catalog_says_what_to_do(client, sign_in):
    sign_in("lead")
    html = text(client.get("/series"))
    assert "The catalog is empty." in html and "localize demo" in html and 'id="new-series" open' in html
    sign_in("translator", [])
    html = text(client.get("/series"))
    assert "A localization lead creates the series" in html and 'id="new-series"' not in html


def test_home_page_per_role(client, series, sign_in):
    sign_in("translator", ["es-MX", "fr"])
    html = text(client.get("/series"))
    assert "Your languages:" in html and "Spanish (Mexico)" in html and "French" in html
    assert 'href="/series/heir#v-es-MX"' in html
    sign_in("marketing")
    html = text(client.get("/series"))
    assert "Reports compare views, paywall conversion and retention" in html
    sign_in("lead")
    html = text(client.get("/series"))
    assert "Open a series to see its market matrix" in html
    assert "10 episodes" in html and "2 versions" in html
