"""Admin and translator home in Chromium against the demo (SQLite only)."""
from __future__ import annotations

import re

from browsing import screenshot, sign_in_page
from playwright.sync_api import expect


def test_admin_adds_a_translator_who_signs_in_with_the_shown_password(new_page):
    page = new_page()
    sign_in_page(page, "admin")
    page.click(".next-steps a:has-text('Manage users')")
    page.wait_for_url(re.compile(r"/admin/users$"))
    assert page.locator("table.users").get_by_text("translator@demo.localize").is_visible()
    page.click("a.button.primary:has-text('New user')")
    expect(page.locator("details#new-user")).to_have_attribute("open", "")
    form = page.locator("details#new-user form")
    form.locator("input[name=email]").fill("nina@studio.example")
    form.locator("select[name=role]").select_option("translator")
    form.locator("input[name=languages]").fill("es-MX")
    form.locator("button:has-text('Create account')").click()
    password = page.locator("[data-secret]").inner_text()
    assert len(password) >= 16
    screenshot(page, "admin-user-created")
    page.click("a:has-text('Open the account')")
    page.click("button:has-text('Create token')")
    token = page.locator("[data-secret]").inner_text()
    assert token.startswith("lz_") and "1 live token" in page.locator("#tokens-title + p").inner_text()
    page.click("table.tokens button:has-text('Revoke')")
    assert "0 live tokens" in page.locator("#tokens-title + p").inner_text()
    page.click("button:has-text('Disable account')")
    assert "is disabled" in page.locator(".flash").inner_text()
    page.click("button:has-text('Enable account')")
    screenshot(page, "admin-user")

    other = new_page()
    other.goto("/login")
    other.fill("input[name=email]", "nina@studio.example")
    other.fill("input[name=password]", password)
    other.click("form button[type=submit].primary")
    other.wait_for_url(re.compile(r"/$"))  # a translator lands on their work
    assert other.locator("h1").inner_text() == "Your work"


def test_others_get_403_on_the_admin_pages(new_page):
    page = new_page()
    sign_in_page(page, "lead")
    assert page.locator("header nav a:has-text('Users')").count() == 0
    response = page.goto("/admin/users")
    assert response.status == 403 and "Not for your role" in page.locator("h1").inner_text()


def test_translator_home_lists_tracks_one_click_from_the_editor(new_page):
    page = new_page()
    sign_in_page(page, "translator")
    page.goto("/series")
    page.click(".next-steps a:has-text('Your tracks')")
    page.wait_for_url(re.compile(r"/$"))
    rows = page.locator("tr.work-track")
    assert rows.count() > 0
    first = rows.first
    assert re.search(r"\d+ cues?", first.inner_text())
    screenshot(page, "home-translator-tracks")
    href = first.locator("a.open-editor").get_attribute("href")
    first.locator("a.open-editor").click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert "/subtitles/" in page.url
    assert page.locator("#script-episodes").count() == 0  # the editor, not the home


def test_series_slug_is_proposed_while_typing_the_title(new_page):
    page = new_page()
    sign_in_page(page, "lead")
    page.goto("/series#new-series")
    form = page.locator("details#new-series form")
    form.locator("input[name=title]").fill("Ça va, Mon Amour")
    expect(form.locator("input[name=slug]")).to_have_value("ca-va-mon-amour")
    form.locator("input[name=slug]").fill("my-own")
    form.locator("input[name=title]").fill("Another title")
    expect(form.locator("input[name=slug]")).to_have_value("my-own")
    page.goto("/series?q=HEIR")
    assert page.locator(".series-card").count() == 1 and "1–1 of 1" in page.locator(".pager").inner_text()
