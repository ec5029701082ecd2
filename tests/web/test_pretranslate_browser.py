"""Pre-translating the demo's Spanish remake in Chromium: the form, the result, an episode range refused."""
from __future__ import annotations

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect


def test_a_lead_pretranslates_from_the_series_page(page):
    sign_in_page(page, "lead")
    page.goto(f"/series/{SLUG}")
    page.click(f"#version-es-MX >> a[href='/series/{SLUG}/versions/es-MX/pretranslate']")
    expect(page.locator("h1")).to_contain_text("Pre-translate")
    page.fill("input[name=episodes]", "999")
    page.click("#pretranslate-form button[type=submit]")
    expect(page.locator("#f-episodes-error")).to_contain_text("1-12, 3 or 1-3,7")
    page.fill("input[name=episodes]", "4-5")
    page.fill("input[name=min_score]", "75")
    page.click("#pretranslate-form button[type=submit]")
    result = page.locator("#pretranslate-result")
    expect(result).to_be_visible()
    assert int(result.locator("[data-count=revisions]").inner_text()) >= 2  # episodes 4 and 5 started
    screenshot(page, "pretranslate-result")
    page.goto(f"/series/{SLUG}/versions/es-MX/episodes/4/script")
    expect(page.locator("body")).not_to_contain_text("has no script")
