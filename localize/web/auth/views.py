"""Sign in, sign out and the user's language."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import (current_app, flash, redirect, render_template, request, session,
                   url_for)
from flask_babel import gettext as _
from flask_babel import ngettext

from localize.db import request_session, session_scope
from localize.i18n import UI_LANGUAGES
from localize.security import current_user, login_user, logout_user
from localize.scripts import worklist as script_work
from localize.subtitles import worklist
from localize.users import logins
from localize.users.service import authenticate


def _safe_next(target: str | None) -> str:
    # Only same-site paths: an open redirect would let a phishing link borrow our login page.
    if not target or urlsplit(target).netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("web.index")  # a translator's home; everyone else goes on to the series list
    return target


def index():
    """The home: a translator's tracks; everyone else goes on to the series list."""
    user = current_user()
    if user is None:
        return redirect(url_for("web.login"))
    if user.role != "translator":
        return redirect(url_for("catalog.series_list"))
    items = worklist.tracks_for(request_session(), user)
    script_episodes = [{
        "title": f"{w.series.title} · {w.version.locale} · " + _("Episode %(n)s", n=w.number),
        "url": url_for("scripts.script_page", slug=w.series.slug, locale=w.version.locale, number=w.number),
        "state": _("%(settled)s of %(total)s segments approved, %(waiting)s waiting for review",
                   settled=w.settled, total=w.segments, waiting=w.translated)
                 + (" · " + ngettext("%(num)s line outdated", "%(num)s lines outdated", w.outdated) if w.outdated else ""),
    } for w in script_work.scripts_for(request_session(), user)]
    return render_template("auth/home.html", items=items, script_episodes=script_episodes)


def login():
    error = None
    status = 200
    if request.method == "POST":
        email = request.form.get("email", "").strip()
        password = request.form.get("password", "")
        address = request.remote_addr or "?"
        engine = current_app.extensions["localize_engine"]
        # Counted in a transaction of its own, before the request's (a refused sign-in, 401, rolls
        # the request's back; and SQLite takes one write lock at a time).
        with session_scope(engine) as counting:
            attempts = logins.note_attempt(counting, address, email)
        if attempts > current_app.config["LOGIN_RATE_LIMIT"]:
            error, status = _("Too many failed sign-ins. Wait five minutes and try again."), 429
        else:
            user = authenticate(request_session(), email, password)
            if user is None:
                error, status = _("Wrong email or password."), 401
            else:
                logins.clear_attempts(request_session(), address, email)  # committed with the sign-in
                login_user(user)
                return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", error=error), status


def logout():
    logout_user()
    return redirect(url_for("web.login"))


def set_language():
    choice = request.form.get("language", "")
    if choice in UI_LANGUAGES:
        session["ui_locale"] = choice
        user = current_user()
        if user is not None:
            user.ui_locale = choice
            request_session().add(user)
        flash(_("Language changed."))
    return redirect(_safe_next(request.form.get("next") or request.referrer and urlsplit(request.referrer).path))
