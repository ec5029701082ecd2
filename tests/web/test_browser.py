"""The pages in Chromium against a live server holding the demo catalog (SQLite only)."""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

SERIES = f"/series/{SLUG}"


def card(page, name: str):
    """The casting board card of the character with this original name."""
    return page.locator("article.cast-card").filter(has=page.locator(f"h2:has-text('{name}')"))


def test_lead_sees_the_catalog_and_what_to_do_next(page):
    sign_in_page(page, "lead")
    assert page.locator(".next-steps").inner_text().startswith("What to do next")
    assert page.get_by_text("Open a series to see its market matrix").is_visible()
    card = page.locator(".series-card")
    assert "80 episodes" in card.inner_text() and "4 versions" in card.inner_text()
    page.click("a.button.primary:has-text('New series')")
    # The form opens when the page's hashchange handler runs: wait for it, do not race it.
    expect(page.locator("details#new-series")).to_have_attribute("open", "")
    screenshot(page, "home-lead")
    form = page.locator("details#new-series form")
    form.locator("input[name=title]").fill("Love in Seoul")
    form.locator("input[name=slug]").fill("love-in-seoul")
    form.locator("input[name=original_locale]").fill("ko-KR")
    form.locator("input[name=episode_count]").fill("70")
    form.locator("input[name=unlock_price]").fill("0.49")
    form.locator("button:has-text('Create series')").click()
    page.wait_for_url(re.compile(r"/series/love-in-seoul$"))
    assert "created with its original version and 70 episodes" in page.locator(".flash").inner_text()
    assert "Korean (South Korea)" in page.locator("tr#v-ko-KR th").inner_text()


def test_translator_sees_their_languages_and_work(page):
    sign_in_page(page, "translator")
    assert page.url.endswith("/")  # a translator's home lists their work
    assert page.locator("tr.work-track").count() > 0
    page.goto("/series")
    steps = page.locator(".next-steps").inner_text()
    assert "Your languages:" in steps and "Spanish (Mexico)" in steps and "Portuguese (Brazil)" in steps
    assert page.locator("a:has-text('New series')").count() == 0
    page.click(".work a:has-text('Portuguese (Brazil)')")
    page.wait_for_url(re.compile(r"#v-pt-BR$"))
    assert "yours" in page.locator("tr#v-pt-BR th").inner_text()
    assert page.locator("a:has-text('Edit series')").count() == 0
    screenshot(page, "home-translator")


def test_marketing_is_told_where_the_reports_are(page):
    sign_in_page(page, "marketing")
    assert "Reports compare views, paywall conversion and retention" in page.locator(".next-steps").inner_text()
    assert page.locator(".next-steps a:has-text('Open the reports')").get_attribute("href") == "/reports"
    page.goto(SERIES)
    assert page.locator(".page-head a:has-text('Report')").get_attribute("href") == SERIES + "/report"
    assert page.locator("a:has-text('Edit series')").count() == 0
    page.goto("/series")
    screenshot(page, "home-marketing", full_page=False)


def test_admin_reaches_lead_pages(page):
    sign_in_page(page, "admin")
    page.goto(SERIES + "/edit")
    assert page.locator("h1").inner_text() == "Edit series"


def test_read_the_matrix(page):
    sign_in_page(page, "lead")
    page.goto(SERIES)
    rows = page.locator("table.matrix tbody tr")
    assert rows.count() == 4
    assert page.locator("table.matrix thead th.ep").count() == 80
    names = [rows.nth(i).locator("th .vname").inner_text() for i in range(4)]
    assert names == ["English (United States)", "Spanish (Mexico)", "French", "Portuguese (Brazil)"]
    remake = page.locator("tr#v-es-MX")
    assert re.search(r"\d+/78 ready", remake.locator("th").inner_text())
    assert remake.locator("td.c-none").count() == 2  # 78 episodes in 80 columns
    # The remake's 5th episode merges originals 5 and 6.
    assert "original 5, 6" in remake.locator("td").nth(4).locator("a").get_attribute("title")
    first = page.locator("tr#v-en-US td").first.locator("a")
    assert first.get_attribute("title").startswith("Episode 1: cliffhanger set")
    assert first.get_attribute("title").endswith("; ready")
    assert page.locator("thead th.paywall").inner_text().strip() == "13"
    screenshot(page, "matrix-lead")


def test_matrix_on_a_phone(new_page):
    page = new_page(width=390, height=844)
    sign_in_page(page, "translator")
    page.goto(SERIES)
    # The page itself does not scroll sideways; the matrix does, under its sticky market column.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    grid = page.locator("[data-matrix]")
    assert grid.evaluate("el => el.scrollWidth > el.clientWidth")
    grid.evaluate("el => { el.scrollLeft = 600; }")
    sticky = page.locator("tr#v-es-MX th.version").bounding_box()
    assert abs(sticky["x"] - grid.bounding_box()["x"]) < 3
    screenshot(page, "matrix-phone", full_page=False)
    page.goto(SERIES + "/versions/es-MX/casting")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "casting-phone")


def test_lead_edits_a_cliffhanger(page):
    sign_in_page(page, "lead")
    page.goto(SERIES)
    cell = page.locator("tr#v-en-US td").nth(19)  # episode 20
    assert "c-empty" in cell.get_attribute("class")
    page.click("thead th.ep a:text-is('20')")
    page.wait_for_url(re.compile(r"/episodes/20$"))
    page.fill("textarea[name=cliffhanger]", "Victoria burns the will; one page survives.")
    page.select_option("select[name=cliffhanger_kind]", "reveal")
    screenshot(page, "episode-edit")
    page.click("button:has-text('Save and go to the next episode')")
    page.wait_for_url(re.compile(r"/episodes/21$"))
    assert "Episode 20 saved." in page.locator(".flash").inner_text()
    page.goto(SERIES)
    assert "c-ready" in page.locator("tr#v-en-US td").nth(19).get_attribute("class")
    page.goto(SERIES + "/episodes/20")
    assert page.locator("textarea[name=cliffhanger]").input_value() == "Victoria burns the will; one page survives."


def test_lead_adds_a_version_and_sees_form_errors(page):
    sign_in_page(page, "lead")
    page.goto(SERIES)
    page.click("a:has-text('Add version')")
    page.fill("input[name=locale]", "es-MX")
    page.click("form button.primary")
    assert "already has a version in this locale" in page.locator(".field.invalid").inner_text()
    assert page.locator("input[name=locale]").input_value() == "es-MX"
    page.fill("input[name=locale]", "de")
    page.select_option("select[name=kind]", "dub")
    page.fill("input[name=title]", "Der Erbe kehrt zurück")
    screenshot(page, "version-new")
    page.click("form button.primary")
    page.wait_for_url(re.compile(r"/series/the-heir-returns#v-de$"))
    assert "German dub added." in page.locator(".flash").inner_text()
    row = page.locator("tr#v-de th")
    assert "German" in row.inner_text() and "0/80 ready" in row.inner_text()


def test_lead_edits_a_remake_mapping(page):
    sign_in_page(page, "lead")
    page.goto(SERIES + "/versions/es-MX/edit")
    mapping = page.locator("textarea[name=episode_mapping]")
    assert mapping.input_value().startswith("1: 1\n2: 2\n3: 3\n4: 4\n5: 5, 6\n")
    mapping.fill(mapping.input_value().replace("5: 5, 6", "5: 5, 6\n6 7"))
    page.click("form button.primary")
    assert "Line 6:" in page.locator(".field.invalid").inner_text()
    screenshot(page, "version-edit-error")


def test_casting_board_edited_by_a_lead(page):
    sign_in_page(page, "lead")
    page.goto(SERIES + "/versions/es-MX/casting")
    victoria = card(page, "Victoria")
    assert "Helen Shaw" in victoria.locator(".cast-pair").inner_text()
    victoria.locator("input[name=actor]").fill("Lucía Ferrer")
    victoria.locator("select[name=status]").select_option("shortlisted")
    victoria.locator("button:has-text('Save casting')").click()
    page.wait_for_url(re.compile(r"#character-\d+$"))
    victoria = card(page, "Victoria")
    assert "Lucía Ferrer" in victoria.locator(".cast-pair").inner_text()
    assert victoria.locator(".cast-head .chip").inner_text() == "shortlisted"
    victoria.locator("textarea[name=text]").fill("Self-tape is strong; callback on Friday.")
    victoria.locator("button:has-text('Add note')").click()
    page.wait_for_url(re.compile(r"#character-\d+$"))
    note = card(page, "Victoria").locator(".notes li").last
    assert "Self-tape is strong" in note.inner_text() and "Demo lead" in note.inner_text()
    assert re.search(r"\d{4}", note.locator("time").inner_text())
    page.fill("#new-name", "Nurse Grace")
    page.click("button:has-text('Add character')")
    page.wait_for_url(re.compile(r"#character-\d+$"))
    assert card(page, "Nurse Grace").count() == 1
    screenshot(page, "casting-lead")


def test_casting_board_is_read_only_for_a_translator(page):
    sign_in_page(page, "translator")
    board = SERIES + "/versions/es-MX/casting"
    page.goto(board)
    assert page.locator("main form").count() == 0
    assert "read only" in page.locator(".page-head").inner_text()
    ethan = card(page, "Ethan")
    assert "Mateo" in ethan.inner_text() and "Jack Morrow" in ethan.inner_text()
    assert "Chemistry read" in ethan.locator(".notes").inner_text()
    # Posting anyway (with a valid CSRF token from the page) is refused for the role.
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(page.url.split("#")[0] + "/1", form={
        "csrf_token": token, "localized_name": "X", "actor": "X", "status": "open"})
    assert response.status == 403
    screenshot(page, "casting-translator")


def test_translator_is_refused_a_lead_page(page):
    sign_in_page(page, "translator")
    response = page.goto(SERIES + "/versions/es-MX/edit")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "Not for your role"
    screenshot(page, "refused-403", full_page=False)


def test_anonymous_is_sent_to_login_and_back(page):
    page.goto(SERIES)
    assert re.search(r"/login\?next=", page.url)
    assert "make run" in page.locator(".first-run").inner_text()
    screenshot(page, "login", full_page=False)
    page.fill("input[name=email]", "lead@demo.localize")
    page.fill("input[name=password]", "wrong password")
    page.click("form button.primary")
    assert page.locator(".form-error").inner_text() == "Wrong email or password."
    assert page.locator("input[name=email]").input_value() == "lead@demo.localize"
    from browsing import DEMO_PASSWORD
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button.primary")
    page.wait_for_url(re.compile(SERIES + "$"))


def test_language_switch_is_remembered_at_next_sign_in(new_page):
    page = new_page()
    sign_in_page(page, "lead")
    page.goto(SERIES)
    page.select_option("select[name=language]", "es")  # applied at once by app.js
    page.wait_for_selector("html[lang=es]")
    assert page.locator("h2#matrix-title").inner_text() == "Matriz de mercados"
    assert "Español (México)" in page.locator("tr#v-es-MX th").inner_text()
    assert "0,39" in page.locator(".facts-bar").inner_text()
    screenshot(page, "matrix-es")
    page.click("button:has-text('Cerrar sesión')")
    page.wait_for_url(re.compile(r"/login$"))

    # A new browser (no cookies, English Accept-Language): the account remembers Spanish.
    other = new_page(locale="en-US")
    other.goto("/login")
    assert other.locator("h1").inner_text() == "Sign in"
    sign_in_page(other, "lead")
    assert other.locator("html").get_attribute("lang") == "es"
    assert other.locator("h1").inner_text() == "Series"  # same word in Spanish
    assert other.locator(".next-steps h2").inner_text() == "Qué hacer ahora"
