"""Glossary terms underlined in both editors, with their translation and note, in Chromium against the
demo (SQLite): the es-MX glossary has a legal term and its forbidden wording, the catchphrase, and
the names casting gives (Chloe is Valeria)."""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

SUBTITLES = f"/series/{SLUG}/versions/es-MX/episodes/2/subtitles/es-MX"
SCRIPT = f"/series/{SLUG}/versions/es-MX/episodes/2/script"


def test_the_subtitle_editor_underlines_terms_and_shows_glossary_findings(page):
    sign_in_page(page, "translator")
    page.goto(SUBTITLES)
    first = page.locator("#cues .cue").first
    term = first.locator("mark.gl-term").first
    expect(term).to_have_text("adoption papers")
    assert "actas de adopción" in term.get_attribute("title")
    assert "never translate as: papeles de adopción" in term.get_attribute("title")
    expect(page.locator("#cues .cue").nth(2).locator("mark.gl-name")).to_have_text("Ethan")
    findings = first.locator("[data-findings] li")
    expect(findings.filter(has_text="papeles de adopción")).to_have_count(1)
    expect(first.locator("[data-findings] li.sev-error")).to_have_count(1)
    # Typing the glossary's wording clears both findings live.
    first.locator("textarea").fill("Las actas de adopción...")
    expect(first.locator("[data-findings] li")).to_have_count(0)
    screenshot(page, "glossary-subtitles")


def test_the_script_editor_underlines_names_from_casting(page):
    sign_in_page(page, "translator")
    page.goto(SCRIPT)
    chloe = page.locator("[data-source] mark.gl-name", has_text="Chloe").first
    expect(chloe).to_be_visible()
    assert re.match(r"Valeria — from casting", chloe.get_attribute("title"))
    legal = page.locator("[data-source] mark.gl-term", has_text="adoption papers").first
    assert "never translate as: papeles de adopción" in legal.get_attribute("title")
    expect(page.locator("[data-source] mark.gl-keep", has_text="Bentley")).to_have_count(1)
    expect(page.locator(".finding", has_text="papeles de adopción")).to_have_count(1)
    screenshot(page, "glossary-script")


def test_the_glossary_page_lists_and_adds(page):
    sign_in_page(page, "lead")
    page.goto(f"/series/{SLUG}")
    page.click("text=Glossary")
    expect(page.locator("#glossary tbody tr")).to_have_count(8)
    page.fill("#new-source", "vault")
    page.fill("#new-target", "bóveda")
    page.click("#entry-new button[type=submit]")
    expect(page.locator("#glossary tbody tr", has_text="bóveda")).to_have_count(1)
    screenshot(page, "glossary-page")
