"""The migrations produce exactly the models' schema, on every configured database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from localize import models  # noqa: F401


def test_migrations_match_models(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_upgrade_is_idempotent(db_url):
    from localize.db import upgrade
    upgrade(db_url)  # already at head: a second run changes nothing and does not fail
    upgrade(db_url)


def test_comparison_sees_a_drifted_model(engine):
    """Guard for the test above: a model the migrations do not create is reported."""
    from sqlalchemy import Column, Integer, MetaData, Table
    drifted = MetaData()
    for table in SQLModel.metadata.tables.values():
        table.to_metadata(drifted)
    Table("not_migrated", drifted, Column("id", Integer, primary_key=True))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), drifted)
    assert [d[0] for d in diff] == ["add_table"]


def test_downgrade_to_base_then_upgrade_again(db_url):
    """Every revision's downgrade undoes its upgrade: nothing is left behind, and head comes back whole."""
    from alembic import command
    from sqlalchemy import inspect

    from localize.db import alembic_config, get_engine, upgrade
    engine = get_engine(db_url)
    command.downgrade(alembic_config(db_url), "base")
    inspector = inspect(engine)
    assert set(inspector.get_table_names()) <= {"alembic_version"}
    if engine.dialect.name == "postgresql":
        assert inspector.get_enums() == []
    upgrade(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata)
    assert diff == []
