"""Scenarios: create (JSON, YAML or a workbook), list, read, update, delete, export.

Every change stores a new version; earlier versions stay readable and solvable.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

import yaml
from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.convert import validate_document
from zenplan.api.deps import Planner, SessionDep, Viewer
from zenplan.api.errors import ApiError, ErrorOut, not_found
from zenplan.api.routes.common import ERRORS, Limit, Offset
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
            "application/yaml": {"schema": {"type": "string"}},
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


@router.get("", response_model=list[ScenarioPublic], responses=ERRORS)
def list_scenarios(
    session: SessionDep, _: Viewer, offset: Offset = 0, limit: Limit = 100
) -> list[ScenarioPublic]:
    """All scenarios, oldest first."""
    records = crud.list_scenarios(session, offset, limit)
    return [ScenarioPublic.model_validate(r, from_attributes=True) for r in records]


@router.get("/{scenario_id}", response_model=ScenarioDetail, responses=ERRORS)
def read_scenario(scenario_id: ScenarioId, session: SessionDep, _: Viewer) -> ScenarioDetail:
    """A scenario with its latest version's document."""
    record = scenario_or_404(session, scenario_id)
    version = version_or_404(session, scenario_id, None)
    public = ScenarioPublic.model_validate(record, from_attributes=True)
    return ScenarioDetail(**public.model_dump(), document=json.loads(version.document))


@router.put(
    "/{scenario_id}",
    response_model=ScenarioPublic,
    openapi_extra=DOCUMENT_BODY,
    responses={**ERRORS, 415: {"model": ErrorOut}},
)
async def update_scenario(
    scenario_id: ScenarioId, request: Request, session: SessionDep, _: Planner
) -> ScenarioPublic:
    """Replace a scenario's document; it is stored as the next version."""
    record = await run_in_threadpool(scenario_or_404, session, scenario_id)
    data, source = await _document(request)

    def update() -> ScenarioRecord:
        scenario, document = validate_document(data, "body")
        return crud.add_version(session, record, scenario, document, source)

    updated = await run_in_threadpool(update)
    return ScenarioPublic.model_validate(updated, from_attributes=True)


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
