"""`localize pretranslate SLUG LOCALE`: fill a version's scripts and tracks from memory (and machine), with a progress bar."""
from __future__ import annotations

import sys

import click

from localize.cli.common import fail
from localize.errors import DomainError


@click.command("pretranslate")
@click.argument("slug")
@click.argument("locale")
@click.option("--episodes", default=None, help="the version's episodes: 1-12, 3 or 1-3,7 (default: all)")
@click.option("--min-score", type=click.IntRange(75, 100), default=100, show_default=True,
              help="fuzzy matches at or above it fill as `fuzzy`; 100: exact and context only")
@click.option("--machine", is_flag=True, help="machine-translate what memory does not fill (LOCALIZE_MT_PROVIDER)")
@click.option("--scope", type=click.Choice(["script", "subtitles"]), multiple=True,
              help="what to fill (repeat for both; default: both)")
@click.option("--as", "as_email", default=None, help="Record revisions as this user (default: the CLI)")
def command(slug, locale, episodes, min_score, machine, scope, as_email):
    """Pre-translate an episode range: memory matches first, then (with --machine) machine translation."""
    from localize.catalog import service as catalog
    from localize.catalog.settings import effective_settings
    from localize.cli.common import audited, engine_of, make_app
    from localize.cli.subtitles import CliActor
    from localize.db import session_scope
    from localize.machinery import provider_from_config
    from localize.memory.leverage import parse_episodes
    from localize.memory.pretranslate import pretranslate
    from localize.users.service import find_user

    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            author = find_user(session, as_email) if as_email else CliActor()
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            numbers = parse_episodes(episodes, effective_settings(series, version).episode_count)
            provider = provider_from_config(app.config) if machine else None
            with click.progressbar(length=len(numbers), label="pre-translating episodes", file=sys.stderr) as bar:
                seen = [0]

                def progress(done, total):
                    bar.update(done - seen[0])
                    seen[0] = done
                result = pretranslate(session, series=series, version=version, episodes=numbers,
                                      scope=list(scope) or ["script", "subtitles"], min_score=min_score,
                                      machine=machine, provider=provider, author=author, progress=progress)
            audited(session, "pretranslate", "version", f"{series.slug}/{version.locale}",
                    episodes=len(numbers), revisions=result.revisions, **result.filled)
    except DomainError as exc:
        fail(exc)
    filled = result.filled
    click.echo(f"filled {filled['context']} context, {filled['exact']} exact, {filled['fuzzy']} fuzzy, "
               f"{filled['machine']} machine; {result.left} left empty; {result.revisions} revision(s); "
               f"{len(result.failed)} failed")
    for failure in result.failed[:50]:
        click.echo(f"  episode {failure['episode']} {failure['kind']} #{failure['position']}: {failure['reason']}",
                   err=True)
