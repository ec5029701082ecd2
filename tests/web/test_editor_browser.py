"""The subtitle editor in Chromium against a live server and the demo catalog (SQLite).

The demo has the remake's Spanish track for episode 1 (5 cues, revision 1) beside the original's
English one; the demo translator writes es-MX, pt-BR and fr.
"""
from __future__ import annotations

import re

from browsing import SLUG, screenshot, sign_in_page
from playwright.sync_api import expect

from localize.subtitles.editor import full_width_ranges
from localize.presets import COUNTING_RULES
from localize.subtitles.qc import visible_length

ED = f"/series/{SLUG}/versions/es-MX/episodes/1/subtitles/es-MX"
FIRST = "Yo soy el verdadero heredero."


def open_editor(page, role: str = "translator"):
    sign_in_page(page, role)
    page.goto(ED)
    expect(page.locator("#cues .cue")).to_have_count(5)
    return page.locator("#cues .cue")


def saved(page, revision: int):
    expect(page.locator("#ed-message")).to_have_text(f"Saved as revision {revision}.")


def server_cues(page) -> list[str]:
    return [c["text"] for c in page.request.get(ED + "/cues.json").json()["cues"]]


def test_translator_edits_sees_the_counter_and_saves_with_ctrl_s(page):
    cues = open_editor(page)
    first = cues.first
    meter = first.locator("[data-meter=chars]")
    expect(meter).to_have_text("Line 29/42")
    expect(first.locator(".src-text")).to_have_text("I'm the real heir.")
    text = first.locator("textarea")
    text.fill("Yo soy el verdadero heredero de toda esta familia, Valeria.")
    expect(meter).to_have_text("Line 59/42")
    expect(meter).to_have_class(re.compile(r"\bover\b"))
    expect(first.locator("[data-meter=cps]")).to_have_class(re.compile(r"\bover\b"))  # 59 chars in 3 s
    expect(page.locator("#ed-state")).to_have_text("Unsaved changes")
    page.fill("#ed-summary", "longer first line")
    text.focus()
    page.keyboard.press("Control+s")
    saved(page, 2)
    # The server's QC findings now show on the cue, with the history's new revision.
    expect(first.locator(".finding")).to_have_text(["Line too long: 59 / 42", "Reads too fast: 19.67 / 17"])
    expect(page.locator("#ed-qc")).to_have_text("0 errors · 2 warnings")
    latest = page.locator("#history .rev").first
    expect(latest).to_contain_text("Revision 2")
    expect(latest).to_contain_text("longer first line")
    expect(latest).to_contain_text("0 added, 0 removed, 1 changed")
    screenshot(page, "editor", full_page=False)
    text.fill("Soy el verdadero heredero.")
    expect(meter).not_to_have_class(re.compile(r"\bover\b"))
    expect(first.locator(".finding")).to_have_count(0)  # live QC: fixed as typed, before any save
    first.locator("[data-field=end]").fill("00:00:0x")
    expect(first.locator("[data-field=end]")).to_have_attribute("aria-invalid", "true")
    page.click("#ed-save")
    expect(page.locator("#ed-message")).to_contain_text("Some times are not valid")
    first.locator("[data-field=end]").fill("00:00:04.200")
    page.click("#ed-save")
    saved(page, 3)
    expect(first.locator(".finding")).to_have_count(0)
    expect(page.locator("#ed-state")).to_have_text("All changes saved")
    assert server_cues(page)[0] == "Soy el verdadero heredero."
    # Keyboard: Alt+ArrowDown / Ctrl+ArrowUp move between cues.
    cues.first.locator("textarea").focus()
    page.keyboard.press("Alt+ArrowDown")
    expect(cues.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
    expect(cues.nth(1).locator("textarea")).to_be_focused()
    page.keyboard.press("Control+ArrowUp")
    expect(cues.first.locator("textarea")).to_be_focused()
    latest = page.locator("#history .rev").first
    latest.locator("[data-rev-diff]").click()
    expect(latest.locator(".diff del")).to_contain_text("toda esta familia")
    expect(latest.locator(".diff ins")).to_contain_text("Soy el verdadero heredero.")


def test_conflict_shows_both_and_keep_mine_saves_on_top(new_page):
    a, b = new_page(), new_page()
    open_editor(a, "translator")
    open_editor(b, "lead")
    a.locator("#cues textarea").first.fill("Texto de A.")
    a.click("#ed-save")
    saved(a, 2)
    b.locator("#cues textarea").first.fill("Texto de B.")
    b.locator("#cues textarea").first.focus()
    b.keyboard.press("Control+s")
    conflict = b.locator("#conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".side-theirs")).to_contain_text("Texto de A.")
    expect(conflict.locator(".side-mine")).to_contain_text("Texto de B.")
    expect(conflict).to_contain_text("Demo translator saved revision 2")
    screenshot(b, "editor-conflict", full_page=False)
    b.click("#conflict [data-conflict=mine]")
    saved(b, 3)
    expect(b.locator("#cues textarea").first).to_have_value("Texto de B.")
    assert server_cues(b)[0] == "Texto de B."
    history = b.request.get(ED + "/revisions.json").json()["revisions"]
    assert [(r["number"], r["author"]) for r in history] == [(3, "Demo lead"), (2, "Demo translator"), (1, "Demo lead")]


def test_conflict_choice_per_cue(new_page):
    a, b = new_page(), new_page()
    open_editor(a, "translator")
    open_editor(b, "lead")
    a.locator("#cues textarea").first.fill("Primera de A.")
    a.click("#ed-save")
    saved(a, 2)
    b.locator("#cues textarea").nth(0).fill("Primera de B.")
    b.locator("#cues textarea").nth(1).fill("Segunda de B.")
    b.click("#ed-save")
    rows = b.locator("#conflict .conflict-row")
    expect(rows).to_have_count(1)  # cue 2: only B changed it, kept without asking
    expect(b.locator("#conflict [data-conflict-same]")).to_contain_text(
        "1 cue changed on one side only was merged automatically.")
    rows.nth(0).locator(".side-theirs input").check()  # cue 1: take A's
    b.click("#conflict [data-conflict=apply]")
    saved(b, 3)
    assert server_cues(b)[:2] == ["Primera de A.", "Segunda de B."]


def test_unsaved_edits_survive_a_reload_and_a_later_save_by_someone_else(new_page):
    a, b = new_page(), new_page()
    open_editor(a, "translator")
    a.locator("#cues textarea").nth(2).fill("Editado sin guardar.")
    a.wait_for_timeout(400)  # the draft is written 250 ms after the last keystroke
    a.reload()
    expect(a.locator("#cues textarea").nth(2)).to_have_value("Editado sin guardar.")
    expect(a.locator("#ed-draft")).to_be_visible()
    open_editor(b, "lead")
    b.locator("#cues textarea").first.fill("Guardado por otra persona.")
    b.click("#ed-save")
    saved(b, 2)
    a.reload()
    # Nobody changed the same cue: their cue 1 and my cue 3 merge without asking, unsaved yet.
    expect(a.locator("#ed-message")).to_contain_text("2 changes were merged automatically")
    expect(a.locator("#conflict")).to_be_hidden()
    expect(a.locator("#cues textarea").nth(0)).to_have_value("Guardado por otra persona.")
    expect(a.locator("#cues textarea").nth(2)).to_have_value("Editado sin guardar.")
    expect(a.locator("#ed-state")).to_have_text("Unsaved changes")
    a.click("#ed-save")
    saved(a, 3)
    texts = server_cues(a)
    assert texts[0] == "Guardado por otra persona." and texts[2] == "Editado sin guardar."


def test_restore_a_revision_from_history(page):
    cues = open_editor(page)
    cues.first.locator("textarea").fill("Cambio que no queremos.")
    page.click("#ed-save")
    saved(page, 2)
    page.locator("#history .rev[data-revision='1'] [data-rev-restore]").click()
    expect(page.locator("#ed-message")).to_have_text("Revision 1 restored as revision 3.")
    expect(cues.first.locator("textarea")).to_have_value(FIRST)
    expect(page.locator("#history .rev").first).to_contain_text("restored from revision 1")
    assert server_cues(page)[0] == FIRST


def test_add_and_delete_cues(page):
    cues = open_editor(page, "lead")
    cues.first.locator("[data-insert]").click()
    expect(cues).to_have_count(6)
    new = cues.nth(1)
    expect(new.locator("textarea")).to_be_focused()
    expect(new.locator("[data-field=start]")).to_have_value("00:00:04.083")  # after cue 1 and a 2-frame gap
    new.locator("textarea").fill("Nueva línea.")
    cues.nth(5).locator("[data-delete]").click()
    expect(cues).to_have_count(5)
    page.click("#ed-save")
    saved(page, 2)
    texts = server_cues(page)
    assert texts[1] == "Nueva línea." and "<i>Si firma, muere.</i>" not in texts


def test_marketing_reads_only(page):
    cues = open_editor(page, "marketing")
    expect(cues.first.locator("textarea")).to_have_attribute("readonly", "")
    expect(page.locator("#ed-save")).to_have_count(0)
    expect(page.locator(".readonly-note")).to_be_visible()


def test_phone_stacks_the_source_above_the_target(new_page):
    page = new_page(390, 844)
    cues = open_editor(page)
    source = cues.first.locator(".cue-source").bounding_box()
    target = cues.first.locator(".cue-target").bounding_box()
    assert source["y"] + source["height"] <= target["y"] + 1
    assert abs(source["x"] - target["x"]) < 2 and target["x"] + target["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "editor-phone", full_page=False)


def test_live_counter_counts_like_the_server_qc(page):
    open_editor(page)
    module = page.locator("script[type=module]").get_attribute("src").replace("editor.js", "editor-text.js")
    samples = ["<i>Hola</i> &amp; adiós", "今日は、ＡＢＣ abc…", "안녕하세요 Mateo!", "😀 ｶﾀｶﾅ", "{\\an8}<c.yellow>Arriba</c>"]
    for counting in COUNTING_RULES:
        got = page.evaluate(
            """async ([module, samples, counting, table]) => {
                 const text = await import(module);
                 return samples.map((s) => text.visibleLength(s, counting, table));
               }""", [module, samples, counting, full_width_ranges(counting)])
        assert got == [visible_length(s, counting) for s in samples], counting


def test_history_shows_the_newest_page_then_older_revisions_on_demand(page, live_server):
    from sqlmodel import select

    from localize import db
    from localize.models import User
    from localize.subtitles import editor, tracks
    with db.session_scope(live_server.app.extensions["localize_engine"]) as s:
        lead = s.exec(select(User).where(User.email == "lead@demo.localize")).one()
        target = editor.open_target(s, SLUG, "es-MX", 1, "es-MX")
        cues = [{"start_ms": c.start_ms, "end_ms": c.end_ms, "text": c.text} for c in tracks.track_cues(s, target.track)]
        for n in range(2, 57):  # revisions 2..56 on top of the demo's revision 1
            cues[0]["text"] = f"Versión {n}"
            tracks.save_cues(s, series=target.series, version=target.version, episode=target.episode,
                             language="es-MX", cues=cues, author=lead, expected_revision=None)
    open_editor(page)
    history = page.locator("#history .rev")
    expect(history).to_have_count(50)
    expect(history.first).to_contain_text("Revision 56")
    page.click("[data-history-older]")
    expect(history).to_have_count(56)
    expect(history.last).to_contain_text("Revision 1")
    expect(page.locator("[data-history-older]")).to_have_count(0)


def test_live_qc_updates_findings_and_counts_as_the_translator_types(page):
    cues = open_editor(page)
    expect(page.locator("#ed-qc")).to_have_text("0 errors · 0 warnings")
    second = cues.nth(1)  # its source names Ethan, who is Mateo in the remake (a glossary name from casting)
    # Too long, too fast: warnings appear while typing, before any save.
    second.locator("textarea").fill("Mateo, una línea demasiado larga para la pantalla de teléfono.")
    expect(second.locator(".finding")).to_have_text(["Line too long: 62 / 42", re.compile(r"^Reads too fast: ")])
    expect(page.locator("#ed-qc")).to_have_text("0 errors · 2 warnings")
    expect(second.locator(".finding").first).to_have_attribute(
        "title", "A line is 62 characters long (limit 42).")
    # An unclosed tag is an error; an overlap marks the cue that starts too early.
    second.locator("textarea").fill("<i>Mateo.")
    expect(second.locator(".finding")).to_have_text(["Tag not closed: <i>"])
    expect(page.locator("#ed-qc")).to_have_text("1 error · 0 warnings")
    expect(second).to_have_class(re.compile(r"\bhas-error\b"))
    start = cues.nth(2).locator("[data-field=start]")
    end_of_second = cues.nth(1).locator("[data-field=end]").input_value()
    start.fill(end_of_second[:-3] + "000")  # starts before cue 2 ends
    expect(cues.nth(2).locator(".finding.sev-error")).to_contain_text("Overlaps the previous cue")
    expect(page.locator("#ed-qc")).to_have_text(re.compile(r"^2 errors · "))
    start.fill(end_of_second)  # back where it was
    second.locator("textarea").fill("Mateo.")
    # An emptied cue of a translation in progress is work to do, and says so.
    second.locator("[data-field=status]").select_option("untranslated")
    second.locator("textarea").fill("")
    expect(second.locator(".finding")).to_have_text(["No translation yet"])
    expect(second.locator(".finding")).to_have_attribute("title", "This cue has no translation yet.")
    # The server is the authority at save: its findings replace the live ones, and agree.
    second.locator("textarea").fill("Mateo, una línea demasiado larga para la pantalla de teléfono.")
    live = second.locator(".finding").all_inner_texts()
    page.click("#ed-save")
    saved(page, 2)
    expect(second.locator(".finding")).to_have_text(live)
    expect(second.locator(".findings")).not_to_have_class(re.compile(r"\bstale\b"))
    server = page.request.get(ED + "/cues.json").json()["qc"]
    assert sorted(f["rule"] for f in server if f["cue"] == 2) == ["chars_per_line", "reading_speed"]


def test_live_qc_checks_a_remakes_original_names_and_the_episode_end(page):
    cues = open_editor(page)
    cues.first.locator("textarea").fill("Ethan, soy yo.")
    expect(cues.first.locator(".finding")).to_have_text(["Original character name: Ethan / Mateo"])
    last = cues.nth(4)
    last.locator("[data-field=end]").fill("00:05:00.000")
    expect(last.locator(".finding.sev-error")).to_contain_text(["Past the episode's end"])


def test_conflict_asks_only_for_the_cue_both_changed_and_merges_the_rest(new_page):
    a, b = new_page(), new_page()
    open_editor(a, "translator")
    open_editor(b, "lead")
    a_text, b_text = a.locator("#cues textarea"), b.locator("#cues textarea")
    a_text.nth(0).fill("Primera de A.")   # both change cue 1
    a_text.nth(3).fill("Cuarta de A.")    # only A changes cue 4
    a.click("#ed-save")
    saved(a, 2)
    b_text.nth(0).fill("Primera de B.")
    b_text.nth(1).fill("Segunda de B.")   # only B changes cue 2
    b.click("#ed-save")
    conflict = b.locator("#conflict")
    expect(conflict).to_be_visible()
    rows = conflict.locator(".conflict-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(".side-theirs")).to_contain_text("Primera de A.")
    expect(rows.first.locator(".side-mine")).to_contain_text("Primera de B.")
    expect(conflict.locator("[data-conflict-same]")).to_have_text(
        "2 identical cues are not shown. 2 cues changed on one side only were merged automatically.")
    b.click("#conflict [data-conflict=mine]")
    saved(b, 3)
    assert server_cues(b)[:4] == ["Primera de B.", "Segunda de B.", server_cues(b)[2], "Cuarta de A."]
    expect(b_text.nth(3)).to_have_value("Cuarta de A.")


def test_a_save_that_conflicts_with_no_cue_merges_and_saves_without_asking(new_page):
    a, b = new_page(), new_page()
    open_editor(a, "translator")
    open_editor(b, "lead")
    a.locator("#cues textarea").nth(0).fill("Primera de A.")
    a.click("#ed-save")
    saved(a, 2)
    b.locator("#cues textarea").nth(4).fill("Quinta de B.")
    b.click("#ed-save")
    expect(b.locator("#ed-message")).to_have_text(
        "Saved as revision 3. Someone saved revision 2 meanwhile; no cue was changed on both sides, "
        "so 2 changes were merged automatically.")
    expect(b.locator("#conflict")).to_be_hidden()
    texts = server_cues(b)
    assert texts[0] == "Primera de A." and texts[4] == "Quinta de B."
