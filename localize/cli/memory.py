"""`localize tm import|export`: translation memory to and from TMX 1.4 files, with a progress bar.

`localize memory ...` is the same group under its long name.
"""
from __future__ import annotations

import sys

import click


@click.group("tm")
def group():
    """Translation memory (TMX 1.4 import and export)."""


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(path):
    """Import FILE.tmx: one pair per target language of each unit; a broken file stores nothing."""
    from localize.cli.common import audited, engine_of, fail, make_app
    from localize.db import session_scope
    from localize.errors import DomainError
    from localize.memory import exchange, tmx

    app = make_app()
    with open(path, "rb") as f:
        data = f.read()
    try:
        units = len(tmx.parse(data).pairs()[0])
    except tmx.TmxError as exc:
        click.echo(f"refused {path}: {exc}; nothing was stored", err=True)
        sys.exit(1)
    try:
        with click.progressbar(length=units, label="importing pairs", file=sys.stderr) as bar, \
                session_scope(engine_of(app)) as session:
            result = exchange.import_tmx(session, data, author=None, progress=bar.update)
            audited(session, "memory_import", "memory", path.rsplit("/", 1)[-1], units=result.units,
                    added=result.added, updated=result.updated)
    except DomainError as exc:
        fail(exc)
    click.echo(f"read {result.units} unit(s): {result.added} pair(s) added, {result.updated} updated, "
               f"{len(result.skipped)} unit(s) skipped")
    for skipped in result.skipped[:50]:
        click.echo(f"  line {skipped['line']}: {skipped['reason']}", err=True)


@group.command("export")
@click.argument("source", required=False)
@click.argument("target", required=False)
@click.option("--source", "source_option", help="the source locale (or the first argument)")
@click.option("--target", "target_option", help="the target locale (or the second argument)")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True), help="the .tmx file to write")
def export_command(source, target, source_option, target_option, out):
    """Export the memory of one language pair (SRC TGT, or --source/--target) to a TMX 1.4 file."""
    from localize.cli.common import engine_of, fail, make_app
    from localize.db import session_scope
    from localize.errors import DomainError
    from localize.locales import normalize_locale
    from localize.memory import exchange

    source, target = source_option or source, target_option or target
    if not source or not target:
        raise click.UsageError("name the language pair: localize tm export en-US es-MX --out memory.tmx")
    app = make_app()
    try:
        source, target = normalize_locale(source, "source"), normalize_locale(target, "target")
        with session_scope(engine_of(app), write=False) as session:
            total = exchange.count_entries(session, source, target)
            with click.progressbar(length=total, label="exporting pairs", file=sys.stderr) as bar, \
                    open(out, "w", encoding="utf-8", newline="\n") as f:
                for piece in exchange.export_tmx(session, source, target, progress=bar.update):
                    f.write(piece)
    except DomainError as exc:
        fail(exc)
    click.echo(f"wrote {total} pair(s) {source} -> {target} to {out}")
