"""The script page in Chromium against a live server and the demo catalog (SQLite).

Each test writes the original's script of episode 4 (a new draft over the demo's) and starts the
Spanish remake's adaptation of it (5 segments, revision 1, every line new; the demo adapts only
episodes 1-3); the demo translator writes es-MX, pt-BR and fr.
"""
from __future__ import annotations

import re

import pytest
from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

from localize import db
from localize.catalog import service as catalog
from localize.scripts import adapt, files, store
from localize.users.service import find_user

EPISODE = 4
PAGE = f"/series/{SLUG}/versions/es-MX/episodes/{EPISODE}/script"
ORIGINAL = """INT. HOSPITAL CORRIDOR - NIGHT

Ethan stops at the door.

ETHAN
I'm the real heir.

CHLOE
(stunned)
Ethan? You can't be here.

VICTORIA
Your father's will says otherwise.
"""


class Seed:
    """Writes to the live server's database as the demo lead, the way another browser tab would."""

    def __init__(self, url: str):
        self.engine = db.get_engine(url)

    def _target(self, session, locale):
        series = catalog.get_series(session, SLUG)
        version = catalog.get_version(session, series, locale)
        return series, version, catalog.get_episode(session, series, EPISODE)

    def import_original(self, text: str = ORIGINAL) -> None:
        with db.session_scope(self.engine) as session:
            series, version, episode = self._target(session, "en-US")
            files.import_file(session, series=series, version=version, episode=episode, data=text,
                              filename="ep4.fountain", author=find_user(session, "lead@demo.localize"))

    def adapt(self) -> None:
        with db.session_scope(self.engine) as session:
            series, version, episode = self._target(session, "es-MX")
            adapt.translate_script(session, series=series, version=version, episode=episode,
                                   author=find_user(session, "lead@demo.localize"))

    def edit(self, changes: dict[int, dict], role: str = "lead") -> None:
        """Save the remake's script with changes by position ({4: {"text": ..., "status": ...}})."""
        with db.session_scope(self.engine) as session:
            series, version, episode = self._target(session, "es-MX")
            script = store.get_script(session, version, episode)
            drafts = []
            for n, s in enumerate(store.listed_segments(session, script), 1):
                d = {f: getattr(s, f) for f in ("kind", "text", "character_id", "speaker", "extension",
                                                "parenthetical", "dual", "source_id", "status", "note")}
                d.update(changes.get(n, {}))
                drafts.append(store.draft(id=s.id, **d))
            store.save(session, series=series, version=version, episode=episode, drafts=drafts,
                       author=find_user(session, f"{role}@demo.localize"), expected_revision=script.revision,
                       summary="edited elsewhere")


@pytest.fixture
def seed(live_server):
    seed = Seed(live_server.app.config["DATABASE_URL"])
    seed.import_original()
    seed.adapt()
    return seed


def open_script(page, role: str = "translator"):
    sign_in_page(page, role)
    page.goto(PAGE)
    segments = page.locator("#segments .seg")
    expect(segments).to_have_count(5)
    return segments


def server_segments(page) -> list[dict]:
    return page.request.get(PAGE + ".json").json()["segments"]


def test_translator_adapts_two_lines_and_saves(page, seed):
    segments = open_script(page)
    line = segments.nth(2)
    expect(line.locator("[data-source] .src-speaker")).to_have_text("ETHAN")
    expect(line.locator("[data-source] .src-text")).to_have_text("I'm the real heir.")
    expect(line.locator("[data-speaker]")).to_have_text("Mateo")  # the remake's casting name
    expect(line.locator("[data-status-badge]")).to_have_text("new")
    expect(line.locator(".finding")).to_have_text(["Not adapted yet"])
    expect(page.locator("#ed-revision")).to_have_text("Revision 1")
    line.locator("textarea").fill("Yo soy el verdadero heredero.")
    expect(line.locator("[data-status-badge]")).to_have_text("translated")
    expect(line.locator(".findings")).to_have_class(re.compile(r"\bstale\b"))
    expect(page.locator("#ed-state")).to_have_text("Unsaved changes")
    other = segments.nth(3)
    expect(other.locator("[data-source] .src-paren")).to_have_text("(stunned)")
    other.locator("[data-field=parenthetical]").fill("atónita")
    other.locator("textarea").fill("¿Mateo? No puedes estar aquí.")
    page.fill("#ed-summary", "two lines")
    line.locator("textarea").focus()
    page.keyboard.press("Control+s")
    expect(page.locator("#ed-message")).to_have_text("Saved as revision 2.")
    expect(page.locator("#ed-state")).to_have_text("All changes saved")
    expect(line.locator(".finding")).to_have_count(0)
    latest = page.locator("#history .rev").first
    expect(latest).to_contain_text("Revision 2")
    expect(latest).to_contain_text("two lines")
    expect(latest).to_contain_text("added: 0, removed: 0, changed: 2")
    latest.locator("[data-rev-diff]").click()
    expect(latest.locator(".diff-op")).to_have_count(2)
    expect(latest.locator(".diff-op").first.locator("ins .diff-text")).to_have_text("Yo soy el verdadero heredero.")
    stored = server_segments(page)
    assert [s["status"] for s in stored] == ["new", "new", "translated", "translated", "new"]
    assert stored[3]["parenthetical"] == "atónita" and stored[3]["text"] == "¿Mateo? No puedes estar aquí."
    # No review buttons for a translator, and approving is not offered in the status list.
    expect(page.locator("[data-set-status]")).to_have_count(0)
    expect(page.locator("#ed-approve-all")).to_have_count(0)
    assert line.locator("select option[value=approved]").is_disabled()
    screenshot(page, "script", full_page=False)


def test_a_cut_needs_its_reason(page, seed):
    segments = open_script(page)
    line = segments.nth(1)
    line.locator("select[data-field=status]").select_option("cut")
    page.click("#ed-save")
    expect(page.locator("#ed-message")).to_have_text("Segment 2 is cut: write the reason in its note, then save.")
    expect(line.locator("[data-field=note]")).to_be_focused()
    line.locator("[data-field=note]").fill("the remake opens on the street")
    page.click("#ed-save")
    expect(page.locator("#ed-message")).to_have_text("Saved as revision 2.")
    assert server_segments(page)[1]["status"] == "cut"


def test_lead_approves_and_the_translator_then_reads_it_only(new_page, seed):
    seed.edit({3: {"text": "Yo soy el verdadero heredero.", "status": "translated"},
               4: {"text": "¿Mateo? No puedes estar aquí.", "status": "translated"}}, role="translator")
    lead = new_page()
    segments = open_script(lead, "lead")
    line = segments.nth(2)
    expect(line.locator("[data-status-badge]")).to_have_text("translated")
    line.locator("[data-set-status=approved]").click()
    expect(line.locator("[data-status-badge]")).to_have_text("approved")
    lead.keyboard.press("Control+s")
    expect(lead.locator("#ed-message")).to_have_text("Saved as revision 3.")
    # "Approve all translated" takes the rest.
    lead.click("#ed-approve-all")
    expect(lead.locator("#ed-message")).to_have_text("Marked approved: 1. Save to keep it.")
    lead.click("#ed-save")
    expect(lead.locator("#ed-message")).to_have_text("Saved as revision 4.")
    assert [s["status"] for s in server_segments(lead)][2:4] == ["approved", "approved"]

    translator = new_page()
    segments = open_script(translator)
    approved = segments.nth(2)
    expect(approved.locator("[data-locked]")).to_be_visible()
    expect(approved.locator("textarea")).to_have_attribute("readonly", "")
    expect(approved.locator("select[data-field=status]")).to_be_disabled()
    expect(segments.nth(0).locator("textarea")).not_to_have_attribute("readonly", "")


def test_a_conflict_is_resolved_without_losing_either_edit(page, seed):
    segments = open_script(page)
    # Meanwhile the lead saves another line of the same revision.
    seed.edit({1: {"text": "INT. PASILLO DEL HOSPITAL - NOCHE", "status": "translated"}})
    segments.nth(3).locator("textarea").fill("Yo soy el verdadero heredero.")
    page.click("#ed-save")
    conflict = page.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("[data-conflict-intro]")).to_contain_text("saved revision 2 while you were editing revision 1")
    rows = conflict.locator(".conflict-row")
    expect(rows).to_have_count(2)
    # Their line (I did not touch it) is taken, my line is kept, unless I choose otherwise.
    expect(rows.nth(0)).to_have_attribute("data-choice", "theirs")
    expect(rows.nth(0).locator("[data-side=theirs] [data-text]")).to_have_text("INT. PASILLO DEL HOSPITAL - NOCHE")
    expect(rows.nth(1)).to_have_attribute("data-choice", "mine")
    expect(rows.nth(1).locator("[data-side=mine] [data-text]")).to_have_text("Yo soy el verdadero heredero.")
    conflict.locator("[data-conflict=apply]").click()
    expect(page.locator("#ed-message")).to_have_text("Saved as revision 3.")
    expect(conflict).to_be_hidden()
    stored = server_segments(page)
    assert stored[0]["text"] == "INT. PASILLO DEL HOSPITAL - NOCHE"
    assert stored[3]["text"] == "Yo soy el verdadero heredero."
    latest = page.locator("#history .rev").first
    expect(latest).to_contain_text("Kept my edits after a conflict with revision 2")


def test_unsaved_edits_survive_a_reload(page, seed):
    segments = open_script(page)
    segments.nth(3).locator("textarea").fill("Yo soy el heredero.")
    expect(page.locator("#ed-state")).to_have_text("Unsaved changes")
    page.wait_for_function("() => Object.keys(localStorage).some((k) => k.startsWith('localize:script-draft:'))")
    page.reload()
    expect(page.locator("#ed-draft")).to_be_visible()
    expect(page.locator("#segments .seg").nth(3).locator("textarea")).to_have_value("Yo soy el heredero.")


def test_the_outdated_banner_shows_the_source_change(page, seed):
    seed.edit({5: {"text": "El testamento de tu padre dice otra cosa.", "status": "translated"}}, role="translator")
    seed.import_original(ORIGINAL.replace("Your father's will says otherwise.",
                                          "Your father's last will says otherwise."))
    segments = open_script(page)
    line = segments.nth(4)
    banner = line.locator("[data-outdated]")
    expect(banner).to_be_visible()
    expect(line.locator("[data-outdated-chip]")).to_be_visible()
    expect(banner.locator("ins")).to_have_text(["last "])
    expect(banner.locator("del")).to_have_count(0)
    expect(banner.locator("[data-diff]")).to_have_text("Your father's last will says otherwise.")
    expect(line.locator("[data-source] .src-text")).to_have_text("Your father's last will says otherwise.")
    expect(line.locator(".finding[data-rule=outdated]")).to_have_count(1)
    expect(segments.nth(3).locator("[data-outdated]")).to_be_hidden()
    screenshot(page, "script-outdated", full_page=False)
    banner.locator("[data-confirm]").click()
    expect(banner).to_be_hidden()
    page.click("#ed-save")
    expect(page.locator("#ed-message")).to_have_text("Saved as revision 3.")
    assert server_segments(page)[4]["outdated"] is False
    expect(line.locator(".finding[data-rule=outdated]")).to_have_count(0)
