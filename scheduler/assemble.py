"""Turn plan decisions (who does what, when) into the schedule format, for any engine."""

from __future__ import annotations

from models import Scenario, Schedule
from models.decisions import Decisions
from models.schedule import (
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
) -> Schedule:
    """A complete schedule with dates, lateness, KPIs and reasons for unselected projects."""
    from scheduler.kpis import compute_kpis
    from scheduler.reasons import unselected_reasons
    from scheduler.score import evaluate

    schedule = Schedule(
        scenario=scenario.name,
        status=status,
        solve_seconds=round(solve_seconds, 3),
        projects=project_plans(scenario, decisions),
        solver=solver,
    )
    if status in ("optimal", "feasible"):
        schedule.objective = evaluate(scenario, schedule) if objective is None else objective
        schedule.bound = schedule.objective if bound is None else bound
        schedule.kpis = compute_kpis(scenario, schedule)
        found = unselected_reasons(scenario, schedule)
        found.update(reasons or {})
        for plan in schedule.projects:
            if not plan.selected:
                plan.reason = found.get(plan.id)
    return schedule


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
                    staff=[StaffAssignment(id=p, skill=s) for p, s, _ in decision.staff],
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
                phases=phases,
            )
        )
    return plans
