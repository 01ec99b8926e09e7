"""Alembic migrations: applied at start, idempotent, and shipped inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlmodel import SQLModel

from zenplan.api import tables as table_module
from zenplan.api.db import MIGRATIONS, alembic_config, make_engine, migrate


def test_migrations_create_every_table_and_run_twice(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate(engine)
        migrate(engine)  # a restart applies nothing new
        tables = set(inspect(engine).get_table_names())
        assert set(SQLModel.metadata.tables) <= tables
        assert "alembic_version" in tables
    finally:
        engine.dispose()


def test_the_models_match_the_latest_migration(database_url: str) -> None:
    """A changed table without a migration is caught here (autogenerate finds nothing)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(database_url)
    try:
        migrate(engine)
        with engine.connect() as connection:
            differences = compare_metadata(
                MigrationContext.configure(connection), SQLModel.metadata
            )
        assert differences == []
    finally:
        engine.dispose()


def test_the_migrations_are_package_data() -> None:
    assert Path(table_module.__file__).resolve().parent / "migrations" == MIGRATIONS
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert scripts.get_current_head() == "0008"
    pyproject = (Path(__file__).parents[2] / "pyproject.toml").read_text()
    for pattern in ("migrations/versions/*.py", "migrations/*.mako", "templates/*.html"):
        assert pattern in pyproject
