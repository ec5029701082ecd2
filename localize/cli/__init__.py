"""The `localize` command: database, demo data, users, tokens, serving; feature groups in their modules."""
from __future__ import annotations

import os
import sys

import click

from localize.cli.common import audited, engine_of, fail, make_app
from localize.errors import DomainError
from localize.permissions import ROLES


@click.group()
def main():
    """Localize micro-drama series: versions, subtitles, casting and reports."""


@main.group()
def db():
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision):
    """Bring the database to the latest migration."""
    from localize import db as database
    app = make_app()
    database.upgrade(app.config["DATABASE_URL"], revision)
    click.echo(f"database at {revision}")


@main.command()
def demo():
    """Load the demo catalog and one account per role (safe to run again)."""
    from localize.demo import load_demo
    from localize.db import session_scope
    app = make_app()
    with session_scope(engine_of(app)) as session:
        summary = load_demo(session, instance_path=app.instance_path)
    for line in summary:
        click.echo(line)


@main.group()
def users():
    """User accounts."""


@users.command("add")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--name", default="")
@click.option("--languages", default="", help="Comma-separated locales a translator writes, e.g. es-MX,pt-BR")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input")
def users_add(email, role, name, languages, password_stdin):
    """Create a user."""
    from localize.db import session_scope
    from localize.users.service import create_user
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            user = create_user(session, email=email, role=role, name=name,
                               languages=languages.split(","), password=password)
            audited(session, "users_add", "user", user.email, role=role, languages=user.languages)
            click.echo(f"created {user.role} {user.email}")
    except DomainError as exc:
        fail(exc)


@users.command("password")
@click.argument("email")
def users_password(email):
    """Set a user's password (read from standard input)."""
    from localize.db import session_scope
    from localize.users.service import find_user, set_password
    password = sys.stdin.readline().rstrip("\r\n")
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            set_password(find_user(session, email), password)
            audited(session, "users_password", "user", email.strip().lower())
        click.echo(f"password set for {email}")
    except DomainError as exc:
        fail(exc)


@users.command("disable")
@click.argument("email")
def users_disable(email):
    """Disable an account: its sessions end and its API tokens stop working."""
    _set_active(email, False)


@users.command("enable")
@click.argument("email")
def users_enable(email):
    """Enable a disabled account again (sign in anew; old sessions stay ended)."""
    _set_active(email, True)


def _set_active(email: str, active: bool) -> None:
    from localize.db import session_scope
    from localize.users.service import find_user, set_account_active
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            set_account_active(session, find_user(session, email), active)
            audited(session, "users_enable" if active else "users_disable", "user", email.strip().lower())
        click.echo(f"{email} {'enabled' if active else 'disabled'}")
    except DomainError as exc:
        fail(exc)


@users.command("sessions-revoke")
@click.argument("email")
def users_sessions_revoke(email):
    """Sign a user out everywhere: every browser session of theirs ends."""
    from localize.db import session_scope
    from localize.users.service import end_sessions, find_user
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            user = find_user(session, email)
            end_sessions(user)
            session.add(user)
            audited(session, "users_sessions_revoke", "user", user.email)
        click.echo(f"every session of {email} has ended")
    except DomainError as exc:
        fail(exc)


@main.group()
def tokens():
    """API tokens."""


@tokens.command("create")
@click.argument("email")
@click.option("--label", default="")
def tokens_create(email, label):
    """Create an API token and print it, alone, on stdout (it is shown only once)."""
    from localize.db import session_scope
    from localize.users.service import create_token, find_user
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            token = create_token(session, find_user(session, email), label)
            audited(session, "tokens_create", "user", email.strip().lower(), label=label)
    except DomainError as exc:
        fail(exc)
    click.echo(token)


@tokens.command("revoke")
@click.argument("email")
def tokens_revoke(email):
    """Revoke every API token of a user (they answer 401 from then on)."""
    from localize.db import session_scope
    from localize.users.service import find_user, revoke_tokens
    app = make_app()
    try:
        with session_scope(engine_of(app)) as session:
            count = revoke_tokens(session, find_user(session, email))
            audited(session, "tokens_revoke", "user", email.strip().lower(), revoked=count)
    except DomainError as exc:
        fail(exc)
    click.echo(f"revoked {count} token(s) of {email}")


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
def backup(path):
    """Back up the database to PATH while the service runs (SQLite snapshot, or pg_dump -Fc)."""
    from localize.backup import BackupFailed, backup as run_backup
    app = make_app()
    with click.progressbar(length=100, label="backing up", file=sys.stderr) as bar:
        def progress(done, total):
            bar.update(int(100 * done / max(total, 1)) - bar.pos)
        try:
            described = run_backup(app.config["DATABASE_URL"], path, progress)
        except BackupFailed as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
        bar.update(100 - bar.pos)
    click.echo(f"{path}: {described}")


@main.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation")
def restore(path, yes):
    """Replace the database with a backup (stop the service first)."""
    from localize.backup import BackupFailed, restore as run_restore
    app = make_app()
    if not yes:
        click.confirm(f"Replace everything in {app.config['DATABASE_URL'].split('@')[-1]} with {path}? "
                      "Stop the service first.", abort=True)
    try:
        click.echo(run_restore(app.config["DATABASE_URL"], path))
    except BackupFailed as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=lambda: int(os.environ.get("PORT", 5000)), type=int, show_default="5000 or $PORT")
@click.option("--workers", default=2, show_default=True, type=int, help="processes")
@click.option("--threads", default=8, show_default=True, type=int, help="request threads per process")
def serve(host, port, workers, threads):
    """Serve the app (waitress: requests are read whole before the app sees them)."""
    from localize.serving import serve_forever
    click.echo(f"serving on http://{host}:{port} ({workers} worker(s) x {threads} threads)")
    serve_forever(make_app, host, port, workers=workers, threads=threads)


from localize.cli import glossary, jobs, memory, pretranslate, scripts, subtitles, views, xliff  # noqa: E402  (command groups of the features)

main.add_command(scripts.group)
main.add_command(subtitles.group)
main.add_command(views.group)
main.add_command(xliff.group)
main.add_command(jobs.worker)
main.add_command(memory.group)
main.add_command(memory.group, name="memory")
main.add_command(glossary.group)
main.add_command(pretranslate.command)
