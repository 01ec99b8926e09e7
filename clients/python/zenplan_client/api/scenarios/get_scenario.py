from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.scenario_detail import ScenarioDetail
from ...types import UNSET, Response, Unset


def _get_kwargs(
    scenario_id: int,
    *,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["if-none-match"] = if_none_match

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/scenarios/{scenario_id}".format(
            scenario_id=quote(str(scenario_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorOut | ScenarioDetail | None:
    if response.status_code == 200:
        response_200 = ScenarioDetail.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

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
) -> Response[Any | ErrorOut | ScenarioDetail]:
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
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | ErrorOut | ScenarioDetail]:
    """Read Scenario

     A scenario with its latest version's document; ``ETag`` names the version, to send
    back in ``If-Match`` with a change.

    Args:
        scenario_id (int): Scenario id.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | ScenarioDetail]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    if_none_match: None | str | Unset = UNSET,
) -> Any | ErrorOut | ScenarioDetail | None:
    """Read Scenario

     A scenario with its latest version's document; ``ETag`` names the version, to send
    back in ``If-Match`` with a change.

    Args:
        scenario_id (int): Scenario id.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | ScenarioDetail
    """

    return sync_detailed(
        scenario_id=scenario_id,
        client=client,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | ErrorOut | ScenarioDetail]:
    """Read Scenario

     A scenario with its latest version's document; ``ETag`` names the version, to send
    back in ``If-Match`` with a change.

    Args:
        scenario_id (int): Scenario id.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut | ScenarioDetail]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    if_none_match: None | str | Unset = UNSET,
) -> Any | ErrorOut | ScenarioDetail | None:
    """Read Scenario

     A scenario with its latest version's document; ``ETag`` names the version, to send
    back in ``If-Match`` with a change.

    Args:
        scenario_id (int): Scenario id.
        if_none_match (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut | ScenarioDetail
    """

    return (
        await asyncio_detailed(
            scenario_id=scenario_id,
            client=client,
            if_none_match=if_none_match,
        )
    ).parsed
