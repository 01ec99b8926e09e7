"""Explain an infeasible scenario: a small set of its rules that cannot all hold.

Every rule group carries an enforcement literal (see ``Variables.rule``); solving with those
literals as assumptions gives a set that conflicts, which is then shrunk one rule at a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from time import perf_counter

from ortools.sat.python import cp_model

from zenplan.constraints.variables import RuleLiteral
from zenplan.models import Scenario
from zenplan.models.decisions import PhaseDecision
from zenplan.scheduler.build import build
from zenplan.scheduler.reasons import critical_path


def conflicting_rules(
    scenario: Scenario,
    time_limit: float = 20.0,
    frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
    not_before: int = 0,
) -> list[RuleLiteral] | None:
    """A small set of rule groups that conflict, or None when none is found in time; frozen
    phases (replanning) are facts, not rules."""
    started = perf_counter()
    built = build(scenario, explain=True, frozen=frozen, not_before=not_before)
    rules = list(built.variables.rules.values())
    by_index = {rule.literal.index: rule for rule in rules}

    def infeasible(subset: list[RuleLiteral]) -> list[RuleLiteral] | None:
        model = built.model
        model.clear_assumptions()
        model.add_assumptions([rule.literal for rule in subset])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.5, time_limit - (perf_counter() - started))
        if solver.solve(model) != cp_model.INFEASIBLE:
            return None
        return [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()]

    core = infeasible(rules)
    if core is None:
        return None
    # Deletion: drop each rule whose absence still leaves a conflict.
    for rule in list(core):
        if perf_counter() - started > time_limit:
            break
        rest = [r for r in core if r is not rule]
        smaller = infeasible(rest)
        if smaller is not None:
            core = smaller
    return core


def explain(
    scenario: Scenario,
    time_limit: float = 20.0,
    frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
    not_before: int = 0,
) -> str:
    """The explanation of an infeasible scenario, in the scenario's own terms."""
    core = conflicting_rules(scenario, time_limit, frozen, not_before)
    if core is None:
        return (
            "no small set of rules was found to conflict within the time limit; the people, "
            "skills and GPU capacity may be too short for the mandatory projects"
        )
    lines = [f"- {rule.description}" for rule in sorted(core, key=lambda r: r.key)]
    for project in scenario.scheduled_projects():
        if any(project.id in rule.key.split(":", 1)[-1].split("/") for rule in core):
            lines.append(
                f"- {project.id} needs {critical_path(project)} periods from its first phase "
                "to go-live (its phases in sequence)"
            )
    return "These rules cannot all hold:\n" + "\n".join(lines)
