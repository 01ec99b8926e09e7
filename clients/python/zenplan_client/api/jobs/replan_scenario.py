from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.job_public import JobPublic
from ...models.replan_request import ReplanRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    scenario_id: int,
    *,
    body: ReplanRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/scenarios/{scenario_id}/replan".format(
            scenario_id=quote(str(scenario_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | JobPublic | None:
    if response.status_code == 202:
        response_202 = JobPublic.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = ErrorOut.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorOut.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorOut.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = ErrorOut.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = ErrorOut.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorOut.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorOut | JobPublic]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplanRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ErrorOut | JobPublic]:
    """Start Replan

     Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``. A retry with the
    same ``Idempotency-Key`` answers the job the first request queued.

    Args:
        scenario_id (int): Scenario id.
        idempotency_key (None | str | Unset): Any unique text (a UUID): a retry with the same key
            answers the same job.
        body (ReplanRequest): A replan: the solve parameters, the plan to start from, the date,
            new incidents.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | JobPublic]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplanRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> ErrorOut | JobPublic | None:
    """Start Replan

     Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``. A retry with the
    same ``Idempotency-Key`` answers the job the first request queued.

    Args:
        scenario_id (int): Scenario id.
        idempotency_key (None | str | Unset): Any unique text (a UUID): a retry with the same key
            answers the same job.
        body (ReplanRequest): A replan: the solve parameters, the plan to start from, the date,
            new incidents.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | JobPublic
    """

    return sync_detailed(
        scenario_id=scenario_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplanRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ErrorOut | JobPublic]:
    """Start Replan

     Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``. A retry with the
    same ``Idempotency-Key`` answers the job the first request queued.

    Args:
        scenario_id (int): Scenario id.
        idempotency_key (None | str | Unset): Any unique text (a UUID): a retry with the same key
            answers the same job.
        body (ReplanRequest): A replan: the solve parameters, the plan to start from, the date,
            new incidents.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | JobPublic]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: ReplanRequest,
    idempotency_key: None | str | Unset = UNSET,
) -> ErrorOut | JobPublic | None:
    """Start Replan

     Queue a replan of a stored schedule of the scenario from ``now``: work started before
    it stays, the incidents' refresh work enters, the rest moves as little as it must. The
    new schedule's diff from the baseline is at ``/schedules/{id}/diff``. A retry with the
    same ``Idempotency-Key`` answers the job the first request queued.

    Args:
        scenario_id (int): Scenario id.
        idempotency_key (None | str | Unset): Any unique text (a UUID): a retry with the same key
            answers the same job.
        body (ReplanRequest): A replan: the solve parameters, the plan to start from, the date,
            new incidents.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | JobPublic
    """

    return (
        await asyncio_detailed(
            scenario_id=scenario_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
