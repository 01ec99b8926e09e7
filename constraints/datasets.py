"""Data reuse: a dataset is acquired once, before the first project that needs it starts."""

from __future__ import annotations

from zenplan.constraints.context import Context


def post(ctx: Context) -> None:
    """A dataset that is not available is acquired exactly when some selected project needs
    it; every selected project that lists it starts after the acquisition ends (or after it
    was acquired outside the model); later projects reuse it at no cost."""
    model, variables = ctx.model, ctx.variables
    for dataset_id, acquisition in variables.acquisitions.items():
        users = [
            project_var
            for project_var in variables.projects.values()
            if dataset_id in project_var.project.datasets
        ]
        # Acquired if and only if one of the projects that need it runs.
        model.add_max_equality(acquisition.present, [p.selected for p in users])
        model.add(acquisition.start == acquisition.earliest).only_enforce_if(~acquisition.present)
        for project_var in users:
            for phase in project_var.phases:
                model.add(phase.start >= acquisition.end).only_enforce_if(project_var.selected)
    for dataset_id, (_start, end) in variables.background.acquisitions.items():
        for project_var in variables.projects.values():
            if dataset_id in project_var.project.datasets:
                for phase in project_var.phases:
                    model.add(phase.start >= end).only_enforce_if(project_var.selected)
