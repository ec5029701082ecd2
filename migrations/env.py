"""Alembic environment: the schema is SQLModel.metadata; the URL comes from the caller's config."""
from alembic import context
from sqlmodel import SQLModel

from localize import models  # noqa: F401  (registers every table on SQLModel.metadata)
from localize.db import get_engine

config = context.config
target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = get_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect().execution_options(localize_write=True) as connection:
        _run(connection)
        connection.commit()


def _run(connection) -> None:
    # render_as_batch: SQLite alters tables by copying them; batch mode does that for us.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
