"""`localize scripts import|export`: whole seasons of Fountain or FDX files, with a progress bar and a summary."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from localize.cli.common import collect_files, fail, write_export
from localize.cli.subtitles import CliActor, episode_number
from localize.errors import DomainError

SUFFIXES = (".fountain", ".spmd", ".txt", ".fdx")
@click.group("scripts")
def group():
    """Import and export episode scripts (Fountain, Final Draft)."""


@group.command("import")
@click.argument("slug")
@click.argument("locale")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--as", "as_email", default=None, help="Record revisions as this user (default: the CLI)")
def import_command(slug, locale, paths, as_email):
    """Import Fountain/FDX files (folders, zips); the episode is the first integer in each file's name."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope
    from localize.scripts import files as script_files
    from localize.users.service import find_user

    app = make_app()
    collected, refused = collect_files(list(paths), SUFFIXES, app.config["MAX_CONTENT_LENGTH"])
    imported = []
    try:
        with session_scope(engine_of(app)) as session, click.progressbar(
                length=len(collected), label="importing scripts", file=sys.stderr) as bar:
            author = find_user(session, as_email) if as_email else CliActor()
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            episodes = {e.number: e for e in catalog.list_episodes(session, series)}
            for name, data in collected:
                bar.update(1)
                number = episode_number(name.rsplit(":", 1)[-1])
                if number not in episodes:
                    refused.append((name, "no episode number in the file name" if number is None
                                    else f"series {slug!r} has no episode {number}"))
                    continue
                savepoint = session.begin_nested()  # each file all or nothing
                try:
                    result = script_files.import_file(
                        session, series=series, version=version, episode=episodes[number], data=data,
                        filename=name, author=author, summary=f"imported {Path(name).name}",
                        enforce_roles=as_email is not None)
                    savepoint.commit()
                except DomainError as exc:
                    savepoint.rollback()
                    detail = exc.details[0] if exc.details else {}
                    where = f"line {detail['line']}: " if detail.get("line") else ""
                    refused.append((name, where + exc.message))
                    continue
                imported.append((name, number, len(result.segments), result))
    except DomainError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    click.echo(f"imported {len(imported)} file(s), {sum(i[2] for i in imported)} segments; refused {len(refused)}")
    for name, number, count, result in imported:
        created = f", new characters: {', '.join(result.created_characters)}" if result.created_characters else ""
        click.echo(f"  ok       {name}: episode {number}, {count} segments, {len(result.findings)} finding(s){created}")
    for name, reason in refused:
        click.echo(f"  refused  {name}: {reason}")
    if refused:
        sys.exit(1)


@group.command("export")
@click.argument("slug")
@click.argument("locale")
@click.option("--format", "fmt", type=click.Choice(["fountain", "fdx"]), default="fountain", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(), help="A folder, or a .zip file")
def export_command(slug, locale, fmt, out):
    """Export every episode's script of a version to a folder or a zip."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope
    from localize.scripts import files as script_files

    app = make_app()
    try:
        with session_scope(engine_of(app), write=False) as session:
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            total = script_files.count_scripts(session, version)
            with click.progressbar(length=total, label="exporting scripts", file=sys.stderr) as bar:
                data, count = script_files.export_version(session, series, version, fmt, progress=bar.update)
    except DomainError as exc:
        fail(exc)
    target = write_export(data, out)
    click.echo(f"exported {count} script(s) to {target}")
