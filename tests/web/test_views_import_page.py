"""A lead or marketing imports a views CSV from the report page: all or nothing, every bad row named."""
from __future__ import annotations

import io
import re

import pytest
from sqlmodel import select

from localize.models import ViewDaily

GOOD = ("date,locale,episode,views,unlocks,revenue\n"
        "2025-01-01,en-US,1,100,0,0\n2025-01-01,es-MX,1,50,2,0.78\n")
BAD = ("date,locale,episode,views,unlocks,revenue\n"
       "2025-01-01,en-US,1,100,0,0\n2025-13-01,en-US,1,5,0,0\n2025-01-02,de-DE,1,5,0,0\n")
REPORT = "/series/heir/report"


def text(response) -> str:
    return response.get_data(as_text=True)


def send(client, body: str, name: str = "views.csv", token: str | None = None):
    if token is None:
        token = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get(REPORT))).group(1)
    return client.post(REPORT + "/views", data={"csrf_token": token, "file": (io.BytesIO(body.encode()), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("role", ["lead", "marketing"])
def test_a_good_csv_is_imported_from_the_report_page(client, series, sign_in, session, role):
    sign_in(role)
    assert 'action="/series/heir/report/views"' in text(client.get(REPORT))
    r = send(client, GOOD)
    assert r.status_code == 302 and r.headers["Location"].endswith(REPORT)
    assert len(session.exec(select(ViewDaily)).all()) == 2
    assert "views.csv imported: 2 rows (2 new, 0 replaced)." in text(client.get(REPORT))
    r = send(client, GOOD)
    assert "2 rows (0 new, 2 replaced)" in text(client.get(r.headers["Location"]))


def test_a_bad_csv_stores_nothing_and_names_every_bad_row(client, series, sign_in, session):
    sign_in("marketing")
    r = send(client, BAD)
    html = text(r)
    assert r.status_code == 422 and "views.csv was not imported: 2 problems. Nothing was stored." in html
    rows = re.findall(r"<tr><td>(\d*)</td><td>(\d*)</td><td><code>(\w+)</code></td><td>([^<]+)</td></tr>", html)
    assert [(row, line, field) for row, line, field, _reason in rows] == [("2", "3", "date"), ("3", "4", "locale")]
    assert session.exec(select(ViewDaily)).all() == []
    r = send(client, "day,locale\n")
    assert r.status_code == 422 and "<code>header</code>" in text(r)
    r = send(client, "", name="")
    assert r.status_code == 422 and "Choose a CSV file to import." in text(r)


def test_translators_cannot_import_and_csrf_is_required(client, series, sign_in, session):
    sign_in("lead")
    r = client.post(REPORT + "/views", data={"file": (io.BytesIO(GOOD.encode()), "v.csv")},
                    content_type="multipart/form-data")
    assert r.status_code == 400
    token = re.search(r'name="csrf_token" value="([^"]+)"', text(client.get("/series"))).group(1)
    sign_in("translator", ["es-MX"])
    assert send(client, GOOD, token=token).status_code == 403
    assert session.exec(select(ViewDaily)).all() == []


def test_the_views_limit_applies_to_the_form_not_the_page_limit(app, client, series, sign_in, session):
    app.config["MAX_CONTENT_LENGTH"] = 1024  # far below the file: only the views limit may apply
    sign_in("lead")
    body = "date,locale,episode,views,unlocks,revenue\n" + "".join(
        f"2025-01-{d:02d},en-US,{e},10,1,0.39\n" for d in range(1, 29) for e in range(1, 11))
    assert len(body) > 1024
    r = send(client, body)
    assert r.status_code == 302
    assert len(session.exec(select(ViewDaily)).all()) == 280
