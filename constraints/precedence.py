"""Precedence and time: phase order, release dates, the horizon, deadlines, makespan."""

from __future__ import annotations

from zenplan.constraints.context import Context, money
from zenplan.constraints.variables import ProjectVar


def post(ctx: Context) -> None:
    """Phases follow the phases they come after; nothing starts before its project's release
    or ends after the horizon; hard deadlines hold, soft ones cost per period late."""
    model, variables, scenario = ctx.model, ctx.variables, ctx.scenario
    grid = scenario.grid
    horizon_rule = variables.rule("horizon", f"the plan ends with period {grid.horizon}")
    for project_var in variables.projects.values():
        project, selected = project_var.project, project_var.selected
        for index, phase in enumerate(project_var.phases):
            for pred in project.predecessors(index):
                model.add(phase.start >= project_var.phases[pred].end).only_enforce_if(selected)
            model.add(phase.end <= grid.horizon).only_enforce_if([selected, *horizon_rule])
        if variables.not_before:
            now_rule = variables.rule(
                "now", f"nothing new starts before period {variables.not_before}"
            )
            for phase in project_var.phases:
                if (phase.project, phase.phase) not in variables.frozen:
                    model.add(phase.start >= variables.not_before).only_enforce_if(
                        [selected, *now_rule]
                    )
        if project.release is not None:
            release = grid.first_period_on_or_after(project.release)
            rule = variables.rule(
                f"release:{project.id}", f"{project.id} release {project.release}"
            )
            for phase in project_var.phases:
                model.add(phase.start >= release).only_enforce_if([selected, *rule])
        if project.deadline is not None:
            _deadline(ctx, project_var)
    _makespan(ctx)


def _deadline(ctx: Context, project_var: ProjectVar) -> None:
    """A hard deadline is a rule; a soft one costs `lateness` x delay cost per period late."""
    model, variables, scenario = ctx.model, ctx.variables, ctx.scenario
    project = project_var.project
    assert project.deadline is not None
    due = scenario.grid.deadline_end(project.deadline)
    late = variables.lateness(project.id)
    model.add_max_equality(late, [0, project_var.go_live - due])
    if project.deadline_hard:
        rule = variables.rule(
            f"deadline:{project.id}", f"{project.id} deadline_hard {project.deadline}"
        )
        model.add(project_var.go_live <= due).only_enforce_if([project_var.selected, *rule])
    weight = scenario.objective.lateness
    if weight:
        ctx.objective.add("lateness", -money(weight * scenario.delay_cost(project)) * late)


def _makespan(ctx: Context) -> None:
    """With a `makespan` weight, the last go-live of the portfolio costs per period."""
    weight = ctx.scenario.objective.makespan
    if not weight or not ctx.variables.projects:
        return
    makespan = ctx.variables.makespan()
    go_lives = [p.go_live for p in ctx.variables.projects.values()]
    decided = list(ctx.variables.background.go_lives.values())
    ctx.model.add_max_equality(makespan, [*go_lives, *([max(decided)] if decided else [])])
    unit = ctx.scenario.mean_delay_cost()
    ctx.objective.add("makespan", -money(weight * unit) * makespan)
