"""`zenplan serve` and `zenplan keys create|list|revoke`: run the service, manage API keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

if TYPE_CHECKING:
    from sqlmodel import Session

ROLE_HELP = "viewer (read schedules and pages), planner (scenarios, solves) or admin (keys)."


def _settings() -> object:
    from zenplan.api.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors())
        typer.echo(f"error: {problems}", err=True)
        raise typer.Exit(2) from None


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.", min=1, max=65535)] = 8000,
) -> None:
    """Start the HTTP API and the sponsor pages (settings from ZENPLAN_* variables)."""
    import uvicorn

    from zenplan.api.app import create_app
    from zenplan.api.settings import Settings

    settings = _settings()
    assert isinstance(settings, Settings)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@contextmanager
def _session() -> Iterator[Session]:
    """A session on the service's database (migrated first), from the ZENPLAN_* settings."""
    from sqlmodel import Session

    from zenplan.api.db import make_engine, migrate
    from zenplan.api.settings import Settings

    settings = _settings()
    assert isinstance(settings, Settings)
    engine = make_engine(settings.sqlalchemy_url)
    try:
        migrate(engine)
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def create_key(
    role: Annotated[str, typer.Option(help=ROLE_HELP)],
    name: Annotated[str, typer.Option(help="Who or what uses the key.")] = "",
    expires_in_days: Annotated[
        int | None, typer.Option(help="Days until the key stops working.", min=1, max=3650)
    ] = None,
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    from zenplan.api import crud
    from zenplan.api.tables import ROLES

    if role not in ROLES:
        typer.echo(f"error: --role must be one of {', '.join(ROLES)}, got {role!r}", err=True)
        raise typer.Exit(2)
    with _session() as session:
        record, key = crud.create_api_key(session, role, name, expires_in_days)
    typer.echo(key)
    typer.echo(f"key {record.prefix}... created with role {role}; it is not shown again", err=True)


def list_keys() -> None:
    """List the API keys: id, role, name, first characters, created, expires."""
    from zenplan.api import crud

    with _session() as session:
        records = crud.list_api_keys(session)
        rows = [
            (r.id, r.role, r.name or "-", f"{r.prefix}...", _day(r.created_at), _day(r.expires_at))
            for r in records
        ]
    if not rows:
        typer.echo("no API keys: create one with `zenplan keys create --role admin`")
        return
    typer.echo("id\trole\tname\tkey\tcreated\texpires")
    for row in rows:
        typer.echo("\t".join(str(cell) for cell in row))


def _day(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "never"


def revoke_key(key_id: Annotated[int, typer.Argument(help="The key's id (`keys list`).")]) -> None:
    """Revoke an API key: callers using it get 401 (a running server within seconds)."""
    from zenplan.api import crud
    from zenplan.api.tables import ApiKey

    with _session() as session:
        record = session.get(ApiKey, key_id)
        if record is None:
            typer.echo(f"error: no API key with id {key_id} (see `zenplan keys list`)", err=True)
            raise typer.Exit(1)
        prefix = record.prefix
        crud.delete_api_key(session, record)
    typer.echo(f"key {key_id} ({prefix}...) revoked")


def register(app: typer.Typer) -> None:
    """Add `serve` and `keys create` to the `zenplan` command."""
    app.command()(serve)
    keys = typer.Typer(help="API keys of the service.", no_args_is_help=True)
    keys.command("create")(create_key)
    keys.command("list")(list_keys)
    keys.command("revoke")(revoke_key)
    app.add_typer(keys, name="keys")
