"""Facts of a project the reasons and explanations build on: how long its phases take in
sequence, and the reasons a rule of the scenario gives by itself (a budget spent, a pin).
The other reasons are checked by trying (scheduler/counterfactual.py)."""

from __future__ import annotations

from zenplan.models import Project, Scenario, Schedule


def critical_path(project: Project) -> int:
    """Periods the phases need one after another along the longest chain of `after`."""
    finish: dict[int, int] = {}
    for index in project.phase_order():
        preds = project.predecessors(index)
        finish[index] = max((finish[p] for p in preds), default=0) + project.phases[index].duration
    return max(finish.values())


def rule_reasons(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """Projects left out by a rule of their own: pinned not selected, or a budget cap the
    plan has spent (naming the cap and who spends it)."""
    from zenplan.scheduler.spend import budget_reasons

    reasons = budget_reasons(scenario, schedule)
    for project in scenario.scheduled_projects():
        if project.pin == "not_selected":
            reasons[project.id] = "not selected: pinned not selected"
    return reasons
