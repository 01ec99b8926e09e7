"""Scenarios: create (JSON, YAML or a workbook), list, read, update, delete, export.

Every change stores a new version; earlier versions stay readable and solvable.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import yaml
from fastapi import APIRouter, File, Form, Header, Path, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.convert import validate_document
from zenplan.api.deps import Planner, SessionDep, SettingsDep, Viewer
from zenplan.api.errors import ApiError, ErrorOut, not_found
from zenplan.api.routes.common import ERRORS, LIST_RESPONSES, Limit, Offset, paginate
from zenplan.api.tables import (
    MAX_ID,
    ScenarioDetail,
    ScenarioPublic,
    ScenarioRecord,
    ScenarioSource,
    ScenarioVersion,
    VersionPublic,
)
from zenplan.api.workbook import read_files, to_document
from zenplan.models import MAX_HORIZON, Scenario
from zenplan.models.loading import parse_text

router = APIRouter(prefix="/scenarios", tags=["scenarios"])

ScenarioId = Annotated[int, Path(ge=1, le=MAX_ID, description="Scenario id.")]

JSON_TYPES = ("application/json", "")
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain")
DOCUMENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A scenario in the format of docs/scenario-format.md, as JSON or YAML.",
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Scenario"}},
            "application/yaml": {
                "schema": {
                    "type": "string",
                    "description": "The same document as YAML (the Scenario schema applies); "
                    "aliases, nesting and size are bounded (docs/api.md, Limits on input).",
                }
            },
        },
    }
}


async def _document(request: Request) -> tuple[Any, ScenarioSource]:
    """The parsed request body and the format it came in."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in JSON_TYPES + YAML_TYPES:
        accepted = "application/json or application/yaml"
        raise ApiError(415, ["header", "content-type"], f"send {accepted}", media)
    body = await request.body()
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ApiError(422, ["body"], "the body is not UTF-8 text", None) from None
    source: ScenarioSource = "json" if media in JSON_TYPES else "yaml"
    # Parsing a 5 MB body takes seconds: in the thread pool, so other requests go on.
    data = await run_in_threadpool(parse_text, text, "body", source == "json")
    return data, source


def version_or_404(session: Session, scenario_id: int, number: int | None) -> ScenarioVersion:
    version = crud.get_version(session, scenario_id, number)
    if version is None:
        if session.get(ScenarioRecord, scenario_id) is None:
            raise not_found("scenario", ["path", "scenario_id"], scenario_id)
        raise not_found("version", ["query", "version"], number)
    return version


def scenario_or_404(session: Session, scenario_id: int) -> ScenarioRecord:
    record = session.get(ScenarioRecord, scenario_id)
    if record is None:
        raise not_found("scenario", ["path", "scenario_id"], scenario_id)
    return record


def _create(session: Session, data: Any, source: ScenarioSource) -> ScenarioRecord:
    scenario, document = validate_document(data, "body")
    return crud.create_scenario(session, scenario, document, source)


def _created(response: Response, record: ScenarioRecord) -> ScenarioPublic:
    response.headers["Location"] = f"/scenarios/{record.id}"
    response.headers["ETag"] = etag(record.version)
    return ScenarioPublic.model_validate(record, from_attributes=True)


@router.post(
    "",
    status_code=201,
    response_model=ScenarioPublic,
    openapi_extra=DOCUMENT_BODY,
    responses={**ERRORS, 415: {"model": ErrorOut}},
)
async def create_scenario(
    request: Request, response: Response, session: SessionDep, _: Planner
) -> ScenarioPublic:
    """Create a scenario from a JSON or YAML document; it becomes version 1."""
    data, source = await _document(request)
    record = await run_in_threadpool(_create, session, data, source)
    return _created(response, record)


@router.post("/workbook", status_code=201, response_model=ScenarioPublic, responses=ERRORS)
async def upload_workbook(
    response: Response,
    session: SessionDep,
    _: Planner,
    files: Annotated[
        list[UploadFile],
        File(description="One Excel workbook, or CSV files named after the sheets."),
    ],
    name: Annotated[str | None, Form(max_length=500)] = None,
    start: Annotated[str | None, Form(description="First day of period 0.")] = None,
    period: Annotated[Literal["week", "day"] | None, Form()] = None,
    horizon: Annotated[int | None, Form(ge=1, le=MAX_HORIZON)] = None,
) -> ScenarioPublic:
    """Create a scenario from a workbook: sheets projects, phases, staff, gpu_pools, datasets."""
    contents = [(upload.filename or "upload", await upload.read()) for upload in files]
    overrides = {"name": name, "start": start, "period": period, "horizon": horizon}

    def create() -> ScenarioRecord:
        document = to_document(read_files(contents), overrides)
        return _create(session, document, "workbook")

    record = await run_in_threadpool(create)
    return _created(response, record)


@router.get("", response_model=list[ScenarioPublic], responses=LIST_RESPONSES)
def list_scenarios(
    request: Request,
    response: Response,
    session: SessionDep,
    _: Viewer,
    offset: Offset = 0,
    limit: Limit = 100,
) -> list[ScenarioPublic]:
    """All scenarios, oldest first; ``X-Total-Count`` and ``Link`` give the pages."""
    paginate(request, response, crud.count_scenarios(session), offset, limit)
    records = crud.list_scenarios(session, offset, limit)
    return [ScenarioPublic.model_validate(r, from_attributes=True) for r in records]


def etag(version: int) -> str:
    """The entity tag of a scenario at ``version`` (versions never change once written)."""
    return f'"v{version}"'


def _tags(header: str) -> list[str]:
    """The entity tags of an If-Match or If-None-Match header (weak ones compare equal)."""
    return [tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()]


@router.get(
    "/{scenario_id}",
    response_model=ScenarioDetail,
    responses={**ERRORS, 304: {"description": "Not modified (If-None-Match matched)."}},
)
def read_scenario(
    scenario_id: ScenarioId,
    response: Response,
    session: SessionDep,
    _: Viewer,
    if_none_match: Annotated[str | None, Header(max_length=1_000)] = None,
) -> Any:
    """A scenario with its latest version's document; ``ETag`` names the version, to send
    back in ``If-Match`` with a change."""
    record = scenario_or_404(session, scenario_id)
    if if_none_match is not None and etag(record.version) in _tags(if_none_match):
        return Response(status_code=304, headers={"ETag": etag(record.version)})
    version = version_or_404(session, scenario_id, None)
    response.headers["ETag"] = etag(version.number)
    public = ScenarioPublic.model_validate(record, from_attributes=True)
    return ScenarioDetail(**public.model_dump(), document=json.loads(version.document))


@router.put(
    "/{scenario_id}",
    response_model=ScenarioPublic,
    openapi_extra=DOCUMENT_BODY,
    responses={
        **ERRORS,
        412: {"model": ErrorOut, "description": "If-Match names an older version."},
        415: {"model": ErrorOut},
        428: {"model": ErrorOut, "description": "If-Match is required and missing."},
    },
)
async def update_scenario(
    scenario_id: ScenarioId,
    request: Request,
    response: Response,
    session: SessionDep,
    settings: SettingsDep,
    _: Planner,
    if_match: Annotated[str | None, Header(max_length=1_000)] = None,
) -> ScenarioPublic:
    """Replace a scenario's document; it is stored as the next version. Send the ``ETag``
    of the version you changed in ``If-Match``: a stale one answers 412."""
    expected = _expected_version(if_match, settings.require_if_match)
    await run_in_threadpool(scenario_or_404, session, scenario_id)
    data, source = await _document(request)

    def update() -> ScenarioRecord:
        scenario, document = validate_document(data, "body")
        try:
            record = crud.add_version(session, scenario_id, scenario, document, source, expected)
        except crud.VersionConflict as conflict:
            raise ApiError(
                412,
                ["header", "If-Match"],
                f"the scenario changed: it is at version {conflict.current} "
                f"(ETag {etag(conflict.current)}); read it again and retry",
                if_match,
                {"ETag": etag(conflict.current)},
            ) from None
        if record is None:
            raise not_found("scenario", ["path", "scenario_id"], scenario_id)
        return record

    updated = await run_in_threadpool(update)
    response.headers["ETag"] = etag(updated.version)
    return ScenarioPublic.model_validate(updated, from_attributes=True)


def _expected_version(if_match: str | None, required: bool) -> int | None:
    """The version an If-Match header names (None: any version, ``*`` or no header)."""
    if if_match is None:
        if required:
            raise ApiError(
                428, ["header", "If-Match"], "send If-Match with the ETag you last read", None
            )
        return None
    tags = _tags(if_match)
    if "*" in tags:
        return None
    numbers = [t[2:-1] for t in tags if t.startswith('"v') and t.endswith('"')]
    if len(numbers) != 1 or not numbers[0].isdigit() or len(numbers[0]) > 10:
        raise ApiError(412, ["header", "If-Match"], "not an ETag of this scenario", if_match)
    return int(numbers[0])


@router.delete("/{scenario_id}", status_code=204, responses={**ERRORS, 409: {"model": ErrorOut}})
def delete_scenario(scenario_id: ScenarioId, session: SessionDep, _: Planner) -> Response:
    """Delete a scenario with its versions, jobs and schedules (not while a job runs)."""
    record = scenario_or_404(session, scenario_id)
    active = crud.active_jobs(session, scenario_id)
    if active:
        ids = [job.id for job in active]
        raise ApiError(409, ["path", "scenario_id"], f"cancel its jobs {ids} first", scenario_id)
    crud.delete_scenario(session, record)
    return Response(status_code=204)


@router.get("/{scenario_id}/versions", response_model=list[VersionPublic], responses=ERRORS)
def list_versions(scenario_id: ScenarioId, session: SessionDep, _: Viewer) -> list[VersionPublic]:
    """Every stored version of a scenario, oldest first."""
    scenario_or_404(session, scenario_id)
    versions = crud.list_versions(session, scenario_id)
    return [VersionPublic.model_validate(v, from_attributes=True) for v in versions]


@router.get(
    "/{scenario_id}/export",
    responses={
        **ERRORS,
        200: {"content": {"application/yaml": {}, "application/json": {}}},
    },
)
def export_scenario(
    scenario_id: ScenarioId,
    session: SessionDep,
    _: Viewer,
    format: Annotated[Literal["yaml", "json"], Query()] = "yaml",
    version: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> Response:
    """The scenario document (latest or a given version) as a YAML or JSON file."""
    stored = version_or_404(session, scenario_id, version)
    document = json.loads(stored.document)
    filename = f"scenario-{scenario_id}-v{stored.number}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if format == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False)
        return Response(text, media_type="application/json", headers=headers)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    return Response(text, media_type="application/yaml", headers=headers)


def scenario_schema() -> dict[str, Any]:
    """The scenario's JSON Schema with its definitions, for the OpenAPI components."""
    return Scenario.model_json_schema(by_alias=True, ref_template="#/components/schemas/{model}")
