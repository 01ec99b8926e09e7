"""zenplan: select and schedule data-science and ML portfolios with OR-Tools CP-SAT.

The Python API, for notebooks and scripts::

    import zenplan
    scenario = zenplan.load("portfolio.yaml")        # or an Excel workbook, or from_frames
    plan = zenplan.solve(scenario, time_limit=30)
    plan.projects_frame(); plan.assignments_frame(); plan.kpis
    plan.gantt().show()
    later = zenplan.replan(plan, now="2027-03-01", incidents=[...])

Importing ``zenplan`` is cheap: the solver, pandas and plotly load when first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

    from zenplan.models import KPIs, Scenario, Schedule
    from zenplan.models.diff import ScheduleDiff
    from zenplan.scheduler.check import Violation

__all__ = [
    "InputError",
    "Plan",
    "Scenario",
    "Schedule",
    "from_frames",
    "load",
    "load_plan",
    "replan",
    "solve",
]

# Names reached from the package itself, imported when first asked for.
_LAZY = {
    "InputError": "zenplan.models",
    "Scenario": "zenplan.models",
    "Schedule": "zenplan.models",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'zenplan' has no attribute {name!r}")


@dataclass
class Plan:
    """A schedule with the scenario it plans: tables, KPIs, charts and exports.

    A replanned plan also holds its ``baseline`` schedule and the ``diff``: what moved.
    """

    scenario: Scenario
    schedule: Schedule
    diff: ScheduleDiff | None = None
    baseline: Schedule | None = None

    @property
    def status(self) -> str:
        return self.schedule.status

    @property
    def objective(self) -> float:
        return self.schedule.objective

    @property
    def kpis(self) -> KPIs:
        return self.schedule.kpis

    def _frame(self, name: str) -> pd.DataFrame:
        from zenplan.interchange.tables import BUILDERS, columns_of, frame

        return frame(BUILDERS[name](self.scenario, self.schedule), columns_of(name))

    def projects_frame(self) -> pd.DataFrame:
        """One row per project: selected or not, start, go-live, lateness, reason."""
        return self._frame("projects")

    def phases_frame(self) -> pd.DataFrame:
        """One row per planned phase: dates, people and GPUs."""
        return self._frame("phases")

    def assignments_frame(self) -> pd.DataFrame:
        """One row per person and phase (or dataset acquisition) they work on."""
        return self._frame("assignments")

    def loads_frame(self) -> pd.DataFrame:
        """Per period: each person's work, people per skill, GPUs per pool and capacity."""
        return self._frame("loads")

    def kpis_frame(self) -> pd.DataFrame:
        """The KPIs as (kpi, key, value) rows."""
        return self._frame("kpis")

    def gantt(self, view: Literal["projects", "people"] = "projects") -> go.Figure:
        """The Gantt chart of the projects (or of the people) as a plotly figure; a replanned
        plan's project Gantt shows the baseline's bars as ghosts."""
        from zenplan.charts import people_gantt, project_gantt, replan_gantt

        if view == "people":
            return people_gantt(self.scenario, self.schedule)
        if self.baseline is not None:
            return replan_gantt(self.scenario, self.schedule, self.baseline)
        return project_gantt(self.scenario, self.schedule)

    def check(self) -> list[Violation]:
        """The rules the schedule breaks (none for a plan zenplan made)."""
        from zenplan.scheduler import check

        return check(self.scenario, self.schedule)

    def save(self, path: str | Path) -> Path:
        """Write the schedule JSON (what `zenplan solve` writes as schedule.json)."""
        from zenplan.models.files import write_atomic

        return write_atomic(path, self.schedule.model_dump_json(indent=2))

    def report(self, path: str | Path) -> Path:
        """Write the HTML report: KPIs, Gantt charts and load charts."""
        from zenplan.charts import write_gantt_html

        return write_gantt_html(self.scenario, self.schedule, path)

    def export(self, path: str | Path, format: str | None = None) -> list[Path]:
        """Write the plan as xlsx, csv, ics, mspdi or kueue (by default from the suffix);
        returns the files written."""
        from zenplan.interchange import export

        return export(self.scenario, self.schedule, Path(path), format)

    def _repr_html_(self) -> str:
        from zenplan.charts.text import esc

        rows = "".join(
            f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>"
            for k, v in (
                ("scenario", self.scenario.name),
                ("status", self.status),
                ("objective", f"{self.objective:,.0f}"),
                ("projects delivered", self.kpis.delivered),
                ("value", f"{self.kpis.value:,.0f}"),
                ("late projects", self.kpis.late),
            )
        )
        return f"<table>{rows}</table>"


def load(path: str | Path) -> Scenario:
    """Read a scenario: YAML or JSON, a workbook (.xlsx/.ods, or a projects .csv) laid out
    as the workbook import documents, or an MS Project file (.mpp, .mpx, MSPDI .xml: its
    projects and phases, with the msproject extra). Mistakes raise ``InputError`` naming
    each field."""
    from zenplan.api.workbook import EXCEL_SUFFIXES
    from zenplan.models import load_scenario

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".mpp", ".mpx", ".mpt", ".xml"):
        from zenplan.interchange.msproject import read_msproject, scenario_document
        from zenplan.models import parse_scenario

        return parse_scenario(scenario_document(read_msproject(path)), str(path))
    if suffix not in (*EXCEL_SUFFIXES, ".csv"):
        return load_scenario(path)
    from zenplan.api.workbook import read_files, to_document
    from zenplan.models import InputError, Problem, parse_scenario

    try:
        content = path.read_bytes()
    except OSError as error:
        raise InputError(str(path), [Problem((), f"cannot read the file: {error}")]) from None
    document = to_document(read_files([(path.name, content)]), {})
    return parse_scenario(document, str(path))


def from_frames(
    frames: Mapping[str, pd.DataFrame] | None = None,
    *,
    name: str = "scenario from DataFrames",
    start: date | str,
    period: Literal["week", "day"] = "week",
    horizon: int = 52,
    **tables: pd.DataFrame,
) -> Scenario:
    """A scenario from DataFrames with the workbook import's tables and columns:
    ``projects``, ``phases`` (required), ``staff``, ``gpu_pools``, ``datasets``.

    Cells may hold text in the workbook's forms (``data_science:3x2``) or plain Python
    values: numbers, dates, lists and ``{skill: level}`` dictionaries.
    """
    from zenplan.api.workbook import read_frames, to_document
    from zenplan.models import parse_scenario

    named = {**(frames or {}), **tables}
    header = {"name": name, "start": str(start), "period": period, "horizon": str(horizon)}
    document = to_document(read_frames(named), header)
    return parse_scenario(document, "DataFrames")


def solve(
    scenario: Scenario | str | Path,
    time_limit: float = 30.0,
    *,
    workers: int | None = None,
    seed: int = 0,
    gap: float = 0.001,
    deterministic: bool = False,
    greedy: bool = False,
) -> Plan:
    """Solve a scenario (or a scenario file): the best plan found within ``time_limit``
    seconds. ``greedy``: only the fast priority-order plan, no search."""
    from zenplan.scheduler import SolveOptions, greedy_plan
    from zenplan.scheduler import solve as run_solver
    from zenplan.scheduler.options import default_workers

    if isinstance(scenario, str | Path):
        scenario = load(scenario)
    if greedy:
        return Plan(scenario, greedy_plan(scenario))
    options = SolveOptions(
        time_limit=time_limit,
        workers=workers or default_workers(),
        seed=seed,
        relative_gap=gap,
        deterministic=deterministic,
    )
    return Plan(scenario, run_solver(scenario, options))


def replan(
    plan: Plan,
    now: date | str,
    incidents: Sequence[Mapping[str, Any]] = (),
    *,
    scenario: Scenario | None = None,
    time_limit: float = 30.0,
    workers: int | None = None,
    seed: int = 0,
) -> Plan:
    """Replan ``plan`` from ``now``: started work stays, each drift incident (a mapping with
    ``id``, ``project``, ``detected``, ``sla`` and ``phases``) becomes mandatory refresh work,
    the rest moves as little as it must. ``scenario``: a changed scenario to replan against
    (default: the plan's). The new plan's ``diff`` says what moved."""
    from zenplan.models import parse_scenario
    from zenplan.scheduler import SolveOptions
    from zenplan.scheduler.options import default_workers
    from zenplan.scheduler.replan import replan as run_replan
    from zenplan.scheduler.replan import with_incidents

    base = scenario or plan.scenario
    when = date.fromisoformat(now) if isinstance(now, str) else now
    document = base.model_dump(mode="json", by_alias=True)
    document["incidents"] = [*document["incidents"], *incidents]
    added = parse_scenario(document, "incidents").incidents[len(base.incidents) :]
    options = SolveOptions(time_limit=time_limit, workers=workers or default_workers(), seed=seed)
    result = run_replan(base, plan.schedule, when, options, added)
    return Plan(with_incidents(base, added), result.schedule, result.diff, plan.schedule)


def load_plan(scenario: Scenario | str | Path, schedule: str | Path) -> Plan:
    """A plan from a scenario and a schedule JSON file (e.g. `zenplan solve`'s)."""
    from zenplan.models import load_schedule

    if isinstance(scenario, str | Path):
        scenario = load(scenario)
    return Plan(scenario, load_schedule(schedule))
