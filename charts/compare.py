"""Comparison chart: each project's go-live in two or more schedules, side by side."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import plotly.graph_objects as go
from plotly.colors import qualitative

from zenplan.charts.text import LEGEND
from zenplan.models.schedule import Schedule

__all__ = ["compare_chart"]


def compare_chart(schedules: Sequence[Schedule], labels: Sequence[str]) -> go.Figure:
    """One row per project, one marker per schedule at its go-live (a cross: not selected).

    ``labels`` name the schedules (e.g. "#12 baseline"), in the same order.
    """
    projects: list[str] = []
    for schedule in schedules:
        for plan in schedule.projects:
            if plan.id not in projects:
                projects.append(plan.id)
    figure = go.Figure()
    palette = qualitative.Plotly
    for index, (schedule, label) in enumerate(zip(schedules, labels, strict=True)):
        x: list[str] = []
        y: list[str] = []
        hover: list[str] = []
        for plan in schedule.projects:
            if plan.selected and plan.end_date is not None:
                go_live = plan.end_date + timedelta(days=1)
                x.append(go_live.isoformat())
                y.append(plan.id)
                hover.append(f"{label}<br>{plan.id}: go-live {go_live.isoformat()}")
        figure.add_trace(
            go.Scatter(
                name=label,
                x=x,
                y=y,
                mode="markers",
                marker={"size": 12, "color": palette[index % len(palette)], "opacity": 0.85},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    figure.update_layout(
        title={"text": "go-live per project", "x": 0.01},
        height=max(300, 160 + 28 * len(projects)),
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        legend=LEGEND,
    )
    figure.update_xaxes(type="date", showgrid=True, gridcolor="#e5e5e5")
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=projects,
        autorange="reversed",
        showgrid=True,
        gridcolor="#f0f0f0",
        automargin=True,
    )
    return figure
