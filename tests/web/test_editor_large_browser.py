"""A long track in the editor (issue 12, point 9): a 1,500-cue film track opens at once, its first
screenful drawn before the rest, with a loading note until every row is there; and a file with bad
cues uploaded from the editor is listed, then imported dropping them."""
from __future__ import annotations

from browsing import SLUG, sign_in_page
from playwright.sync_api import expect

from localize import db
from localize.catalog import service
from localize.subtitles import tracks
from localize.users.service import find_user

ED2 = f"/series/{SLUG}/versions/es-MX/episodes/2/subtitles/es-MX"
CUES = 1500


def _ts(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def film_track(live_server, count: int = CUES) -> None:
    """Episode 2 of the remake gets a 30-minute duration and a `count`-cue Spanish track."""
    text = "".join(f"{n}\n{_ts(n * 1000)} --> {_ts(n * 1000 + 800)}\nlínea {n}\n\n" for n in range(1, count + 1))
    with db.session_scope(live_server.app.extensions["localize_engine"]) as s:
        series = service.get_series(s, SLUG)
        version = service.get_version(s, series, "es-MX")
        episode = service.get_episode(s, series, 2)
        episode.duration_s = 1800
        s.add(episode)
        tracks.import_file(s, series=series, version=version, episode=episode, language="es-MX", data=text,
                           author=find_user(s, "lead@demo.localize"))


# The page's idle callbacks wait in a queue until the test lets them run, so what is drawn
# before the first of them can be checked without any timing.
HOLD = """
window.__held = [];
window.requestIdleCallback = (fn) => { window.__held.push(fn); return window.__held.length; };
"""
RELEASE = """() => {
  window.requestIdleCallback = (fn) => setTimeout(fn, 0);
  for (const fn of window.__held.splice(0)) fn();
}"""


def test_a_long_track_shows_its_first_rows_then_every_row(page, live_server):
    film_track(live_server)
    sign_in_page(page, "translator")
    page.add_init_script(HOLD)
    page.goto(ED2)
    rows = page.locator("#cues .cue")
    expect(rows.first.locator("textarea")).to_have_value("línea 1")
    # Only the first screenful is drawn so far, and the page says the rest is coming.
    count = rows.count()
    assert 0 < count < CUES
    loading = page.locator("#ed-loading")
    expect(loading).to_be_visible()
    expect(loading).to_contain_text(f"of {CUES:,} cues")
    expect(page.locator("#cues")).to_have_attribute("aria-busy", "true")
    expect(page.locator("#ed-count")).to_have_text(f"{CUES} cues")
    # The first rows work while the rest is drawn.
    rows.first.locator("textarea").fill("primera línea")
    expect(page.locator("#ed-state")).to_have_text("Unsaved changes")
    page.evaluate(RELEASE)
    expect(rows).to_have_count(CUES, timeout=60_000)  # drawn in idle time: slow on a loaded machine
    expect(loading).to_be_hidden()
    expect(page.locator("#cues")).to_have_attribute("aria-busy", "false")
    expect(rows.nth(CUES - 1).locator("textarea")).to_have_value(f"línea {CUES}")
    expect(rows.first.locator("textarea")).to_have_value("primera línea")
    page.click("#ed-save")
    expect(page.locator("#ed-message")).to_contain_text("Saved as revision")
    assert page.request.get(ED2 + "/cues.json").json()["cues"][0]["text"] == "primera línea"
    expect(rows).to_have_count(CUES, timeout=60_000)  # drawn in idle time: slow on a loaded machine


def test_a_long_track_ends_up_whole_without_help(page, live_server):
    film_track(live_server)
    sign_in_page(page, "translator")
    page.goto(ED2)
    rows = page.locator("#cues .cue")
    expect(rows).to_have_count(CUES, timeout=60_000)  # drawn in idle time: slow on a loaded machine
    expect(page.locator("#ed-loading")).to_be_hidden()
    expect(rows.nth(CUES - 1).locator("[data-num]")).to_have_text(str(CUES))


FFMPEG = ("WEBVTT\n\n00:00.000 --> 00:01.000\none\n\n00:02.000 --> 00:02.000\nzero\n\n"
          "00:03.000 --> 00:04.000\nthree\n\n00:05.000 --> 00:05.000\nzero again\n\n00:06.000 --> 00:07.000\nsix\n")


def test_an_upload_with_bad_cues_is_listed_then_imported_dropping_them(page, tmp_path):
    sign_in_page(page, "translator")
    page.goto(f"/series/{SLUG}/versions/es-MX/episodes/1/subtitles/es-MX")
    path = tmp_path / "ffmpeg.vtt"
    path.write_text(FFMPEG)
    page.locator(".upload-card:not(.xliff-card) summary").click()
    page.set_input_files(".upload-card:not(.xliff-card) input[type=file]", str(path))
    page.click(".upload-card:not(.xliff-card) button[type=submit]")
    expect(page.locator("#upload-error")).to_have_text("ffmpeg.vtt was not imported: 2 problems, listed below.")
    expect(page.locator("#upload-problems li")).to_have_count(2)
    expect(page.locator("#upload-problems li").first).to_contain_text("Line 6: zero-length cue")
    page.click("#import-dropping")
    expect(page.locator("#cues .cue")).to_have_count(3)
    expect(page.locator("#history .rev").first).to_contain_text("dropped 2 invalid cues: line 6")
