"""Aggregated views of a large schedule, drawn instead of one row per project or person.

A Gantt of a thousand projects is a page of megabytes that nobody reads row by row:

- ``sponsor_overview``: one row per sponsor and, per period, the number of its projects in
  flight (a heatmap) with diamonds where projects go live. ``layout.meta["sponsors"]``
  maps each row's label to the sponsor id (``""``: projects without a sponsor), so a page
  can open the sponsor's Gantt on a click; cells carry only their counts, which keeps a
  portfolio of hundreds of sponsors small.
- ``people_heatmap``: people x periods, busy or free (the numbers of ``kpis.load``).
- ``flow_histogram``: how many projects reach each flow efficiency.
"""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go

from zenplan.charts.text import LEGEND, esc
from zenplan.models.scenario import Scenario
from zenplan.models.schedule import Schedule

__all__ = ["NO_SPONSOR", "flow_histogram", "people_heatmap", "sponsor_overview"]

NO_SPONSOR = ""
_ROW_HEIGHT = 34
_GO_LIVE_COLOR = "#222222"


def _sponsor_names(scenario: Scenario) -> dict[str, str]:
    names = {s.id: s.name or s.id for s in scenario.sponsors}
    names[NO_SPONSOR] = "no sponsor"
    return names


def sponsor_overview(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """Sponsors x periods: projects in flight (from first phase start to go-live)."""
    grid = scenario.grid
    horizon = grid.horizon
    sponsor_of = {p.id: p.sponsor or NO_SPONSOR for p in scenario.projects}
    in_flight: dict[str, list[int]] = defaultdict(lambda: [0] * horizon)
    go_lives: dict[str, list[int]] = defaultdict(lambda: [0] * horizon)
    for plan in schedule.selected():
        if plan.start is None or plan.end is None:
            continue
        sponsor = sponsor_of.get(plan.id, NO_SPONSOR)
        for period in range(max(0, plan.start), min(plan.end, horizon)):
            in_flight[sponsor][period] += 1
        if 0 < plan.end <= horizon:
            go_lives[sponsor][plan.end - 1] += 1
    names = _sponsor_names(scenario)
    order = [s.id for s in scenario.sponsors if s.id in in_flight]
    order += sorted(set(in_flight) - set(order))
    rows = [esc(names.get(s, s)) for s in order]
    starts = [grid.start_date(t).isoformat() for t in range(horizon)]
    figure = go.Figure(
        go.Heatmap(
            z=[in_flight[s] for s in order],
            x=starts,
            y=rows,
            colorscale="Blues",
            zmin=0,
            xgap=1,
            ygap=2,
            colorbar={"title": {"text": "projects<br>in flight"}, "thickness": 14},
            hovertemplate="<b>%{y}</b><br>period from %{x|%Y-%m-%d}<br>"
            "projects in flight: %{z}<extra></extra>",
            name="projects in flight",
        )
    )
    live_x, live_y, live_n = [], [], []
    for sponsor, row in zip(order, rows, strict=True):
        for period, count in enumerate(go_lives[sponsor]):
            if count:
                live_x.append(starts[period])
                live_y.append(row)
                live_n.append(count)
    figure.add_trace(
        go.Scatter(
            x=live_x,
            y=live_y,
            mode="markers",
            marker={"symbol": "diamond", "size": [6 + 2 * min(n, 6) for n in live_n]},
            marker_color=_GO_LIVE_COLOR,
            text=[f"{n} go-live(s)" for n in live_n],
            hovertemplate="<b>%{y}</b><br>%{text} in the period from %{x|%Y-%m-%d}<extra></extra>",
            name="go-lives",
            showlegend=False,
        )
    )
    delivered = len(schedule.selected())
    title = (
        f"{esc(scenario.name)}: projects in flight by sponsor"
        f"<br><sup>{delivered} projects selected; ◆ go-lives; click a sponsor's row for its "
        "projects</sup>"
    )
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        meta={"sponsors": dict(zip(rows, order, strict=True))},
        height=max(240, 150 + _ROW_HEIGHT * len(rows)),
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
    )
    figure.update_xaxes(type="date", showgrid=False, tickformat="%Y-%m-%d")
    figure.update_yaxes(type="category", categoryarray=rows, autorange="reversed", automargin=True)
    return figure


def people_heatmap(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """People x periods: 1 when the person works on something, else 0."""
    grid = scenario.grid
    load = schedule.kpis.load.get("people", {})
    people = [p.id for p in scenario.staff]
    rows = [load.get(person, [0] * grid.horizon) for person in people]
    busy = [sum(row) for row in rows]
    figure = go.Figure(
        go.Heatmap(
            z=rows,
            x=[grid.start_date(t).isoformat() for t in range(grid.horizon)],
            y=[esc(person) for person in people],
            colorscale=[[0, "#f3f3f3"], [1, "#4c78a8"]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=1,
            hovertemplate="<b>%{y}</b><br>period from %{x|%Y-%m-%d}<br>busy: %{z}<extra></extra>",
        )
    )
    mean = sum(busy) / max(1, len(busy) * grid.horizon)
    figure.update_layout(
        title={
            "text": f"{esc(scenario.name)}: who is busy when"
            f"<br><sup>{len(people)} people; busy {mean:.0%} of their periods</sup>",
            "x": 0.01,
            "xanchor": "left",
        },
        height=max(260, 150 + 9 * len(people)),
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        plot_bgcolor="white",
    )
    figure.update_xaxes(type="date", tickformat="%Y-%m-%d")
    figure.update_yaxes(
        type="category", autorange="reversed", automargin=True, tickfont={"size": 8}
    )
    return figure


def flow_histogram(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """How many selected projects reach each flow efficiency (working / elapsed periods)."""
    efficiency = schedule.kpis.flow_efficiency_by_project
    values = [efficiency[p.id] for p in schedule.selected() if p.id in efficiency]
    figure = go.Figure(
        go.Histogram(
            x=values,
            xbins={"start": 0, "end": 1.0001, "size": 0.05},
            marker={"color": "#2ca02c"},
            name="projects",
            hovertemplate="flow efficiency %{x}<br>%{y} project(s)<extra></extra>",
        )
    )
    mean = sum(values) / len(values) if values else 0.0
    figure.update_layout(
        title={
            "text": f"{esc(scenario.name)}: flow efficiency (working / elapsed)"
            f"<br><sup>{len(values)} projects, mean {mean:.0%}</sup>",
            "x": 0.01,
            "xanchor": "left",
        },
        height=360,
        bargap=0.05,
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        plot_bgcolor="white",
        legend=LEGEND,
    )
    figure.update_xaxes(title_text="flow efficiency", tickformat=".0%", range=[0, 1.0001])
    figure.update_yaxes(title_text="projects", rangemode="tozero")
    return figure
