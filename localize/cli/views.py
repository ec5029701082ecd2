"""`localize views import`: stream a CSV of daily counts into the database, with a progress bar."""
from __future__ import annotations

import io
import os
import sys

import click


class _CountingReader(io.RawIOBase):
    """A binary file that reports the bytes read, so the bar moves as the CSV streams."""

    def __init__(self, raw, on_read):
        self.raw, self.on_read = raw, on_read

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self.raw.readinto(buffer)
        if n:
            self.on_read(n)
        return n


@click.group("views")
def group():
    """Daily view counts."""


@group.command("import")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(slug, path):
    """Import FILE.csv (date,locale,episode,views,unlocks,revenue); idempotent, all or nothing."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.cli.common import audited
    from localize.db import session_scope
    from localize.errors import DomainError
    from localize.reports.ingest import ingest
    from localize.reports.rows import RowsRejected, iter_csv_rows

    app = make_app()
    size = os.path.getsize(path)
    try:
        with open(path, "rb") as raw, click.progressbar(length=size, label="importing views",
                                                        file=sys.stderr, show_pos=False) as bar:
            text = io.TextIOWrapper(io.BufferedReader(_CountingReader(raw, bar.update), 1 << 20),
                                    encoding="utf-8-sig", newline="")
            with session_scope(engine_of(app)) as session:
                result = ingest(session, catalog.get_series(session, slug), iter_csv_rows(text))
                audited(session, "views_import", "series", slug, file=os.path.basename(path), rows=result.rows,
                        inserted=result.inserted, replaced=result.replaced)
    except RowsRejected as exc:
        click.echo(f"refused {path}: {len(exc.errors)} problem(s); nothing was stored", err=True)
        for error in exc.errors[:50]:
            where = f"line {error.line}, " if error.line else ""
            click.echo(f"  {where}row {error.row}, {error.field}: {error.reason}", err=True)
        if len(exc.errors) > 50:
            click.echo(f"  ... and {len(exc.errors) - 50} more", err=True)
        sys.exit(1)
    except UnicodeDecodeError as exc:
        click.echo(f"refused {path}: not UTF-8 text ({exc.reason} at byte {exc.start})", err=True)
        sys.exit(1)
    except DomainError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    click.echo(f"imported {result.rows} row(s): {result.inserted} inserted, {result.replaced} replaced; "
               f"{result.months} month rollup(s) recomputed")
