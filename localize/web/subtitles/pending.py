"""Files refused for bad cues, kept a while so "import, dropping these N cues" needs no second upload.

A browser cannot fill a file field again, so the refused file's bytes wait in the instance
folder (owner-only, like the database) under an unguessable token bound to the user who sent
them. Taking a file removes it; files older than an hour are removed on the next stash.
"""
from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

from flask import current_app

from localize.config import ensure_instance

MAX_AGE_S = 3600
_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def _folder() -> Path:
    folder = ensure_instance(current_app.instance_path) / "pending-uploads"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(user_id: int, token: str) -> Path | None:
    if not _TOKEN.fullmatch(token or ""):
        return None
    return _folder() / f"{int(user_id)}-{token}"


def stash(user_id: int, data: bytes) -> str:
    """Keep a refused upload for its user; returns the token that takes it back."""
    folder = _folder()
    now = time.time()
    for old in folder.iterdir():
        try:
            if now - old.stat().st_mtime > MAX_AGE_S:
                old.unlink()
        except FileNotFoundError:
            pass  # another worker removed it meanwhile
    token = secrets.token_urlsafe(24)
    path = folder / f"{int(user_id)}-{token}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return token


def take(user_id: int, token: str) -> bytes | None:
    """The upload stashed for this user under the token (removed as it is read), or None."""
    path = _path(user_id, token)
    if path is None:
        return None
    try:
        too_old = time.time() - path.stat().st_mtime > MAX_AGE_S
        data = path.read_bytes()
        path.unlink()
    except FileNotFoundError:
        return None
    return None if too_old else data
