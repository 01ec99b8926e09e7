"""The efficient frontier of a stored scenario: a checked plan per total budget."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field, model_validator

from zenplan.api.deps import Planner, SessionDep, SettingsDep
from zenplan.api.errors import ApiError
from zenplan.api.routes.common import ERRORS
from zenplan.api.routes.scenarios import ScenarioId, version_or_404
from zenplan.api.tables import SolveRequest
from zenplan.models.scenario import MAX_BUDGET

router = APIRouter(tags=["frontier"])

MAX_API_POINTS = 20


class FrontierRequest(SolveRequest):
    """Budgets to solve at, or a number of budgets spread up to the unconstrained cost."""

    budgets: list[Annotated[float, Field(gt=0, le=MAX_BUDGET)]] | None = Field(
        None, min_length=1, max_length=MAX_API_POINTS, description="Total budgets."
    )
    points: int | None = Field(
        None, ge=1, le=MAX_API_POINTS, description="Budgets evenly spaced (default 10)."
    )

    @model_validator(mode="after")
    def _one_way(self) -> FrontierRequest:
        if self.budgets is not None and self.points is not None:
            raise ValueError("give either budgets or points, not both")
        return self


class FrontierPointOut(BaseModel):
    budget: float
    status: str
    objective: float | None = None
    value: float | None = None
    cost: float | None = None
    roi: float | None = None
    selected: list[str] = Field(default_factory=list)
    entering: list[str] = Field(default_factory=list)
    leaving: list[str] = Field(default_factory=list)
    violations: int = 0
    plan: str = "solved"
    seconds: float = 0.0
    error: str | None = None


class FrontierOut(BaseModel):
    scenario_id: int
    version: int
    points: list[FrontierPointOut]


@router.post("/scenarios/{scenario_id}/frontier", response_model=FrontierOut, responses=ERRORS)
def scenario_frontier(
    scenario_id: ScenarioId,
    session: SessionDep,
    settings: SettingsDep,
    _: Planner,
    request: Annotated[FrontierRequest, Body()],
) -> FrontierOut:
    """Solve the scenario at each budget in this request (deterministic CP-SAT, one solve
    after another) and return the monotone frontier, every point a checked plan."""
    from zenplan.scheduler.options import SolveOptions
    from zenplan.studies.executors import InProcess
    from zenplan.studies.frontier import run_frontier

    if request.time_limit > settings.max_time_limit:
        limit = settings.max_time_limit
        raise ApiError(422, ["body", "time_limit"], f"at most {limit:g} s", request.time_limit)
    version = version_or_404(session, scenario_id, request.version)
    options = SolveOptions(
        time_limit=request.time_limit,
        workers=request.workers or settings.solve_workers,
        seed=request.seed,
        relative_gap=request.relative_gap,
        deterministic=True,
    )
    document = json.loads(version.document)
    points = request.points or (None if request.budgets else 10)
    try:
        frontier = run_frontier(
            document, options, InProcess(), request.budgets, points, source="scenario"
        )
    except ValueError as error:
        raise ApiError(422, ["body"], str(error), None) from None
    return FrontierOut(
        scenario_id=scenario_id,
        version=version.number,
        points=[FrontierPointOut.model_validate(p, from_attributes=True) for p in frontier.points],
    )
