"""Gantt charts of a schedule: one row per project, one row per person.

Bars are drawn on a date axis. A bar covers whole days: from the first day of its start
period to the first day after its last day worked (``end_date`` + 1 day), so its right edge
lines up with the left edge of whatever starts in the next period. Dates come from the
plan when it carries them, otherwise from ``scenario.grid``.

Every bar carries ``customdata`` ``[kind, project or dataset id, phase id or ""]`` with
``kind`` one of ``phase``, ``approval``, ``dataset``, ``unavailable``, so callers (and
tests, and click handlers in a page) can find the item a bar stands for; deadline markers
carry ``["deadline", project id, ""]``.

The project Gantt has a sponsor dropdown (plotly ``updatemenus``): its traces are built per
sponsor, and each button sets which traces are visible and which rows are shown.
The HTML report that holds these charts is ``charts.report``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import plotly.graph_objects as go

from zenplan.charts.palette import Colors
from zenplan.charts.text import LEGEND, MS_PER_DAY, esc, find_project, project_label
from zenplan.models.calendar import TimeGrid
from zenplan.models.scenario import Incident, Person, Scenario
from zenplan.models.schedule import DatasetPlan, ProjectPlan, Schedule, StaffAssignment

__all__ = ["people_gantt", "project_gantt", "replan_gantt"]

ColorBy = Literal["phase", "project"]

_GREY = "#b0b0b0"
_APPROVAL_COLOR = "#9467bd"
_DATASET_COLOR = "#8c564b"
_LATE_COLOR = "#d62728"
_DEADLINE_COLOR = "#333333"
_ROW_HEIGHT = 40
_MENU_SPACE = 30  # extra pixels above the plot for the sponsor dropdown
_MAX_LISTED = 12
_MAX_TICKS = 12

# Vertical placement inside a row (category units; the y axis is reversed, so a positive
# offset is lower on the page). People: one bar per row. Projects: the phases on top, then
# a thin lane for the ethics approval and one for dataset acquisitions, so they never hide
# each other.
_MAIN = (0.5, -0.32)  # (width, offset)
_PHASE_LANE = (0.44, -0.4)
_APPROVAL_LANE = (0.14, 0.07)
_DATASET_LANE = (0.14, 0.24)


# --------------------------------------------------------------------------- spans


@dataclass(frozen=True)
class _Span:
    """Whole days ``first .. stop - 1`` (``stop`` exclusive) and the periods they cover."""

    first: date
    stop: date
    start: int
    end: int

    @property
    def last(self) -> date:
        """Last day worked (inclusive)."""
        return self.stop - timedelta(days=1)

    @property
    def duration_ms(self) -> int:
        return (self.stop - self.first).days * MS_PER_DAY

    def dates_text(self) -> str:
        return f"{self.first.isoformat()} → {self.last.isoformat()}"

    def periods_text(self) -> str:
        count = self.end - self.start
        if count <= 0:
            return f"periods {self.start}–{self.end} (0)"
        if count == 1:
            return f"period {self.start} (1)"
        return f"periods {self.start}–{self.end - 1} ({count})"


def _span(
    grid: TimeGrid, start: int, end: int, start_date: date | None, end_date: date | None
) -> _Span:
    first = start_date if start_date is not None else grid.start_date(start)
    stop = end_date + timedelta(days=1) if end_date is not None else grid.start_date(end)
    return _Span(first=first, stop=max(stop, first), start=start, end=end)


# --------------------------------------------------------------------------- bar groups


@dataclass
class _Bars:
    """The segments of one bar trace (one legend entry)."""

    name: str
    color: str
    placement: tuple[float, float] = _MAIN
    opacity: float = 1.0
    y: list[str] = field(default_factory=list)
    base: list[str] = field(default_factory=list)
    x: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    custom: list[list[str]] = field(default_factory=list)

    def add(self, row: str, span: _Span, text: str, hover: str, custom: list[str]) -> None:
        self.y.append(row)
        self.base.append(span.first.isoformat())
        self.x.append(span.duration_ms)
        self.text.append(text)
        self.hover.append(hover)
        self.custom.append(custom)

    def trace(self, legendgroup: str | None = None, showlegend: bool = True) -> go.Bar:
        width, offset = self.placement
        return go.Bar(
            name=self.name,
            orientation="h",
            y=self.y,
            base=self.base,
            x=self.x,
            width=[width] * len(self.y),
            offset=[offset] * len(self.y),
            text=self.text,
            textposition="inside",
            insidetextanchor="middle",
            hovertext=self.hover,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=self.custom,
            marker={"color": self.color, "opacity": self.opacity, "line": {"width": 0}},
            legendgroup=legendgroup or self.name,
            showlegend=showlegend,
        )


# --------------------------------------------------------------------------- text helpers


def _staff_text(staff: Sequence[StaffAssignment]) -> str:
    if not staff:
        return "people: none"
    return "people: " + ", ".join(f"{esc(s.id)} ({esc(s.skill)}{_share(s.share)})" for s in staff)


def _share(share: float) -> str:
    """A part-time allocation as text (nothing for all of a person's time)."""
    return f", {share:.0%}" if share < 1 else ""


def _sponsor_text(scenario: Scenario, sponsor_id: str | None) -> str:
    if sponsor_id is None:
        return "sponsor: —"
    sponsor = next((s for s in scenario.sponsors if s.id == sponsor_id), None)
    if sponsor is not None and sponsor.name:
        return f"sponsor: {esc(sponsor.name)} ({esc(sponsor_id)})"
    return f"sponsor: {esc(sponsor_id)}"


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_MAX_LISTED])
    if len(items) > _MAX_LISTED:
        shown += f", … (+{len(items) - _MAX_LISTED} more)"
    return shown


def _unique_labels(wanted: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Row key -> row label; labels that would collide get the key appended."""
    pairs = list(wanted)
    counts: dict[str, int] = {}
    for _, label in pairs:
        counts[label] = counts.get(label, 0) + 1
    return {key: (label if counts[label] == 1 else f"{label} ({key})") for key, label in pairs}


# --------------------------------------------------------------------------- layout


def _time_range(grid: TimeGrid, spans: Iterable[_Span], marks: Iterable[date] = ()) -> list[str]:
    """The horizon, widened to every bar and mark (e.g. a deadline after the horizon)."""
    low = grid.start
    high = grid.start_date(grid.horizon)
    for span in spans:
        low = min(low, span.first)
        high = max(high, span.stop)
    pad = timedelta(days=grid.days)
    for mark in marks:
        if mark <= low:
            low = mark - pad
        if mark >= high:
            high = mark + pad
    return [low.isoformat(), high.isoformat()]


def _gantt_height(rows: int) -> int:
    return max(260, 170 + _ROW_HEIGHT * rows)


def _ticks(grid: TimeGrid, x_range: list[str]) -> dict[str, object]:
    """Ticks on period boundaries (every k periods, about a dozen of them)."""
    days = (date.fromisoformat(x_range[1]) - date.fromisoformat(x_range[0])).days
    every = max(1, math.ceil(days / grid.days / _MAX_TICKS))
    return {"tick0": grid.start.isoformat(), "dtick": every * grid.days * MS_PER_DAY}


def _layout(
    figure: go.Figure,
    title: str,
    rows: Sequence[str],
    grid: TimeGrid,
    x_range: list[str],
) -> None:
    figure.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        barmode="overlay",
        height=_gantt_height(len(rows)),
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        hoverlabel={"align": "left"},
        legend=LEGEND,
        uniformtext={"minsize": 8, "mode": "hide"},
        plot_bgcolor="white",
    )
    figure.update_xaxes(
        type="date",
        range=x_range,
        showgrid=True,
        gridcolor="#e5e5e5",
        tickformat="%Y-%m-%d",
        **_ticks(grid, x_range),
        showline=True,
        linecolor="#999999",
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=list(rows),
        range=[len(rows) - 0.5, -0.5] if rows else None,
        autorange=not rows,
        showgrid=True,
        gridcolor="#f0f0f0",
        automargin=True,
    )
    if not rows:
        figure.add_annotation(
            text="nothing scheduled",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            font={"size": 16, "color": "#777777"},
        )


def _row_anchor(rows: Sequence[str], first_day: str) -> go.Scatter:
    """An invisible point on every row, so rows without any bar still show."""
    return go.Scatter(
        x=[first_day] * len(rows),
        y=list(rows),
        mode="markers",
        marker={"opacity": 0, "size": 1},
        hoverinfo="skip",
        showlegend=False,
        name="rows",
    )


# --------------------------------------------------------------------------- sponsor filter


_ALL = "All sponsors"
_NO_SPONSOR = ""  # key of projects without a sponsor
_ORPHAN = "\x00orphan"  # key of acquisitions not tied to a drawn project: "All" view only


def _sponsor_label(scenario: Scenario, sponsor_id: str) -> str:
    if sponsor_id == _NO_SPONSOR:
        return "No sponsor"
    sponsor = next((s for s in scenario.sponsors if s.id == sponsor_id), None)
    return esc(sponsor.name if sponsor is not None and sponsor.name else sponsor_id)


def _sponsor_order(scenario: Scenario, present: set[str]) -> list[str]:
    """Sponsors present in the plan: scenario order, then unknown ids, then 'no sponsor'."""
    ordered = [s.id for s in scenario.sponsors if s.id in present]
    ordered += sorted(present - set(ordered) - {_NO_SPONSOR, _ORPHAN})
    if _NO_SPONSOR in present:
        ordered.append(_NO_SPONSOR)
    return ordered


@dataclass
class _Deadlines:
    x: list[str] = field(default_factory=list)
    y: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    color: list[str] = field(default_factory=list)
    custom: list[list[str]] = field(default_factory=list)

    def trace(self, showlegend: bool) -> go.Scatter:
        return go.Scatter(
            name="deadline",
            x=self.x,
            y=self.y,
            mode="markers",
            marker={
                "symbol": "line-ns",
                "size": 30,
                "color": self.color,
                "line": {"width": 3, "color": self.color},
            },
            hovertext=self.hover,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=self.custom,
            legendgroup="deadline",
            showlegend=showlegend,
        )


def _sponsor_menu(
    scenario: Scenario,
    owners: Sequence[str],
    groups: Sequence[str | None],
    rows_of: dict[str, list[str]],
    all_rows: Sequence[str],
) -> dict[str, object] | None:
    """The sponsor dropdown: one button for all sponsors, then one per sponsor present.

    ``owners[i]`` is the sponsor key of trace ``i`` and ``groups[i]`` its legend group (None:
    never in the legend). Each button shows only its sponsor's traces, gives the legend
    entry of each group to the first shown trace of that group, and narrows the rows.
    """
    sponsors = _sponsor_order(scenario, set(owners))
    if not [s for s in sponsors if s != _NO_SPONSOR]:
        return None

    def button(label: str, shown: set[str] | None, rows: Sequence[str]) -> dict[str, object]:
        visible = [shown is None or owner in shown for owner in owners]
        legend: list[bool] = []
        seen: set[str] = set()
        for group, on in zip(groups, visible, strict=True):
            first = on and group is not None and group not in seen
            legend.append(first)
            if first and group is not None:
                seen.add(group)
        layout = {
            "yaxis.categoryarray": list(rows),
            "yaxis.range": [len(rows) - 0.5, -0.5],
            "height": _gantt_height(len(rows)) + _MENU_SPACE,
        }
        return {
            "label": label,
            "method": "update",
            "args": [{"visible": visible, "showlegend": legend}, layout],
        }

    buttons = [button(_ALL, None, all_rows)]
    for sponsor_id in sponsors:
        buttons.append(
            button(_sponsor_label(scenario, sponsor_id), {sponsor_id}, rows_of[sponsor_id])
        )
    return {
        "type": "dropdown",
        "direction": "down",
        "buttons": buttons,
        "active": 0,
        "showactive": True,
        "x": 0.0,
        "xanchor": "left",
        "y": 1.0,
        "yanchor": "bottom",
        "pad": {"b": 6},
        "bgcolor": "white",
        "bordercolor": "#bbbbbb",
        "font": {"size": 12},
    }


@dataclass
class _Layers:
    """The Gantt's phase bars, approvals and deadline marks, per sponsor (owner)."""

    scenario: Scenario
    color_by: ColorBy
    colors: Colors = field(default_factory=Colors)
    groups: dict[tuple[str, str], _Bars] = field(default_factory=dict)  # (colour, owner)
    approvals: dict[str, _Bars] = field(default_factory=dict)
    acquisitions: dict[str, _Bars] = field(default_factory=dict)
    deadlines: dict[str, _Deadlines] = field(default_factory=lambda: defaultdict(_Deadlines))
    spans: list[_Span] = field(default_factory=list)
    marks: list[date] = field(default_factory=list)

    @property
    def grid(self) -> TimeGrid:
        return self.scenario.grid

    def add_plan(self, plan: ProjectPlan, row: str, owner: str) -> None:
        project = find_project(self.scenario, plan.id)
        head = f"<b>{esc(project_label(self.scenario, plan.id))}</b> [{esc(plan.id)}]"
        sponsor = _sponsor_text(self.scenario, project.sponsor if project is not None else None)
        for phase in plan.phases:
            span = _span(self.grid, phase.start, phase.end, phase.start_date, phase.end_date)
            self.spans.append(span)
            key = phase.id if self.color_by == "phase" else plan.id
            name = phase.id if self.color_by == "phase" else row
            bars = self.groups.setdefault((key, owner), _Bars(name, self.colors(key), _PHASE_LANE))
            gpus = ", ".join(f"{esc(g.pool)} × {g.count}" for g in phase.gpus) or "none"
            hover = "<br>".join(
                [
                    head,
                    f"phase: {esc(phase.id)}",
                    sponsor,
                    f"dates: {span.dates_text()}",
                    span.periods_text(),
                    _staff_text(phase.staff),
                    f"GPUs: {gpus}",
                ]
            )
            bars.add(row, span, phase.id, hover, ["phase", plan.id, phase.id])
        if plan.approval is not None:
            a = plan.approval
            span = _span(self.grid, a.start, a.end, a.start_date, a.end_date)
            self.spans.append(span)
            hover = "<br>".join(
                [head, "ethics approval", f"dates: {span.dates_text()}", span.periods_text()]
            )
            bars = self.approvals.setdefault(
                owner, _Bars("ethics approval", _APPROVAL_COLOR, _APPROVAL_LANE, 0.85)
            )
            bars.add(row, span, "", hover, ["approval", plan.id, ""])
        if project is not None and project.deadline is not None:
            late = plan.late_by > 0
            kind = "hard" if project.deadline_hard else "soft"
            text = f"deadline {project.deadline.isoformat()} ({kind})"
            text += f"<br>late by {plan.late_by} period(s)" if late else "<br>on time"
            mark = project.deadline + timedelta(days=1)
            self.marks.append(mark)
            found = self.deadlines[owner]
            found.x.append(mark.isoformat())
            found.y.append(row)
            found.hover.append(f"{head}<br>{text}")
            found.color.append(_LATE_COLOR if late else _DEADLINE_COLOR)
            found.custom.append(["deadline", plan.id, ""])

    def add_dataset(self, plan: DatasetPlan, row: str, owner: str) -> None:
        span = _dataset_span(self.grid, plan)
        self.spans.append(span)
        bars = self.acquisitions.setdefault(
            owner, _Bars("dataset acquisition", _DATASET_COLOR, _DATASET_LANE, 0.85)
        )
        hover = _dataset_hover(self.scenario, plan, span)
        bars.add(row, span, "", hover, ["dataset", plan.id, ""])

    def traces(
        self, rows_of: dict[str, list[str]]
    ) -> list[tuple[go.Bar | go.Scatter, str, str | None]]:
        """Traces in drawing order, each with its sponsor (owner) and legend group."""
        start = self.grid.start.isoformat()
        traces: list[tuple[go.Bar | go.Scatter, str, str | None]] = []
        for owner, owned_rows in rows_of.items():
            traces.append((_row_anchor(owned_rows, start), owner, None))
        for (_, owner), bars in self.groups.items():
            group = f"phase:{bars.name}"
            traces.append((bars.trace(legendgroup=group), owner, group))
        for extra in (self.approvals, self.acquisitions):
            for owner, bars in extra.items():
                traces.append((bars.trace(), owner, bars.name))
        for owner, found in self.deadlines.items():
            traces.append((found.trace(showlegend=True), owner, "deadline"))
        return traces


# --------------------------------------------------------------------------- projects


def project_gantt(
    scenario: Scenario,
    schedule: Schedule,
    color_by: ColorBy = "phase",
    sponsor_menu: bool = True,
) -> go.Figure:
    """One row per selected project, its phases as bars on a date axis.

    Bars are coloured by phase id (``color_by="phase"``, one legend entry per kind of phase,
    e.g. data / model / deploy) or by project. Thin bars below the phases show the ethics
    approval interval and (lower still) dataset acquisitions; a vertical tick marks each
    deadline on the project's row (at the end of the deadline day, red when the project is
    late). Unselected projects are not drawn; they are listed under the title.

    When some drawn project has a sponsor, a dropdown filters the chart by sponsor ("All
    sponsors", one entry per sponsor present, and "No sponsor" when some project has none):
    traces are built per sponsor (``meta`` holds ``{"sponsor": id}``: ``""`` for none, None
    for acquisitions no drawn project made, shown under "All sponsors" only); the
    buttons set their ``visible`` flags and narrow the rows to that sponsor's projects.
    ``sponsor_menu=False`` leaves the dropdown out (a page with its own sponsor filter).
    """
    grid = scenario.grid
    selected = [p for p in schedule.projects if p.selected]
    datasets = [d for d in schedule.datasets if d.start is not None and d.end is not None]
    drawn_ids = {p.id for p in selected}

    row_keys: list[tuple[str, str]] = [(p.id, project_label(scenario, p.id)) for p in selected]
    orphan_datasets = [d for d in datasets if d.acquired_by not in drawn_ids]
    row_keys += [(f"dataset:{d.id}", f"dataset {d.id}") for d in orphan_datasets]
    labels = _unique_labels(row_keys)
    rows = [labels[key] for key, _ in row_keys]

    sponsor_of: dict[str, str] = {}
    for plan in selected:
        project = find_project(scenario, plan.id)
        sponsor_of[plan.id] = (project.sponsor if project is not None else None) or _NO_SPONSOR
    rows_of: dict[str, list[str]] = defaultdict(list)
    for key, _ in row_keys:
        rows_of[sponsor_of.get(key, _ORPHAN)].append(labels[key])

    layers = _Layers(scenario, color_by)

    for plan in selected:
        layers.add_plan(plan, labels[plan.id], sponsor_of[plan.id])

    for plan_ds in datasets:
        in_row = plan_ds.acquired_by if plan_ds.acquired_by in drawn_ids else None
        row_key = in_row if in_row is not None else f"dataset:{plan_ds.id}"
        owner = sponsor_of[in_row] if in_row is not None else _ORPHAN
        layers.add_dataset(plan_ds, labels[row_key], owner)

    traces = layers.traces(rows_of)

    figure = go.Figure()
    in_legend: set[str] = set()
    for trace, owner, group in traces:
        trace.meta = {"sponsor": None if owner == _ORPHAN else owner}
        if group is not None:
            trace.showlegend = group not in in_legend
            in_legend.add(group)
        figure.add_trace(trace)

    title = f"{esc(scenario.name)}: projects"
    unselected = [p for p in schedule.projects if not p.selected]
    if unselected:
        names = [esc(project_label(scenario, p.id)) for p in unselected]
        title += f"<br><sup>not selected: {_listing(names)}</sup>"
    _layout(figure, title, rows, grid, _time_range(grid, layers.spans, layers.marks))
    menu = _sponsor_menu(
        scenario,
        [owner for _, owner, _ in traces],
        [group for _, _, group in traces],
        rows_of,
        rows,
    )
    if menu is not None and sponsor_menu:
        # title pinned to the top, the dropdown on its own line above the plot
        figure.update_layout(
            updatemenus=[menu],
            title={"y": 1.0, "yref": "container", "yanchor": "top", "pad": {"t": 28}},
            margin={"t": 90 + _MENU_SPACE},
            height=_gantt_height(len(rows)) + _MENU_SPACE,
        )
    return figure


def _dataset_span(grid: TimeGrid, plan: DatasetPlan) -> _Span:
    assert plan.start is not None and plan.end is not None
    return _span(grid, plan.start, plan.end, plan.start_date, plan.end_date)


def _dataset_hover(scenario: Scenario, plan: DatasetPlan, span: _Span) -> str:
    dataset = next((d for d in scenario.datasets if d.id == plan.id), None)
    title = dataset.name if dataset is not None and dataset.name else plan.id
    by = esc(project_label(scenario, plan.acquired_by)) if plan.acquired_by else "—"
    return "<br>".join(
        [
            f"<b>dataset acquisition: {esc(title)}</b> [{esc(plan.id)}]",
            f"acquired by: {by}",
            f"dates: {span.dates_text()}",
            span.periods_text(),
            _staff_text(plan.staff),
        ]
    )


# --------------------------------------------------------------------------- people


@dataclass
class _Work:
    """One person's part in one phase or acquisition (skills merged if listed twice)."""

    row: str
    span: _Span
    project_id: str
    phase_id: str
    skills: list[str]
    share: float = 1.0


def _person_work(schedule: Schedule, grid: TimeGrid) -> tuple[list[_Work], list[_Work]]:
    """(phase work, acquisition work) per person, in schedule order."""
    phases: dict[tuple[str, str, str], _Work] = {}
    for plan in schedule.projects:
        if not plan.selected:
            continue
        for phase in plan.phases:
            span = _span(grid, phase.start, phase.end, phase.start_date, phase.end_date)
            for s in phase.staff:
                work = phases.setdefault(
                    (s.id, plan.id, phase.id), _Work(s.id, span, plan.id, phase.id, [], s.share)
                )
                if s.skill not in work.skills:
                    work.skills.append(s.skill)
    acquisitions: dict[tuple[str, str], _Work] = {}
    for ds in schedule.datasets:
        if ds.start is None or ds.end is None:
            continue
        span = _dataset_span(grid, ds)
        for s in ds.staff:
            work = acquisitions.setdefault(
                (s.id, ds.id), _Work(s.id, span, ds.acquired_by or "", ds.id, [])
            )
            if s.skill not in work.skills:
                work.skills.append(s.skill)
    return list(phases.values()), list(acquisitions.values())


def _absence_spans(scenario: Scenario, person: Person) -> list[_Span]:
    """Unavailable date ranges, clipped to the horizon (inclusive dates -> whole days)."""
    grid = scenario.grid
    horizon_stop = grid.start_date(grid.horizon)
    spans: list[_Span] = []
    for absence in person.unavailable:
        first = max(absence.from_, grid.start)
        stop = min(absence.to + timedelta(days=1), horizon_stop)
        if stop <= first:
            continue
        spans.append(
            _Span(
                first=first,
                stop=stop,
                start=grid.period_of(first),
                end=grid.period_of(stop - timedelta(days=1)) + 1,
            )
        )
    return spans


def people_gantt(scenario: Scenario, schedule: Schedule) -> go.Figure:
    """One row per person in ``scenario.staff`` (also idle ones), their work as bars.

    Bars are labelled ``project/phase`` and coloured by project; dataset acquisitions are
    labelled ``dataset/<id>``; unavailable ranges are grey bars. People who appear in the
    schedule but not in the scenario's staff get rows after the staff.
    """
    grid = scenario.grid
    phase_work, acquisition_work = _person_work(schedule, grid)
    people = {p.id: p for p in scenario.staff}
    rows = [p.id for p in scenario.staff]
    for work in [*phase_work, *acquisition_work]:
        if work.row not in people and work.row not in rows:
            rows.append(work.row)

    colors = Colors()
    by_project: dict[str, _Bars] = {}
    spans: list[_Span] = []
    for work in phase_work:
        label = project_label(scenario, work.project_id)
        bars = by_project.setdefault(work.project_id, _Bars(label, colors(work.project_id)))
        person = people.get(work.row)
        who = f"{esc(person.name)} [{esc(work.row)}]" if person and person.name else work.row
        hover = "<br>".join(
            [
                f"<b>{esc(who)}</b>",
                f"project: {esc(label)} [{esc(work.project_id)}]",
                f"phase: {esc(work.phase_id)}",
                f"skill used: {esc(', '.join(work.skills))}",
                f"allocation: {work.share:.0%} of their time",
                f"dates: {work.span.dates_text()}",
                work.span.periods_text(),
            ]
        )
        text = f"{work.project_id}/{work.phase_id}" + (
            f" ({work.share:.0%})" if work.share < 1 else ""
        )
        bars.add(work.row, work.span, text, hover, ["phase", work.project_id, work.phase_id])
        spans.append(work.span)

    acquisitions = _Bars("dataset acquisition", _DATASET_COLOR)
    for work in acquisition_work:
        by = project_label(scenario, work.project_id) if work.project_id else "—"
        hover = "<br>".join(
            [
                f"<b>{esc(work.row)}</b>",
                f"dataset acquisition: {esc(work.phase_id)}",
                f"acquired by: {esc(by)}",
                f"skill used: {esc(', '.join(work.skills))}",
                f"dates: {work.span.dates_text()}",
                work.span.periods_text(),
            ]
        )
        acquisitions.add(
            work.row, work.span, f"dataset/{work.phase_id}", hover, ["dataset", work.phase_id, ""]
        )
        spans.append(work.span)

    absences = _Bars("unavailable", _GREY, opacity=0.6)
    for person in scenario.staff:
        for span in _absence_spans(scenario, person):
            hover = f"<b>{esc(person.id)}</b><br>unavailable<br>dates: {span.dates_text()}"
            absences.add(person.id, span, "", hover, ["unavailable", person.id, ""])

    figure = go.Figure()
    if rows:
        figure.add_trace(_row_anchor(rows, grid.start.isoformat()))
    if absences.y:
        figure.add_trace(absences.trace())
    for bars in by_project.values():
        figure.add_trace(bars.trace())
    if acquisitions.y:
        figure.add_trace(acquisitions.trace())
    title = f"{esc(scenario.name)}: people"
    _layout(figure, title, rows, grid, _time_range(grid, spans))
    return figure


def replan_gantt(
    scenario: Scenario,
    schedule: Schedule,
    baseline: Schedule,
    now: int | None = None,
    incidents: Sequence[Incident] = (),
) -> go.Figure:
    """The project Gantt of a replanned schedule with the baseline's phases as ghost bars; with
    ``now`` (a period), a "now" line and the frozen work (started before now +
    `policies.freeze_periods`, kept as planned); a "SLA due" marker for each incident, the
    scenario's and ``incidents``. Without a new plan (an infeasible replan) it shows the
    baseline, so the reader sees what was frozen."""
    figure = project_gantt(scenario, schedule)
    grid = scenario.grid
    drawn = {p.id for p in schedule.selected()} or {p.id for p in baseline.selected()}
    ghost = _Bars(name="baseline", color="rgba(110, 110, 110, 0.35)", placement=_PHASE_LANE)
    frozen = _Bars(name="frozen (kept as planned)", color="rgba(0, 0, 0, 0)", placement=_MAIN)
    until = None if now is None else now + scenario.policies.freeze_periods
    for plan in baseline.selected():
        if plan.id not in drawn:
            continue
        label = project_label(scenario, plan.id)
        for phase in plan.phases:
            span = _span(grid, phase.start, phase.end, None, None)
            hover = f"baseline {esc(plan.id)}/{esc(phase.id)}: {span.dates_text()}"
            ghost.add(label, span, "", hover, ["baseline", plan.id, phase.id])
            if until is not None and phase.start < until:
                hover = f"frozen {esc(plan.id)}/{esc(phase.id)}: {span.dates_text()}"
                frozen.add(label, span, "", hover, ["frozen", plan.id, phase.id])
    added = [ghost.trace()]
    if frozen.y:
        trace = frozen.trace()
        trace.marker.pattern = {"shape": "/", "fgcolor": "#333333", "solidity": 0.25}
        trace.marker.line = {"width": 1.5, "color": "#333333"}
        added.append(trace)
    due = _sla_markers(scenario, [*scenario.incidents, *incidents])
    if due is not None:
        added.append(due)
    for trace in added:
        figure.add_trace(trace)
    _keep_visible(figure, len(added))
    if now is not None:
        when = grid.start_date(now).isoformat()
        figure.add_shape(
            type="line",
            x0=when,
            x1=when,
            xref="x",
            y0=0,
            y1=1,
            yref="paper",
            line={"color": "#d62728", "width": 2, "dash": "dash"},
        )
        figure.add_annotation(
            x=when,
            y=1,
            xref="x",
            yref="paper",
            text=f"now (period {now})",
            showarrow=False,
            yanchor="bottom",
            font={"color": "#d62728"},
        )
    return figure


def _sla_markers(scenario: Scenario, incidents: Sequence[Incident]) -> go.Scatter | None:
    """A marker at each incident's SLA due date (the refresh goes live by then), on its row."""
    if not incidents:
        return None
    grid = scenario.grid
    rows, xs, hover = [], [], []
    for incident in incidents:
        due = min(grid.horizon, grid.period_of(incident.detected) + incident.sla)
        rows.append(project_label(scenario, incident.id))
        xs.append(grid.start_date(due).isoformat())
        hover.append(
            f"SLA due for {esc(incident.id)} (drift of {esc(incident.project)}): live by "
            f"{grid.end_date_of(due).isoformat()}"
        )
    return go.Scatter(
        name="SLA due",
        x=xs,
        y=rows,
        mode="markers",
        marker={"symbol": "diamond", "size": 13, "color": "#d62728"},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=[["sla_due", i.id, ""] for i in incidents],
    )


def _keep_visible(figure: go.Figure, count: int) -> None:
    """Keep the sponsor dropdown's visibility masks aligned: the ``count`` traces added last
    always show."""
    for menu in figure.layout.updatemenus or ():
        for button in menu.buttons or ():
            masks = list(button.args)
            if masks and isinstance(masks[0], dict) and "visible" in masks[0]:
                masks[0] = {
                    **masks[0],
                    "visible": [*masks[0]["visible"], *[True] * count],
                    "showlegend": [*masks[0].get("showlegend", []), *[True] * count],
                }
                button.args = masks
