"""Turn plan decisions (who does what, when) into the schedule format, for any engine."""

from __future__ import annotations

from zenplan.models import Requirement, Scenario, Schedule
from zenplan.models.decisions import (
    ACQUISITION,
    APPROVAL,
    Decisions,
    PhaseDecision,
    acquisition_key,
)
from zenplan.models.schedule import (
    ApprovalPlan,
    DatasetPlan,
    GpuAssignment,
    PhasePlan,
    ProjectPlan,
    SolverInfo,
    SolveStatus,
    StaffAssignment,
)


def assemble(
    scenario: Scenario,
    decisions: Decisions,
    status: SolveStatus,
    solver: SolverInfo,
    objective: float | None = None,
    bound: float | None = None,
    solve_seconds: float = 0.0,
    reasons: dict[str, str] | None = None,
    explained: bool = True,
) -> Schedule:
    """A complete schedule with dates, lateness, KPIs and, when ``explained``, reasons for
    unselected and late projects (a plan the search only starts from needs none)."""
    from zenplan.scheduler.counterfactual import checked_reasons
    from zenplan.scheduler.kpis import compute_kpis
    from zenplan.scheduler.score import breakdown, evaluate

    schedule = Schedule(
        scenario=scenario.name,
        status=status,
        solve_seconds=round(solve_seconds, 3),
        projects=project_plans(scenario, decisions),
        datasets=dataset_plans(scenario, decisions),
        solver=solver,
    )
    if status in ("optimal", "feasible"):
        schedule.objective = evaluate(scenario, schedule) if objective is None else objective
        schedule.bound = schedule.objective if bound is None else bound
        schedule.kpis = compute_kpis(scenario, schedule)
        schedule.breakdown = breakdown(scenario, schedule)
        if not explained:
            return schedule
        found = checked_reasons(scenario, schedule)
        found.update(reasons or {})
        for plan in schedule.projects:
            plan.reason = found.get(plan.id)
    return schedule


def plain(scenario: Scenario, decisions: Decisions) -> Schedule:
    """The plan's projects and datasets only (no KPIs, breakdown or reasons): what the
    checker and the score read."""
    return Schedule(
        scenario=scenario.name,
        status="feasible",
        projects=project_plans(scenario, decisions),
        datasets=dataset_plans(scenario, decisions),
    )


def project_plans(scenario: Scenario, decisions: Decisions) -> list[ProjectPlan]:
    """Every scheduled project's plan, with dates and lateness, from the decisions."""
    grid = scenario.grid
    plans: list[ProjectPlan] = []
    for project in scenario.scheduled_projects():
        chosen = decisions.get(project.id)
        if chosen is None:
            plans.append(ProjectPlan(id=project.id, selected=False))
            continue
        phases = []
        for phase in project.phases:
            decision = chosen[phase.id]
            end = decision.start + phase.duration
            phases.append(
                PhasePlan(
                    id=phase.id,
                    start=decision.start,
                    end=end,
                    start_date=grid.start_date(decision.start),
                    end_date=grid.end_date_of(end),
                    staff=_staff(phase.requires, decision),
                    gpus=[GpuAssignment(pool=p, count=c) for p, c in decision.gpus],
                )
            )
        start = min(p.start for p in phases)
        end = max(p.end for p in phases)
        late_by = 0
        if project.deadline is not None:
            late_by = max(0, end - grid.deadline_end(project.deadline))
        plans.append(
            ProjectPlan(
                id=project.id,
                selected=True,
                start=start,
                end=end,
                start_date=grid.start_date(start),
                end_date=grid.end_date_of(end),
                late_by=late_by,
                approval=_approval(scenario, chosen.get(APPROVAL)),
                phases=phases,
            )
        )
    return plans


def _staff(requires: list[Requirement], decision: PhaseDecision) -> list[StaffAssignment]:
    """Who covers which requirement unit, with the share of their time it takes."""
    return [
        StaffAssignment(id=p, skill=s, share=requires[r].share if r < len(requires) else 1.0)
        for p, s, r in decision.staff
    ]


def _approval(scenario: Scenario, granted: PhaseDecision | None) -> ApprovalPlan | None:
    board = scenario.ethics_board
    if granted is None or board is None:
        return None
    end = granted.start + board.review_duration
    grid = scenario.grid
    return ApprovalPlan(
        start=granted.start,
        end=end,
        start_date=grid.start_date(granted.start),
        end_date=grid.end_date_of(end),
    )


def dataset_plans(scenario: Scenario, decisions: Decisions) -> list[DatasetPlan]:
    """The acquisitions made, each credited to the first selected project that needs it."""
    grid = scenario.grid
    plans = []
    for dataset in scenario.datasets:
        made = decisions.get(acquisition_key(dataset.id), {}).get(ACQUISITION)
        if made is None or dataset.acquisition is None:
            continue
        users = [
            (min(d.start for key, d in decisions[p.id].items() if key != APPROVAL), p.id)
            for p in scenario.scheduled_projects()
            if p.id in decisions and dataset.id in p.datasets
        ]
        end = made.start + dataset.acquisition.duration
        plans.append(
            DatasetPlan(
                id=dataset.id,
                acquired_by=min(users)[1] if users else None,
                start=made.start,
                end=end,
                start_date=grid.start_date(made.start),
                end_date=grid.end_date_of(end),
                staff=_staff(dataset.acquisition.requires, made),
            )
        )
    return plans
