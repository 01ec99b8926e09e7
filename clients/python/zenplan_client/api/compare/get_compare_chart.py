from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.get_compare_chart_format import GetCompareChartFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    schedule: list[int],
    format_: GetCompareChartFormat | Unset = GetCompareChartFormat.HTML,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_schedule = schedule

    params["schedule"] = json_schedule

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/compare/chart",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ErrorOut | None:
    if response.status_code == 200:
        response_200 = response.json()
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | ErrorOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    schedule: list[int],
    format_: GetCompareChartFormat | Unset = GetCompareChartFormat.HTML,
) -> Response[Any | ErrorOut]:
    """Compare Chart

     Each project's go-live in each schedule, as a page or plotly JSON.

    Args:
        schedule (list[int]): Schedule ids; the first is the baseline.
        format_ (GetCompareChartFormat | Unset): Page or plotly JSON. Default:
            GetCompareChartFormat.HTML.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        schedule=schedule,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    schedule: list[int],
    format_: GetCompareChartFormat | Unset = GetCompareChartFormat.HTML,
) -> Any | ErrorOut | None:
    """Compare Chart

     Each project's go-live in each schedule, as a page or plotly JSON.

    Args:
        schedule (list[int]): Schedule ids; the first is the baseline.
        format_ (GetCompareChartFormat | Unset): Page or plotly JSON. Default:
            GetCompareChartFormat.HTML.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return sync_detailed(
        client=client,
        schedule=schedule,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    schedule: list[int],
    format_: GetCompareChartFormat | Unset = GetCompareChartFormat.HTML,
) -> Response[Any | ErrorOut]:
    """Compare Chart

     Each project's go-live in each schedule, as a page or plotly JSON.

    Args:
        schedule (list[int]): Schedule ids; the first is the baseline.
        format_ (GetCompareChartFormat | Unset): Page or plotly JSON. Default:
            GetCompareChartFormat.HTML.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        schedule=schedule,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    schedule: list[int],
    format_: GetCompareChartFormat | Unset = GetCompareChartFormat.HTML,
) -> Any | ErrorOut | None:
    """Compare Chart

     Each project's go-live in each schedule, as a page or plotly JSON.

    Args:
        schedule (list[int]): Schedule ids; the first is the baseline.
        format_ (GetCompareChartFormat | Unset): Page or plotly JSON. Default:
            GetCompareChartFormat.HTML.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return (
        await asyncio_detailed(
            client=client,
            schedule=schedule,
            format_=format_,
        )
    ).parsed
