"""The database: engine, sessions, and the Alembic migrations applied at start."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """WAL lets the pages read while a solve process writes its progress."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (it holds the key hashes); SQLite
    gives its -wal and -shm files the same mode."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


DEFAULT_STATEMENT_TIMEOUT = 10.0


def _postgres_timeouts(seconds: float) -> Any:
    """Every PostgreSQL connection gives up on a statement (or a lock wait) after ``seconds``,
    so one locked table cannot hold the server's threads for long."""
    milliseconds = max(1, int(seconds * 1000))

    def on_connect(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute(f"SET statement_timeout = {milliseconds}")
        cursor.execute(f"SET lock_timeout = {milliseconds}")
        cursor.close()
        connection.commit()

    return on_connect


def make_engine(url: str, statement_timeout: float = DEFAULT_STATEMENT_TIMEOUT) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created when missing. Statements
    (and lock waits) end after ``statement_timeout`` seconds on PostgreSQL; SQLite waits
    as long for the write lock."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            _private_file(Path(parsed.database))
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": statement_timeout}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        pool_timeout=statement_timeout,
        connect_args={"connect_timeout": max(1, int(statement_timeout))},
    )
    event.listen(engine, "connect", _postgres_timeouts(statement_timeout))
    return engine


def alembic_config(url: str) -> Config:
    """Alembic's configuration, built in code so it works from an installed package too."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema up to the latest migration (a no-op when it is current).

    On SQLite foreign keys are off meanwhile (they can be switched only outside a
    transaction): a migration that rebuilds a parent table would otherwise fail.
    """
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                connection.commit()
                if broken:
                    raise RuntimeError(f"the migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                connection.rollback()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


def sessions(engine: Engine) -> Iterator[Session]:
    with Session(engine) as session:
        yield session


@contextmanager
def scratch_schema(server_url: str, prefix: str) -> Iterator[str]:
    """A URL for a fresh schema of its own in the PostgreSQL database ``server_url`` names
    (every connection of the URL searches that schema first), dropped with what it holds
    when the block ends; for test runs and benchmarks that must leave the database as they
    found it."""
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
