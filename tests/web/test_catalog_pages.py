"""Catalog forms through the Flask test client: series, episodes, versions, matrix, casting."""
from __future__ import annotations

import re

from sqlmodel import select

from localize.models import Casting, CastingNote, Episode, MarketVersion, Series


def text(response) -> str:
    return response.get_data(as_text=True)


# --- series -------------------------------------------------------------------------------

def test_lead_creates_a_series_from_the_list(client, sign_in, post_form, session):
    sign_in("lead")
    r = post_form("/series", {"title": "Love in Seoul", "slug": "love-in-seoul", "original_locale": "ko-kr",
                              "episode_count": "70", "free_episodes": "10", "unlock_price": "0.49",
                              "currency": "usd", "qc_preset": "netflix-ko", "genre": "", "logline": ""})
    assert r.status_code == 302 and r.headers["Location"].endswith("/series/love-in-seoul")
    series = session.exec(select(Series).where(Series.slug == "love-in-seoul")).one()
    assert (series.original_locale, series.episode_count, series.currency) == ("ko-KR", 70, "USD")
    html = text(client.get("/series/love-in-seoul"))
    assert "Korean (South Korea)" in html and "0/70 ready" in html


def test_series_form_errors_keep_what_was_typed(client, series, sign_in, post_form):
    sign_in("lead")
    r = post_form("/series", {"title": "", "slug": "Bad Slug", "original_locale": "xx-invalid",
                              "episode_count": "ten", "free_episodes": "2"})
    html = text(r)
    assert r.status_code == 422
    assert "Some fields need another look." in html and 'value="Bad Slug"' in html
    assert "Required." in html and "Enter a whole number." in html
    r = post_form("/series", {"title": "Dup", "slug": "heir", "original_locale": "en", "episode_count": "3",
                              "free_episodes": "5"})
    assert r.status_code == 422 and "Cannot be more than the number of episodes." in text(r)
    r = post_form("/series", {"title": "Dup", "slug": "heir", "original_locale": "en", "episode_count": "3",
                              "free_episodes": "1"})
    assert r.status_code == 409 and "Another series already uses this address." in text(r)
    r = post_form("/series", {"title": "Dup", "slug": "other", "original_locale": "zz", "episode_count": "3",
                              "free_episodes": "1"})
    assert r.status_code == 422 and "Unknown locale" in text(r)


def test_series_edit_reads_local_amounts_and_asks_before_deleting_episodes(client, series, sign_in, post_form, session):
    sign_in("lead")
    client.post("/language", data={"language": "es", "csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', text(client.get("/series"))).group(1)})
    html = text(client.get("/series/heir/edit"))
    assert 'value="0,39"' in html  # the price in the reader's (Spanish) notation
    form = {"title": "The Heir", "episode_count": "8", "free_episodes": "3", "unlock_price": "0,45",
            "currency": "USD", "genre": "", "logline": "", "qc_preset": ""}
    r = post_form("/series/heir/edit", form, token_from="/series")
    assert r.status_code == 422 and "9" in text(r) and "10" in text(r)
    assert len(session.exec(select(Episode)).all()) == 10
    r = post_form("/series/heir/edit", form | {"confirm_shrink": "yes"}, token_from="/series")
    assert r.status_code == 302
    session.rollback()  # end the read snapshot
    heir = session.exec(select(Series)).one()
    assert heir.episode_count == 8 and str(heir.unlock_price) == "0.45"


# --- episodes -----------------------------------------------------------------------------

def test_lead_edits_a_cliffhanger_and_moves_on(client, series, sign_in, post_form, session):
    sign_in("lead")
    r = post_form("/series/heir/episodes/3", {"title": "Glass Tower", "cliffhanger": "If he signs, he dies.",
                                              "cliffhanger_kind": "threat", "duration_s": "90", "video_url": "",
                                              "then": "next"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/series/heir/episodes/4")
    episode = session.exec(select(Episode).where(Episode.number == 3)).one()
    assert (episode.cliffhanger, episode.cliffhanger_kind, episode.duration_s) == ("If he signs, he dies.", "threat", 90)
    r = post_form("/series/heir/episodes/3", {"title": "", "cliffhanger": "x", "cliffhanger_kind": "",
                                              "duration_s": "-4", "video_url": "ftp://x"})
    assert r.status_code == 422
    assert "Must be at least 1." in text(r) and "https://" in text(r) and 'value="ftp://x"' in text(r)


def test_readers_see_the_cliffhanger_without_a_form(client, series, sign_in, post_form):
    sign_in("lead")
    post_form("/series/heir/episodes/2", {"title": "T", "cliffhanger": "The lights go out.", "cliffhanger_kind": "death"})
    sign_in("translator", ["es-MX"])
    html = text(client.get("/series/heir/episodes/2"))
    assert "The lights go out." in html and "<form method=\"post\" class=\"grid-form\"" not in html


# --- versions -----------------------------------------------------------------------------

def test_lead_adds_a_version_and_duplicates_are_refused(client, series, sign_in, post_form, session):
    sign_in("lead")
    r = post_form("/series/heir/versions/new", {"locale": "pt-br", "kind": "dub", "title": "O herdeiro",
                                                "status": "planned"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/series/heir#v-pt-BR")
    assert session.exec(select(MarketVersion).where(MarketVersion.locale == "pt-BR")).one().kind == "dub"
    r = post_form("/series/heir/versions/new", {"locale": "es-MX", "kind": "dub", "title": "", "status": "planned"})
    assert r.status_code == 409 and "already has a version in this locale" in text(r)
    r = post_form("/series/heir/versions/new", {"locale": "xx-YY", "kind": "dub", "title": "", "status": "planned"})
    assert r.status_code == 422 and 'value="xx-YY"' in text(r)


def test_version_edit_overrides_and_mapping(client, series, sign_in, post_form, session):
    sign_in("lead")
    # The count follows the mapping (issue 12, point 5): left empty, it is the last mapped episode.
    base = {"title": "El heredero", "status": "casting", "release_date": "2027-03-01", "free_episodes": "5",
            "unlock_price": "9.90", "currency": "mxn", "episode_count": "", "qc_preset": ""}
    mapping = "1: 1, 2\n2: 3\n\n3: 4-5\n4: 6\n5: 7\n6: 8\n7: 9\ncut: 10"
    r = post_form("/series/heir/versions/es-MX/edit", base | {"episode_mapping": mapping})
    assert r.status_code == 302, text(r)
    version = session.exec(select(MarketVersion).where(MarketVersion.locale == "es-MX")).one()
    assert version.episode_mapping == {"1": [1, 2], "2": [3], "3": [4, 5], "4": [6], "5": [7], "6": [8], "7": [9]}
    assert (version.status, version.currency, version.free_episodes) == ("casting", "MXN", 5)
    assert (version.episode_count, version.cut_episodes) == (7, [10])
    html = text(client.get("/series/heir/versions/es-MX/edit"))
    assert "1: 1, 2\n2: 3\n3: 4, 5\n4: 6" in html and "cut: 10" in html and 'value="9.90"' in html
    # A parse error and a service error each name their line; nothing is saved.
    r = post_form("/series/heir/versions/es-MX/edit", base | {"episode_mapping": "1: 1\n2 3"})
    assert r.status_code == 422 and "Line 2:" in text(r)
    r = post_form("/series/heir/versions/es-MX/edit", base | {"episode_mapping": "1: 1\n\n4: 40"})
    assert r.status_code == 422 and "Line 3:" in text(r) and "40" in text(r)
    # Overlapping merges and an uncovered original are refused together, each named.
    r = post_form("/series/heir/versions/es-MX/edit", base | {"episode_mapping": "1: 1, 2\n2: 2, 3"})
    assert r.status_code == 422 and "overlapping merges" in text(r) and "original episode 10 is not covered" in text(r)
    session.rollback()  # end the read snapshot
    assert session.exec(select(MarketVersion).where(MarketVersion.locale == "es-MX")).one().episode_mapping == \
        {"1": [1, 2], "2": [3], "3": [4, 5], "4": [6], "5": [7], "6": [8], "7": [9]}
    # Emptying an override falls back to the series; emptying the mapping restores the identity.
    r = post_form("/series/heir/versions/es-MX/edit", base | {"free_episodes": "", "episode_mapping": "",
                                                                 "episode_count": "10"})
    assert r.status_code == 302
    session.rollback()  # end the read snapshot
    version = session.exec(select(MarketVersion).where(MarketVersion.locale == "es-MX")).one()
    assert version.free_episodes is None and version.episode_mapping is None and version.cut_episodes is None


def test_the_original_has_no_mapping_field(client, series, sign_in):
    sign_in("lead")
    html = text(client.get("/series/heir/versions/en-US/edit"))
    assert "episode_mapping" not in html and 'name="status"' in html


# --- matrix -------------------------------------------------------------------------------

def test_matrix_rows_columns_and_ready_counts(client, series, sign_in, post_form):
    sign_in("lead")
    post_form("/series/heir/episodes/1", {"title": "", "cliffhanger": "A door opens."})
    sign_in("translator", ["es-MX"])
    html = text(client.get("/series/heir"))
    assert html.count('<th scope="row" class="version">') == 2
    assert 'id="v-en-US"' in html and 'id="v-es-MX" class="mine"' in html
    # The original's episode 1 is ready; the remake earns readiness with its own approved script.
    assert html.count('<span class="ready-count">1/10 ready</span>') == 1
    assert html.count('<span class="ready-count">0/10 ready</span>') == 1
    assert "Episode 1: cliffhanger set; ready" in html and "Episode 2: no cliffhanger yet" in html
    assert 'class="ep paywall"' in html  # episode 4 opens after 3 free ones


# --- casting ------------------------------------------------------------------------------

def test_casting_board_lead_edits_and_others_read(client, series, sign_in, post_form, session):
    lead = sign_in("lead")
    board = "/series/heir/versions/es-MX/casting"
    r = post_form(board + "/characters", {"name": "Ethan", "description": "The heir"})
    assert r.status_code == 302
    character_id = int(r.headers["Location"].rsplit("-", 1)[1])
    assert post_form(f"/series/heir/versions/en-US/casting/{character_id}",
                     {"localized_name": "Ethan", "actor": "Jack Morrow", "status": "confirmed"}).status_code == 302
    assert post_form(f"{board}/{character_id}", {"localized_name": "Mateo", "actor": "Rodrigo Santín",
                                                 "status": "offered"}).status_code == 302
    assert post_form(f"{board}/{character_id}/notes", {"text": "Chemistry read went well."}).status_code == 302
    r = post_form(f"{board}/{character_id}/notes", {"text": ""})
    assert r.status_code == 422 and "Required." in text(r)
    r = post_form(f"{board}/{character_id}", {"localized_name": "M" * 300, "actor": "", "status": "offered"})
    assert r.status_code == 422 and "At most 200 characters." in text(r)
    assert post_form(board + "/characters", {"name": "ethan"}).status_code == 409
    casting = session.exec(select(Casting).where(Casting.actor == "Rodrigo Santín")).one()
    note = session.exec(select(CastingNote)).one()
    assert casting.status == "offered" and note.author == lead.name and note.author_id == lead.id

    html = text(client.get(board))
    assert "Jack Morrow" in html and "Rodrigo Santín" in html and "Mateo" in html
    assert "Chemistry read went well." in html and 'name="localized_name"' in html

    sign_in("translator", ["es-MX"])
    html = text(client.get(board))
    assert "Rodrigo Santín" in html and "Chemistry read went well." in html and lead.name in html
    assert 'name="localized_name"' not in html and 'name="text"' not in html and "read only" in html
    r = post_form(f"{board}/{character_id}", {"localized_name": "X", "actor": "X", "status": "open"},
                  token_from=board)
    assert r.status_code == 403


def test_user_text_is_isolated_for_bidi(client, sign_in, series, lead):
    """A right-to-left override in a title stays inside its own <bdi>: it cannot reverse the page."""
    title = "\u202eThe Heir"
    assert lead.patch("/api/v1/series/heir", {"title": title, "logline": "\u202bembedded"}).status_code == 200
    sign_in("lead")
    for path in ("/series", "/series/heir", "/series/heir/versions/es-MX/casting"):
        html = client.get(path).get_data(as_text=True)
        assert f"<bdi>{title}</bdi>" in html, path
        isolated = html.replace(f"<bdi>{title}</bdi>", "").replace(f"\u2068{title}\u2069", "")
        assert title not in isolated, path  # every occurrence is isolated (<title> by FSI ... PDI)


def test_preset_names_in_the_readers_language(client, sign_in, series, lead):
    lead.patch("/api/v1/series/heir", {"qc_preset": "netflix-en-us"})
    sign_in("lead")
    with client.session_transaction() as s:
        s["ui_locale"] = "es"
    assert "Netflix inglés (EE. UU.)" in client.get("/series/heir").get_data(as_text=True)
    assert lead.get("/api/v1/series/heir").get_json()["qc_preset"] == "netflix-en-us"  # the API keeps ids
