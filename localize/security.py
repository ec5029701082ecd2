"""Sessions, CSRF, security headers and role checks shared by the web and API layers."""
from __future__ import annotations

import time
from functools import wraps

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFProtect

from localize.app.errors import json_error
from localize.models import User
from localize.permissions import Ability, can

csrf = CSRFProtect()


def init_app(app) -> None:
    csrf.init_app(app)
    proxies = app.config.get("PROXY_COUNT", 0)
    if proxies:
        # Behind N trusted reverse proxies, the client address is N hops back in X-Forwarded-For;
        # without one, the header is anyone's to forge and is ignored.
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.after_request
    def _headers(response):
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; media-src 'self' https: blob:; "
            "style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
        return response


def current_user() -> User | None:
    """The signed-in user of a browser session (cached on g).

    A session is valid while its user is active, its epoch is the user's current one (logout,
    a password change, disabling and "sign out everywhere" raise it) and it was used within the
    configured inactivity lifetime. The cookie carries the user id, the epoch and the last use:
    nothing derived from the password.
    """
    if "user" in g:
        return g.user
    from localize.db import request_session
    user = None
    uid = session.get("uid")
    if uid is not None:
        user = request_session().get(User, uid)
        idle = time.time() - float(session.get("seen", 0))
        if (user is None or not user.active or session.get("epoch") != user.session_epoch
                or idle > current_app.permanent_session_lifetime.total_seconds()):
            session.clear()
            user = None
        elif idle > 60:  # refresh the last use (and the cookie) at most once a minute
            session["seen"] = int(time.time())
    g.user = user
    return user


def login_user(user: User) -> None:
    session.clear()
    session["uid"] = user.id
    session["epoch"] = user.session_epoch
    session["seen"] = int(time.time())
    session.permanent = True
    g.user = user


def logout_user() -> None:
    """End this session and every other session of the same user (their epoch moves on)."""
    user = current_user()
    if user is not None:
        from localize.db import request_session
        from localize.users.service import end_sessions
        end_sessions(user)
        request_session().add(user)
    session.clear()
    g.pop("user", None)


def page_requires(ability: Ability):
    """Guard a page: anonymous users go to /login, users without the ability get 403."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = current_user()
            if user is None:
                return redirect(url_for("web.login", next=request.full_path.rstrip("?")))
            if not can(user, ability):
                abort(403)
            return view(*args, **kwargs)
        wrapper.ability = ability
        return wrapper
    return decorate


def json_requires(ability: Ability, who=current_user):
    """Guard a JSON endpoint: 401 without a user (`who()`: the browser session's by default; a page
    would redirect to /login instead), 403 without the ability."""
    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            user = who()
            if user is None:
                return json_error(401, "unauthorized", "sign in first")
            if not can(user, ability):
                return json_error(403, "forbidden", f"role {user.role!r} may not {request.method} {request.path}")
            return view(*args, **kwargs)
        wrapper.ability = ability
        return wrapper
    return decorate
