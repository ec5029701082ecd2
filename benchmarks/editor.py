"""The subtitle editor opening a 1,500-cue track in Chromium (issue 14: under a second of main-thread work).

Starts `localize serve` on a benchmark database with a 1,500-cue track, signs a lead in (a session
cookie), and opens the editor in headless Chromium (/usr/bin/chromium, driven by Playwright). Two
figures per load, from the navigation's start until the first frame in which the cue list holds
every row: "rows shown" (the page's own clock, performance.now()) and "main thread" (Chromium's
TaskDuration from the DevTools Performance domain: the time the renderer's main thread was busy).
The floor, alternating with it over BENCH_ROUNDS (default 5) rounds: a static page that builds the
same 1,500 rows from the same JSON with plain DOM calls (no app code). Prints medians and spreads.

Run: .venv/bin/python benchmarks/editor.py   (BENCH_DATABASE_URL=postgresql+psycopg://... for PostgreSQL)
"""
from __future__ import annotations

import sys
from pathlib import Path

# This folder holds http.py: it goes last on the path, or it would shadow the standard `http`.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE] + [str(HERE)]

import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402

from playwright.sync_api import sync_playwright  # noqa: E402

from _setup import database_url  # noqa: E402
from _site import Servers, build, session_cookie  # noqa: E402

CUES = 1500
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
EDITOR = "/series/bench/versions/es-MX/episodes/2/subtitles/es-MX"

# Runs before the page's own scripts: notes the first frame in which the list holds every row.
WATCH = """
(() => {
  const want = %d;
  const tick = () => {
    const list = document.getElementById('cues');
    if (list && list.childElementCount > 0 && window.__firstRows === undefined) window.__firstRows = performance.now();
    if (list && list.childElementCount >= want) { window.__rowsShown = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""" % CUES

FLOOR = """<!doctype html><meta charset="utf-8"><title>floor</title>
<ol id="cues"></ol>
<script id="data" type="application/json">%s</script>
<script>
const cues = JSON.parse(document.getElementById('data').textContent);
const list = document.getElementById('cues');
const fmt = (s) => new Date(s * 1000).toISOString().slice(11, 23);
for (const cue of cues) {
  const li = document.createElement('li');
  const time = document.createElement('span'); time.textContent = fmt(cue.start) + ' --> ' + fmt(cue.end);
  const text = document.createElement('textarea'); text.value = cue.text;
  li.append(time, text); list.append(li);
}
</script>"""


def measure(context, url: str) -> tuple[float, float]:
    """(ms until every row is shown, ms of main-thread work until then, ms until the first rows
    are shown), in a new tab."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
    busy = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["TaskDuration"]
    page.goto(url)
    page.wait_for_function("() => window.__rowsShown !== undefined", timeout=60_000, polling=100)
    shown, first = page.evaluate("[window.__rowsShown, window.__firstRows]")
    after = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}["TaskDuration"]
    page.close()
    return shown, (after - busy) * 1000, first


def main() -> None:
    url = database_url()
    site = build(url, days=1, big_cues=CUES)
    from localize import db
    from localize.subtitles.formats import parse
    from _site import vtt
    cues = [{"start": c.start_ms / 1000, "end": c.end_ms / 1000, "text": c.text} for c in parse(vtt(CUES, 2)).cues]
    floor_file = Path(tempfile.mkdtemp(prefix="localize-bench-editor-")) / "floor.html"
    floor_file.write_text(FLOOR % json.dumps(cues).replace("</", "<\\/"), encoding="utf-8")
    db.get_engine(url).dispose()
    with Servers(url) as servers, sync_playwright() as pw:
        name, value = session_cookie(url, servers.secret, site["uid"], site["epoch"])
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context()
        context.add_init_script(WATCH)
        context.add_cookies([{"name": name, "value": value, "url": f"http://127.0.0.1:{servers.app_port}"}])
        target = f"http://127.0.0.1:{servers.app_port}{EDITOR}"
        measure(context, target)  # warm: the server's caches, the browser's parsed scripts
        shown = {"floor": [], "editor": []}
        busy = {"floor": [], "editor": []}
        first = {"floor": [], "editor": []}
        for r in range(ROUNDS):
            runs = (("floor", floor_file.as_uri()), ("editor", target))
            for kind, address in (runs if r % 2 == 0 else runs[::-1]):
                s, b, f = measure(context, address)
                shown[kind].append(s)
                busy[kind].append(b)
                first[kind].append(f)
        page = context.new_page()
        page.goto(target)
        page.wait_for_function("() => window.__rowsShown !== undefined", timeout=60_000, polling=100)
        rows = page.evaluate("document.getElementById('cues').childElementCount")
        browser.close()

    def show(label, values):
        return (f"{label:44} median {statistics.median(values):8.0f} ms   "
                f"spread {min(values):.0f}-{max(values):.0f}")

    print(f"database: {url.split(':')[0]}; Chromium headless; a {CUES}-cue track ({rows} rows shown); "
          f"{ROUNDS} rounds, floor and editor alternating")
    print(show("floor   plain DOM rows: until shown", shown["floor"]))
    print(show("floor   plain DOM rows: main-thread work", busy["floor"]))
    print(show("editor  until the first screenful is shown", first["editor"]))
    print(show("editor  until every row is shown", shown["editor"]))
    print(show("editor  main-thread work until then (aim < 1000)", busy["editor"]))
    ratios = [e / f for e, f in zip(busy["editor"], busy["floor"])]
    print(f"{'ratio   editor / floor, main-thread work':44} median {statistics.median(ratios):8.2f} x    "
          f"spread {min(ratios):.2f}-{max(ratios):.2f}")


if __name__ == "__main__":
    main()
