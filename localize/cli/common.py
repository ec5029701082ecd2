"""What every `localize` command shares: the app, its engine, and how a refused operation is reported."""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import click

from localize.errors import DomainError


def make_app():
    from localize import create_app
    return create_app()


def engine_of(app):
    return app.extensions["localize_engine"]


def audited(session, action: str, object_type: str, object_id: str, **details) -> None:
    """Record a change made from the command line in the audit log (actor: "cli")."""
    from localize import audit
    audit.record(session, actor=None, action=action, object_type=object_type, object_id=object_id,
                 details=details)


def fail(exc: DomainError) -> None:
    """Print a domain error with its details on stderr and exit with status 1."""
    click.echo(f"error: {exc.message}", err=True)
    for detail in exc.details:
        click.echo("  " + ", ".join(f"{k}={v}" for k, v in detail.items()), err=True)
    sys.exit(1)


MAX_ZIP_ENTRIES = 1000


def collect_files(paths: list[str], suffixes: tuple[str, ...], limit: int
                  ) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    """(name, bytes) of every file with one of `suffixes` given directly, in a folder or in a zip,
    and (name, reason) of those refused.

    A zip is read entry by entry: at most 1,000 entries, none larger than `limit` once decompressed
    (read in chunks, so a zip bomb stops at the limit instead of filling memory). An entry is named
    "archive.zip:entry", so its episode number comes from the entry's own name.
    """
    files, refused = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for item in sorted(path.iterdir()):
                if item.is_file() and item.suffix.lower() in suffixes:
                    _add(files, refused, str(item), item.stat().st_size, limit, item.read_bytes)
        elif path.suffix.lower() == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    infos = archive.infolist()
                    if len(infos) > MAX_ZIP_ENTRIES:
                        refused.append((str(path), f"more than {MAX_ZIP_ENTRIES} entries ({len(infos)})"))
                        continue
                    for info in sorted(infos, key=lambda i: i.filename):
                        if not info.is_dir() and Path(info.filename).suffix.lower() in suffixes:
                            _add(files, refused, f"{path.name}:{info.filename}", info.file_size, limit,
                                 lambda i=info: _read_entry(archive, i, limit))
            except (zipfile.BadZipFile, OSError) as exc:
                refused.append((str(path), f"not a readable zip file: {exc}"))
        else:
            _add(files, refused, str(path), path.stat().st_size, limit, path.read_bytes)
    return files, refused


def _add(files, refused, name: str, size: int, limit: int, read) -> None:
    if size > limit:
        refused.append((name, f"larger than the {limit // 1024} KiB upload limit"))
        return
    try:
        files.append((name, read()))
    except (ValueError, zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
        refused.append((name, str(exc)))


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    # The declared size can lie: count what decompresses.
    chunks, size = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise ValueError(f"larger than the {limit // 1024} KiB upload limit once decompressed")
            chunks.append(chunk)
    return b"".join(chunks)


def write_export(data: bytes, out: str) -> Path:
    """Write an export zip as `out` when it ends in .zip, else unpack it into the folder `out`."""
    import io
    target = Path(out)
    if target.suffix.lower() == ".zip":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return target
    target.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            # Names are built by the exporters (epNNN.<tag>.<fmt>), never taken from user input.
            (target / Path(name).name).write_bytes(archive.read(name))
    return target
