"""Web fixtures: test-client sign-in for route tests; a live server and Chromium for browser tests.

Browser tests run on SQLite only: each test gets its own copy of a file that holds the migrated
schema, the demo catalog and the demo accounts with a known password.
"""
from __future__ import annotations

import os
import re
import time
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from browsing import DEMO_PASSWORD  # tests/web is on sys.path (no __init__.py)
from werkzeug.serving import make_server

from localize import create_app, db
from localize.i18n import LOCALES_DIR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """Compile the UI catalogs when a .mo is missing or older than its .po (`make install` does too)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    for po in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=po.parts[-3])
            with mo.open("wb") as fh:
                write_mo(fh, catalog, use_fuzzy=True)


# --- route tests (Flask test client, every backend) -----------------------------------------

@pytest.fixture
def sign_in(client, make_user):
    """sign_in(role, languages=None) -> User: the test client is now that user's browser session."""
    def do(role: str, languages: list[str] | None = None):
        user, _token = make_user(role, languages)
        with client.session_transaction() as session:
            session["uid"] = user.id
            session["epoch"] = user.session_epoch
            session["seen"] = int(time.time())
        return user
    return do


def csrf_from(client, path: str = "/login") -> str:
    """The CSRF token of the client's session, read from a page's form."""
    html = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


@pytest.fixture
def post_form(client):
    """post_form(path, data, token_from=path): POST a form with the session's CSRF token."""
    def post(path: str, data: dict, token_from: str | None = None, **kw):
        token = csrf_from(client, token_from or "/login")
        return client.post(path, data={**data, "csrf_token": token}, **kw)
    return post


# --- browser tests (SQLite, live server, Chromium) ----------------------------------------

@pytest.fixture(scope="session")
def demo_database(sqlite_template, tmp_path_factory) -> Path:
    """A migrated SQLite file with the demo loaded; every demo account's password is DEMO_PASSWORD."""
    from localize.demo import DEMO_ROLES, load_demo
    from localize.users.service import find_user, set_password
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    with db.session_scope(db.get_engine(url)) as session:
        load_demo(session)
        for role in DEMO_ROLES:
            set_password(find_user(session, f"{role}@demo.localize"), DEMO_PASSWORD)
    db.get_engine(url).dispose()
    db._engines.pop(url, None)
    return path


@dataclass
class LiveServer:
    url: str
    app: object


@pytest.fixture
def live_server(demo_database, tmp_path):
    """The app on a free port in a daemon thread, on a fresh copy of the demo database."""
    path = tmp_path / "live.sqlite3"
    shutil.copy(demo_database, path)
    url = f"sqlite:///{path}"
    app = create_app({"DATABASE_URL": url, "TESTING": True, "SERVER_NAME": None})
    app.instance_path = str(tmp_path / "instance")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()
    thread.join(timeout=5)
    db.get_engine(url).dispose()
    db._engines.pop(url, None)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run; skipped, never passed, when Debian's chromium is missing."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium); it is not installed here")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(width=1280, height=860) -> a page in a fresh browser context (its own cookies).

    Console errors (a Content-Security-Policy violation, a script error) fail the test.
    """
    contexts, problems = [], []

    def make(width: int = 1280, height: int = 860, locale: str = "en-US"):
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height},
                                      locale=locale)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        return page
    yield make
    for context in contexts:
        context.close()
    # Chromium logs every 4xx page as a failed resource: a refused form (422, 409, 401) or page
    # (403) is what some tests ask for. Server errors, CSP violations and script errors are not.
    unexpected = [p for p in problems if not re.search(r"status of 4\d\d", p)]
    assert not unexpected, unexpected


@pytest.fixture
def page(new_page):
    return new_page()
