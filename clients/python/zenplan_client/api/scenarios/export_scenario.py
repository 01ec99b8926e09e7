from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.export_scenario_format import ExportScenarioFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    scenario_id: int,
    *,
    format_: ExportScenarioFormat | Unset = ExportScenarioFormat.YAML,
    version: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/scenarios/{scenario_id}/export".format(
            scenario_id=quote(str(scenario_id), safe=""),
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
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScenarioFormat | Unset = ExportScenarioFormat.YAML,
    version: int | None | Unset = UNSET,
) -> Response[Any | ErrorOut]:
    """Export Scenario

     The scenario document (latest or a given version) as a YAML or JSON file.

    Args:
        scenario_id (int): Scenario id.
        format_ (ExportScenarioFormat | Unset):  Default: ExportScenarioFormat.YAML.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        format_=format_,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScenarioFormat | Unset = ExportScenarioFormat.YAML,
    version: int | None | Unset = UNSET,
) -> Any | ErrorOut | None:
    """Export Scenario

     The scenario document (latest or a given version) as a YAML or JSON file.

    Args:
        scenario_id (int): Scenario id.
        format_ (ExportScenarioFormat | Unset):  Default: ExportScenarioFormat.YAML.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return sync_detailed(
        scenario_id=scenario_id,
        client=client,
        format_=format_,
        version=version,
    ).parsed


async def asyncio_detailed(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScenarioFormat | Unset = ExportScenarioFormat.YAML,
    version: int | None | Unset = UNSET,
) -> Response[Any | ErrorOut]:
    """Export Scenario

     The scenario document (latest or a given version) as a YAML or JSON file.

    Args:
        scenario_id (int): Scenario id.
        format_ (ExportScenarioFormat | Unset):  Default: ExportScenarioFormat.YAML.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorOut]
    """

    kwargs = _get_kwargs(
        scenario_id=scenario_id,
        format_=format_,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    scenario_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScenarioFormat | Unset = ExportScenarioFormat.YAML,
    version: int | None | Unset = UNSET,
) -> Any | ErrorOut | None:
    """Export Scenario

     The scenario document (latest or a given version) as a YAML or JSON file.

    Args:
        scenario_id (int): Scenario id.
        format_ (ExportScenarioFormat | Unset):  Default: ExportScenarioFormat.YAML.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ErrorOut
    """

    return (
        await asyncio_detailed(
            scenario_id=scenario_id,
            client=client,
            format_=format_,
            version=version,
        )
    ).parsed
