"""An exported VTT parses the same in a real browser: Chromium loads it as a <track>."""
import os

import pytest

CHROMIUM = "/usr/bin/chromium"
BASE = "/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX"
VTT = """\ufeffWEBVTT\r\n\r\nSTYLE\r\n::cue { color: yellow }\r\n\r\nNOTE a note\r\n\r\n1\r\n00:00:00.500 --> 00:00:02.250 align:start line:90%\r\n<i>¿Dónde estabas,</i> Mateo?\r\n\r\n00:01.000 --> 00:03.000\r\nDos líneas\r\nen un cue\r\n\r\nid-3\r\n00:00:10.000 --> 00:01:02.999\r\n<b>Fin</b> & <u>más</u>\r\n"""


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


def test_exported_vtt_cues_match_in_chromium(api, series, browser):
    translator = api("translator", ["es-MX"])
    assert translator.put(BASE, data=VTT.encode(), headers={"Content-Type": "text/vtt"}).status_code == 201
    exported = translator.get(BASE + ".vtt").get_data(as_text=True)
    stored = translator.get(BASE).get_json()["cues"]

    page = browser.new_page()
    page.route("http://localize.test/track.vtt", lambda route: route.fulfill(
        status=200, body=exported, headers={"Content-Type": "text/vtt; charset=utf-8"}))
    page.route("http://localize.test/", lambda route: route.fulfill(status=200, content_type="text/html", body=(
        "<!doctype html><video id=v><track id=t kind=subtitles srclang=es src=/track.vtt default></video>")))
    page.goto("http://localize.test/")
    page.wait_for_function("document.getElementById('t').readyState === 2", timeout=10_000)
    cues = page.evaluate("""() => {
        const track = document.getElementById('t').track;
        track.mode = 'hidden';
        return Array.from(track.cues).map(c => ({id: c.id, start: c.startTime, end: c.endTime, text: c.text}));
    }""")
    page.close()
    assert [(c["id"] or None, round(c["start"], 3), round(c["end"], 3), c["text"]) for c in cues] == [
        (s["identifier"], s["start"], s["end"], s["text"]) for s in stored]
    assert len(cues) == 3
