"""`localize subtitles import|export`: whole seasons of files, with a progress bar and a summary."""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from localize.cli.common import collect_files, fail, write_export
from localize.errors import DomainError

EPISODE_NUMBER = re.compile(r"\d+")


@dataclass
class CliActor:
    """The author recorded on revisions made from the command line without --as."""

    id: int | None = None
    name: str = "localize CLI"
    email: str = "cli"


def episode_number(filename: str) -> int | None:
    """The first integer in a file's own name: ep07.srt, 07.vtt and 'Episode 7.vtt' are episode 7.

    A zip entry is named "season2.zip:ep01.vtt": its number comes from the entry, never the archive.
    """
    match = EPISODE_NUMBER.search(Path(filename.rsplit(":", 1)[-1]).name)
    return int(match.group()) if match else None


@click.group("subtitles")
def group():
    """Import and export subtitle tracks."""


@group.command("import")
@click.argument("slug")
@click.argument("locale")
@click.argument("lang")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--as", "as_email", default=None, help="Record revisions as this user (default: the CLI)")
@click.option("--skip-invalid", is_flag=True, default=False,
              help="Import a file's valid cues and drop the invalid ones (each listed, and kept in the revision)")
def import_command(slug, locale, lang, paths, as_email, skip_invalid):
    """Import VTT/SRT files (or zips of them); the episode is the first integer in each name.

    A file with an invalid cue is refused, every problem named with its line, unless
    --skip-invalid is given: then its other cues are imported and the dropped ones listed.
    """
    from localize.catalog import service as catalog
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope
    from localize.subtitles import season
    from localize.users.service import find_user

    app = make_app()
    files, refused = collect_files(list(paths), (".vtt", ".srt"), app.config["MAX_CONTENT_LENGTH"])
    numbered = [(name, episode_number(name), data) for name, data in files]
    refused += [(name, "no episode number in the file name") for name, number, _ in numbered if number is None]
    numbered = [item for item in numbered if item[1] is not None]
    try:
        with session_scope(engine_of(app)) as session, click.progressbar(
                length=len(numbered), label=f"importing {lang} subtitles", file=sys.stderr) as bar:
            author = find_user(session, as_email) if as_email else CliActor()
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            outcome = season.import_many(session, series=series, version=version, language=lang,
                                         files=numbered, author=author, progress=bar.update,
                                         skip_invalid=skip_invalid)
    except DomainError as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    refused += outcome.refused
    imported = [(name, number, len(result.cues), sum(1 for f in result.findings if f.severity == "error"),
                 result.dropped) for name, number, result in outcome.imported]
    click.echo(f"imported {len(imported)} file(s), {sum(i[2] for i in imported)} cues; refused {len(refused)}")
    for name, number, cues, errors, dropped in imported:
        click.echo(f"  ok       {name}: episode {number}, {cues} cues, {errors} QC error(s)"
                   + (f", {len(dropped)} invalid cue(s) dropped" if dropped else ""))
        for cue in dropped:
            click.echo(f"             dropped line {cue['line']}: {cue['reason']}")
    for name, reason in refused:
        kept = outcome.skippable.get(name)
        hint = f" (--skip-invalid imports its other {kept} cue(s) without these)" if kept else ""
        click.echo(f"  refused  {name}: {reason}{hint}")
    if refused:
        sys.exit(1)


@group.command("export")
@click.argument("slug")
@click.argument("locale")
@click.argument("lang")
@click.option("--format", "fmt", type=click.Choice(["vtt", "srt"]), default="vtt", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(), help="A folder, or a .zip file")
def export_command(slug, locale, lang, fmt, out):
    """Export every episode's track of a version in one language to a folder or a zip."""
    from localize.catalog import service as catalog
    from localize.locales import normalize_locale
    from localize.cli.common import engine_of, make_app
    from localize.db import session_scope

    from localize.subtitles import tracks

    app = make_app()
    try:
        with session_scope(engine_of(app), write=False) as session:
            series = catalog.get_series(session, slug)
            version = catalog.get_version(session, series, locale)
            language = normalize_locale(lang, "language")
            total = tracks.count_tracks(session, version, language)
            with click.progressbar(length=total, label=f"exporting {language} subtitles", file=sys.stderr) as bar:
                data, count = tracks.export_version(session, version, language, fmt, progress=bar.update)
    except DomainError as exc:
        fail(exc)
    target = write_export(data, out)
    click.echo(f"exported {count} track(s) to {target}")
