"""The audit log: every change outside revisions, who and when, readable by admins only (issue 13, point 11)."""
from __future__ import annotations

from click.testing import CliRunner

from localize import cli


def test_catalog_changes_are_logged_newest_first_for_admins_only(series, lead, api):
    lead.patch("/api/v1/series/heir/versions/es-MX", {"status": "casting"})
    r = lead.post("/api/v1/series/heir/characters", {"name": "Ethan"})
    character = r.get_json()["id"]
    lead.put(f"/api/v1/series/heir/versions/es-MX/casting/{character}", {"localized_name": "Mateo",
                                                                          "actor": "R. Santín"})
    lead.put("/api/v1/series/heir/versions/es-MX/episodes/1/subtitles/es-MX",
             data=b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHola\n", headers={"Content-Type": "text/vtt"})
    admin = api("admin")
    assert lead.get("/api/v1/audit").status_code == 403
    assert api("marketing").get("/api/v1/audit").status_code == 403
    entries = admin.get("/api/v1/audit").get_json()["entries"]
    actions = [(e["action"], e["object"]["type"], e["object"]["id"]) for e in entries]
    assert actions[:3] == [("casting_put", "casting", f"heir/es-MX/{character}"),
                           ("character_create", "series", "heir"),
                           ("version_update", "version", "heir/es-MX")]
    assert ("series_create", "series", "heir") in actions and ("version_create", "version", "heir/es-MX") in actions
    assert not any(a[0].startswith("subtitles") for a in actions)  # revisions are their own history
    latest = entries[0]
    assert latest["actor"]["email"].startswith("lead") and latest["details"]["body"]["localized_name"] == "Mateo"
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)


def test_filters_and_refusals(series, lead, api):
    admin = api("admin")
    lead.patch("/api/v1/series/heir", {"genre": "drama"})
    email = admin.get("/api/v1/audit?limit=1").get_json()["entries"][0]["actor"]["email"]
    assert all(e["actor"]["email"] == email for e in admin.get(f"/api/v1/audit?actor={email}").get_json()["entries"])
    assert admin.get("/api/v1/audit?actor=nobody@x.test").get_json()["entries"] == []
    assert admin.get("/api/v1/audit?since=2999-01-01T00:00:00Z").get_json()["entries"] == []
    assert len(admin.get("/api/v1/audit?since=2000-01-01").get_json()["entries"]) >= 1
    for bad, field in (("since=yesterday", "since"), ("limit=0", "limit"), ("limit=x", "limit"),
                       ("limit=1001", "limit")):
        r = admin.get(f"/api/v1/audit?{bad}")
        assert r.status_code == 422 and r.get_json()["error"]["details"][0]["field"] == field


def test_a_refused_change_leaves_no_entry(series, lead, api):
    before = len(api("admin").get("/api/v1/audit?limit=1000").get_json()["entries"])
    assert lead.patch("/api/v1/series/heir", {"free_episodes": 999}).status_code == 422
    assert len(api("admin").get("/api/v1/audit?limit=1000").get_json()["entries"]) == before


def test_command_line_changes_to_users_and_tokens_are_logged(db_url, monkeypatch, api, make_user):
    monkeypatch.setenv("DATABASE_URL", db_url)
    user, _ = make_user("translator", ["fr"])
    run = lambda *args: CliRunner().invoke(cli.main, list(args), catch_exceptions=False)  # noqa: E731
    run("users", "disable", user.email)
    run("tokens", "revoke", user.email)
    entries = api("admin").get("/api/v1/audit").get_json()["entries"]
    assert [(e["action"], e["object"]["type"], e["object"]["id"], e["actor"]["email"]) for e in entries[:2]] == [
        ("tokens_revoke", "user", user.email, "cli"), ("users_disable", "user", user.email, "cli")]


def test_passwords_never_reach_the_log(client, make_user, api):
    from localize.audit import scrub
    assert scrub({"password": "hunter22", "nested": {"token": "x", "ok": 1}}) == {
        "password": "[hidden]", "nested": {"token": "[hidden]", "ok": 1}}
