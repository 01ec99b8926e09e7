"""Facts of a project the reasons and explanations build on: how long its phases take in
sequence, and the most any plan can earn. The reasons themselves are checked by trying
(scheduler/counterfactual.py)."""

from __future__ import annotations

from zenplan.models import Project, Scenario


def critical_path(project: Project) -> int:
    """Periods the phases need one after another along the longest chain of `after`."""
    finish: dict[int, int] = {}
    for index in project.phase_order():
        preds = project.predecessors(index)
        finish[index] = max((finish[p] for p in preds), default=0) + project.phases[index].duration
    return max(finish.values())


def optimistic_bound(scenario: Scenario) -> float:
    """No plan earns more: every project live at its earliest period, nothing late, no cost.

    The bound reported by the neighbourhood search; CP-SAT's own root bound on the whole
    model was no tighter on the portfolios measured (BENCHMARKS.md).
    """
    grid = scenario.grid
    total = 0.0
    for project in scenario.scheduled_projects():
        release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
        go_live = release + critical_path(project)
        total += scenario.objective.value * project.value * max(0, grid.horizon - go_live)
    return total
