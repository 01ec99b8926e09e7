"""Pins: parts of the plan the planner fixed (a project selected or not; a phase's start or
start window, people, GPU pool). A pinned part never moves; the rest is free."""

from __future__ import annotations

from zenplan.constraints.context import Context
from zenplan.constraints.variables import Literal, PhaseVar, ProjectVar


def post(ctx: Context) -> None:
    """Each pin of each project in the model holds (as one rule group per project)."""
    for project_var in ctx.variables.projects.values():
        project = project_var.project
        pinned = project.pin is not None or any(p.pin for p in project.phases)
        if not pinned:
            continue
        rule = ctx.variables.rule(f"pin:{project.id}", f"the pins of {project.id}")
        if project.pin == "not_selected":
            ctx.model.add(project_var.selected == 0).only_enforce_if(rule)
            continue
        if project.pin == "selected":
            ctx.model.add(project_var.selected == 1).only_enforce_if(rule)
        for phase_var, phase in zip(project_var.phases, project.phases, strict=True):
            if phase.pin is not None and (project.id, phase.id) not in ctx.variables.frozen:
                _phase(ctx, project_var, phase_var, rule)


def _phase(ctx: Context, project_var: ProjectVar, phase_var: PhaseVar, rule: list[Literal]) -> None:
    model, variables, scenario = ctx.model, ctx.variables, ctx.scenario
    phase = project_var.project.phase(phase_var.phase)
    assert phase.pin is not None
    when = [project_var.selected, *rule]
    window = scenario.pin_window(phase)
    if window is not None:
        model.add(phase_var.start >= window[0]).only_enforce_if(when)
        model.add(phase_var.start <= window[1]).only_enforce_if(when)
    if variables.people:
        for person in phase.pin.people:
            units = [
                literal
                for (project, phase_id, _r, who), literal in variables.assignment.items()
                if project == phase_var.project and phase_id == phase_var.phase and who == person
            ]
            if units:
                model.add(sum(units) == 1).only_enforce_if(when)
            else:  # nobody can cover it here (a frozen plan names others): it cannot run
                model.add_bool_or([~literal for literal in when])
    pool = phase.pin.gpu_pool
    if pool is not None:
        demands = {d for d, demand in enumerate(phase.gpus) if pool in demand.pools}
        for choice in variables.gpu_choices.get((phase_var.project, phase_var.phase), []):
            if choice.demand_index in demands and choice.pool != pool:
                model.add(choice.uses == 0).only_enforce_if(rule)
