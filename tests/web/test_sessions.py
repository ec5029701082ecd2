"""Sessions that really end, and one sign-in limit for every worker (issue 13, points 4 and 5)."""
from __future__ import annotations

import json
import re
import threading
import time
from datetime import timedelta

import pytest
from click.testing import CliRunner
from itsdangerous import URLSafeTimedSerializer

from localize import cli, create_app
from localize.models import User

PASSWORD = "correct horse battery"


def _login(client, email, password=PASSWORD, **kw):
    html = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, **kw)


def _cookie(client) -> str:
    return client.get_cookie("session").value


def _reuse(app, cookie: str) -> int:
    """Open /series with a cookie saved earlier, as a thief who copied it would."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other.get("/series").status_code


@pytest.fixture
def lead_user(make_user):
    return make_user("lead")[0]


def test_logout_ends_the_session_even_for_a_saved_cookie(app, client, lead_user):
    assert _login(client, lead_user.email).status_code == 302
    saved = _cookie(client)
    assert _reuse(app, saved) == 200
    html = client.get("/series").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    assert _reuse(app, saved) == 302  # back to the login page


def test_the_cookie_carries_nothing_of_the_password(app, client, lead_user, session):
    _login(client, lead_user.email)
    payload = URLSafeTimedSerializer(app.secret_key, salt="cookie-session",
                                     signer_kwargs={"key_derivation": "hmac", "digest_method": __import__("hashlib").sha1}
                                     ).loads(_cookie(client))
    assert set(payload) <= {"uid", "epoch", "seen", "_permanent", "csrf_token", "_fresh"}
    stored = session.get(User, lead_user.id).password_hash
    text = json.dumps(payload)
    assert not any(stored[i:i + 8] in text for i in range(0, len(stored) - 8, 4))


def test_a_password_change_disabling_and_revoking_end_every_session(app, client, lead_user, db_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db_url)
    runner = CliRunner()
    for command in (["users", "password", lead_user.email], ["users", "sessions-revoke", lead_user.email],
                    ["users", "disable", lead_user.email]):
        runner.invoke(cli.main, ["users", "enable", lead_user.email], catch_exceptions=False)
        if command[1] == "password":
            runner.invoke(cli.main, command, input=PASSWORD + "\n", catch_exceptions=False)
        assert _login(client, lead_user.email).status_code == 302, command
        saved = _cookie(client)
        assert _reuse(app, saved) == 200
        result = runner.invoke(cli.main, command, input=PASSWORD + "\n", catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert _reuse(app, saved) == 302, command
    assert _login(client, lead_user.email).status_code == 401  # disabled: cannot sign in again


def test_a_session_ends_after_the_inactivity_lifetime(app, client, lead_user):
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=12)
    _login(client, lead_user.email)
    assert client.get("/series").status_code == 200
    with client.session_transaction() as s:
        s["seen"] = int(time.time()) - 11 * 3600
    assert client.get("/series").status_code == 200  # 11 hours idle: still signed in (and refreshed)
    with client.session_transaction() as s:
        assert int(time.time()) - s["seen"] < 60
        s["seen"] = int(time.time()) - 13 * 3600
    assert client.get("/series").status_code == 302


def test_the_limit_counts_failures_across_workers_and_refuses_even_the_right_password(app, db_url, lead_user):
    second_worker = create_app({"DATABASE_URL": db_url, "TESTING": True, "SERVER_NAME": None})
    clients = [app.test_client(), second_worker.test_client()]
    codes = [_login(clients[n % 2], lead_user.email, "wrong password").status_code for n in range(10)]
    assert codes == [401] * 10
    assert _login(clients[0], lead_user.email).status_code == 429
    assert _login(clients[1], "Lead1@Example.test".replace("Lead1", lead_user.email.split("@")[0].title()),
                  ).status_code == 429  # the same email in another case
    assert _login(clients[1], "someone@else.test", "x").status_code == 401  # another email is counted apart


def test_parallel_guesses_cannot_pass_the_limit(app, lead_user):
    codes, lock = [], threading.Lock()

    def guess():
        with app.test_client() as c:
            code = _login(c, lead_user.email, "wrong password").status_code
        with lock:
            codes.append(code)

    threads = [threading.Thread(target=guess) for _ in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes.count(401) == 10 and codes.count(429) == 14


def test_forwarded_addresses_count_only_behind_a_configured_proxy(app, db_url, lead_user):
    for n in range(10):
        _login(app.test_client(), lead_user.email, "wrong", headers={"X-Forwarded-For": f"10.0.0.{n}"})
    assert _login(app.test_client(), lead_user.email, headers={"X-Forwarded-For": "10.9.9.9"}).status_code == 429
    proxied = create_app({"DATABASE_URL": db_url, "TESTING": True, "SERVER_NAME": None, "PROXY_COUNT": 1})
    assert _login(proxied.test_client(), lead_user.email, headers={"X-Forwarded-For": "10.9.9.9"}).status_code == 302
