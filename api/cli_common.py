"""What every `zenplan` command shares: the consoles and the way user mistakes end a command
(exit code 2, a message naming the field and value, no traceback)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from zenplan.models import InputError

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


def fail(message: str) -> NoReturn:
    """Report a user mistake and exit with code 2."""
    errors.print(Text(f"error: {message}", style="bold red"), soft_wrap=True)
    raise typer.Exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn input errors into a clear message and exit code 2."""
    try:
        yield
    except InputError as error:
        fail(str(error))
    except ValueError as error:
        fail(str(error))
