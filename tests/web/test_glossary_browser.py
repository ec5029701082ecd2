"""Glossary terms underlined in both editors, with their translation and note, in Chromium against the
demo (SQLite): the es-MX glossary has the tagline, its forbidden wording, the catchphrase, and the
names casting gives (Chloe is Valeria)."""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

SUBTITLES = f"/series/{SLUG}/versions/es-MX/episodes/1/subtitles/es-MX"
SCRIPT = f"/series/{SLUG}/versions/es-MX/episodes/1/script"


def test_the_subtitle_editor_underlines_terms_and_shows_glossary_findings(page):
    sign_in_page(page, "translator")
    page.goto(SUBTITLES)
    first = page.locator("#cues .cue").first
    term = first.locator("mark.gl-term").first
    expect(term).to_have_text("the real heir")
    assert "el legítimo heredero" in term.get_attribute("title")
    expect(page.locator("#cues .cue").nth(4).locator("mark.gl-term")).to_have_text("If he signs, he dies")
    findings = first.locator("[data-findings] li")
    expect(findings.filter(has_text="verdadero heredero")).to_have_count(1)
    expect(first.locator("[data-findings] li.sev-error")).to_have_count(1)
    # Typing the glossary's wording clears both findings live.
    first.locator("textarea").fill("Yo soy el legítimo heredero.")
    expect(first.locator("[data-findings] li")).to_have_count(0)
    screenshot(page, "glossary-subtitles")


def test_the_script_editor_underlines_names_from_casting(page):
    sign_in_page(page, "translator")
    page.goto(SCRIPT)
    chloe = page.locator("[data-source] mark.gl-name", has_text="Chloe").first
    expect(chloe).to_be_visible()
    assert re.match(r"Valeria — from casting", chloe.get_attribute("title"))
    tagline = page.locator("[data-source] mark.gl-term", has_text="the real heir").first
    assert "never translate as: verdadero heredero" in tagline.get_attribute("title")
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
