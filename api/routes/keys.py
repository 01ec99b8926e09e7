"""API keys (admin only): create one (the key is shown once), list, revoke."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from zenplan.api import crud
from zenplan.api.deps import Admin, SessionDep
from zenplan.api.errors import not_found
from zenplan.api.routes.common import ERRORS
from zenplan.api.tables import MAX_ID, ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyPublic

router = APIRouter(prefix="/keys", tags=["keys"])


@router.post("", status_code=201, response_model=ApiKeyCreated, responses=ERRORS)
def create_key(body: ApiKeyCreate, session: SessionDep, _: Admin) -> ApiKeyCreated:
    """A new API key for a role; only its hash is stored, so keep the key now."""
    record, key = crud.create_api_key(session, body.role, body.name, body.expires_in_days)
    return ApiKeyCreated(
        **ApiKeyPublic.model_validate(record, from_attributes=True).model_dump(), key=key
    )


@router.get("", response_model=list[ApiKeyPublic], responses=ERRORS)
def list_keys(session: SessionDep, _: Admin) -> list[ApiKeyPublic]:
    """Every key's name, role and first characters."""
    return [
        ApiKeyPublic.model_validate(k, from_attributes=True) for k in crud.list_api_keys(session)
    ]


@router.delete("/{key_id}", status_code=204, responses=ERRORS)
def revoke_key(
    key_id: Annotated[int, Path(ge=1, le=MAX_ID)], request: Request, session: SessionDep, _: Admin
) -> Response:
    """Revoke a key; callers using it get 401 from now on."""
    record = session.get(ApiKey, key_id)
    if record is None:
        raise not_found("API key", ["path", "key_id"], key_id)
    crud.delete_api_key(session, record)
    request.app.state.key_cache.clear()
    return Response(status_code=204)
