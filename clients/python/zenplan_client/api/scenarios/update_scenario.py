from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.scenario import Scenario
from ...models.scenario_public import ScenarioPublic
from ...types import UNSET, Response, Unset


def _get_kwargs(
    scenario_id: int,
    *,
    body: Scenario,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/scenarios/{scenario_id}".format(
            scenario_id=quote(str(scenario_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | ScenarioPublic | None:
    if response.status_code == 200:
        response_200 = ScenarioPublic.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = ErrorOut.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = ErrorOut.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorOut.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = ErrorOut.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = ErrorOut.from_dict(response.json())

        return response_428

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorOut | ScenarioPublic]:
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
    body: Scenario,
    if_match: None | str | Unset = UNSET,
) -> Response[ErrorOut | ScenarioPublic]:
    """Update Scenario

     Replace a scenario's document; it is stored as the next version. Send the ``ETag``
    of the version you changed in ``If-Match``: a stale one answers 412.

    Args:
        scenario_id (int): Scenario id.
        if_match (None | str | Unset):
        body (Scenario):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ScenarioPublic]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: Scenario,
    if_match: None | str | Unset = UNSET,
) -> ErrorOut | ScenarioPublic | None:
    """Update Scenario

     Replace a scenario's document; it is stored as the next version. Send the ``ETag``
    of the version you changed in ``If-Match``: a stale one answers 412.

    Args:
        scenario_id (int): Scenario id.
        if_match (None | str | Unset):
        body (Scenario):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ScenarioPublic
    """

    return sync_detailed(
        scenario_id=scenario_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: Scenario,
    if_match: None | str | Unset = UNSET,
) -> Response[ErrorOut | ScenarioPublic]:
    """Update Scenario

     Replace a scenario's document; it is stored as the next version. Send the ``ETag``
    of the version you changed in ``If-Match``: a stale one answers 412.

    Args:
        scenario_id (int): Scenario id.
        if_match (None | str | Unset):
        body (Scenario):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | ScenarioPublic]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: Scenario,
    if_match: None | str | Unset = UNSET,
) -> ErrorOut | ScenarioPublic | None:
    """Update Scenario

     Replace a scenario's document; it is stored as the next version. Send the ``ETag``
    of the version you changed in ``If-Match``: a stale one answers 412.

    Args:
        scenario_id (int): Scenario id.
        if_match (None | str | Unset):
        body (Scenario):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | ScenarioPublic
    """

    return (
        await asyncio_detailed(
            scenario_id=scenario_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
