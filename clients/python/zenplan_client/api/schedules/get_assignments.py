from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assignment import Assignment
from ...models.error_out import ErrorOut
from ...models.get_assignments_format import GetAssignmentsFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    schedule_id: int,
    *,
    format_: GetAssignmentsFormat | Unset = GetAssignmentsFormat.JSON,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    sponsor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    json_person: None | str | Unset
    if isinstance(person, Unset):
        json_person = UNSET
    else:
        json_person = person
    params["person"] = json_person

    json_project: None | str | Unset
    if isinstance(project, Unset):
        json_project = UNSET
    else:
        json_project = project
    params["project"] = json_project

    json_sponsor: None | str | Unset
    if isinstance(sponsor, Unset):
        json_sponsor = UNSET
    else:
        json_sponsor = sponsor
    params["sponsor"] = json_sponsor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schedules/{schedule_id}/assignments".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorOut | list[Assignment] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Assignment.from_dict(response_200_item_data)

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
) -> Response[ErrorOut | list[Assignment]]:
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
    format_: GetAssignmentsFormat | Unset = GetAssignmentsFormat.JSON,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    sponsor: None | str | Unset = UNSET,
) -> Response[ErrorOut | list[Assignment]]:
    """Read Assignments

     Who works on what, when: one row per person and phase (or dataset acquisition).

    Args:
        schedule_id (int): Schedule id.
        format_ (GetAssignmentsFormat | Unset):  Default: GetAssignmentsFormat.JSON.
        person (None | str | Unset):
        project (None | str | Unset):
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[Assignment]]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        person=person,
        project=project,
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
    format_: GetAssignmentsFormat | Unset = GetAssignmentsFormat.JSON,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    sponsor: None | str | Unset = UNSET,
) -> ErrorOut | list[Assignment] | None:
    """Read Assignments

     Who works on what, when: one row per person and phase (or dataset acquisition).

    Args:
        schedule_id (int): Schedule id.
        format_ (GetAssignmentsFormat | Unset):  Default: GetAssignmentsFormat.JSON.
        person (None | str | Unset):
        project (None | str | Unset):
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[Assignment]
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        format_=format_,
        person=person,
        project=project,
        sponsor=sponsor,
    ).parsed


async def asyncio_detailed(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetAssignmentsFormat | Unset = GetAssignmentsFormat.JSON,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    sponsor: None | str | Unset = UNSET,
) -> Response[ErrorOut | list[Assignment]]:
    """Read Assignments

     Who works on what, when: one row per person and phase (or dataset acquisition).

    Args:
        schedule_id (int): Schedule id.
        format_ (GetAssignmentsFormat | Unset):  Default: GetAssignmentsFormat.JSON.
        person (None | str | Unset):
        project (None | str | Unset):
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | list[Assignment]]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        person=person,
        project=project,
        sponsor=sponsor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: GetAssignmentsFormat | Unset = GetAssignmentsFormat.JSON,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    sponsor: None | str | Unset = UNSET,
) -> ErrorOut | list[Assignment] | None:
    """Read Assignments

     Who works on what, when: one row per person and phase (or dataset acquisition).

    Args:
        schedule_id (int): Schedule id.
        format_ (GetAssignmentsFormat | Unset):  Default: GetAssignmentsFormat.JSON.
        person (None | str | Unset):
        project (None | str | Unset):
        sponsor (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | list[Assignment]
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            format_=format_,
            person=person,
            project=project,
            sponsor=sponsor,
        )
    ).parsed
