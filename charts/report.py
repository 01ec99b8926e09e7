"""The schedule report: one HTML page with the KPIs and every chart.

``report_html`` assembles the page that ``write_gantt_html`` writes and the HTTP API serves:
the Gantt charts of ``charts.gantt`` and the load figures of ``charts.load``. plotly.js
(4.8 MB) is either inlined once (a page that stands alone) or loaded from a script the
page names: a file written once beside the pages, or the service's cached route.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from zenplan.charts.gantt import people_gantt, project_gantt
from zenplan.charts.library import plotly_library
from zenplan.charts.load import flow_chart, gpu_load, skill_heatmap
from zenplan.charts.overview import flow_histogram, people_heatmap, sponsor_overview
from zenplan.charts.text import esc
from zenplan.models.files import write_atomic
from zenplan.models.numbers import amount, closeness
from zenplan.models.scenario import Scenario
from zenplan.models.schedule import KPIs, ObjectiveBreakdown, Schedule

__all__ = [
    "PLOTLY_FILE",
    "REPORT_FIGURES",
    "breakdown_rows",
    "kpi_rows",
    "plotly_script",
    "report_html",
    "write_gantt_html",
    "write_plotly_beside",
]

# plotly.js beside the pages, named by bundle and version so a cached copy is always right.
PLOTLY_FILE, _LIBRARY = plotly_library()


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return amount(value, 0 if float(value).is_integer() else 2)


# Above this many people (or pools, sponsors) a KPI row summarises instead of listing all.
MAX_LISTED = 12


def kpi_rows(kpis: KPIs) -> list[tuple[str, str]]:
    """The KPI table as (name, value in words) rows."""

    def share(values: dict[str, float]) -> str:
        if len(values) <= MAX_LISTED:
            return ", ".join(f"{k} {v:.0%}" for k, v in sorted(values.items())) or "—"
        # a large team: the mean and the busiest, not a line per person
        mean = sum(values.values()) / len(values)
        busiest = sorted(values.items(), key=lambda item: (-item[1], item[0]))[:5]
        top = ", ".join(f"{k} {v:.0%}" for k, v in busiest)
        return f"mean {mean:.0%} over {len(values)}; busiest: {top}"

    def counts(values: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(values.items())) or "—"

    return [
        ("Value", _number(kpis.value)),
        ("Cost", _number(kpis.cost)),
        ("ROI", _number(kpis.roi)),
        ("Projects delivered", str(kpis.delivered)),
        ("Delivered by size", counts(kpis.delivered_by_size)),
        ("Delivered by sponsor", counts(kpis.delivered_by_sponsor)),
        ("Late projects", str(kpis.late)),
        ("Lateness (periods)", str(kpis.lateness_periods)),
        ("Makespan (periods)", str(kpis.makespan)),
        ("Longest gap between go-lives (periods)", str(kpis.max_delivery_gap)),
        ("Flow efficiency", f"{kpis.flow_efficiency:.0%}"),
        ("Staff utilization", share(kpis.utilization)),
        ("GPU utilization", share(kpis.gpu_utilization)),
        ("Periods saved by dataset reuse", str(kpis.reuse_saved_periods)),
    ]


TERM_ORDER = ("value", "lateness", "cost", "makespan", "balance", "stability")


def breakdown_rows(breakdown: ObjectiveBreakdown) -> tuple[list[str], list[list[str]]]:
    """The objective by project (rows) and term (columns), then the portfolio's own terms and
    the total: columns and rows of text, each row summing to its last cell."""
    terms = [t for t in TERM_ORDER if t in breakdown.terms]
    terms += sorted(set(breakdown.terms) - set(terms))
    columns = ["", *terms, "total"]

    def row(name: str, parts: dict[str, float]) -> list[str]:
        cells = [amount(parts[t]) if t in parts else "" for t in terms]
        return [name, *cells, amount(sum(parts.values()))]

    by_total = sorted(breakdown.projects.items(), key=lambda item: -sum(item[1].values()))
    rows = [row(project, parts) for project, parts in by_total]
    if breakdown.portfolio:
        rows.append(row("(portfolio)", breakdown.portfolio))
    rows.append(row("objective", breakdown.terms))
    return columns, rows


def _breakdown_html(breakdown: ObjectiveBreakdown | None) -> str:
    if breakdown is None or not breakdown.terms:
        return ""
    columns, rows = breakdown_rows(breakdown)
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in cells) + "</tr>" for cells in rows
    )
    return (
        "<h2>Objective by term and project</h2>\n"
        '<p class="note">Value earned, minus what lateness, cost, makespan, balance and '
        "stability charge; each row sums to its total, the totals to the objective.</p>\n"
        f'<table class="kpis" id="breakdown">\n<tr>{head}</tr>\n{body}\n</table>'
    )


_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       margin: 1.5rem 2rem; color: #222; }
h1 { margin-bottom: 0.2rem; }
.meta { color: #555; margin-top: 0; }
.status { font-weight: 600; padding: 0.1rem 0.5rem; border-radius: 0.3rem; background: #eee; }
.status-optimal { background: #d8f0d8; } .status-feasible { background: #e8f0d0; }
.status-infeasible { background: #f6d5d5; } .status-unknown { background: #eee; }
table.kpis { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
table.kpis th, table.kpis td { text-align: left; padding: 0.25rem 0.9rem 0.25rem 0;
       border-bottom: 1px solid #e5e5e5; vertical-align: top; }
table.kpis th { font-weight: 500; color: #555; }
p.note { color: #555; margin: 0.2rem 0 0.4rem; max-width: 60rem; }
pre.explanation { background: #fbf3f3; padding: 0.8rem; white-space: pre-wrap; }
"""


# Above this many selected projects the report draws aggregates (charts.overview): projects
# in flight per sponsor, who is busy when, a histogram of flow efficiency.
LARGE_REPORT = 150

# Div id of every figure on the report page, in page order.
REPORT_FIGURES: tuple[str, ...] = (
    "zenplan-projects",
    "zenplan-people",
    "zenplan-gpu-load",
    "zenplan-skills",
    "zenplan-flow",
)


def _report_figures(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """Div id -> the figure as an HTML fragment (no plotly.js: the page inlines it once)."""
    config = {"displaylogo": False, "responsive": True}
    if len(schedule.selected()) > LARGE_REPORT:
        # a row per project or person would make a page of tens of megabytes: aggregate
        figures = (
            sponsor_overview(scenario, schedule),
            people_heatmap(scenario, schedule),
            gpu_load(scenario, schedule),
            skill_heatmap(scenario, schedule),
            flow_histogram(scenario, schedule),
        )
    else:
        figures = (
            project_gantt(scenario, schedule),
            people_gantt(scenario, schedule),
            gpu_load(scenario, schedule),
            skill_heatmap(scenario, schedule),
            flow_chart(scenario, schedule),
        )
    return {
        div_id: figure.to_html(
            full_html=False, include_plotlyjs=False, div_id=div_id, config=config
        )
        for div_id, figure in zip(REPORT_FIGURES, figures, strict=True)
    }


def _late_list(scenario: Scenario, schedule: Schedule) -> str:
    """The late projects, each with why it is late."""
    late = [p for p in schedule.selected() if p.late_by > 0]
    if not late:
        return ""
    names = {p.id: p.name or p.id for p in scenario.projects}
    items = "\n".join(
        f"<li><b>{esc(names.get(p.id, p.id))}</b> [{esc(p.id)}]"
        + (f": {esc(p.reason)}" if p.reason else f": late by {p.late_by} periods")
        + "</li>"
        for p in late
    )
    return f"\n<h2>Late</h2>\n<ul>\n{items}\n</ul>"


def plotly_script(src: str | None) -> str:
    """The page's plotly.js: inlined when ``src`` is None, else loaded from ``src``."""
    if src is not None:
        return f'<script type="text/javascript" src="{esc(src)}"></script>'
    return f'<script type="text/javascript">{_LIBRARY}</script>'


def report_html(scenario: Scenario, schedule: Schedule, plotly_src: str | None = None) -> str:
    """The schedule report as one HTML page: self-contained (plotly.js inlined once) or,
    with ``plotly_src``, loading plotly.js from that address.

    Sections: status and objective, KPIs, the project Gantt (with its sponsor filter), the
    projects not selected, the people Gantt, GPU load, skill demand against supply and flow
    efficiency. Each figure sits in a ``div`` with a fixed id (``REPORT_FIGURES``). The page
    loads nothing from the internet, so it works offline.
    """
    figures = _report_figures(scenario, schedule)
    projects, people, gpus, skills, flow = (figures[div_id] for div_id in REPORT_FIGURES)
    kpi_table = "\n".join(
        f"<tr><th>{esc(name)}</th><td>{esc(value)}</td></tr>"
        for name, value in kpi_rows(schedule.kpis)
    )
    meta = [
        f'status <span class="status status-{esc(schedule.status)}">{esc(schedule.status)}</span>',
        f"objective {esc(_number(schedule.objective))}",
        f"solved in {schedule.solve_seconds:.1f} s",
    ]
    if schedule.status in ("optimal", "feasible"):
        proven = schedule.status == "optimal"
        meta.insert(2, esc(closeness(schedule.objective, schedule.bound, proven)))
    if schedule.solver is not None:
        meta.append(f"engine {esc(schedule.solver.engine)}")
    explanation = (
        f'<h2>Why no plan</h2>\n<pre class="explanation">{esc(schedule.explanation)}</pre>'
        if schedule.explanation
        else ""
    )
    unselected = [p for p in schedule.projects if not p.selected]
    not_selected = ""
    if unselected:
        names = {p.id: p.name or p.id for p in scenario.projects}
        items = "\n".join(
            f"<li><b>{esc(names.get(p.id, p.id))}</b> [{esc(p.id)}]"
            + (f": {esc(p.reason)}" if p.reason else "")
            + "</li>"
            for p in unselected
        )
        not_selected = f"<h2>Not selected</h2>\n<ul>\n{items}\n</ul>"
    not_selected += _late_list(scenario, schedule)
    title = esc(scenario.name)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="zenplan">
<title>{title}: schedule</title>
<style>{_CSS}</style>
<script type="text/javascript">window.PlotlyConfig = {{MathJaxConfig: 'local'}};</script>
{plotly_script(plotly_src)}
</head>
<body>
<h1>{title}</h1>
<p class="meta">{" · ".join(meta)}</p>
{explanation}
<h2>KPIs</h2>
<table class="kpis">
{kpi_table}
</table>
{_breakdown_html(schedule.breakdown)}
<h2>Projects</h2>
{projects}
{not_selected}
<h2>People</h2>
{people}
<h2>GPU load</h2>
<p class="note">GPUs in use per period, stacked by project, against each pool's capacity.</p>
{gpus}
<h2>Skill demand against supply</h2>
<p class="note">Share of the people holding a skill and available in a period who work with
that skill; crosses mark fully booked cells.</p>
{skills}
<h2>Flow efficiency</h2>
<p class="note">Per project, periods with work against periods waiting, from the start of
its first phase to its go-live.</p>
{flow}
</body>
</html>
"""


def write_plotly_beside(folder: Path) -> Path:
    """plotly.js as a file in ``folder``, written once: pages beside it share it."""
    target = folder / PLOTLY_FILE
    if not target.is_file() or target.stat().st_size == 0:
        write_atomic(target, _LIBRARY)
    return target


def write_gantt_html(
    scenario: Scenario,
    schedule: Schedule,
    path: str | Path,
    plotly_js: Literal["beside", "inline"] = "beside",
) -> Path:
    """Write the report page (``report_html``) and return its path.

    ``plotly_js="beside"``: plotly.js is a file next to the page (``PLOTLY_FILE``), written
    once and shared by every page in the folder; ``"inline"``: the page stands alone. Both
    work offline. The page is written to a temporary file in the same directory and moved
    into place, so readers never see a half-written page.
    """
    target = Path(path)
    if plotly_js == "inline":
        return write_atomic(target, report_html(scenario, schedule))
    write_plotly_beside(target.parent)
    return write_atomic(target, report_html(scenario, schedule, plotly_src=PLOTLY_FILE))
