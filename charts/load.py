"""Load charts: GPU pools against their capacity, skill demand against supply, and flow.

All three figures read periods from the schedule and turn them into dates with
``scenario.grid``: period ``t`` covers the days from ``grid.start_date(t)`` to the day before
``grid.start_date(t + 1)``, and work that starts at ``s`` and ends at ``e`` (exclusive)
occupies periods ``s .. e-1`` (DESIGN.md, "Time"). Only periods inside the horizon are
drawn.

Each figure is built from any schedule, also an empty or infeasible one: then it carries an
annotation that says why there is nothing to show, and it never raises.

- ``gpu_load``: one subplot per GPU pool; GPUs in use per period as bars stacked by project
  (the pool's total when many projects use it), and the pool's capacity per period
  (``capacity_changes`` included) as a step line.
- ``skill_heatmap``: skills x periods; the share of the people holding a skill and available
  in the period who work with that skill. Crosses mark fully booked cells (100% or more).
- ``flow_chart``: per selected project, working periods against waiting periods between the
  start of its first phase and its go-live, sorted by flow efficiency (working / elapsed).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

import plotly.graph_objects as go
from plotly.colors import qualitative
from plotly.subplots import make_subplots

from zenplan.charts.palette import Colors
from zenplan.charts.text import LEGEND, MS_PER_DAY, esc, project_label
from zenplan.models.calendar import TimeGrid
from zenplan.models.scenario import Scenario
from zenplan.models.schedule import Schedule, StaffAssignment

__all__ = [
    "flow_chart",
    "gpu_load",
    "gpu_use_by_project",
    "load_chart",
    "skill_demand",
    "skill_heatmap",
    "skill_supply",
]

_CAPACITY_COLOR = "#222222"
_TOTAL_COLOR = "#4c78a8"
_OVER_COLOR = "#d62728"
_WORKING_COLOR = "#2ca02c"
_WAITING_COLOR = "#c7c7c7"
_HEAT_SCALE = "YlOrRd"
_POOL_HEIGHT = 240
_ROW_HEIGHT = 30
_MAX_EXPLANATION = 300
_MAX_TICKS = 12


# --------------------------------------------------------------------------- helpers


def _clip(start: int, end: int, horizon: int) -> range:
    """The periods of ``start .. end-1`` that lie inside the horizon."""
    return range(max(0, start), min(horizon, end))


def _period_starts(grid: TimeGrid) -> list[str]:
    return [grid.start_date(t).isoformat() for t in range(grid.horizon)]


def _period_middle(grid: TimeGrid, period: int) -> str:
    """The middle of a period, as a plotly date string (for markers on a period)."""
    moment = datetime.combine(grid.start_date(period), time()) + timedelta(days=grid.days / 2)
    return moment.isoformat(sep=" ")


def _period_text(grid: TimeGrid, period: int) -> str:
    first = grid.start_date(period)
    if grid.days == 1:
        return f"{first.isoformat()} (period {period})"
    last = grid.end_date_of(period + 1)
    return f"{first.isoformat()} → {last.isoformat()} (period {period})"


def _period_ticks(grid: TimeGrid) -> dict[str, object]:
    """Date-axis ticks on period starts, every k periods (about a dozen of them)."""
    every = max(1, math.ceil(grid.horizon / _MAX_TICKS))
    return {
        "tick0": grid.start.isoformat(),
        "dtick": every * grid.days * MS_PER_DAY,
        "tickformat": "%Y-%m-%d",
    }


def _no_plan_text(schedule: Schedule) -> str | None:
    """Why the schedule has no work to draw, or None when some project is selected."""
    if any(plan.phases for plan in schedule.selected()):
        return None
    if schedule.status == "infeasible":
        text = "No plan: the scenario is infeasible."
        if schedule.explanation:
            explanation = schedule.explanation.strip()
            if len(explanation) > _MAX_EXPLANATION:
                explanation = explanation[: _MAX_EXPLANATION - 1] + "…"
            text += "<br>" + "<br>".join(esc(line) for line in explanation.splitlines())
        return text
    if schedule.status == "unknown":
        return "No plan: the solver found no solution in its time limit."
    return "Nothing is scheduled in this plan: no project is selected."


def _annotate(figure: go.Figure, text: str, y: float = 0.5) -> None:
    figure.add_annotation(
        text=text,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0.5,
        y=y,
        align="center",
        bgcolor="rgba(255,255,255,0.85)",
        font={"size": 14, "color": "#555555"},
    )


def _empty(title: str, text: str) -> go.Figure:
    """A blank figure that says why there is nothing to draw."""
    figure = go.Figure()
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        height=260,
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 60, "b": 40},
    )
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    _annotate(figure, text)
    return figure


# --------------------------------------------------------------------------- numbers


def _staff_work(schedule: Schedule) -> list[tuple[int, int, list[StaffAssignment]]]:
    """(start, end, staff) of every selected phase and every planned acquisition."""
    work = [(p.start, p.end, p.staff) for plan in schedule.selected() for p in plan.phases]
    work += [
        (d.start, d.end, d.staff)
        for d in schedule.datasets
        if d.start is not None and d.end is not None
    ]
    return work


def skill_demand(scenario: Scenario, schedule: Schedule) -> dict[str, list[int]]:
    """Skill -> distinct people working with that skill in each period (phases and
    dataset acquisitions of the plan)."""
    horizon = scenario.grid.horizon
    people: dict[str, list[set[str]]] = defaultdict(lambda: [set() for _ in range(horizon)])
    for start, end, staff in _staff_work(schedule):
        for person in staff:
            for period in _clip(start, end, horizon):
                people[person.skill][period].add(person.id)
    return {skill: [len(s) for s in per_period] for skill, per_period in sorted(people.items())}


def skill_supply(scenario: Scenario) -> dict[str, list[int]]:
    """Skill -> people holding the skill (level >= 1) and available, in each period."""
    horizon = scenario.grid.horizon
    supply: dict[str, list[int]] = defaultdict(lambda: [0] * horizon)
    for person in scenario.staff:
        away = scenario.unavailable_periods(person)
        for skill, level in person.skills.items():
            if level < 1:
                continue
            counts = supply[skill]
            for period in range(horizon):
                if period not in away:
                    counts[period] += 1
    return dict(sorted(supply.items()))


def gpu_use_by_project(scenario: Scenario, schedule: Schedule) -> dict[str, dict[str, list[int]]]:
    """Pool -> project -> GPUs that project uses in each period.

    Every pool of the scenario is a key (with no projects when unused), in scenario order;
    pools the plan uses but the scenario does not know come after them.
    """
    horizon = scenario.grid.horizon
    usage: dict[str, dict[str, list[int]]] = {pool.id: {} for pool in scenario.gpu_pools}
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                periods = _clip(phase.start, phase.end, horizon)
                if not periods:
                    continue
                used = usage.setdefault(gpu.pool, {}).setdefault(plan.id, [0] * horizon)
                for period in periods:
                    used[period] += gpu.count
    return usage


# Above this many projects in a pool, its bars are the pool's total, with the biggest users
# of each period in the hover: a bar per project would make a legend nobody can read and a
# page of many megabytes.
MAX_STACKED_PROJECTS = 20
_HOVER_PROJECTS = 5


@dataclass
class _Stack:
    key: str  # the project id, or "in use" for a pool's total
    label: str
    detail: str
    used: list[int]
    notes: list[str] | None = None  # per period, for a total: who uses the GPUs

    @property
    def group(self) -> str:
        return f"project:{self.key}" if self.notes is None else "in use"


def _stacks(scenario: Scenario, by_project: dict[str, list[int]]) -> list[_Stack]:
    """A pool's GPU use per project, or its total when more than MAX_STACKED_PROJECTS."""
    if len(by_project) <= MAX_STACKED_PROJECTS:
        return [
            _Stack(project_id, project_label(scenario, project_id), f" [{esc(project_id)}]", used)
            for project_id, used in by_project.items()
        ]
    horizon = len(next(iter(by_project.values())))
    total = [sum(used[t] for used in by_project.values()) for t in range(horizon)]
    names = {p.id: esc(p.name or p.id) for p in scenario.projects}  # one lookup per project
    notes = []
    for t in range(horizon):
        users = sorted(((u[t], p) for p, u in by_project.items() if u[t]), reverse=True)
        listed = ", ".join(f"{names.get(p, esc(p))} {n}" for n, p in users[:_HOVER_PROJECTS])
        more = f" and {len(users) - _HOVER_PROJECTS} more" if len(users) > _HOVER_PROJECTS else ""
        notes.append(f"<br>{len(users)} project(s): {listed}{more}" if users else "")
    return [_Stack("in use", "GPUs in use", f" ({len(by_project)} projects)", total, notes)]


# --------------------------------------------------------------------------- GPU load


def gpu_load(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """GPUs in use per period, stacked by project (a pool used by more than
    ``MAX_STACKED_PROJECTS`` projects: its total, with the biggest users in the hover),
    against each pool's capacity.

    One subplot per pool (shared date axis). Bars span their period; the capacity is a step
    line that follows ``capacity_changes``; red crosses mark periods over capacity. A pool
    the plan uses but the scenario does not define is drawn without a capacity line.
    """
    grid = scenario.grid
    title = f"{esc(scenario.name)}: GPUs in use by pool"
    usage = gpu_use_by_project(scenario, schedule)
    if not usage:
        return _empty(title, "No GPU pools in this scenario, and no GPUs in the plan.")

    pools = list(usage)
    known = {pool.id: pool for pool in scenario.gpu_pools}
    subtitles = []
    for pool_id in pools:
        pool = known.get(pool_id)
        if pool is None:
            subtitles.append(f"{esc(pool_id)} (not in the scenario)")
        elif pool.name:
            subtitles.append(f"{esc(pool.name)} [{esc(pool_id)}]")
        else:
            subtitles.append(esc(pool_id))
    height = 120 + _POOL_HEIGHT * len(pools)
    figure = make_subplots(
        rows=len(pools),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.3, 70 / height) if len(pools) > 1 else 0.0,
        subplot_titles=subtitles,
    )

    starts = _period_starts(grid)
    period_ms = grid.days * MS_PER_DAY
    colors = Colors()
    in_legend: set[str] = set()
    for row, pool_id in enumerate(pools, start=1):
        total = [0] * grid.horizon
        for stack in _stacks(scenario, usage[pool_id]):
            total = [a + b for a, b in zip(total, stack.used, strict=True)]
            # no text for periods without GPUs: nothing to hover there, and it keeps pages small
            hover = [
                f"<b>{esc(stack.label)}</b>{stack.detail}<br>pool: {esc(pool_id)}"
                f"<br>{_period_text(grid, t)}<br>GPUs: {stack.used[t]}"
                + (stack.notes[t] if stack.notes is not None else "")
                if stack.used[t]
                else ""
                for t in range(grid.horizon)
            ]
            figure.add_trace(
                go.Bar(
                    name=stack.label,
                    x=starts,
                    y=stack.used,
                    width=0.9 * period_ms,
                    offset=0.05 * period_ms,
                    marker={
                        "color": colors(stack.key) if stack.notes is None else _TOTAL_COLOR,
                        "line": {"width": 0},
                    },
                    hovertext=hover,
                    hovertemplate="%{hovertext}<extra></extra>",
                    customdata=[[pool_id, stack.key]] * grid.horizon,
                    legendgroup=stack.group,
                    showlegend=stack.group not in in_legend,
                ),
                row=row,
                col=1,
            )
            in_legend.add(stack.group)
        if pool_id in known:
            capacity = scenario.pool_capacity(pool_id)
            figure.add_trace(
                go.Scatter(
                    name="capacity",
                    x=[*starts, grid.start_date(grid.horizon).isoformat()],
                    y=[*capacity, capacity[-1]],
                    mode="lines",
                    line={"shape": "hv", "color": _CAPACITY_COLOR, "width": 2},
                    hovertemplate=f"{esc(pool_id)} capacity from %{{x|%Y-%m-%d}}: %{{y}}"
                    "<extra></extra>",
                    customdata=[[pool_id, "capacity"]] * (grid.horizon + 1),
                    legendgroup="capacity",
                    showlegend="capacity" not in in_legend,
                ),
                row=row,
                col=1,
            )
            in_legend.add("capacity")
            over = [t for t in range(grid.horizon) if total[t] > capacity[t]]
            if over:
                figure.add_trace(
                    go.Scatter(
                        name="over capacity",
                        x=[_period_middle(grid, t) for t in over],
                        y=[total[t] for t in over],
                        mode="markers",
                        marker={"symbol": "x", "size": 10, "color": _OVER_COLOR},
                        hovertext=[
                            f"{esc(pool_id)}: {total[t]} GPUs in use, capacity {capacity[t]}"
                            f"<br>{_period_text(grid, t)}"
                            for t in over
                        ],
                        hovertemplate="%{hovertext}<extra></extra>",
                        legendgroup="over",
                        showlegend="over" not in in_legend,
                    ),
                    row=row,
                    col=1,
                )
                in_legend.add("over")
        figure.update_yaxes(title_text="GPUs", row=row, col=1)

    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        barmode="stack",
        bargap=0,
        height=height,
        plot_bgcolor="white",
        hovermode="closest",
        hoverlabel={"align": "left"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend=LEGEND,
    )
    figure.update_xaxes(
        type="date",
        range=[grid.start.isoformat(), grid.start_date(grid.horizon).isoformat()],
        showgrid=True,
        gridcolor="#e5e5e5",
        **_period_ticks(grid),
        showline=True,
        linecolor="#999999",
    )
    figure.update_yaxes(rangemode="tozero", showgrid=True, gridcolor="#e5e5e5", automargin=True)
    note = _no_plan_text(schedule)
    if note is None and not any(usage.values()):
        note = "No GPUs in use in this plan."
    if note is not None:
        _annotate(figure, note, y=1.0 - 0.5 / len(pools))
    return figure


# --------------------------------------------------------------------------- skill heatmap


def skill_heatmap(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """Skills x periods: people working with a skill / people holding it and available.

    ``z`` is the ratio (0..1; above 1 only for a plan that books more people than there
    are, coloured as 1); a cell is blank when nobody with the skill is available and
    nobody works with it. ``customdata`` holds ``[demand, supply]`` per cell. Crosses mark
    fully booked cells (demand >= supply, demand > 0).
    """
    grid = scenario.grid
    title = f"{esc(scenario.name)}: skill demand against supply"
    demand = skill_demand(scenario, schedule)
    supply = skill_supply(scenario)
    skills = sorted(set(demand) | set(supply))
    if not skills:
        return _empty(title, "No staff and no skills in this scenario.")

    zeros = [0] * grid.horizon
    z: list[list[float | None]] = []
    custom: list[list[list[int]]] = []
    hover: list[list[str]] = []
    full_x: list[str] = []
    full_y: list[str] = []
    full_hover: list[str] = []
    for skill in skills:
        wanted = demand.get(skill, zeros)
        held = supply.get(skill, zeros)
        z_row: list[float | None] = []
        hover_row: list[str] = []
        for t in range(grid.horizon):
            d, s = wanted[t], held[t]
            if s > 0:
                ratio: float | None = d / s
                load = f"{d / s:.0%}"
            else:
                ratio = 1.0 if d > 0 else None
                load = "nobody available" if d > 0 else "—"
            z_row.append(ratio)
            text = (
                f"<b>{esc(skill)}</b><br>{_period_text(grid, t)}"
                f"<br>working: {d}<br>available: {s}<br>load: {load}"
            )
            hover_row.append(text)
            if d > 0 and d >= s:
                full_x.append(_period_middle(grid, t))
                full_y.append(skill)
                full_hover.append(text)
        z.append(z_row)
        custom.append([[wanted[t], held[t]] for t in range(grid.horizon)])
        hover.append(hover_row)

    # x gives the cell edges (one more than the columns): cell t spans period t exactly.
    edges = [grid.start_date(t).isoformat() for t in range(grid.horizon + 1)]
    figure = go.Figure()
    figure.add_trace(
        go.Heatmap(
            name="demand / supply",
            x=edges,
            y=skills,
            z=z,
            zmin=0,
            zmax=1,
            colorscale=_HEAT_SCALE,
            colorbar={"title": {"text": "working /<br>available"}, "tickformat": ".0%"},
            customdata=custom,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            xgap=1,
            ygap=1,
            hoverongaps=False,
        )
    )
    if full_x:
        figure.add_trace(
            go.Scatter(
                name="fully booked (100%)",
                x=full_x,
                y=full_y,
                mode="markers",
                marker={
                    "symbol": "x",
                    "size": 11,
                    "color": "#ffffff",
                    "line": {"width": 1, "color": "#333333"},
                },
                hovertext=full_hover,
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=True,
            )
        )
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        height=max(260, 170 + _ROW_HEIGHT * len(skills)),
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend=LEGEND,
    )
    figure.update_xaxes(
        type="date",
        range=[edges[0], edges[-1]],
        **_period_ticks(grid),
        showline=True,
        linecolor="#999999",
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=skills,
        autorange="reversed",
        automargin=True,
    )
    note = _no_plan_text(schedule)
    if note is not None:
        _annotate(figure, note)
    return figure


# --------------------------------------------------------------------------- flow


@dataclass(frozen=True)
class _Flow:
    project_id: str
    label: str
    first: int
    go_live: int
    working: int

    @property
    def elapsed(self) -> int:
        return self.go_live - self.first

    @property
    def waiting(self) -> int:
        return self.elapsed - self.working

    @property
    def efficiency(self) -> float:
        return self.working / self.elapsed if self.elapsed > 0 else 1.0


def _flows(scenario: Scenario, schedule: Schedule) -> list[_Flow]:
    flows = []
    for plan in schedule.selected():
        if not plan.phases:
            continue
        first = min(p.start for p in plan.phases)
        go_live = max(p.end for p in plan.phases)
        working = {t for p in plan.phases for t in range(p.start, p.end)}
        flows.append(_Flow(plan.id, project_label(scenario, plan.id), first, go_live, len(working)))
    return flows


def _unique(labels: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Key -> label; labels that would collide get the key appended."""
    pairs = list(labels)
    counts: dict[str, int] = defaultdict(int)
    for _, label in pairs:
        counts[label] += 1
    return {key: (label if counts[label] == 1 else f"{label} ({key})") for key, label in pairs}


def flow_chart(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """Per selected project, working against waiting periods from first phase to go-live.

    Working periods are those in which at least one of the project's phases runs; waiting
    periods are the others between the start of its first phase and its go-live (the end of
    its last phase). Rows are labelled with the flow efficiency (working / elapsed) and
    sorted by it, highest first.
    """
    grid = scenario.grid
    flows = _flows(scenario, schedule)
    if not flows:
        title = f"{esc(scenario.name)}: flow efficiency"
        return _empty(title, _no_plan_text(schedule) or "No project has phases in this plan.")

    flows.sort(key=lambda f: (-f.efficiency, f.label, f.project_id))
    names = _unique((f.project_id, f.label) for f in flows)
    rows = [f"{esc(names[f.project_id])} · {f.efficiency:.0%}" for f in flows]
    hover = [
        "<br>".join(
            [
                f"<b>{esc(f.label)}</b> [{esc(f.project_id)}]",
                f"first phase starts: {grid.start_date(f.first).isoformat()} (period {f.first})",
                f"go-live: {grid.end_date_of(f.go_live).isoformat()} (end of period "
                f"{f.go_live - 1})",
                f"working: {f.working} period(s)",
                f"waiting: {f.waiting} period(s)",
                f"flow efficiency: {f.working} / {f.elapsed} = {f.efficiency:.0%}",
            ]
        )
        for f in flows
    ]
    figure = go.Figure()
    for name, values, color in (
        ("working", [f.working for f in flows], _WORKING_COLOR),
        ("waiting", [f.waiting for f in flows], _WAITING_COLOR),
    ):
        figure.add_trace(
            go.Bar(
                name=name,
                orientation="h",
                y=rows,
                x=values,
                text=[f"{v} {name}" if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                marker={"color": color, "line": {"width": 0}},
                customdata=[[f.project_id, name] for f in flows],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    mean = sum(f.efficiency for f in flows) / len(flows)
    figure.update_layout(
        title={
            "text": f"{esc(scenario.name)}: flow efficiency (working / elapsed)"
            f"<br><sup>mean over {len(flows)} project(s): {mean:.0%}</sup>",
            "x": 0.01,
            "xanchor": "left",
        },
        barmode="stack",
        height=max(260, 170 + _ROW_HEIGHT * len(flows)),
        plot_bgcolor="white",
        hoverlabel={"align": "left"},
        uniformtext={"minsize": 8, "mode": "hide"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend=LEGEND,
    )
    figure.update_xaxes(
        title_text="periods from first phase start to go-live",
        rangemode="tozero",
        showgrid=True,
        gridcolor="#e5e5e5",
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=rows,
        autorange="reversed",
        automargin=True,
    )
    return figure


# --------------------------------------------------------------------------- combined


def load_chart(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """Stacked bars of people at work per skill, and GPUs in use against each pool's capacity."""
    grid = scenario.grid
    dates = _period_starts(grid)
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.12,
        subplot_titles=("people at work, by skill", "GPUs in use, by pool"),
    )
    # the per-period load the KPIs hold: assignments per skill, GPUs in use per pool
    load = schedule.kpis.load
    for skill, counts in load.get("skills", {}).items():
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
    for index, (pool, used) in enumerate(load.get("gpus", {}).items()):
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
