"""What every `localize` command shares: the app, its engine, and how a refused operation is reported."""
from __future__ import annotations

import sys

import click

from localize.errors import DomainError


def make_app():
    from localize import create_app
    return create_app()


def engine_of(app):
    return app.extensions["localize_engine"]


def fail(exc: DomainError) -> None:
    """Print a domain error with its details on stderr and exit with status 1."""
    click.echo(f"error: {exc.message}", err=True)
    for detail in exc.details:
        click.echo("  " + ", ".join(f"{k}={v}" for k, v in detail.items()), err=True)
    sys.exit(1)
