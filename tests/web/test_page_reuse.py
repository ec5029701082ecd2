"""Signed-in pages reused while nothing is committed (localize.app.cache): per session, and never past
the session's inactivity limit."""
from __future__ import annotations

import time
from datetime import timedelta


def test_a_page_is_not_reused_past_the_session_inactivity_limit(app, client, make_user, series):
    user, _ = make_user("lead")
    app.permanent_session_lifetime = timedelta(seconds=3)
    with client.session_transaction() as session:
        session.update(uid=user.id, epoch=user.session_epoch, seen=int(time.time()) - 1, csrf_token="x" * 40)
    assert client.get("/series/heir").status_code == 200
    assert client.get("/series/heir").status_code == 200
    time.sleep(3.2)
    expired = client.get("/series/heir")
    assert expired.status_code == 302 and "/login" in expired.headers["Location"]


def test_a_signed_in_page_is_reused_for_that_session_only(client, sign_in, series, statements, make_user):
    sign_in("lead")
    client.get("/series/heir")  # the first page puts the CSRF secret in the session
    page = client.get("/series/heir")
    before = statements()
    assert client.get("/series/heir").get_data() == page.get_data()
    assert statements() == before
    sign_in("lead")  # another lead's session: an answer of its own
    assert client.get("/series/heir").status_code == 200
    assert statements() > before
