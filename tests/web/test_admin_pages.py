"""Users and API tokens managed in the browser (/admin/users), through the Flask test client."""
from __future__ import annotations

import re

import pytest
from sqlmodel import select

from localize.models import ApiToken, User
from localize.users.service import authenticate


def text(response) -> str:
    return response.get_data(as_text=True)


def shown_secret(response) -> str:
    return re.search(r'<code class="secret-value" data-secret>([^<]+)</code>', text(response)).group(1)


def user_id(session, email: str) -> int:
    return session.exec(select(User.id).where(User.email == email)).one()


@pytest.mark.parametrize("role", ["lead", "translator", "marketing"])
def test_admin_pages_are_403_for_other_roles(client, sign_in, post_form, role):
    sign_in(role, ["es-MX"] if role == "translator" else None)
    assert client.get("/admin/users").status_code == 403
    assert post_form("/admin/users", {"email": "x@example.test", "role": "admin"},
                     token_from="/series").status_code == 403
    assert "/admin/users" not in text(client.get("/series"))


def test_admin_pages_refuse_anonymous_and_posts_without_csrf(client, sign_in, session):
    r = client.get("/admin/users")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    sign_in("admin")
    r = client.post("/admin/users", data={"email": "nocsrf@example.test", "role": "lead"})
    assert r.status_code == 400 and "The form expired" in text(r)
    assert session.exec(select(User).where(User.email == "nocsrf@example.test")).first() is None


def test_admin_home_links_to_users_and_lists_them(client, sign_in, make_user):
    sign_in("admin")
    make_user("translator", ["es-MX"], email="ana@example.test")
    html = text(client.get("/series"))
    assert 'href="/admin/users"' in html and "Manage users" in html
    html = text(client.get("/admin/users"))
    assert "ana@example.test" in html and "es-MX" in html and "2 accounts" in html


def test_admin_adds_a_user_with_a_generated_password_shown_once(client, sign_in, post_form, session):
    sign_in("admin")
    r = post_form("/admin/users", {"email": "Nina@Example.test", "name": "Nina", "role": "translator",
                                   "languages": "es-mx, pt-BR", "password": ""}, token_from="/admin/users")
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    password = shown_secret(r)
    user = session.exec(select(User).where(User.email == "nina@example.test")).one()
    assert (user.role, user.languages, user.name) == ("translator", "es-MX,pt-BR", "Nina")
    assert authenticate(session, "nina@example.test", password) is not None
    assert password not in text(client.get("/admin/users"))  # shown once
    assert password not in text(client.get(f"/admin/users/{user.id}"))


def test_admin_adds_a_user_with_a_chosen_password_and_sees_errors(client, sign_in, post_form, session):
    sign_in("admin")
    r = post_form("/admin/users", {"email": "leo@example.test", "role": "lead", "password": "a long secret"},
                  token_from="/admin/users")
    assert r.status_code == 200 and "data-secret" not in text(r)
    assert authenticate(session, "leo@example.test", "a long secret") is not None
    r = post_form("/admin/users", {"email": "leo@example.test", "role": "lead"}, token_from="/admin/users")
    assert r.status_code == 409 and "Another account already uses this email." in text(r)
    r = post_form("/admin/users", {"email": "not-an-email", "role": "lead"}, token_from="/admin/users")
    assert r.status_code == 422 and 'value="not-an-email"' in text(r)
    r = post_form("/admin/users", {"email": "x@example.test", "role": "lead", "password": "short"},
                  token_from="/admin/users")
    assert r.status_code == 422 and "At least 8 characters" in text(r)
    r = post_form("/admin/users", {"email": "y@example.test", "role": "translator", "languages": "klingon"},
                  token_from="/admin/users")
    assert r.status_code == 422 and "Unknown language tag" in text(r)
    assert session.exec(select(User).where(User.email.in_(["x@example.test", "y@example.test"]))).all() == []


def test_admin_changes_role_and_languages(client, sign_in, post_form, make_user, session):
    sign_in("admin")
    user, _token = make_user("translator", ["es-MX"])
    r = post_form(f"/admin/users/{user.id}", {"role": "lead", "languages": "fr, de-DE"},
                  token_from=f"/admin/users/{user.id}")
    assert r.status_code == 302
    session.expire_all()
    changed = session.get(User, user.id)
    assert (changed.role, changed.languages) == ("lead", "fr,de-DE")
    r = post_form(f"/admin/users/{user.id}", {"role": "emperor", "languages": ""},
                  token_from=f"/admin/users/{user.id}")
    assert r.status_code == 422 and "Choose one of the listed roles." in text(r)


def test_the_last_admin_keeps_the_role_and_cannot_disable_itself(client, sign_in, post_form, session):
    admin = sign_in("admin")
    page = f"/admin/users/{admin.id}"
    r = post_form(page, {"role": "lead", "languages": ""}, token_from=page)
    assert r.status_code == 422 and "The last active admin keeps the admin role." in text(r)
    r = post_form(page + "/active", {"active": "0"}, token_from=page)
    assert r.status_code == 422 and "You cannot disable your own account." in text(r)
    session.expire_all()
    assert session.get(User, admin.id).role == "admin" and session.get(User, admin.id).active


def test_disabling_ends_sessions_and_tokens_and_enabling_restores(app, client, sign_in, post_form, make_user,
                                                                session):
    sign_in("admin")
    user, token = make_user("marketing")
    other = app.test_client()
    with other.session_transaction() as s:
        s["uid"], s["epoch"], s["seen"] = user.id, user.session_epoch, int(__import__("time").time())
    assert other.get("/series").status_code == 200
    bearer = {"Authorization": f"Bearer {token}"}
    assert other.get("/api/v1/series", headers=bearer).status_code == 200
    page = f"/admin/users/{user.id}"
    r = post_form(page + "/active", {"active": "0"}, token_from=page)
    assert r.status_code == 302
    assert other.get("/series").status_code == 302  # signed out
    assert other.get("/api/v1/series", headers=bearer).status_code == 401
    assert "disabled" in text(client.get("/admin/users"))
    r = post_form(page + "/active", {"active": "1"}, token_from=page)
    assert r.status_code == 302
    assert other.get("/api/v1/series", headers=bearer).status_code == 200


def test_reset_password_shows_a_new_one_once_and_ends_old_sessions(client, sign_in, post_form, make_user,
                                                                   session):
    sign_in("admin")
    user, _token = make_user("lead")
    page = f"/admin/users/{user.id}"
    r = post_form(page + "/password", {}, token_from=page)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    password = shown_secret(r)
    session.expire_all()
    assert authenticate(session, user.email, password) is not None
    assert authenticate(session, user.email, "correct horse battery") is None
    assert password not in text(client.get(page))


def test_admin_resets_its_own_password_and_stays_signed_in(client, sign_in, post_form):
    admin = sign_in("admin")
    page = f"/admin/users/{admin.id}"
    assert post_form(page + "/password", {}, token_from=page).status_code == 200
    assert client.get(page).status_code == 200


def test_tokens_are_created_shown_once_and_revoked(client, sign_in, post_form, make_user, session):
    sign_in("admin")
    user, first = make_user("marketing")
    page = f"/admin/users/{user.id}"
    assert "1 live token" in text(client.get(page))
    r = post_form(page + "/tokens", {"label": "nightly export"}, token_from=page)
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-store"
    token = shown_secret(r)
    assert token.startswith("lz_") and "2 live tokens" in text(r) and "nightly export" in text(r)
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert token not in text(client.get(page))
    row = session.exec(select(ApiToken).where(ApiToken.label == "nightly export")).one()
    r = post_form(f"{page}/tokens/{row.id}/revoke", {}, token_from=page)
    assert r.status_code == 302
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {first}"}).status_code == 200
    assert "1 live token" in text(client.get(page))


def test_a_token_of_another_user_cannot_be_revoked_through_this_one(client, sign_in, post_form, make_user,
                                                                    session):
    sign_in("admin")
    one, _t1 = make_user("lead")
    two, token = make_user("lead")
    row = session.exec(select(ApiToken).where(ApiToken.user_id == two.id)).one()
    page = f"/admin/users/{one.id}"
    assert post_form(f"{page}/tokens/{row.id}/revoke", {}, token_from=page).status_code == 404
    assert client.get("/api/v1/series", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert client.get("/admin/users/99999").status_code == 404


def test_admin_pages_in_spanish_use_plural_forms(client, sign_in, post_form, make_user):
    sign_in("admin")
    client.post("/language", data={"language": "es", "csrf_token": re.search(
        r'name="csrf_token" value="([^"]+)"', text(client.get("/admin/users"))).group(1)})
    make_user("lead")
    html = text(client.get("/admin/users"))
    assert "2 cuentas" in html and "Usuarios" in html


def test_sign_out_everywhere_from_the_admin_page(app, client, sign_in, post_form, make_user):
    sign_in("admin")
    user, _ = make_user("translator", ["fr"])
    other = app.test_client()
    with other.session_transaction() as s:
        s["uid"], s["epoch"], s["seen"] = user.id, user.session_epoch, int(__import__("time").time())
    assert other.get("/series").status_code == 200
    page = f"/admin/users/{user.id}"
    assert post_form(page + "/sessions", {}, token_from=page).status_code == 302
    assert other.get("/series").status_code == 302
    assert client.get(page).status_code == 200  # the admin is still signed in


def test_the_audit_log_page_for_admins_only(client, sign_in, post_form, series, lead):
    lead.patch("/api/v1/series/heir", {"genre": "thriller"})
    sign_in("lead")
    assert client.get("/admin/audit").status_code == 403
    sign_in("admin")
    html = client.get("/admin/audit").get_data(as_text=True)
    assert "series_update" in html and "thriller" in html
    assert client.get("/admin/audit?since=2999-01-01").get_data(as_text=True).count("series_update") == 0
    assert client.get("/admin/audit?since=yesterday").status_code == 422
