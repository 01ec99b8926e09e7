"""Parameters and responses that several routers share."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query

from zenplan.api.errors import ErrorOut
from zenplan.api.tables import MAX_ID

Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="Rows to skip.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows to return at most.")]

# The error answers every route may give, documented with their body.
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 403, 404, 413, 422)
}
