"""Small helpers every chart module shares: escaping, project labels, the date axis unit."""

from __future__ import annotations

import html

from zenplan.models.scenario import Project, Scenario

MS_PER_DAY = 86_400_000  # plotly date axes count milliseconds


def esc(value: object) -> str:
    """``value`` as text safe inside plotly's HTML hover labels and our pages."""
    return html.escape(str(value), quote=False)


def find_project(scenario: Scenario, project_id: str) -> Project | None:
    return next((p for p in scenario.projects if p.id == project_id), None)


def project_label(scenario: Scenario, project_id: str) -> str:
    """The project's name when it has one, else its id."""
    project = find_project(scenario, project_id)
    return project.name if project is not None and project.name else project_id


# Legends stand to the right of the plot, top-aligned: plotly widens the right margin for
# them, so however many entries they hold they never cover the title, a menu or the data.
LEGEND: dict[str, object] = {
    "orientation": "v",
    "x": 1.02,
    "xanchor": "left",
    "y": 1.0,
    "yanchor": "top",
    "font": {"size": 11},
}
