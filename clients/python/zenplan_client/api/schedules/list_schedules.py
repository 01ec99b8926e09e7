from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.schedule_summary import ScheduleSummary
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    scenario_id: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_scenario_id: int | None | Unset
    if isinstance(scenario_id, Unset):
        json_scenario_id = UNSET
    else:
        json_scenario_id = scenario_id
    params["scenario_id"] = json_scenario_id

    params["offset"] = offset

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schedules",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | list[ScheduleSummary] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = ScheduleSummary.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

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

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorOut | list[ScheduleSummary]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    scenario_id: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[ErrorOut | list[ScheduleSummary]]:
    """List Schedules

     Stored schedules, newest first, optionally of one scenario; ``X-Total-Count`` and
    ``Link`` give the pages.

    Args:
        scenario_id (int | None | Unset):
        offset (int | Unset): Rows to skip. Default: 0.
        limit (int | Unset): Rows to return at most. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[ScheduleSummary]]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        offset=offset,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    scenario_id: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> ErrorOut | list[ScheduleSummary] | None:
    """List Schedules

     Stored schedules, newest first, optionally of one scenario; ``X-Total-Count`` and
    ``Link`` give the pages.

    Args:
        scenario_id (int | None | Unset):
        offset (int | Unset): Rows to skip. Default: 0.
        limit (int | Unset): Rows to return at most. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[ScheduleSummary]
    """

    return sync_detailed(
        client=client,
        scenario_id=scenario_id,
        offset=offset,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    scenario_id: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> Response[ErrorOut | list[ScheduleSummary]]:
    """List Schedules

     Stored schedules, newest first, optionally of one scenario; ``X-Total-Count`` and
    ``Link`` give the pages.

    Args:
        scenario_id (int | None | Unset):
        offset (int | Unset): Rows to skip. Default: 0.
        limit (int | Unset): Rows to return at most. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[ScheduleSummary]]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        offset=offset,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    scenario_id: int | None | Unset = UNSET,
    offset: int | Unset = 0,
    limit: int | Unset = 100,
) -> ErrorOut | list[ScheduleSummary] | None:
    """List Schedules

     Stored schedules, newest first, optionally of one scenario; ``X-Total-Count`` and
    ``Link`` give the pages.

    Args:
        scenario_id (int | None | Unset):
        offset (int | Unset): Rows to skip. Default: 0.
        limit (int | Unset): Rows to return at most. Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[ScheduleSummary]
    """

    return (
        await asyncio_detailed(
            client=client,
            scenario_id=scenario_id,
            offset=offset,
            limit=limit,
        )
    ).parsed
