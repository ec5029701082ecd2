"""GET /metrics: who may read it, and what it counts (requests per endpoint, imports, view rows)."""
import json

import pytest
from prometheus_client.parser import text_string_to_metric_families

from localize import create_app
from localize.app.metrics import access_line

VTT = b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello\n"


def _samples(text: str) -> dict:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def _value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def _sign_in(client, user):
    with client.session_transaction() as session:
        session["uid"] = user.id
        session["epoch"] = user.session_epoch
        session["seen"] = 2_000_000_000  # "just now" for years: no refresh needed


def test_metrics_are_refused_without_credentials_and_to_non_admins(client, make_user):
    r = client.get("/metrics")
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
    assert r.headers["WWW-Authenticate"].startswith("Bearer")
    for role in ("lead", "translator", "marketing"):
        _, token = make_user(role)
        r = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 403, role
        assert r.get_json()["error"]["code"] == "forbidden"
    r = client.get("/metrics", headers={"Authorization": "Bearer not-a-token"})
    assert r.status_code == 401
    user, _ = make_user("lead")
    _sign_in(client, user)
    assert client.get("/metrics").status_code == 403


def test_admins_read_metrics_by_token_or_session(client, make_user):
    user, token = make_user("admin")
    r = client.get("/metrics", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.content_type.startswith("text/plain")
    assert "localize_http_requests_total" in r.get_data(as_text=True)
    fresh = client.application.test_client()
    _sign_in(fresh, user)
    assert fresh.get("/metrics").status_code == 200


def test_a_configured_scrape_address_reads_metrics_without_credentials(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LOCALIZE_METRICS_ALLOW", "10.0.0.9, 127.0.0.1")
    app = create_app({"DATABASE_URL": db_url, "TESTING": True})
    assert app.config["METRICS_ALLOW"] == {"10.0.0.9", "127.0.0.1"}
    client = app.test_client()
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "10.0.0.8"}).status_code == 401


def test_metrics_count_requests_by_endpoint_imports_and_view_rows(client, make_user, api, series):
    _, admin_token = make_user("admin")
    admin = {"Authorization": f"Bearer {admin_token}"}
    before = _samples(client.get("/metrics", headers=admin).get_data(as_text=True))
    lead = api("lead")
    for _ in range(3):
        assert lead.get("/api/v1/series/heir").status_code == 200
    assert lead.get("/api/v1/series/nope").status_code == 404
    assert client.get("/no/such/page").status_code == 404
    r = lead.post("/api/v1/series/heir/views",
                  data=b"date,locale,episode,views,unlocks,revenue\n2026-11-01,en-US,1,10,0,0\n"
                       b"2026-11-02,en-US,1,12,0,0\n2026-11-02,es-MX,2,5,0,0\n",
                  headers={"Content-Type": "text/csv"})
    assert r.status_code == 200, r.get_json()
    r = lead.put("/api/v1/series/heir/versions/en-US/episodes/1/subtitles/en", data=VTT,
                 headers={"Content-Type": "text/vtt"})
    assert r.status_code == 201, r.get_json()
    text = client.get("/metrics", headers=admin).get_data(as_text=True)
    after = _samples(text)

    def delta(name, **labels):
        return _value(after, name, **labels) - _value(before, name, **labels)

    assert delta("localize_http_requests_total", method="GET", endpoint="api.series_get", status="200") == 3
    assert delta("localize_http_requests_total", method="GET", endpoint="api.series_get", status="404") == 1
    assert delta("localize_http_requests_total", method="GET", endpoint="unmatched", status="404") == 1
    assert delta("localize_http_requests_total", method="POST", endpoint="api.views_ingest", status="200") == 1
    assert delta("localize_http_request_duration_seconds_count", endpoint="api.series_get") == 4
    assert delta("localize_view_ingest_rows_total") == 3
    assert delta("localize_imports_total", kind="views") == 1
    assert delta("localize_imports_total", kind="subtitles") == 1
    assert delta("localize_imports_total", kind="scripts") == 0
    # Labels name endpoints, never raw paths (one series per slug would grow without bound).
    assert "/api/v1/series/heir" not in text and "nope" not in text


def test_json_access_log_lines(db_url, monkeypatch, capsys, make_user):
    monkeypatch.setenv("LOCALIZE_LOG_FORMAT", "json")
    app = create_app({"DATABASE_URL": db_url, "TESTING": True})
    client = app.test_client()
    capsys.readouterr()
    user, token = make_user("lead")
    assert client.get("/api/v1/series/heir", headers={"Authorization": f"Bearer {token}"},
                      environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 404
    assert client.get("/api/v1/health").status_code == 200
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(lines) == 2
    first, second = lines
    assert first.keys() == {"method", "path", "status", "duration_ms", "user_id", "remote_addr"}
    assert first["method"] == "GET" and first["path"] == "/api/v1/series/<slug>" and first["status"] == 404
    assert first["user_id"] == user.id and first["remote_addr"] == "10.1.2.3"
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert second["path"] == "/api/v1/health" and second["status"] == 200 and second["user_id"] is None


def test_the_default_text_format_prints_no_json_from_the_app(client, capsys):
    capsys.readouterr()
    client.get("/api/v1/health")
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("user_id", [None, 7])
def test_access_line_is_one_json_object(user_id):
    line = access_line("POST", "/api/v1/series/<slug>/views", 201, 12.345, user_id, "127.0.0.1")
    assert "\n" not in line
    assert json.loads(line) == {"method": "POST", "path": "/api/v1/series/<slug>/views", "status": 201,
                                "duration_ms": 12.3, "user_id": user_id, "remote_addr": "127.0.0.1"}
