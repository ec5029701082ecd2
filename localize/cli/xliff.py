"""`localize xliff export|import`: a version's scripts or subtitle tracks as XLIFF 1.2, out to CAT tools and back."""
from __future__ import annotations

import sys

import click

from localize.cli.common import collect_files, fail, write_export
from localize.cli.subtitles import CliActor
from localize.errors import DomainError

SUFFIXES = (".xlf", ".xliff", ".xml")


@click.group("xliff")
def group():
    """Exchange scripts and subtitle tracks with CAT tools (XLIFF 1.2)."""


@group.command("export")
@click.argument("slug")
@click.argument("locale")
@click.option("--scope", type=click.Choice(["script", "subtitles"]), required=True)
@click.option("--lang", default=None, help="The tracks' language (subtitles; default: the version's locale)")
@click.option("--out", "out", required=True, type=click.Path(), help="A folder, or a .zip file")
def export_command(slug, locale, scope, lang, out):
    """Export every episode's script (or track) of a version as XLIFF files, to a folder or a zip."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope
    from localize.exchange import bundle

    app = make_app()
    try:
        with session_scope(engine_of(app), write=False) as session:
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            scope, language = bundle.scope_language(version, scope, lang)
            total = len(bundle.episodes_in_scope(session, version, scope, language))
            with click.progressbar(length=total, label="exporting XLIFF", file=sys.stderr) as bar:
                data, count = bundle.export_zip(session, series, version, scope, language, progress=bar.update)
    except DomainError as exc:
        fail(exc)
    target = write_export(data, out)
    click.echo(f"exported {count} XLIFF file(s) to {target}")


@group.command("import")
@click.argument("slug")
@click.argument("locale")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--as", "as_email", default=None, help="Apply as this user, with their roles (default: the CLI)")
def import_command(slug, locale, paths, as_email):
    """Import XLIFF files (folders, zips); each file's episode and language come from its <file original>."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope
    from localize.users.service import find_user

    app = make_app()
    collected, refused = collect_files(list(paths), SUFFIXES, app.config["MAX_CONTENT_LENGTH"])
    done = []
    try:
        with session_scope(engine_of(app)) as session, click.progressbar(
                length=len(collected), label="importing XLIFF", file=sys.stderr) as bar:
            author = find_user(session, as_email) if as_email else CliActor()
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            for name, data in collected:
                bar.update(1)
                savepoint = session.begin_nested()  # each file all or nothing
                try:
                    where, result = _import_one(session, series, version, data, author, as_email is not None)
                    savepoint.commit()
                except DomainError as exc:
                    savepoint.rollback()
                    detail = exc.details[0] if exc.details else {}
                    at = f"line {detail['line']}: " if detail.get("line") else ""
                    refused.append((name, at + exc.message))
                    continue
                done.append((name, where, result))
    except DomainError as exc:
        fail(exc)
    click.echo(f"imported {len(done)} file(s), {sum(r.applied for _, _, r in done)} unit(s) applied; "
               f"refused {len(refused)}")
    for name, where, result in done:
        click.echo(f"  ok       {name}: {where}, {result.applied} applied, {result.unchanged} unchanged, "
                   f"revision {result.revision}")
    for name, reason in refused:
        click.echo(f"  refused  {name}: {reason}")
    if refused:
        sys.exit(1)


def _import_one(session, series, version, data: bytes, author, enforce_roles: bool):
    """Apply one file where its <file original> says it belongs; returns (what, ImportResult)."""
    from localize.catalog import service as catalog
    from localize.errors import ValidationFailed
    from localize.exchange import documents, scripts, subtitles

    files = documents.parse(data)
    home = documents.read_home(files[0].original)
    if home is None or (home.slug, home.locale) != (series.slug, version.locale):
        raise ValidationFailed(f"the file is {files[0].original!r}, not a script or track of {series.slug} "
                               f"{version.locale}", [{"field": "original", "line": files[0].line}])
    episode = catalog.get_episode(session, series, home.number)
    if home.scope == "script":
        return f"episode {home.number} script", scripts.import_script(
            session, series=series, version=version, episode=episode, data=data, author=author,
            enforce_roles=enforce_roles)
    language = files[0].target_language or home.language
    return f"episode {home.number} {language} subtitles", subtitles.import_track(
        session, series=series, version=version, episode=episode, language=language, data=data, author=author,
        enforce_roles=enforce_roles)
