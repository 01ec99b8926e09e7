"""Selection: which projects run, and the value they earn from go-live to the horizon's end."""

from __future__ import annotations

from zenplan.constraints.context import Context, money


def post(ctx: Context) -> None:
    """Mandatory projects run; a project goes live when its last phase ends; value accrues
    from go-live to the end of the horizon."""
    model, variables = ctx.model, ctx.variables
    horizon = variables.horizon
    weight = ctx.scenario.objective.value
    for project_var in variables.projects.values():
        project, selected, go_live = project_var.project, project_var.selected, project_var.go_live
        if project.mandatory:
            why = project.why_mandatory
            rule = variables.rule(f"mandatory:{project.id}", f"{project.id} is {why} and must run")
            model.add(selected == 1).only_enforce_if(rule)
        # Exact, not just bounds: any plan the solver reports is valued as the checker values it.
        model.add_max_equality(project_var.finish, [phase.end for phase in project_var.phases])
        model.add(go_live == project_var.finish).only_enforce_if(selected)
        model.add(go_live == 0).only_enforce_if(~selected)
        for phase in project_var.phases:
            # An unselected phase sits at its earliest start: no symmetric copies to explore.
            model.add(phase.start == phase.earliest).only_enforce_if(~selected)
        if weight and project.value:
            coefficient = money(weight * project.value)
            ctx.objective.add("value", coefficient * (horizon * selected - go_live))
