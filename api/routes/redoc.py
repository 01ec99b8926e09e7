"""/redoc: the API reference page of Redoc, with nothing fetched from another host.

fastapi-offline serves Redoc's script from the installed package, but the script itself
loads the "API docs by Redocly" logo from Redocly's CDN; this route serves the same script
with that logo inlined as an empty image."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

SCRIPT = Path(fastapi_offline.__file__).parent / "static" / "redoc.standalone.js"
REMOTE_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"


@lru_cache(maxsize=1)
def _script() -> bytes:
    return SCRIPT.read_text(encoding="utf-8").replace(REMOTE_LOGO, EMPTY_IMAGE).encode("utf-8")


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_redoc_html(
        openapi_url=f"{root}/openapi.json",
        title="zenplan - ReDoc",
        redoc_js_url=f"{root}/redoc.standalone.js",
        redoc_favicon_url=f"{root}/static-offline-docs/favicon.png",
        with_google_fonts=False,
    )


@router.get("/redoc.standalone.js")
def redoc_script() -> Response:
    headers = {"Cache-Control": "public, max-age=86400"}
    return Response(_script(), media_type="text/javascript", headers=headers)
