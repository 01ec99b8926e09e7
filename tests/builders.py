"""Test builders: tiny scenarios in code, and a solve that always runs the checker."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from zenplan.models import Scenario, Schedule, parse_scenario
from zenplan.scheduler import SolveOptions, check, solve

BASE: dict[str, Any] = {
    "name": "tiny",
    "calendar": {"start": "2027-01-04", "period": "week", "horizon": 20},
    "staff": [
        {"id": "ana", "skills": {"data_science": 4, "ml_engineering": 3}},
        {"id": "ben", "skills": {"data_science": 2, "data_engineering": 3}},
    ],
    "gpu_pools": [{"id": "a100", "capacity": 4}],
    "projects": [],
}


def scenario_of(**changes: Any) -> Scenario:
    """The base tiny scenario with top-level keys replaced."""
    document = copy.deepcopy(BASE)
    document.update(copy.deepcopy(changes))
    return parse_scenario(document)


def project(project_id: str, *phases: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"id": project_id, "phases": list(phases), **fields}


def phase(
    phase_id: str, duration: int, *requires: tuple[str, int, int], **fields: Any
) -> dict[str, Any]:
    """A phase needing (skill, level, count) requirements."""
    return {
        "id": phase_id,
        "duration": duration,
        "requires": [{"skill": s, "level": lvl, "count": c} for s, lvl, c in requires],
        **fields,
    }


def solved(scenario: Scenario, time_limit: float = 10.0, strategy: str = "auto") -> Schedule:
    """Solve to optimality on 2 workers and assert the checker finds nothing wrong."""
    options = SolveOptions(
        time_limit=time_limit,
        workers=2,
        seed=1,
        relative_gap=0,
        strategy=strategy,  # type: ignore[arg-type]
    )
    schedule = solve(scenario, options)
    assert schedule.status in ("optimal", "feasible"), schedule.explanation
    violations = check(scenario, schedule)
    assert not violations, [str(v) for v in violations]
    return schedule


def starts(schedule: Schedule, project_id: str) -> dict[str, int]:
    plan = schedule.project(project_id)
    assert plan is not None and plan.selected
    return {p.id: p.start for p in plan.phases}


EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "example.yaml"
