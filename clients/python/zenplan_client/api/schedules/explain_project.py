from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.project_explanation import ProjectExplanation
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: int,
    *,
    project: str,
    time_limit: float | Unset = 5.0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project"] = project

    params["time_limit"] = time_limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schedules/{schedule_id}/explain".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | ProjectExplanation | None:
    if response.status_code == 200:
        response_200 = ProjectExplanation.from_dict(response.json())

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
) -> Response[ErrorOut | ProjectExplanation]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    project: str,
    time_limit: float | Unset = 5.0,
) -> Response[ErrorOut | ProjectExplanation]:
    """Explain Project

     Why a project is left out or late, and the smallest capacity changes that fit it on
    time, each checked by a solve with what it displaces (one solve per change).

    Args:
        schedule_id (int): Schedule id.
        project (str): Project id.
        time_limit (float | Unset): Seconds per solve. Default: 5.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ProjectExplanation]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        project=project,
        time_limit=time_limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    project: str,
    time_limit: float | Unset = 5.0,
) -> ErrorOut | ProjectExplanation | None:
    """Explain Project

     Why a project is left out or late, and the smallest capacity changes that fit it on
    time, each checked by a solve with what it displaces (one solve per change).

    Args:
        schedule_id (int): Schedule id.
        project (str): Project id.
        time_limit (float | Unset): Seconds per solve. Default: 5.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ProjectExplanation
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        project=project,
        time_limit=time_limit,
    ).parsed


async def asyncio_detailed(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    project: str,
    time_limit: float | Unset = 5.0,
) -> Response[ErrorOut | ProjectExplanation]:
    """Explain Project

     Why a project is left out or late, and the smallest capacity changes that fit it on
    time, each checked by a solve with what it displaces (one solve per change).

    Args:
        schedule_id (int): Schedule id.
        project (str): Project id.
        time_limit (float | Unset): Seconds per solve. Default: 5.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ProjectExplanation]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        project=project,
        time_limit=time_limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    project: str,
    time_limit: float | Unset = 5.0,
) -> ErrorOut | ProjectExplanation | None:
    """Explain Project

     Why a project is left out or late, and the smallest capacity changes that fit it on
    time, each checked by a solve with what it displaces (one solve per change).

    Args:
        schedule_id (int): Schedule id.
        project (str): Project id.
        time_limit (float | Unset): Seconds per solve. Default: 5.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ProjectExplanation
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            project=project,
            time_limit=time_limit,
        )
    ).parsed
