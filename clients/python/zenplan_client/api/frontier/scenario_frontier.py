from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.frontier_out import FrontierOut
from ...models.frontier_request import FrontierRequest
from ...types import Response


def _get_kwargs(
    scenario_id: int,
    *,
    body: FrontierRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/scenarios/{scenario_id}/frontier".format(
            scenario_id=quote(str(scenario_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | FrontierOut | None:
    if response.status_code == 200:
        response_200 = FrontierOut.from_dict(response.json())

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
) -> Response[ErrorOut | FrontierOut]:
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
    body: FrontierRequest,
) -> Response[ErrorOut | FrontierOut]:
    """Scenario Frontier

     Solve the scenario at each budget in this request (deterministic CP-SAT, one solve
    after another) and return the monotone frontier, every point a checked plan.

    Args:
        scenario_id (int): Scenario id.
        body (FrontierRequest): Budgets to solve at, or a number of budgets spread up to the
            unconstrained cost.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | FrontierOut]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: FrontierRequest,
) -> ErrorOut | FrontierOut | None:
    """Scenario Frontier

     Solve the scenario at each budget in this request (deterministic CP-SAT, one solve
    after another) and return the monotone frontier, every point a checked plan.

    Args:
        scenario_id (int): Scenario id.
        body (FrontierRequest): Budgets to solve at, or a number of budgets spread up to the
            unconstrained cost.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | FrontierOut
    """

    return sync_detailed(
        scenario_id=scenario_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: FrontierRequest,
) -> Response[ErrorOut | FrontierOut]:
    """Scenario Frontier

     Solve the scenario at each budget in this request (deterministic CP-SAT, one solve
    after another) and return the monotone frontier, every point a checked plan.

    Args:
        scenario_id (int): Scenario id.
        body (FrontierRequest): Budgets to solve at, or a number of budgets spread up to the
            unconstrained cost.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | FrontierOut]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    body: FrontierRequest,
) -> ErrorOut | FrontierOut | None:
    """Scenario Frontier

     Solve the scenario at each budget in this request (deterministic CP-SAT, one solve
    after another) and return the monotone frontier, every point a checked plan.

    Args:
        scenario_id (int): Scenario id.
        body (FrontierRequest): Budgets to solve at, or a number of budgets spread up to the
            unconstrained cost.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | FrontierOut
    """

    return (
        await asyncio_detailed(
            scenario_id=scenario_id,
            client=client,
            body=body,
        )
    ).parsed
