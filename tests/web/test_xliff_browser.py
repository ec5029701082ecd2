"""XLIFF download and upload in Chromium, beside the Fountain and VTT/SRT controls: a translator's round
trip through a CAT tool on the script page and in the subtitle editor, and a conflict shown unit by unit."""
from __future__ import annotations

from pathlib import Path

import pytest
from browsing import SLUG, sign_in_page
from playwright.sync_api import expect
from test_script_browser import PAGE, Seed, open_script
from xliff_cat import translate, units

TRACK = f"/series/{SLUG}/versions/fr/episodes/1/subtitles/fr"


@pytest.fixture
def seed(live_server):
    seed = Seed(live_server.app.config["DATABASE_URL"])
    seed.import_original()
    seed.adapt()
    return seed


def download(page, link: str, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        page.click(link)
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return path.read_bytes()


def upload(page, data: bytes, tmp_path: Path, name: str = "from-the-agency.xlf") -> None:
    (tmp_path / name).write_bytes(data)
    card = page.locator("details.xliff-card")
    card.locator("summary").click()
    card.locator("input[type=file]").set_input_files(str(tmp_path / name))
    card.locator("button[type=submit]").click()


def test_a_script_goes_to_a_cat_tool_and_comes_back(page, seed, tmp_path):
    open_script(page)
    exported = download(page, "#download-xliff", tmp_path)
    ids = list(units(exported))
    assert len(ids) == 5 and units(exported)[ids[2]]["source"] == "I'm the real heir."
    edited = translate(exported, {ids[2]: ("Yo soy el verdadero heredero.", "translated"),
                                  ids[3]: ("¿Mateo? No puedes estar aquí.", "final")})
    upload(page, edited, tmp_path)
    expect(page.locator(".flash")).to_have_text("from-the-agency.xlf applied: 2 units changed, revision 2.")
    segments = page.locator("#segments .seg")
    expect(segments).to_have_count(5)
    expect(segments.nth(2).locator("textarea")).to_have_value("Yo soy el verdadero heredero.")
    expect(segments.nth(3).locator("[data-status-badge]")).to_have_text("translated")  # a translator's "final"
    upload(page, edited, tmp_path)
    expect(page.locator(".flash")).to_have_text(
        "from-the-agency.xlf changed nothing: every unit is as exported, or already here.")


def test_a_conflict_lists_each_unit_and_applies_nothing(page, seed, tmp_path):
    open_script(page)
    exported = download(page, "#download-xliff", tmp_path)
    ids = list(units(exported))
    seed.edit({3: {"text": "Soy el heredero, y punto.", "status": "translated"}})  # the lead, meanwhile
    upload(page, translate(exported, {ids[0]: ("INT. PASILLO - NOCHE", None),
                                      ids[2]: ("Yo soy el verdadero heredero.", None)}), tmp_path)
    expect(page.locator("#page-error")).to_contain_text("1 unit was changed here since the export")
    expect(page.locator("#xliff-problems li")).to_have_text(
        [f"Unit {ids[2]} (line {units_line(exported, ids[2])}): someone else changed it here since the export: "
         "“Soy el heredero, y punto.”"])
    expect(page.locator("details.xliff-card")).to_have_attribute("open", "")
    page.goto(PAGE)
    expect(page.locator("#segments .seg").nth(0).locator("textarea")).not_to_have_value("INT. PASILLO - NOCHE")


def units_line(data: bytes, unit: str) -> int:
    text = data.decode()
    return text[:text.index(f'id="{unit}"')].count("\n") + 1


def test_the_subtitle_editor_round_trip_and_a_broken_file(page, live_server, tmp_path):
    sign_in_page(page, "translator")
    page.goto(TRACK)
    exported = download(page, "#download-xliff", tmp_path)
    ids = list(units(exported))
    assert units(exported)[ids[1]]["state"] == "signed-off" and units(exported)[ids[2]]["target"] == ""
    upload(page, translate(exported, {ids[2]: ("Trois ans, Ethan.", None)}), tmp_path)
    expect(page.locator(".flash")).to_contain_text("applied: 1 unit changed")
    expect(page.locator("#ed-revision")).to_contain_text("3")
    upload(page, b"<xliff>\n<file>", tmp_path, "broken.xlf")
    expect(page.locator("#upload-error")).to_contain_text("broken.xlf was not applied")
    expect(page.locator("#upload-error")).to_contain_text("line 2")
