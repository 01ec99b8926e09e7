"""`zenplan serve` and `zenplan keys create`: run the service, hand out API keys."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import ValidationError

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


def create_key(
    role: Annotated[str, typer.Option(help=ROLE_HELP)],
    name: Annotated[str, typer.Option(help="Who or what uses the key.")] = "",
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    from sqlmodel import Session

    from zenplan.api import crud
    from zenplan.api.db import make_engine, migrate
    from zenplan.api.settings import Settings
    from zenplan.api.tables import ROLES

    if role not in ROLES:
        typer.echo(f"error: --role must be one of {', '.join(ROLES)}, got {role!r}", err=True)
        raise typer.Exit(2)
    settings = _settings()
    assert isinstance(settings, Settings)
    engine = make_engine(settings.sqlalchemy_url)
    migrate(engine)
    with Session(engine) as session:
        record, key = crud.create_api_key(session, role, name)
    engine.dispose()
    typer.echo(key)
    typer.echo(f"key {record.prefix}... created with role {role}; it is not shown again", err=True)


def register(app: typer.Typer) -> None:
    """Add `serve` and `keys create` to the `zenplan` command."""
    app.command()(serve)
    keys = typer.Typer(help="API keys of the service.", no_args_is_help=True)
    keys.command("create")(create_key)
    app.add_typer(keys, name="keys")
