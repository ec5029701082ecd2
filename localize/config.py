"""Configuration read from the environment, with safe defaults for a single studio box."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

DEFAULT_MAX_UPLOAD_MB = 16


def instance_path_from_environment() -> str | None:
    """LOCALIZE_INSTANCE_PATH, made absolute: one installed copy can serve several databases."""
    value = os.environ.get("LOCALIZE_INSTANCE_PATH")
    return os.path.abspath(value) if value else None


def ensure_instance(instance_path: str) -> Path:
    """Create the instance folder readable by its owner only: it holds the secret key and the database."""
    path = Path(instance_path)
    if not path.exists():
        path.mkdir(parents=True, mode=0o700)
    elif path.stat().st_uid == os.getuid():
        path.chmod(0o700)
    return path


def load_secret_key(instance_path: str) -> str:
    """Return SECRET_KEY from the environment, else one generated once and kept in the instance folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = ensure_instance(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    # Written with owner-only permissions: anyone who reads it can forge sessions.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def default_database_url(instance_path: str) -> str:
    return f"sqlite:///{ensure_instance(instance_path) / 'localize.sqlite3'}"


def from_environment(instance_path: str) -> dict:
    """Build the app's settings from environment variables."""
    max_mb = float(os.environ.get("LOCALIZE_MAX_UPLOAD_MB", DEFAULT_MAX_UPLOAD_MB))
    secure_cookie = os.environ.get("LOCALIZE_SECURE_COOKIES", "0") == "1"
    return {
        "DATABASE_URL": os.environ.get("DATABASE_URL") or default_database_url(instance_path),
        "SECRET_KEY": load_secret_key(instance_path),
        "MAX_CONTENT_LENGTH": int(max_mb * 1024 * 1024),
        # View-count exports stream row by row, so they may be much larger than other uploads.
        "MAX_VIEWS_UPLOAD": int(float(os.environ.get("LOCALIZE_MAX_VIEWS_MB", 512)) * 1024 * 1024),
        # JSON batches are parsed whole, so they are capped far lower; CSV streams.
        "MAX_VIEWS_JSON": int(float(os.environ.get("LOCALIZE_MAX_VIEWS_JSON_MB", 32)) * 1024 * 1024),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # Behind TLS set LOCALIZE_SECURE_COOKIES=1; plain http://127.0.0.1 needs it off.
        "SESSION_COOKIE_SECURE": secure_cookie,
        "WTF_CSRF_TIME_LIMIT": None,
        # libre, google, deepl, microsoft, mymemory or none; empty with MT_URL set means libre (as before).
        "MT_PROVIDER": os.environ.get("LOCALIZE_MT_PROVIDER", ""),
        "MT_URL": os.environ.get("LOCALIZE_MT_URL", ""),
        "MT_API_KEY": os.environ.get("LOCALIZE_MT_API_KEY", ""),
        "MT_REGION": os.environ.get("LOCALIZE_MT_REGION", ""),  # Microsoft's resource region, when it has one
        # Retries of a failed request that may succeed later (timeouts, 429, 5xx), with backoff.
        "MT_RETRIES": int(os.environ.get("LOCALIZE_MT_RETRIES", "3")),
        # Seconds one web request may spend on machine translation, retries included: under the
        # reverse proxy's timeout (nginx: 60 s), so a slow provider fails lines, not the request.
        "MT_DEADLINE": float(os.environ.get("LOCALIZE_MT_DEADLINE", "25")),
        "LOGIN_RATE_LIMIT": int(os.environ.get("LOCALIZE_LOGIN_RATE_LIMIT", "10")),
        # A session ends after this long without a request (checked by the server, not only the cookie).
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=float(os.environ.get("LOCALIZE_SESSION_HOURS", "12"))),
        # Reverse proxies in front whose X-Forwarded-For may be trusted (0: the header is ignored).
        "PROXY_COUNT": int(os.environ.get("LOCALIZE_PROXY_COUNT", "0")),
        # Client addresses that may read /metrics without signing in (a Prometheus scraper), comma-separated.
        "METRICS_ALLOW": frozenset(a.strip() for a in os.environ.get("LOCALIZE_METRICS_ALLOW", "").split(",")
                                   if a.strip()),
        # Seconds a GET answer of a @reusable view may be reused while nothing is committed (0: never).
        "RESPONSE_CACHE_SECONDS": float(os.environ.get("LOCALIZE_RESPONSE_CACHE_SECONDS", "60")),
        # "json": one JSON access-log line per request from the app; otherwise the server's text line.
        "LOG_FORMAT": os.environ.get("LOCALIZE_LOG_FORMAT", "text").strip().lower(),
        # Background jobs: empty runs them in a few threads of each serving process; redis://host:6379/0
        # puts them on an RQ queue that `localize worker` processes (on any host) work.
        "QUEUE_URL": os.environ.get("LOCALIZE_QUEUE_URL", "").strip(),
        "QUEUE_NAME": os.environ.get("LOCALIZE_QUEUE_NAME", "localize").strip() or "localize",
        "JOB_THREADS": int(os.environ.get("LOCALIZE_JOB_THREADS", "2")),
        "JOB_TIMEOUT": int(os.environ.get("LOCALIZE_JOB_TIMEOUT", "3600")),  # seconds, on the RQ queue
    }
