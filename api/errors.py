"""Errors as the API answers them: every 4xx names the field (``loc``) and the ``value``
(cut to a bounded size); a 5xx is JSON too, with the request id that the log also shows.

The body is always ``{"detail": [{"loc": [...], "msg": "...", "value": ...}, ...]}``.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from zenplan.models import InputError

Loc = Sequence[str | int]
log = logging.getLogger("zenplan.api")


class ProblemOut(BaseModel):
    """One thing wrong with a request: where, what, and the value found there."""

    loc: list[str | int]
    msg: str
    value: Any = None


class ErrorOut(BaseModel):
    detail: list[ProblemOut]


MAX_TEXT = 200  # characters of an echoed string
MAX_ITEMS = 10  # items of an echoed list or mapping
MAX_DEPTH = 3  # levels of an echoed list or mapping
MAX_PROBLEMS = 100  # problems listed in one answer


def problem(loc: Loc, msg: str, value: Any = None) -> dict[str, Any]:
    return {"loc": list(loc)[:50], "msg": _cut(msg, 2_000), "value": _plain(_bounded(value))}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def _bounded(value: Any, depth: int = 0) -> Any:
    """The wrong input as echoed back: long text, long lists and deep nesting are cut, so an
    answer stays small whatever was sent."""
    if isinstance(value, str):
        return _cut(value, MAX_TEXT)
    if isinstance(value, dict):
        if depth >= MAX_DEPTH:
            return f"{{… {len(value)} keys}}"
        items = itertools.islice(value.items(), MAX_ITEMS)
        shown = {_cut(str(k), MAX_TEXT): _bounded(v, depth + 1) for k, v in items}
        if len(value) > MAX_ITEMS:
            shown["…"] = f"{len(value) - MAX_ITEMS} more keys"
        return shown
    if isinstance(value, list | tuple):
        if depth >= MAX_DEPTH:
            return f"[… {len(value)} items]"
        shown_items = [_bounded(v, depth + 1) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            shown_items.append(f"… {len(value) - MAX_ITEMS} more items")
        return shown_items
    return value


def _plain(value: Any) -> Any:
    """A value that JSON can carry (the input that was wrong may be anything)."""
    if isinstance(value, str):
        return value.encode("utf-8", errors="replace").decode("utf-8")
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    try:
        return jsonable_encoder(value)
    except (TypeError, ValueError):
        return repr(value)


class ApiError(HTTPException):
    """An HTTP error with one or more problems as its detail."""

    def __init__(
        self,
        status_code: int,
        loc: Loc,
        msg: str,
        value: Any = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status_code, [problem(loc, msg, value)], headers)


def not_found(what: str, loc: Loc, value: Any) -> ApiError:
    return ApiError(404, loc, f"no {what} with this id", value)


def input_problems(
    error: InputError, prefix: Loc = ("body",), limit: int | None = None
) -> list[dict[str, Any]]:
    shown = error.problems[:limit] if limit is not None else error.problems
    return [problem([*prefix, *p.loc], p.message, p.value) for p in shown]


def _errors_response(status_code: int, detail: list[dict[str, Any]], **kwargs: Any) -> JSONResponse:
    if len(detail) > MAX_PROBLEMS:
        detail = _with_more(detail[:MAX_PROBLEMS], len(detail))
    return JSONResponse({"detail": detail}, status_code=status_code, **kwargs)


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    detail: Any = error.detail
    if not (isinstance(detail, list) and all(isinstance(d, dict) for d in detail)):
        # Routing errors (unknown path, wrong method) name the path and the method.
        loc: list[str | int] = ["method"] if error.status_code == 405 else ["path"]
        value = request.method if error.status_code == 405 else request.url.path
        detail = [problem(loc, str(error.detail), value)]
    return _answer(request, error.status_code, detail, error.headers)


def _answer(
    request: Request,
    status_code: int,
    detail: list[dict[str, Any]],
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error as JSON, or as a page for the sponsor pages (a browser shows it)."""
    if request.url.path.startswith("/ui/") and status_code in (404, 422):
        from zenplan.api.routes.pages import error_page

        return error_page(request, status_code, detail)
    return _errors_response(status_code, detail, headers=headers)


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    errors = error.errors()
    detail = [
        problem(e.get("loc", ()), e.get("msg", "invalid"), e.get("input"))
        for e in errors[:MAX_PROBLEMS]
    ]
    return _answer(request, 422, _with_more(detail, len(errors)))


def _with_more(detail: list[dict[str, Any]], total: int) -> list[dict[str, Any]]:
    """The first problems, and one saying how many more there were."""
    if total > len(detail):
        detail = [*detail, problem([], f"and {total - len(detail)} more problems", total)]
    return detail


async def _input_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, InputError)
    detail = input_problems(error, limit=MAX_PROBLEMS)
    return _errors_response(422, _with_more(detail, len(error.problems)))


DATABASE_RETRY_SECONDS = 5


def request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "-")


async def _database_error(request: Request, error: Exception) -> Response:
    """The database is unreachable, or a statement ran past its timeout: 503, retry later."""
    log.warning("request %s: database unavailable: %s", request_id(request), _first_line(error))
    detail = [
        problem(
            ["database"],
            "the database is unavailable or busy; retry in a few seconds",
            request_id(request),
        )
    ]
    headers = {"Retry-After": str(DATABASE_RETRY_SECONDS), "X-Request-ID": request_id(request)}
    return _errors_response(503, detail, headers=headers)


async def _server_error(request: Request, error: Exception) -> Response:
    """Any other failure: logged with its traceback and the request id, answered as JSON."""
    log.error("request %s failed", request_id(request), exc_info=error)
    message = "internal error; quote the request id (value) when you report it"
    detail = [problem([], message, request_id(request))]
    return _errors_response(500, detail, headers={"X-Request-ID": request_id(request)})


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(InputError, _input_error)
    for database_error in (OperationalError, InterfaceError, PoolTimeout):
        app.add_exception_handler(database_error, _database_error)
    app.add_exception_handler(Exception, _server_error)


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestId:
    """Give every request an id (the caller's ``X-Request-ID`` when it is sane), kept in
    ``request.state.request_id`` for the logs and sent back in ``X-Request-ID``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if "x-request-id" not in headers:
                    headers.append("X-Request-ID", rid)
            await send(message)

        await self.app(scope, receive, send_with_id)


class _TooLarge(ApiError):
    """Raised while the body streams in; an HTTPException, so FastAPI lets it through."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        super().__init__(413, ["body"], _too_large(limit), size)


def _too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit} bytes"


class BodySizeLimit:
    """Refuse request bodies over ``limit`` bytes with 413, by header or while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._refuse(int(declared), send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge(received, self.limit)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _TooLarge as error:
            if started:
                raise
            await self._refuse(error.size, send)

    async def _refuse(self, size: int, send: Send) -> None:
        response = _errors_response(413, [problem(["body"], _too_large(self.limit), size)])
        await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
