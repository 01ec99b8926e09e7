"""What it would take to fit a project left out (or late) on time: the smallest capacity
change, checked by a solve, and what it displaces.

The candidates are found on the small model of scheduler/counterfactual.py (everything else
as planned): one more person with a skill at the level a requirement asks, the fewest GPUs
added to a pool, the earliest later deadline. Each candidate that fits there is then checked
by solving the whole portfolio with the change made and the project required on time,
starting from the current plan; the projects that solve leaves out or delays are what the
change displaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from zenplan.models import Requirement, Scenario, Schedule, parse_scenario
from zenplan.models.decisions import APPROVAL, Decisions
from zenplan.scheduler.counterfactual import Counterfactual
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.score import evaluate
from zenplan.scheduler.solve import solve

EXTRA = "extra"  # id stem of the person a candidate adds


@dataclass
class Option:
    """One way to fit the project: the change, the plan a solve found with it, and what that
    plan leaves out or delays against the current one."""

    change: str
    kind: str  # none | person | gpus | deadline
    fits: bool = False
    status: str = "unknown"
    objective_change: float | None = None
    displaced: list[str] = field(default_factory=list)
    delayed: dict[str, int] = field(default_factory=dict)  # project -> periods later
    go_live: int | None = None


def what_it_takes(
    scenario: Scenario, schedule: Schedule, project_id: str, options: SolveOptions
) -> list[Option]:
    """The changes that fit ``project_id`` on time (by its deadline, or at all when it has
    none), each checked by a solve; the first is taking precedence with no change."""
    project = scenario.project(project_id)
    grid = scenario.grid
    due = grid.deadline_end(project.deadline) if project.deadline is not None else grid.horizon
    candidates: list[tuple[str, str, Scenario]] = [
        ("no change: the project takes precedence", "none", scenario)
    ]
    cf = Counterfactual(scenario, schedule, project_id)
    for requirement in _requirements(scenario, project_id):
        changed = _with_person(scenario, requirement)
        found = Counterfactual(changed, schedule, project_id).fits(due)
        if found is not None:
            used = _extra_periods(changed, found, project_id)
            label = (
                f"one more person with {requirement.skill} >= {requirement.level} "
                f"for {used} person-periods"
            )
            candidates.append((label, "person", changed))
    for pool in cf.pools:
        added = _fewest_gpus(scenario, schedule, project_id, pool, due)
        if added:
            changed = _with_gpus(scenario, pool, added)
            candidates.append((f"{added} more GPUs in pool {pool}", "gpus", changed))
    later = _earliest_due(cf, due)
    if later is not None and later > due and project.deadline is not None:
        when = grid.end_date_of(later).isoformat()
        changed = _with_deadline(scenario, project_id, when)
        candidates.append(
            (f"a deadline of {when} instead of {project.deadline}", "deadline", changed)
        )
    return [
        _checked(label, kind, changed, schedule, project_id, options)
        for label, kind, changed in candidates
    ]


def _requirements(scenario: Scenario, project_id: str) -> list[Requirement]:
    seen: dict[tuple[str, int], Requirement] = {}
    project = scenario.project(project_id)
    needs = [r for phase in project.phases for r in phase.requires]
    for dataset_id in project.datasets:
        acquisition = scenario.dataset(dataset_id).acquisition
        if acquisition is not None and not scenario.dataset(dataset_id).available:
            needs += acquisition.requires
    for requirement in needs:
        seen.setdefault((requirement.skill, requirement.level), requirement)
    return list(seen.values())


def _with_person(scenario: Scenario, requirement: Requirement) -> Scenario:
    person = {
        "id": f"{EXTRA}_{requirement.skill}",
        "skills": {requirement.skill: requirement.level},
    }
    return _edited(scenario, lambda d: d["staff"].append(person))


def _with_gpus(scenario: Scenario, pool: str, added: int) -> Scenario:
    def edit(document: dict[str, Any]) -> None:
        for item in document["gpu_pools"]:
            if item["id"] == pool:
                item["capacity"] += added
                for change in item.get("capacity_changes", []):
                    change["capacity"] += added

    return _edited(scenario, edit)


def _with_deadline(scenario: Scenario, project_id: str, when: str) -> Scenario:
    def edit(document: dict[str, Any]) -> None:
        for item in document["projects"]:
            if item["id"] == project_id:
                item["deadline"] = when

    return _edited(scenario, edit)


def _edited(scenario: Scenario, edit: Callable[[dict[str, Any]], None]) -> Scenario:
    document = scenario.model_dump(mode="json", by_alias=True)
    edit(document)
    return parse_scenario(document, "changed scenario")


def _extra_periods(scenario: Scenario, found: Decisions, project_id: str) -> int:
    periods = 0
    for key, phases in found.items():
        for phase_id, decision in phases.items():
            if phase_id == APPROVAL or not any(p.startswith(EXTRA) for p, _s, _u in decision.staff):
                continue
            if key == project_id:
                periods += scenario.project(key).phase(phase_id).duration
            else:
                acquisition = scenario.dataset(key.removeprefix("dataset:")).acquisition
                periods += acquisition.duration if acquisition is not None else 0
    return periods


def _fewest_gpus(
    scenario: Scenario, schedule: Schedule, project_id: str, pool: str, due: int
) -> int | None:
    """The fewest GPUs added to ``pool`` that let the project fit with the rest as planned."""
    most = max(
        g.count for ph in scenario.project(project_id).phases for g in ph.gpus if pool in g.pools
    )
    for added in range(1, most + 1):
        changed = _with_gpus(scenario, pool, added)
        if Counterfactual(changed, schedule, project_id).fits(due) is not None:
            return added
    return None


def _earliest_due(cf: Counterfactual, due: int) -> int | None:
    """The earliest go-live by which the project fits with the rest as planned."""
    horizon = cf.scenario.grid.horizon
    if cf.fits(horizon) is None:
        return None
    low, high = due, horizon  # fits by high, not (known) by low - 1
    while low < high:
        middle = (low + high) // 2
        if cf.fits(middle) is not None:
            high = middle
        else:
            low = middle + 1
    return low


def _checked(
    label: str,
    kind: str,
    changed: Scenario,
    schedule: Schedule,
    project_id: str,
    options: SolveOptions,
) -> Option:
    """Solve the changed portfolio with the project required by its deadline."""

    def edit(document: dict[str, Any]) -> None:
        for item in document["projects"]:
            if item["id"] == project_id:
                item["priority"] = "must"
                if item.get("deadline"):
                    item["deadline_hard"] = True

    required = _edited(changed, edit)
    result = solve(required, options, start=schedule)
    option = Option(label, kind, status=result.status)
    if result.status not in ("optimal", "feasible"):
        return option
    option.fits = True
    # Both evaluated as the model counts them (a hand-made plan may carry no objective).
    option.objective_change = round(evaluate(required, result) - evaluate(changed, schedule), 2)
    before = {p.id: max((ph.end for ph in p.phases), default=0) for p in schedule.selected()}
    after = {p.id: max((ph.end for ph in p.phases), default=0) for p in result.selected()}
    option.displaced = sorted(set(before) - set(after))
    option.delayed = {p: after[p] - end for p, end in before.items() if after.get(p, 0) > end}
    plan = result.project(project_id)
    option.go_live = plan.end if plan is not None else None
    return option
