"""View counts and reports under hostile input: the right 4xx (or a 200), never a 500, nothing stored."""
from __future__ import annotations

import io
import json

import pytest

HEADER = "date,locale,episode,views,unlocks,revenue\n"
BIG = 2**62  # passes one by one; three of them overflow a 64-bit sum


@pytest.fixture
def marketing(api, series):
    return api("marketing")


def _post(client, body: str, content_type: str = "text/csv"):
    return client.post("/api/v1/series/heir/views", data=body.encode("utf-8"), headers={"Content-Type": content_type})


@pytest.mark.parametrize("charset", ["bogus", "rot13", "hex", "base64", "zlib", "x" * 300])
def test_a_charset_that_is_not_a_text_encoding_is_a_415(marketing, charset):
    r = _post(marketing, HEADER + "2026-01-01,en-US,1,10,0,0\n", f"text/csv; charset={charset}")
    assert r.status_code == 415 and r.get_json()["error"]["details"][0]["field"] == "charset"


@pytest.mark.parametrize("charset", ["utf-16", "utf-32"])
def test_utf16_without_its_bom_is_a_422_naming_the_header(marketing, charset):
    r = _post(marketing, HEADER + "2026-01-01,en-US,1,10,0,0\n", f"text/csv; charset={charset}")
    assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == "header"


def test_a_utf16_file_with_its_bom_is_read(marketing):
    body = (HEADER + "2026-01-01,en-US,1,10,0,0\n").encode("utf-16")
    r = marketing.client.post("/api/v1/series/heir/views", data=body,
                              headers={"Content-Type": "text/csv; charset=utf-16", **_auth(marketing)})
    assert r.status_code == 200 and r.get_json()["rows"] == 1


def _auth(api):
    return {"Authorization": f"Bearer {api.token}"}


def test_rows_that_overflow_a_sum_are_refused_whole(marketing):
    assert _post(marketing, HEADER + "2026-01-01,en-US,1,5,0,0\n").status_code == 200
    body = "".join(f"2026-01-0{d},en-US,1,{BIG},0,0\n" for d in (2, 3, 4))
    r = _post(marketing, HEADER + body)
    assert r.status_code == 422, r.get_data(as_text=True)
    assert r.get_json()["error"]["details"][0]["field"] == "rows"
    report = marketing.get("/api/v1/series/heir/report").get_json()
    assert report["versions"][0]["views"] == 5  # the stored day is intact, the batch is gone


def test_a_day_past_the_last_storable_one_is_a_row_error(marketing):
    r = _post(marketing, HEADER + "9999-12-31,en-US,1,1,0,0\n")
    assert r.status_code == 422
    assert r.get_json()["error"]["details"][0] | {"message": ""} == {"row": 1, "line": 2, "field": "date", "message": ""}


@pytest.mark.parametrize("query", ["to=9999-12-31", "from=9999-12-31&to=9999-12-31", "from=0001-01-01"])
def test_far_dates_in_reports_are_answered(marketing, query):
    assert _post(marketing, HEADER + "2026-01-01,en-US,1,5,0,0\n").status_code == 200
    for path in ("/api/v1/series/heir/report", "/api/v1/report"):
        r = marketing.get(f"{path}?{query}")
        assert r.status_code == 200, (path, r.status_code)
        assert marketing.get(f"{path}?{query}&format=csv").status_code == 200


def test_a_json_batch_over_its_cap_is_a_413_that_says_to_send_csv(app, marketing):
    app.config["MAX_VIEWS_JSON"] = 1024
    rows = [{"date": "2026-01-01", "locale": "en-US", "episode": 1, "views": 1, "unlocks": 0, "revenue": "0"}] * 40
    r = marketing.post("/api/v1/series/heir/views", {"rows": rows})
    assert r.status_code == 413 and "text/csv" in r.get_json()["error"]["message"]
    # Chunked (no Content-Length, as gunicorn hands it over): counted while read.
    body = json.dumps({"rows": rows}).encode()
    for payload, status in ((body, 413), (json.dumps({"rows": rows[:1]}).encode(), 200)):
        r = marketing.client.post("/api/v1/series/heir/views", input_stream=io.BytesIO(payload),
                                  headers={"Content-Type": "application/json", **_auth(marketing)},
                                  environ_overrides={"wsgi.input_terminated": True})
        assert r.status_code == status
    small = {"rows": rows[:1]}
    assert marketing.post("/api/v1/series/heir/views", small).status_code == 200
