"""The report pages through the Flask test client: roles, numbers in the reader's language, charts, CSV."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

HEADER = "date,locale,episode,views,unlocks,revenue\n"
BODY = ("2026-03-31,en-US,1,6000,0,0\n2026-04-01,en-US,1,6345,0,0\n2026-04-01,en-US,2,9800,0,0\n"
        "2026-04-01,en-US,3,7400,0,0\n2026-04-01,en-US,4,5550,5550,2164.50\n"
        "2026-04-01,es-MX,1,5000,0,0\n2026-04-01,es-MX,2,4000,0,0\n2026-04-01,es-MX,3,3200,0,0\n"
        "2026-04-02,es-MX,4,1900,1900,13300.00\n")
# Continuation en-US 0.793843, 0.755102, 0.75; es-MX 0.8, 0.8, 0.59375: only original episode 3's
# cliffhanger is weaker in the remake.


@pytest.fixture
def views(api, series, lead):
    lead.patch("/api/v1/series/heir/versions/es-MX", {"currency": "MXN"})
    lead.patch("/api/v1/series/heir/episodes/3", {"title": "Glass Tower", "cliffhanger": "If he signs, he dies.",
                                                  "cliffhanger_kind": "threat"})
    r = api("marketing").post("/api/v1/series/heir/views", data=(HEADER + BODY).encode(),
                              headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", html, re.S)]


def test_marketing_reads_the_series_report_in_english(client, sign_in, views):
    sign_in("marketing")
    r = client.get("/series/heir/report")
    assert r.status_code == 200
    html = r.get_data(as_text=True)
    charts = svgs(html)
    assert len(charts) == 4 and all(c.get("role") == "img" for c in charts)
    assert 'style="' not in html.split("<main", 1)[1]  # the CSP forbids inline styles
    assert "12,345" in html and "$2,164.50" in html and "MX$13,300.00" in html  # en-US views 12,345 on ep 1
    assert "If he signs, he dies." in html  # es-MX's weakest cliffhanger is after original episode 3
    assert 'href="/series/heir/report.csv"' in html
    assert 'href="/reports" aria-current="page"' in html  # the nav link


def test_spanish_reader_gets_spanish_numbers_and_money(client, sign_in, views):
    sign_in("marketing")
    client.post("/language", data={"language": "es", "csrf_token": _csrf(client)})
    html = client.get("/series/heir/report?from=2026-03-01&to=2026-04-30").get_data(as_text=True)
    assert "12.345" in html and "2164,50\xa0US$" in html.replace(".", "") and "13.300,00\xa0MXN" in html
    assert "59,4\xa0%" in html  # es-MX paywall conversion 1900 / 3200, in the Spanish percent pattern
    chart_texts = [el.text for svg in svgs(html) for el in svg.iter() if el.text]
    assert "35.095" in chart_texts and "59,4\xa0%" in chart_texts  # the charts speak Spanish too


def _csrf(client) -> str:
    html = client.get("/series/heir/report").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def test_portfolio_page_lists_every_series_with_money_per_currency(client, sign_in, views):
    sign_in("lead")
    html = client.get("/reports").get_data(as_text=True)
    assert "The Heir" in html and 'href="/series/heir/report"' in html
    assert "$2,164.50" in html and "MX$13,300.00" in html
    assert len(svgs(html)) == 2


@pytest.mark.parametrize("path", ["/reports", "/series/heir/report", "/reports.csv", "/series/heir/report.csv"])
def test_translator_is_refused_and_anonymous_goes_to_login(client, sign_in, series, path):
    r = client.get(path)
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    sign_in("translator", ["es-MX"])
    assert client.get(path).status_code == 403


def test_translator_has_no_reports_link(client, sign_in, series):
    sign_in("translator", ["es-MX"])
    assert 'href="/reports"' not in client.get("/series").get_data(as_text=True)


def test_bad_range_is_422_with_the_field_marked(client, sign_in, views):
    sign_in("marketing")
    r = client.get("/series/heir/report?from=2026-04-30&to=2026-04-01")
    assert r.status_code == 422
    html = r.get_data(as_text=True)
    assert "The start date is after the end date." in html and 'aria-invalid="true"' in html
    assert "<svg" not in html
    assert client.get("/reports?to=someday").status_code == 422
    assert client.get("/series/heir/report.csv?from=x").status_code == 422
    assert client.get("/series/nope/report").status_code == 404


def test_csv_downloads(client, sign_in, views):
    sign_in("marketing")
    r = client.get("/series/heir/report.csv?from=2026-04-01")
    assert r.mimetype == "text/csv"
    assert r.headers["Content-Disposition"] == 'attachment; filename="heir-report-2026-04-01.csv"'
    lines = r.get_data(as_text=True).splitlines()
    assert lines[0].startswith("series,locale,kind,currency,episode,original_episode,views")
    assert lines[1].startswith("heir,en-US,original,USD,1,1,6345,0,0.0000,1.0,")
    r = client.get("/reports.csv")
    assert r.get_data(as_text=True).splitlines()[1:] == [
        "heir,en-US,original,USD,35095,5550,2164.5000,1.0", "heir,es-MX,remake,MXN,14100,1900,13300.0000,0.401767"]


@pytest.mark.parametrize("query", ["to=9999-12-31", "from=9999-12-31&to=9999-12-31"])
def test_report_pages_answer_far_dates(client, sign_in, views, query):
    sign_in("marketing")
    for path in ("/reports", "/series/heir/report", "/reports.csv", "/series/heir/report.csv"):
        assert client.get(f"{path}?{query}").status_code == 200, path


def test_a_period_without_views_says_so_and_which_months_have_data(client, sign_in, views):
    sign_in("marketing")
    html = client.get("/series/heir/report?from=2025-01-01&to=2025-01-31").get_data(as_text=True)
    assert "No views in this period." in html and "data-no-data" in html
    assert "Views are stored from March 2026 to April 2026." in html
    assert "No cliffhanger falls below" not in html  # not a result over zeros
    assert not svgs(html)  # no charts over nothing
    # One market without views in the period: its row and its charts say "no data", not 0.
    html = client.get("/series/heir/report?from=2026-03-31&to=2026-03-31").get_data(as_text=True)
    row = re.search(r'<tr data-locale="es-MX" data-no-data>.*?</tr>', html, re.S).group(0)
    assert "No views in this period" in row and "0" not in re.sub(r"<[^>]+>", "", row.split("</th>")[1])
    views_chart = ET.tostring(svgs(html)[0], encoding="unicode")
    assert "es-MX: no data" in views_chart
    assert 'data-weakest="es-MX"' in html and "No cliffhanger falls below" not in html
    assert "Views are stored from March 2026 to April 2026." in html  # the hint, with data too
    es = client.get("/series/heir/report?from=2025-01-01&to=2025-01-31",
                    headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "No hay vistas en este período." in es


def test_portfolio_without_views_in_the_period(client, sign_in, views):
    sign_in("marketing")
    html = client.get("/reports?from=2025-01-01&to=2025-01-31").get_data(as_text=True)
    assert "No views in this period." in html and "Views are stored from March 2026 to April 2026." in html
    assert not svgs(html) and "The Heir" in html


def test_paywall_crossing_is_marked_on_the_report_page(client, sign_in, api, series, lead):
    # The remake merges originals 1+2, so its crossing (episode 3 -> 4) ends story point 4, while the
    # original crosses at 3 -> 4: compared with each other, and marked.
    mapping = {"1": [1, 2], **{str(n): [n + 1] for n in range(2, 10)}}
    r = lead.patch("/api/v1/series/heir/versions/es-MX", {"episode_count": 9, "episode_mapping": mapping})
    assert r.status_code == 200, r.get_json()
    body = HEADER + "".join(f"2026-04-01,en-US,{n},{v},0,0\n" for n, v in enumerate(
        [1000, 950, 900, 450, 420, 400, 380, 360, 340, 320], start=1))
    body += "".join(f"2026-04-01,es-MX,{n},{v},0,0\n" for n, v in enumerate(
        [1000, 940, 880, 430, 400, 380, 360, 340, 320], start=1))
    r = api("marketing").post("/api/v1/series/heir/views", data=body.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    sign_in("marketing")
    html = client.get("/series/heir/report").get_data(as_text=True)
    card = re.search(r'data-weakest="es-MX".*?</li>\s*</ol>', html, re.S).group(0)
    item = re.search(r"<li data-paywall>.*?</li>", card, re.S).group(0)
    assert "Paywall crossing" in item and "Original episode 4" in item
    assert "from episode 3 to 4 (its paywall)" in item and "(episode 3 to 4)" in item
    assert "Original episode" in html and "1-2" in html  # the remake's episodes name the originals they tell


def test_the_page_follows_a_new_ingest_and_a_catalog_edit(client, sign_in, api, lead, views):
    """The page's result part is rendered once and reused: an ingest or a cliffhanger edit shows at once."""
    sign_in("marketing")
    first = client.get("/series/heir/report").get_data(as_text=True)
    # The same page again (CSRF tokens carry the second they were signed in, so they are left out).
    assert "12,345" in first and _tokenless(first) == _tokenless(client.get("/series/heir/report").get_data(as_text=True))
    r = api("marketing").post("/api/v1/series/heir/views", data=(HEADER + "2026-04-01,en-US,1,7345,0,0\n").encode(),
                              headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    html = client.get("/series/heir/report").get_data(as_text=True)
    assert "13,345" in html and "12,345" not in html  # episode 1's day replaced: 6,000 + 7,345
    lead.patch("/api/v1/series/heir/episodes/3", {"cliffhanger": "If she signs, she dies."})
    html = client.get("/series/heir/report").get_data(as_text=True)
    assert "If she signs, she dies." in html and "If he signs, he dies." not in html


def _tokenless(html: str) -> str:
    return re.sub(r'name="csrf_token" value="[^"]*"', 'name="csrf_token"', html)
