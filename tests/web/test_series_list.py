"""The series list: search over title and slug, pages of 50, slugs proposed from titles; the 413 page."""
from __future__ import annotations

import re

from sqlmodel import select

from localize import db
from localize.catalog.overview import slug_from_title
from localize.models import Series


def text(response) -> str:
    return response.get_data(as_text=True)


def titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/series/[^"]+"><bdi>([^<]+)</bdi></a></h2>', html)


def make_series(engine, count: int) -> None:
    with db.session_scope(engine) as s:
        for n in range(1, count + 1):
            s.add(Series(slug=f"drama-{n:03d}", title=f"Drama {n:03d}", original_locale="en-US",
                         episode_count=1, free_episodes=1))
        s.add(Series(slug="love-in-seoul", title="Amor en SEÚL 100%", original_locale="ko-KR",
                     episode_count=1, free_episodes=1))


def test_pages_of_fifty_with_counts_and_links(client, engine, sign_in):
    make_series(engine, 120)
    sign_in("marketing")
    html = text(client.get("/series"))
    assert len(titles(html)) == 50 and "1–50 of 121" in html
    assert 'href="/series?page=2"' in html and 'rel="prev"' not in html
    html = text(client.get("/series?page=2"))
    assert titles(html)[0] == "Drama 050"  # "Amor…" sorts first and "51–100 of 121" in html
    assert 'href="/series?page=1"' in html and 'href="/series?page=3"' in html
    html = text(client.get("/series?page=3"))
    assert len(titles(html)) == 21 and "101–121 of 121" in html and 'rel="next"' not in html
    assert "101–121 of 121" in text(client.get("/series?page=99"))  # past the end: the last page
    assert "1–50 of 121" in text(client.get("/series?page=abc"))


def test_search_over_title_and_slug_case_insensitive(client, engine, sign_in):
    make_series(engine, 60)
    sign_in("lead")
    html = text(client.get("/series?q=drama+05"))
    assert titles(html) == [f"Drama 05{n}" for n in range(10)] and "1–10 of 10" in html
    assert 'value="drama 05"' in html
    assert titles(text(client.get("/series?q=LOVE-IN"))) == ["Amor en SEÚL 100%"]   # the slug
    assert titles(text(client.get("/series?q=amor en"))) == ["Amor en SEÚL 100%"]   # the title
    assert titles(text(client.get("/series?q=100%25"))) == ["Amor en SEÚL 100%"]    # % is literal
    assert titles(text(client.get("/series?q=_"))) == []                            # _ too
    html = text(client.get("/series?q=nothing-like-this"))
    assert "No series matches" in html and "The catalog is empty." not in html
    html = text(client.get("/series?q=drama&page=2"))
    assert 'href="/series?q=drama&amp;page=1"' in html and "51–60 of 60" in html


def test_slug_is_proposed_from_the_title_when_left_empty(client, sign_in, post_form, session):
    assert slug_from_title("  L'Héritier Returns! ") == "l-heritier-returns"
    assert slug_from_title("사랑") == ""
    sign_in("lead")
    r = post_form("/series", {"title": "Ça va, Mon Amour", "slug": "", "original_locale": "fr",
                              "episode_count": "3", "free_episodes": "1"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/series/ca-va-mon-amour")
    assert session.exec(select(Series.slug)).all() == ["ca-va-mon-amour"]
    html = text(client.get("/series"))
    assert 'data-slug-from="f-title"' in html
    r = post_form("/series", {"title": "사랑", "slug": "", "original_locale": "ko", "episode_count": "3",
                              "free_episodes": "1"})
    assert r.status_code == 422 and "f-slug-error" in text(r)  # nothing to propose: the address is asked for


def test_the_413_page_states_the_limit_and_links_back_to_the_form(app, client, series, sign_in):
    sign_in("lead")
    page = "/series/heir/versions/es-MX/subtitles"
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get(page))).group(1)
    big = b"x" * (3 * 1024 * 1024)
    r = client.post(page + "/upload", data={"csrf_token": token, "episode": "1", "language": "es-MX",
                                            "file": (__import__("io").BytesIO(big), "big.vtt")},
                    headers={"Referer": f"http://localhost{page}"}, content_type="multipart/form-data")
    html = text(r)
    assert r.status_code == 413 and "The limit is 2 MB" in html
    assert f'href="{page}"' in html and "Back to the form" in html
