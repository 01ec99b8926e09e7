"""Parameters and responses that several routers share."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Query, Request, Response

from zenplan.api.errors import ErrorOut
from zenplan.api.tables import MAX_ID

Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="Rows to skip.")]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows to return at most.")]

# The error answers every route may give, documented with their body.
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut} for code in (401, 403, 404, 413, 422)
}


def paginate(request: Request, response: Response, total: int, offset: int, limit: int) -> None:
    """``X-Total-Count`` and a ``Link`` header (RFC 8288) to the first, previous, next and
    last pages of a list."""
    response.headers["X-Total-Count"] = str(total)

    def page(start: int) -> str:
        return str(request.url.include_query_params(offset=start, limit=limit))

    links = {"first": 0, "last": max(0, (total - 1) // limit * limit)}
    if offset + limit < total:
        links["next"] = offset + limit
    if offset > 0:
        links["prev"] = max(0, offset - limit)
    response.headers["Link"] = ", ".join(
        f'<{page(start)}>; rel="{rel}"' for rel, start in links.items()
    )


# Documented on every list route.
LIST_HEADERS: dict[str, Any] = {
    "X-Total-Count": {"description": "Rows in all pages.", "schema": {"type": "integer"}},
    "Link": {
        "description": "first, prev, next and last pages (RFC 8288).",
        "schema": {"type": "string"},
    },
}
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {"description": "One page of the list.", "headers": LIST_HEADERS},
}
