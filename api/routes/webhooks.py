"""Webhooks of the caller's API key: the end of every job the key queues is POSTed there."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from zenplan.api import crud
from zenplan.api.deps import Caller, Planner, SessionDep
from zenplan.api.errors import ApiError, ErrorOut, not_found
from zenplan.api.routes.common import ERRORS
from zenplan.api.tables import MAX_ID, Webhook, WebhookCreate, WebhookCreated, WebhookPublic

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


def _key_id(caller: Caller) -> int:
    if caller.key_id is None:
        raise ApiError(409, ["header", "X-API-Key"], "webhooks belong to an API key", None)
    return caller.key_id


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    responses={**ERRORS, 409: {"model": ErrorOut}},
)
def create_webhook(body: WebhookCreate, session: SessionDep, caller: Planner) -> WebhookCreated:
    """Announce the end of every job this key queues at ``url`` (a `job.ended` event signed
    as Standard Webhooks says); the signing secret is shown this once."""
    record = crud.create_webhook(session, _key_id(caller), str(body.url))
    public = WebhookPublic.model_validate(record, from_attributes=True)
    return WebhookCreated(**public.model_dump(), secret=record.secret)


@router.get("", response_model=list[WebhookPublic], responses=ERRORS)
def list_webhooks(session: SessionDep, caller: Planner) -> list[WebhookPublic]:
    """The webhooks of the caller's key."""
    if caller.key_id is None:
        return []
    hooks = crud.list_webhooks(session, caller.key_id)
    return [WebhookPublic.model_validate(h, from_attributes=True) for h in hooks]


@router.delete("/{webhook_id}", status_code=204, responses=ERRORS)
def delete_webhook(
    webhook_id: Annotated[int, Path(ge=1, le=MAX_ID)], session: SessionDep, caller: Planner
) -> Response:
    """Stop announcing to a webhook of the caller's key."""
    record = session.get(Webhook, webhook_id)
    if record is None or record.key_id != caller.key_id:
        raise not_found("webhook", ["path", "webhook_id"], webhook_id)
    session.delete(record)
    session.commit()
    return Response(status_code=204)
