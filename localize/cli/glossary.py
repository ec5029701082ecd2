"""`localize glossary import|export`: a series' glossary for one target locale, to and from files."""
from __future__ import annotations

import click


@click.group("glossary")
def group():
    """A series' glossary per target locale (CSV import; CSV or TBX export)."""


@group.command("import")
@click.argument("slug")
@click.argument("locale")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(slug, locale, path):
    """Import FILE.csv (source,target,kind,note): adds and updates by source; a bad row stores nothing."""
    from localize.catalog import service as catalog
    from localize.cli.common import audited, engine_of, fail, make_app
    from localize.db import session_scope
    from localize.errors import DomainError
    from localize.glossary import exchange

    app = make_app()
    with open(path, "rb") as f:
        data = f.read(exchange.MAX_CSV_BYTES + 1)
    try:
        with session_scope(engine_of(app)) as session:
            series = catalog.get_series(session, slug)
            result = exchange.import_csv(session, series, locale, data)
            audited(session, "glossary_import", "series", slug, locale=locale, file=path.rsplit("/", 1)[-1],
                    added=result.added, updated=result.updated)
    except DomainError as exc:
        click.echo(f"refused {path}; nothing was stored", err=True)
        fail(exc)
    click.echo(f"read {result.rows} row(s): {result.added} added, {result.updated} updated, "
               f"{result.unchanged} unchanged, {len(result.skipped)} skipped")
    for skipped in result.skipped[:50]:
        click.echo(f"  row {skipped['row']}: {skipped['reason']}", err=True)


@group.command("export")
@click.argument("slug")
@click.argument("locale")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True),
              help="the file to write: .csv, or .tbx for TBX-Basic")
def export_command(slug, locale, out):
    """Export the glossary of LOCALE (casting's names included) as CSV or TBX, by --out's extension."""
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, fail, make_app
    from localize.db import session_scope
    from localize.errors import DomainError
    from localize.glossary import exchange, store
    from localize.locales import normalize_locale

    kind = out.rsplit(".", 1)[-1].lower() if "." in out else ""
    if kind not in ("csv", "tbx"):
        raise click.UsageError("--out must end in .csv or .tbx")
    app = make_app()
    try:
        locale = normalize_locale(locale, "locale")
        with session_scope(engine_of(app), write=False) as session:
            series = catalog.get_series(session, slug)
            count = len(store.list_entries(session, series, locale))
            data = (exchange.export_csv(session, series, locale).encode("utf-8") if kind == "csv"
                    else exchange.export_tbx(session, series, locale))
    except DomainError as exc:
        fail(exc)
    with open(out, "wb") as f:
        f.write(data)
    click.echo(f"wrote {count} entr{'y' if count == 1 else 'ies'} of the {locale} glossary to {out}")
