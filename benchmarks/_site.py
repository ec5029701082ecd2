"""A benchmark site: the _setup series with views, subtitle tracks, a lead with a token and a cookie,
and servers started under `localize serve`'s own settings (benchmarks/http.py, benchmarks/editor.py)."""
from __future__ import annotations

import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import select

from _setup import prepare
from localize import db
from localize.catalog import service
from localize.models import User
from localize.reports.ingest import ingest
from localize.subtitles import tracks
from localize.users.service import create_token

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ("en-US", "es-MX", "pt-BR", "fr", "de", "it")
EPISODES = 80
LINES = ["¿Dónde estabas anoche?", "<i>No puedo decírtelo.</i>", "Mateo, mírame.",
         "Tu padre lo sabía todo", "desde el principio."]


def vtt(cues: int, seed: int = 0) -> bytes:
    parts = ["WEBVTT", ""]
    for n in range(cues):
        start = n * 2200
        parts += [f"{n + 1}", f"{_ts(start)} --> {_ts(start + 1900)}",
                  LINES[(n + seed) % 5], LINES[(n + seed + 1) % 5], ""]
    return "\n".join(parts).encode()


def _ts(ms: int) -> str:
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def build(url: str, *, days: int = 90, track_cues: int = 40, big_cues: int = 1500) -> dict:
    """6 versions x 80 episodes, `days` days of views, a 40-cue track (es-MX ep 1) and a big one (ep 2)."""
    engine = prepare(url, locales=LOCALES[1:], episodes=EPISODES)
    last = date(2026, 3, 31)
    rows = []
    n = 0
    for d in range(days):
        day = (last - timedelta(days=days - 1 - d)).isoformat()
        for m, locale in enumerate(LOCALES):
            for episode in range(1, EPISODES + 1):
                n += 1
                views = (40_000 // (m + 1)) * (100 - episode) // 100 + d
                unlocks = views * 8 // 10 if episode > 10 else 0
                rows.append((n, {"date": day, "locale": locale, "episode": str(episode), "views": str(views),
                                 "unlocks": str(unlocks), "revenue": f"{unlocks * 39 // 100}.{unlocks * 39 % 100:02d}"}))
    with db.session_scope(engine) as session:
        series = service.get_series(session, "bench")
        ingest(session, series, iter(rows))
    with db.session_scope(engine) as session:
        series = service.get_series(session, "bench")
        version = service.get_version(session, series, "es-MX")
        episodes = {e.number: e for e in service.list_episodes(session, series)}
        user = session.exec(select(User).where(User.email == "bench@example.test")).one()
        tracks.import_file(session, series=series, version=version, episode=episodes[1], language="es-MX",
                           data=vtt(track_cues), author=user)
        if big_cues:
            tracks.import_file(session, series=series, version=version, episode=episodes[2], language="es-MX",
                               data=vtt(big_cues, 2), author=user)
        token = create_token(session, user, "bench")
        uid, epoch = user.id, user.session_epoch
    engine.dispose()
    return {"token": token, "uid": uid, "epoch": epoch, "rows": len(rows)}


def session_cookie(url: str, secret: str, uid: int, epoch: int) -> tuple[str, str]:
    """(name, value) of a signed-in browser session cookie, as a browser holds it after /login and its
    first page (which put the session's CSRF secret in it)."""
    from localize import create_app
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": secret})
    value = app.session_interface.get_signing_serializer(app).dumps(
        {"uid": uid, "epoch": epoch, "seen": int(time.time()), "_permanent": True,
         "csrf_token": secrets.token_hex(20)})
    return app.config["SESSION_COOKIE_NAME"], value


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BARE_APP = """
import sys
from flask import Flask, jsonify
from localize.serving import serve_forever

def make():
    app = Flask("bare")
    app.config["MAX_CONTENT_LENGTH"] = 16 * 1024 * 1024

    @app.get("/")
    def index():
        return jsonify({"status": "ok"})
    return app

serve_forever(make, "127.0.0.1", int(sys.argv[1]), workers=int(sys.argv[2]), threads=int(sys.argv[3]))
"""


class Servers:
    """`localize serve` on the database, and a bare Flask app under the same serve_forever settings."""

    def __init__(self, url: str, *, workers: int = 2, threads: int = 8, env: dict | None = None):
        self.url, self.workers, self.threads = url, workers, threads
        self.secret = secrets.token_hex(16)
        self.folder = Path(os.environ.get("TMPDIR", "/tmp")) / f"localize-bench-instance-{os.getpid()}"
        self.folder.mkdir(exist_ok=True)
        self.env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": self.secret,
                    "LOCALIZE_INSTANCE_PATH": str(self.folder), **(env or {})}
        self.procs: list[subprocess.Popen] = []
        self.app_port = self.bare_port = 0

    def __enter__(self):
        python = sys.executable
        self.app_port, self.bare_port = free_port(), free_port()
        localize = str(Path(python).parent / "localize")
        self.procs.append(subprocess.Popen(
            [localize, "serve", "--host", "127.0.0.1", "--port", str(self.app_port),
             "--workers", str(self.workers), "--threads", str(self.threads)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self.procs.append(subprocess.Popen(
            [python, "-c", BARE_APP, str(self.bare_port), str(self.workers), str(self.threads)],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for port, path in ((self.app_port, "/api/v1/health"), (self.bare_port, "/")):
            wait_until_up(f"http://127.0.0.1:{port}{path}")
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def spread(values) -> str:
    """'median (min-max)' of a list of numbers."""
    values = list(values)
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
