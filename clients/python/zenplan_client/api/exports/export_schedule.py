import datetime
from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_out import ErrorOut
from ...models.export_schedule_format import ExportScheduleFormat
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    schedule_id: int,
    *,
    format_: ExportScheduleFormat | Unset = ExportScheduleFormat.XLSX,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    at: datetime.date | None | Unset = UNSET,
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

    json_at: None | str | Unset
    if isinstance(at, Unset):
        json_at = UNSET
    elif isinstance(at, datetime.date):
        json_at = at.isoformat()
    else:
        json_at = at
    params["at"] = json_at

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/schedules/{schedule_id}/export".format(
            schedule_id=quote(str(schedule_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ErrorOut | File | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ErrorOut | File]:
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
    format_: ExportScheduleFormat | Unset = ExportScheduleFormat.XLSX,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    at: datetime.date | None | Unset = UNSET,
) -> Response[ErrorOut | File]:
    """Export Schedule

     The plan as an Excel workbook, MS Project XML, one calendar feed (of ``person`` or
    ``project``), the Kueue quota manifests in force ``at`` a date, or a zip of all the
    export's files (CSV tables, every feed, every window's manifests).

    Args:
        schedule_id (int): Schedule id.
        format_ (ExportScheduleFormat | Unset):  Default: ExportScheduleFormat.XLSX.
        person (None | str | Unset): ics: this person.
        project (None | str | Unset): ics: this project.
        at (datetime.date | None | Unset): kueue: the manifests on this day.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | File]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        person=person,
        project=project,
        at=at,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScheduleFormat | Unset = ExportScheduleFormat.XLSX,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    at: datetime.date | None | Unset = UNSET,
) -> ErrorOut | File | None:
    """Export Schedule

     The plan as an Excel workbook, MS Project XML, one calendar feed (of ``person`` or
    ``project``), the Kueue quota manifests in force ``at`` a date, or a zip of all the
    export's files (CSV tables, every feed, every window's manifests).

    Args:
        schedule_id (int): Schedule id.
        format_ (ExportScheduleFormat | Unset):  Default: ExportScheduleFormat.XLSX.
        person (None | str | Unset): ics: this person.
        project (None | str | Unset): ics: this project.
        at (datetime.date | None | Unset): kueue: the manifests on this day.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | File
    """

    return sync_detailed(
        schedule_id=schedule_id,
        client=client,
        format_=format_,
        person=person,
        project=project,
        at=at,
    ).parsed


async def asyncio_detailed(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScheduleFormat | Unset = ExportScheduleFormat.XLSX,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    at: datetime.date | None | Unset = UNSET,
) -> Response[ErrorOut | File]:
    """Export Schedule

     The plan as an Excel workbook, MS Project XML, one calendar feed (of ``person`` or
    ``project``), the Kueue quota manifests in force ``at`` a date, or a zip of all the
    export's files (CSV tables, every feed, every window's manifests).

    Args:
        schedule_id (int): Schedule id.
        format_ (ExportScheduleFormat | Unset):  Default: ExportScheduleFormat.XLSX.
        person (None | str | Unset): ics: this person.
        project (None | str | Unset): ics: this project.
        at (datetime.date | None | Unset): kueue: the manifests on this day.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorOut | File]
    """

    kwargs = _get_kwargs(
        schedule_id=schedule_id,
        format_=format_,
        person=person,
        project=project,
        at=at,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    schedule_id: int,
    *,
    client: AuthenticatedClient,
    format_: ExportScheduleFormat | Unset = ExportScheduleFormat.XLSX,
    person: None | str | Unset = UNSET,
    project: None | str | Unset = UNSET,
    at: datetime.date | None | Unset = UNSET,
) -> ErrorOut | File | None:
    """Export Schedule

     The plan as an Excel workbook, MS Project XML, one calendar feed (of ``person`` or
    ``project``), the Kueue quota manifests in force ``at`` a date, or a zip of all the
    export's files (CSV tables, every feed, every window's manifests).

    Args:
        schedule_id (int): Schedule id.
        format_ (ExportScheduleFormat | Unset):  Default: ExportScheduleFormat.XLSX.
        person (None | str | Unset): ics: this person.
        project (None | str | Unset): ics: this project.
        at (datetime.date | None | Unset): kueue: the manifests on this day.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorOut | File
    """

    return (
        await asyncio_detailed(
            schedule_id=schedule_id,
            client=client,
            format_=format_,
            person=person,
            project=project,
            at=at,
        )
    ).parsed
