"""Administration in the browser: users and their API tokens.

Secrets (a generated password, a new token) are shown once, in the answer to the POST that made
them, with `Cache-Control: no-store`; only their hashes are kept.
"""
from __future__ import annotations

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from localize.db import request_session
from localize.errors import DomainError
from localize.permissions import Ability
from localize.security import current_user, login_user, page_requires
from localize.users import service

ADD_FIELDS = ("email", "name", "role", "languages", "password")

# Domain refusals worded for the form, by (field, code or error kind).
_MESSAGES = {
    ("email", "conflict"): _l("Another account already uses this email."),
    ("email", "validation_failed"): _l("Enter an email address such as ana@studio.example."),
    ("role", "validation_failed"): _l("Choose one of the listed roles."),
    ("role", "last_admin"): _l("The last active admin keeps the admin role."),
    ("languages", "validation_failed"): _l("Unknown language tag: use tags such as es-MX, pt-BR or fr, separated by commas."),
    ("password", "validation_failed"): _l("At least 8 characters, or leave it empty to generate one."),
    ("active", "self"): _l("You cannot disable your own account."),
    ("active", "last_admin"): _l("The last active admin cannot be disabled."),
    ("label", "validation_failed"): _l("At most %(n)s characters.", n=200),
}


def _errors(exc: DomainError) -> dict[str, str]:
    """Per-field messages in the reader's language; rolls the request back."""
    request_session().rollback()
    errors = {}
    for detail in exc.details or [{"field": "", "message": exc.message}]:
        name = detail.get("field", "")
        known = _MESSAGES.get((name, detail.get("code") or exc.code))
        errors[name] = str(known) if known is not None else detail.get("message") or exc.message
    return errors


def _languages(text: str) -> list[str]:
    return [tag.strip() for tag in text.replace(";", ",").split(",") if tag.strip()]


def _no_store(body, status: int = 200):
    response = make_response(body, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _list_page(values: dict | None = None, errors: dict | None = None, created=None, status: int = 200):
    session, actor = request_session(), current_user()
    users = service.list_users(session, actor)
    return _no_store(render_template("admin/users.html", users=users, values=values or {"role": "translator"},
                                     errors=errors or {}, created=created), status)


@page_requires(Ability.ADMIN)
def users():
    return _list_page()


@page_requires(Ability.ADMIN)
def user_add():
    values = {name: request.form.get(name, "").strip() for name in ADD_FIELDS}
    password = request.form.get("password", "")
    try:
        user, generated = service.add_user(request_session(), current_user(), email=values["email"],
                                           role=values["role"], name=values["name"],
                                           languages=_languages(values["languages"]), password=password or None)
    except DomainError as exc:
        errors = _errors(exc)
        values["password"] = ""
        return _list_page(values, errors, status=exc.status)
    flash(_("Account %(email)s created.", email=user.email))
    return _list_page(created={"user": user, "password": generated})


def _user_page(user, *, errors: dict | None = None, secret: dict | None = None, status: int = 200):
    session, actor = request_session(), current_user()
    tokens = service.list_tokens(session, actor, user)
    values = {"role": user.role, "languages": ", ".join(user.language_list)}
    if errors and request.form:
        values.update({k: request.form.get(k, "").strip() for k in ("role", "languages")})
    return _no_store(render_template("admin/user.html", user=user, tokens=tokens, values=values,
                                     errors=errors or {}, secret=secret, is_self=user.id == actor.id), status)


def _load(user_id: int):
    return service.get_user(request_session(), current_user(), user_id)


@page_requires(Ability.ADMIN)
def user_page(user_id):
    return _user_page(_load(user_id))


@page_requires(Ability.ADMIN)
def user_update(user_id):
    user = _load(user_id)
    try:
        service.update_user(request_session(), current_user(), user, role=request.form.get("role", ""),
                            languages=_languages(request.form.get("languages", "")))
    except DomainError as exc:
        return _user_page(_load(user_id), errors=_errors(exc), status=exc.status)
    flash(_("Role and languages of %(email)s saved.", email=user.email))
    return redirect(url_for("admin.user_page", user_id=user.id))


@page_requires(Ability.ADMIN)
def user_active(user_id):
    user = _load(user_id)
    active = request.form.get("active") == "1"
    try:
        service.set_active(request_session(), current_user(), user, active)
    except DomainError as exc:
        return _user_page(_load(user_id), errors=_errors(exc), status=exc.status)
    flash(_("%(email)s can sign in again.", email=user.email) if active else
          _("%(email)s is disabled: their sessions and API tokens no longer work.", email=user.email))
    return redirect(url_for("admin.user_page", user_id=user.id))


@page_requires(Ability.ADMIN)
def user_password(user_id):
    user = _load(user_id)
    password = service.reset_password(request_session(), current_user(), user)
    if user.id == current_user().id:
        login_user(user)  # a new password ends older sessions; keep this one
    return _user_page(user, secret={"kind": "password", "value": password})


@page_requires(Ability.ADMIN)
def user_sessions(user_id):
    """Sign an account out everywhere (its session epoch moves on)."""
    user = _load(user_id)
    service.end_sessions(user)
    request_session().add(user)
    if user.id == current_user().id:
        login_user(user)  # the admin who pressed it stays signed in here
    flash(_("Every session of %(email)s has ended.", email=user.email))
    return redirect(url_for("admin.user_page", user_id=user.id))


@page_requires(Ability.ADMIN)
def token_create(user_id):
    user = _load(user_id)
    try:
        token = service.issue_token(request_session(), current_user(), user, request.form.get("label", ""))
    except DomainError as exc:
        return _user_page(_load(user_id), errors=_errors(exc), status=exc.status)
    return _user_page(user, secret={"kind": "token", "value": token})


@page_requires(Ability.ADMIN)
def token_revoke(user_id, token_id):
    user = _load(user_id)
    token = service.revoke_token(request_session(), current_user(), user, token_id)
    flash(_("Token %(prefix)s… revoked: it answers 401 from now on.", prefix=token.prefix))
    return redirect(url_for("admin.user_page", user_id=user.id))


@page_requires(Ability.ADMIN)
def audit_page():
    """The audit log in the browser: newest first, filtered by person and date, 200 at a time."""
    from datetime import date, datetime, time, timezone

    from localize import audit
    actor = request.args.get("actor", "").strip()
    since_text = request.args.get("since", "").strip()
    since, error = None, None
    if since_text:
        try:
            since = datetime.combine(date.fromisoformat(since_text), time(), tzinfo=timezone.utc)
        except ValueError:
            error = _("Enter a date as YYYY-MM-DD.")
    entries = [] if error else audit.entries(request_session(), since=since, actor_email=actor or None, limit=200)
    return render_template("admin/audit.html", entries=entries, actor=actor, since=since_text, error=error), \
        422 if error else 200
