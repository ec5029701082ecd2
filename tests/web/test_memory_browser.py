"""Memory in Chromium against a live server and the demo (SQLite): the editors' suggestion panel,
the leverage page and the TMX import page.

The demo's French subtitles of episode 1 have cues 1-2 translated and 3-5 to do; its memory holds
an exact match for cue 3 and a fuzzy one for cue 4 (a TMX line about Ethan, not Chloe). The demo
adapts the remake's scripts 1-3 only: the script test adapts episode 4, whose second line has a
context (101) match after the line before it.
"""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

from localize import db
from localize.catalog import service as catalog
from localize.memory import leverage
from localize.scripts import adapt
from localize.users.service import find_user

FRENCH = f"/series/{SLUG}/versions/fr/episodes/1/subtitles/fr"
SCRIPT = f"/series/{SLUG}/versions/es-MX/episodes/4/script"
INSERT = "Control+Shift+Enter"


def test_a_fuzzy_match_with_its_origin_and_diff_goes_in_with_the_key_and_is_saved(page):
    sign_in_page(page, "translator")
    page.goto(FRENCH)
    cues = page.locator("#cues .cue")
    expect(cues).to_have_count(5)
    cues.nth(2).locator("textarea").focus()
    panel = page.locator("#tm-panel")
    exact = panel.locator(".tm-item").first
    expect(exact.locator(".tm-score")).to_have_text("100%")
    expect(exact.locator(".tm-target")).to_have_text("Le testament de ton père dit le contraire.")
    expect(exact.locator(".tm-source del, .tm-source ins")).to_have_count(0)

    cues.nth(3).locator("textarea").focus()
    fuzzy = panel.locator(".tm-item").first
    expect(fuzzy).to_have_attribute("data-kind", "fuzzy")
    expect(fuzzy.locator(".tm-score")).to_have_text(re.compile(r"^(7[5-9]|8\d|9\d)%$"))
    expect(fuzzy.locator(".tm-origin")).to_have_text("TMX")
    expect(fuzzy.locator(".tm-source del")).to_have_text("Ethan,")   # the match's source said Ethan,
    expect(fuzzy.locator(".tm-source ins")).to_have_text("Chloe,")   # this one says Chloe,
    screenshot(page, "memory-subtitles-panel")
    page.keyboard.press(INSERT)
    text = cues.nth(3).locator("textarea")
    expect(text).to_have_value("Ethan, ne signe rien.")
    expect(text).to_be_focused()
    expect(cues.nth(3).locator("[data-field='status']")).to_have_value("translated")
    text.fill("Chloe, ne signe rien !")  # the translator fixes the name after inserting
    page.keyboard.press("Control+s")
    expect(page.locator("#ed-message")).to_have_text(re.compile(r"^Saved as revision \d+\.$"))
    page.reload()
    expect(page.locator("#cues .cue").nth(3).locator("textarea")).to_have_value("Chloe, ne signe rien !")
    cue = page.request.get(FRENCH + "/cues.json").json()["cues"][3]
    assert (cue["text"], cue["status"]) == ("Chloe, ne signe rien !", "translated")


def test_script_line_takes_its_context_match_with_the_key(page, live_server):
    with db.session_scope(db.get_engine(live_server.app.config["DATABASE_URL"])) as session:
        series = catalog.get_series(session, SLUG)
        adapt.translate_script(session, series=series, version=catalog.get_version(session, series, "es-MX"),
                               episode=catalog.get_episode(session, series, 4),
                               author=find_user(session, "lead@demo.localize"))
    sign_in_page(page, "translator")
    page.goto(SCRIPT)
    segments = page.locator("#segments .seg")
    line = segments.filter(has_text="Then tell me to stop.")
    line.locator("textarea").focus()
    best = page.locator("#tm-panel .tm-item").first
    expect(best).to_have_attribute("data-kind", "context")
    expect(best.locator(".tm-score")).to_have_text("101%")
    expect(best.locator(".tm-target")).to_have_text("Entonces dime que me detenga.")
    page.keyboard.press(INSERT)
    expect(line.locator("textarea")).to_have_value("Entonces dime que me detenga.")
    expect(line.locator("[data-status-badge]")).to_have_text("translated")
    page.keyboard.press("Control+s")
    expect(page.locator("#ed-message")).to_have_text("Saved as revision 2.")
    page.reload()
    expect(page.locator("#segments .seg").filter(has_text="Then tell me to stop.").locator("textarea")) \
        .to_have_value("Entonces dime que me detenga.")
    stored = [s for s in page.request.get(SCRIPT + ".json").json()["segments"]
              if s["text"] == "Entonces dime que me detenga."]
    assert [s["status"] for s in stored] == ["translated"]


def test_leverage_page_shows_the_analysis_numbers(page, live_server):
    sign_in_page(page, "lead")
    page.goto(f"/series/{SLUG}")
    page.locator(f"a[href='/series/{SLUG}/versions/es-MX/leverage']").click()
    page.fill("#lev-episodes", "1-12")
    page.click("#leverage-range button[type=submit]")
    expect(page.locator("#lev-bands")).to_be_visible()
    with db.session_scope(db.get_engine(live_server.app.config["DATABASE_URL"])) as session:
        series = catalog.get_series(session, SLUG)
        expected = leverage.analyse(session, series, catalog.get_version(session, series, "es-MX"), list(range(1, 13)))
    for band, counts in expected["bands"].items():
        row = page.locator(f"#lev-bands tr[data-band='{band}']")
        expect(row.locator("[data-segments]")).to_have_text(str(counts["segments"]))
        expect(row.locator("[data-words]")).to_have_text(str(counts["words"]))
    expect(page.locator("#lev-weighted")).to_have_text(expected["weighted_words"])
    expect(page.locator("#lev-per-episode tbody tr")).to_have_count(12)
    assert sum(1 for c in expected["bands"].values() if c["words"]) >= 6
    screenshot(page, "memory-leverage")
    csv_text = page.request.get(page.locator("#lev-csv").get_attribute("href")).text()
    assert csv_text.splitlines()[0].startswith("episode,repetition,context,exact")


def test_tmx_import_page_round_trip(page):
    sign_in_page(page, "lead")
    page.goto("/memory")
    tmx = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US" segtype="sentence" '
           'datatype="plaintext" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
           '<tu><tuv xml:lang="en-US"><seg>The vault is empty.</seg></tuv>'
           '<tuv xml:lang="de"><seg>Der Tresor ist leer.</seg></tuv></tu>\n</body></tmx>\n')
    page.set_input_files("#tm-file", files=[{"name": "studio.tmx", "mimeType": "application/x-tmx+xml",
                                             "buffer": tmx.encode()}])
    page.click("#tm-import button[type=submit]")
    result = page.locator("#tm-result")
    expect(result.locator("[data-units]")).to_have_text("1")
    expect(result.locator("[data-added]")).to_have_text("1")
    link = page.locator("a[href*='target_locale=de']")
    with page.expect_download() as download:
        link.click()
    exported = open(download.value.path(), encoding="utf-8").read()
    assert "Der Tresor ist leer." in exported and 'xml:lang="de"' in exported
    page.set_input_files("#tm-file", files=[{"name": "broken.tmx", "mimeType": "application/xml",
                                             "buffer": b"<tmx version='1.4'>\n<body>\n<tu>"}])
    page.click("#tm-import button[type=submit]")
    expect(page.locator("#tm-error")).to_contain_text("Line 3")
