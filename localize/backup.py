"""Backups of the database while the service runs, and restores with it stopped.

SQLite: the online backup API copies a consistent snapshot page by page while other connections
keep writing (WAL readers do not block writers). PostgreSQL: `pg_dump -Fc` (a consistent snapshot
by MVCC) and `pg_restore --clean`. Either way the backup is checked before it is called done.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Callable

from sqlalchemy.engine import make_url

from localize.db import normalize_url


class BackupFailed(Exception):
    """A backup or restore that did not complete; the message says why."""


def _libpq_url(url: str) -> str:
    """The URL as pg_dump reads it: postgresql://user@host/db, without the driver suffix."""
    return make_url(normalize_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def _sqlite_path(url: str) -> str:
    path = make_url(url).database
    if not path or path == ":memory:":
        raise BackupFailed("an in-memory database cannot be backed up")
    return path


def backup(url: str, target: str, progress: Callable[[int, int], None] | None = None) -> str:
    """Write a backup of the database at `url` to `target`; return a one-line description."""
    url = normalize_url(url)
    if url.startswith("sqlite"):
        return _backup_sqlite(_sqlite_path(url), target, progress)
    if shutil.which("pg_dump") is None:
        raise BackupFailed("pg_dump is not installed (Debian: postgresql-client)")
    done = subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", target, "--dbname", _libpq_url(url)],
                          capture_output=True, text=True)
    if done.returncode:
        raise BackupFailed(f"pg_dump failed: {done.stderr.strip()}")
    listed = subprocess.run(["pg_restore", "--list", target], capture_output=True, text=True)
    if listed.returncode:
        raise BackupFailed(f"the dump does not read back: {listed.stderr.strip()}")
    tables = sum(1 for line in listed.stdout.splitlines() if " TABLE DATA " in line)
    return f"PostgreSQL dump (custom format) of {tables} tables, {os.path.getsize(target):,} bytes"


def _backup_sqlite(source: str, target: str, progress) -> str:
    if Path(target).exists():
        Path(target).unlink()
    fd = os.open(target, os.O_CREAT | os.O_WRONLY, 0o600)  # it holds password and token hashes
    os.close(fd)
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        # 1,024 pages a step: writers go on between steps; SQLite restarts the copy if they change
        # a page it already copied, so the result is one consistent snapshot.
        src.backup(dst, pages=1024, progress=(lambda status, remaining, total: progress(total - remaining, total))
                   if progress else None)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        tables = dst.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if check != "ok":
        raise BackupFailed(f"the copy fails SQLite's integrity check: {check}")
    return f"SQLite snapshot of {tables} tables, {os.path.getsize(target):,} bytes"


def restore(url: str, source: str) -> str:
    """Replace the database at `url` with the backup `source` (run with the service stopped)."""
    if not Path(source).is_file():
        raise BackupFailed(f"{source} is not a file")
    url = normalize_url(url)
    if url.startswith("sqlite"):
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            if src.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupFailed(f"{source} fails SQLite's integrity check")
            target = _sqlite_path(url)
            if not Path(target).exists():
                os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
            dst = sqlite3.connect(target, timeout=30)
            try:
                src.backup(dst)
            finally:
                dst.close()
        except sqlite3.DatabaseError as exc:
            raise BackupFailed(f"{source} is not an SQLite backup: {exc}") from None
        finally:
            src.close()
        return "restored the SQLite snapshot"
    if shutil.which("pg_restore") is None:
        raise BackupFailed("pg_restore is not installed (Debian: postgresql-client)")
    done = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                           "--dbname", _libpq_url(url), source], capture_output=True, text=True)
    if done.returncode:
        raise BackupFailed(f"pg_restore failed: {done.stderr.strip()}")
    return "restored the PostgreSQL dump"
