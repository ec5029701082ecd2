"""Sessions, CSRF, security headers and role checks shared by the web and API layers."""
from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from functools import wraps

from flask import abort, g, redirect, request, session, url_for
from flask_wtf.csrf import CSRFProtect

from localize.models import User
from localize.permissions import Ability, can

csrf = CSRFProtect()


def init_app(app) -> None:
    csrf.init_app(app)
    app.extensions["localize_login_limiter"] = LoginLimiter(app.config["LOGIN_RATE_LIMIT"])

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
    """The signed-in user of a browser session (cached on g)."""
    if "user" in g:
        return g.user
    from localize.db import request_session
    user = None
    uid = session.get("uid")
    if uid is not None:
        user = request_session().get(User, uid)
        # A changed password hash ends every older session of that user.
        if user is None or not user.active or session.get("pw") != _password_marker(user):
            session.clear()
            user = None
    g.user = user
    return user


def _password_marker(user: User) -> str:
    return (user.password_hash or "")[-16:]


def login_user(user: User) -> None:
    session.clear()
    session["uid"] = user.id
    session["pw"] = _password_marker(user)
    session.permanent = True
    g.user = user


def logout_user() -> None:
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


class LoginLimiter:
    """At most `limit` failed logins per (client address, email) in 5 minutes.

    Counts live in this process: with several gunicorn workers each counts alone,
    which still bounds guessing to limit x workers per window.
    """

    WINDOW_S = 300

    def __init__(self, limit: int):
        self.limit = limit
        self._failures: dict[tuple[str, str], deque] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key) -> deque:
        stamps = self._failures[key]
        cutoff = time.monotonic() - self.WINDOW_S
        while stamps and stamps[0] < cutoff:
            stamps.popleft()
        return stamps

    def blocked(self, address: str, email: str) -> bool:
        with self._lock:
            return len(self._recent((address, email.lower()))) >= self.limit

    def failed(self, address: str, email: str) -> None:
        with self._lock:
            self._recent((address, email.lower())).append(time.monotonic())

    def succeeded(self, address: str, email: str) -> None:
        with self._lock:
            self._failures.pop((address, email.lower()), None)
