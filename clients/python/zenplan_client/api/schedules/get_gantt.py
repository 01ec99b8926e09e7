from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.get_gantt_format import GetGanttFormat
from ...models.get_gantt_view import GetGanttView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: int,
    *,
    format_: GetGanttFormat | Unset = GetGanttFormat.HTML,
    view: GetGanttView | Unset = GetGanttView.PROJECTS,
    sponsor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_view: str | Unset = UNSET
    if not isinstance(view, Unset):
        json_view = view.value

    params["view"] = json_view

    json_sponsor: None | str | Unset
    if isinstance(sponsor, Unset):
        json_sponsor = UNSET
    else:
        json_sponsor = sponsor
    params["sponsor"] = json_sponsor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schedules/{schedule_id}/gantt".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
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
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetGanttFormat | Unset = GetGanttFormat.HTML,
    view: GetGanttView | Unset = GetGanttView.PROJECTS,
    sponsor: None | str | Unset = UNSET,
) -> Response[Any | ErrorOut]:
    """Read Gantt

     The Gantt chart by project or by person, optionally of one sponsor's projects.

    Args:
        schedule_id (int): Schedule id.
        format_ (GetGanttFormat | Unset): Page or plotly JSON. Default: GetGanttFormat.HTML.
        view (GetGanttView | Unset):  Default: GetGanttView.PROJECTS.
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        view=view,
        sponsor=sponsor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetGanttFormat | Unset = GetGanttFormat.HTML,
    view: GetGanttView | Unset = GetGanttView.PROJECTS,
    sponsor: None | str | Unset = UNSET,
) -> Any | ErrorOut | None:
    """Read Gantt

     The Gantt chart by project or by person, optionally of one sponsor's projects.

    Args:
        schedule_id (int): Schedule id.
        format_ (GetGanttFormat | Unset): Page or plotly JSON. Default: GetGanttFormat.HTML.
        view (GetGanttView | Unset):  Default: GetGanttView.PROJECTS.
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        format_=format_,
        view=view,
        sponsor=sponsor,
    ).parsed


async def asyncio_detailed(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetGanttFormat | Unset = GetGanttFormat.HTML,
    view: GetGanttView | Unset = GetGanttView.PROJECTS,
    sponsor: None | str | Unset = UNSET,
) -> Response[Any | ErrorOut]:
    """Read Gantt

     The Gantt chart by project or by person, optionally of one sponsor's projects.

    Args:
        schedule_id (int): Schedule id.
        format_ (GetGanttFormat | Unset): Page or plotly JSON. Default: GetGanttFormat.HTML.
        view (GetGanttView | Unset):  Default: GetGanttView.PROJECTS.
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        view=view,
        sponsor=sponsor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetGanttFormat | Unset = GetGanttFormat.HTML,
    view: GetGanttView | Unset = GetGanttView.PROJECTS,
    sponsor: None | str | Unset = UNSET,
) -> Any | ErrorOut | None:
    """Read Gantt

     The Gantt chart by project or by person, optionally of one sponsor's projects.

    Args:
        schedule_id (int): Schedule id.
        format_ (GetGanttFormat | Unset): Page or plotly JSON. Default: GetGanttFormat.HTML.
        view (GetGanttView | Unset):  Default: GetGanttView.PROJECTS.
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            format_=format_,
            view=view,
            sponsor=sponsor,
        )
    ).parsed
