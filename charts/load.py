"""Load charts: how busy the team (by skill) and each GPU pool are in every period."""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from models.scenario import Scenario
from models.schedule import Schedule, StaffAssignment

__all__ = ["gpu_load", "load_chart", "staff_load"]


def staff_load(scenario: Scenario, schedule: Schedule) -> dict[str, list[int]]:
    """Skill -> people busy with that skill in each period (phases and acquisitions)."""
    horizon = scenario.grid.horizon
    load: dict[str, list[int]] = defaultdict(lambda: [0] * horizon)
    work: list[tuple[int, int, list[StaffAssignment]]] = [
        (p.start, p.end, p.staff) for plan in schedule.selected() for p in plan.phases
    ]
    work += [
        (d.start, d.end, d.staff)
        for d in schedule.datasets
        if d.start is not None and d.end is not None
    ]
    for start, end, staff in work:
        for person in staff:
            for period in range(max(0, start), min(horizon, end)):
                load[person.skill][period] += 1
    return dict(sorted(load.items()))


def gpu_load(scenario: Scenario, schedule: Schedule) -> dict[str, list[int]]:
    """Pool -> GPUs in use in each period."""
    horizon = scenario.grid.horizon
    load: dict[str, list[int]] = {pool.id: [0] * horizon for pool in scenario.gpu_pools}
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                used = load.setdefault(gpu.pool, [0] * horizon)
                for period in range(max(0, phase.start), min(horizon, phase.end)):
                    used[period] += gpu.count
    return load


def load_chart(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """Stacked bars of people at work per skill, and GPUs in use against each pool's capacity."""
    grid = scenario.grid
    dates = [grid.start_date(t).isoformat() for t in range(grid.horizon)]
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=("people at work, by skill", "GPUs in use, by pool"),
    )
    for skill, counts in staff_load(scenario, schedule).items():
        figure.add_trace(go.Bar(name=skill, x=dates, y=counts, legendgroup="skills"), row=1, col=1)
    figure.add_trace(
        go.Scatter(
            name="people",
            x=dates,
            y=[len(scenario.staff)] * grid.horizon,
            mode="lines",
            line={"dash": "dot", "color": "#333333"},
        ),
        row=1,
        col=1,
    )
    palette = qualitative.Dark2
    for index, (pool, used) in enumerate(gpu_load(scenario, schedule).items()):
        color = palette[index % len(palette)]
        figure.add_trace(
            go.Scatter(name=f"{pool} in use", x=dates, y=used, mode="lines", line={"color": color}),
            row=2,
            col=1,
        )
        if any(p.id == pool for p in scenario.gpu_pools):
            figure.add_trace(
                go.Scatter(
                    name=f"{pool} capacity",
                    x=dates,
                    y=scenario.pool_capacity(pool),
                    mode="lines",
                    line={"color": color, "dash": "dot"},
                ),
                row=2,
                col=1,
            )
    figure.update_layout(
        title={"text": f"{scenario.name}: load", "x": 0.01},
        barmode="stack",
        height=620,
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
    )
    figure.update_xaxes(type="date", showgrid=True, gridcolor="#e5e5e5")
    figure.update_yaxes(rangemode="tozero", showgrid=True, gridcolor="#e5e5e5")
    return figure
