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
from zenplan.models.decisions import APPROVAL, PhaseDecision, dataset_of
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
    """The explanation of an infeasible scenario, in the scenario's own terms: the frozen work
    the conflict needs (facts: phase, periods, people), the rules that cannot all hold with
    it, and for a hard deadline among them the earliest date that works."""
    started = perf_counter()
    frozen = frozen or {}
    core = conflicting_rules(scenario, time_limit / 2, frozen, not_before)
    needed = frozen_causes(scenario, frozen, not_before, time_limit / 4)
    parts = []
    if needed:
        parts.append(_frozen_text(scenario, needed, not_before))
    if core is None:
        parts.append(
            "no small set of rules was found to conflict within the time limit; the people, "
            "skills and GPU capacity may be too short for the mandatory projects"
        )
        return "\n".join(parts)
    lines = [f"- {rule.description}" for rule in sorted(core, key=lambda r: r.key)]
    for project in scenario.scheduled_projects():
        if any(project.id in rule.key.split(":", 1)[-1].split("/") for rule in core):
            lines.append(
                f"- {project.id} needs {critical_path(project)} periods from its first phase "
                "to go-live (its phases in sequence)"
            )
    left = max(1.0, time_limit - (perf_counter() - started))
    lines += _earliest_dates(scenario, core, frozen, not_before, left)
    head = "With that frozen work, these" if needed else "These"
    parts.append(f"{head} rules cannot all hold:\n" + "\n".join(lines))
    return "\n".join(parts)


def _infeasible(
    scenario: Scenario,
    frozen: Mapping[tuple[str, str], PhaseDecision],
    not_before: int,
    seconds: float,
) -> bool | None:
    """Whether the scenario has no plan with ``frozen`` fixed (None: not known in time)."""
    built = build(scenario, frozen=frozen, not_before=not_before)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = max(0.2, seconds)
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(built.model)
    if code == cp_model.INFEASIBLE:
        return True
    return False if code in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def frozen_causes(
    scenario: Scenario,
    frozen: Mapping[tuple[str, str], PhaseDecision],
    not_before: int,
    time_limit: float = 10.0,
) -> dict[tuple[str, str], PhaseDecision]:
    """A smallest set of frozen phases the conflict needs: with only these frozen the scenario
    still has no plan, and unfreezing any one of them gives one. Empty when the scenario has
    no plan even with nothing frozen, or when it cannot be told in time."""
    ends = {key: decision.start + _duration(scenario, key) for key, decision in frozen.items()}
    # Work over before `not_before` blocks nothing that may still move.
    candidates = {k: d for k, d in frozen.items() if ends[k] > not_before and k[1] != APPROVAL}
    if not candidates:
        return {}
    started = perf_counter()
    past = {k: d for k, d in frozen.items() if k not in candidates}

    def still(subset: Mapping[tuple[str, str], PhaseDecision]) -> bool | None:
        left = time_limit - (perf_counter() - started)
        if left <= 0:
            return None
        return _infeasible(scenario, {**past, **subset}, not_before, left)

    if still({}) is not False:
        return {}  # no plan even with nothing frozen (or no answer): frozen work is no cause
    needed = dict(candidates)
    for key in sorted(candidates):
        rest = {k: d for k, d in needed.items() if k != key}
        answer = still(rest)
        if answer is None:
            break
        if answer:
            needed = rest
    return needed


def _duration(scenario: Scenario, key: tuple[str, str]) -> int:
    owner, item = key
    dataset = dataset_of(owner)
    if dataset is not None:
        acquisition = scenario.dataset(dataset).acquisition
        return acquisition.duration if acquisition is not None else 0
    if item == APPROVAL:
        return scenario.ethics_board.review_duration if scenario.ethics_board else 0
    return scenario.project(owner).phase(item).duration


def _frozen_text(
    scenario: Scenario, needed: Mapping[tuple[str, str], PhaseDecision], not_before: int
) -> str:
    """The frozen work as facts, and the skills it leaves no one else to cover."""
    freeze = scenario.policies.freeze_periods
    why = f"it started before period {not_before}"
    if freeze:
        why += f", or starts before period {not_before + freeze} under freeze_periods {freeze}"
    lines = [f"The conflict needs this work the replan keeps fixed ({why}):"]
    held: set[str] = set()
    for (owner, item), decision in sorted(needed.items()):
        end = decision.start + _duration(scenario, (owner, item))
        people = sorted({person for person, _skill, _unit in decision.staff})
        held.update(people)
        lines.append(
            f"- {owner}/{item} is fixed in periods {decision.start}-{end - 1}"
            + (f" with {', '.join(people)}" if people else "")
        )
    lines += _only_holders(scenario, needed, held)
    return "\n".join(lines)


def _only_holders(
    scenario: Scenario, needed: Mapping[tuple[str, str], PhaseDecision], held: set[str]
) -> list[str]:
    """Requirements of work that may still move whose every qualified person the frozen work
    holds."""
    lines: list[str] = []
    seen: set[tuple[str, int]] = set()
    for project in scenario.scheduled_projects():
        for phase in project.phases:
            if (project.id, phase.id) in needed:
                continue
            for requirement in phase.requires:
                qualified = sorted(p.id for p in scenario.qualified(requirement))
                key = (requirement.skill, requirement.level)
                if qualified and set(qualified) <= held and key not in seen:
                    seen.add(key)
                    lines.append(
                        f"- {', '.join(qualified)} "
                        + ("is the only person" if len(qualified) == 1 else "are the only people")
                        + f" with {requirement.skill} >= {requirement.level}, which "
                        f"{project.id}/{phase.id} needs; the fixed work holds them"
                    )
    return lines


def _earliest_dates(
    scenario: Scenario,
    core: list[RuleLiteral],
    frozen: Mapping[tuple[str, str], PhaseDecision],
    not_before: int,
    time_limit: float,
) -> list[str]:
    """For each hard deadline in the conflict: the earliest go-live every other rule allows,
    found by minimising it with the conflict's deadlines dropped."""
    deadlines = [r.key.split(":", 1)[1] for r in core if r.key.startswith("deadline:")]
    lines = []
    for project_id in deadlines:
        built = build(scenario, explain=True, frozen=frozen, not_before=not_before)
        dropped = {f"deadline:{p}" for p in deadlines}
        kept = [r.literal for key, r in built.variables.rules.items() if key not in dropped]
        project_var = built.variables.projects[project_id]
        built.model.add(project_var.selected == 1)
        built.model.add_assumptions(kept)
        built.model.minimize(project_var.go_live)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_time_in_seconds = max(0.5, time_limit / len(deadlines))
        code = solver.solve(built.model)
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        go_live = int(solver.value(project_var.go_live))
        grid = scenario.grid
        # A deadline holds for a go-live by the end of its period: any day of that period.
        first, live = grid.start_date(go_live - 1), grid.end_date_of(go_live)
        proven = "the earliest" if code == cp_model.OPTIMAL else "a"
        lines.append(
            f"- {project_id}: {proven} go-live the other rules allow is {live.isoformat()} "
            f"(end of period {go_live - 1}); a hard deadline on or after {first.isoformat()} "
            "works"
        )
    return lines
