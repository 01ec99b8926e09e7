"""The `zenplan` command line: solve, validate, check, schema, generate.

A user's mistake (a bad file, a bad flag value) exits with code 2 and a message naming the
field and value, never a traceback; a schedule that breaks rules makes `check` exit 1.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.live import Live
from rich.table import Table
from rich.text import Text

from zenplan.api import cli_batch, cli_bench, cli_export, cli_service
from zenplan.api.cli_common import console, fail, user_errors
from zenplan.models import (
    Scenario,
    Schedule,
    load_scenario,
    load_schedule,
)
from zenplan.models.diff import ScheduleDiff
from zenplan.models.files import write_atomic
from zenplan.models.numbers import amount, closeness, signed
from zenplan.models.scenario import Incident

app = typer.Typer(
    name="zenplan",
    help="Demand-management scheduling for data-science and ML portfolios.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
)
ScenarioPath = Annotated[Path, typer.Argument(help="Scenario file (YAML or JSON).")]


def _load(path: Path) -> Scenario:
    with user_errors():
        return load_scenario(path)


@app.command()
def solve(
    scenario_path: ScenarioPath,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds.")] = 30.0,
    workers: Annotated[
        int | None, typer.Option(help="CP-SAT workers (default: all cores).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed, for repeatable runs.")] = 0,
    gap: Annotated[float, typer.Option(help="Stop at this relative gap.")] = 0.001,
    out: Annotated[Path, typer.Option(help="Directory for schedule.json and gantt.html.")] = Path(
        "."
    ),
    greedy: Annotated[bool, typer.Option("--greedy", help="Only the greedy plan.")] = False,
    deterministic: Annotated[
        bool,
        typer.Option(
            "--deterministic",
            help="Count CP-SAT's deterministic time, not seconds: the same plan every run.",
        ),
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress line.")] = False,
) -> None:
    """Solve a scenario: plan, KPIs, schedule.json and gantt.html."""
    from zenplan.charts import write_gantt_html
    from zenplan.scheduler import SolveOptions, greedy_plan
    from zenplan.scheduler import solve as run_solver
    from zenplan.scheduler.options import default_workers

    scenario = _load(scenario_path)
    with user_errors():
        options = SolveOptions(
            time_limit=time_limit,
            workers=workers or default_workers(),
            seed=seed,
            relative_gap=gap,
            deterministic=deterministic,
        )
    if greedy:
        schedule = greedy_plan(scenario)
    else:
        with _progress_line(quiet) as on_progress:
            schedule = run_solver(scenario, options, on_progress)
    schedule_path = write_atomic(out / "schedule.json", schedule.model_dump_json(indent=2))
    gantt_path = write_gantt_html(scenario, schedule, out / "gantt.html")
    _print_summary(scenario, schedule)
    console.print(f"wrote {schedule_path} and {gantt_path}")
    if schedule.status in ("infeasible", "unknown"):
        raise typer.Exit(1)


@contextmanager
def _progress_line(quiet: bool) -> Iterator[Callable[[object], None]]:
    """A live line with objective, bound, gap and elapsed time while CP-SAT runs."""
    from zenplan.scheduler import Progress

    if quiet:
        yield lambda _progress: None
        return
    with Live(Text("solving: building the model ..."), console=console, transient=True) as live:

        def show(progress: object) -> None:
            assert isinstance(progress, Progress)
            live.update(
                Text(
                    f"solving: objective {amount(progress.objective)}, "
                    f"{closeness(progress.objective, progress.bound)}  "
                    f"elapsed {progress.elapsed:.1f}s  plans {progress.solutions}"
                )
            )

        yield show


def _print_summary(scenario: Scenario, schedule: Schedule) -> None:
    line = f"[bold]{scenario.name}[/bold]: {schedule.status}"
    if schedule.status in ("optimal", "feasible"):
        proven = schedule.status == "optimal"
        line += (
            f", objective {amount(schedule.objective)}, "
            f"{closeness(schedule.objective, schedule.bound, proven)}"
        )
    console.print(f"{line} in {schedule.solve_seconds:.1f}s")
    if schedule.explanation:
        console.print(schedule.explanation)
    if schedule.status not in ("optimal", "feasible"):
        return
    console.print(kpi_table(schedule))
    if schedule.breakdown is not None:
        console.print(breakdown_table(schedule))
    projects = Table(title="Projects")
    for column in ("project", "sponsor", "start", "go-live", "late by"):
        projects.add_column(column)
    for plan in schedule.selected():
        projects.add_row(
            plan.id,
            scenario.project(plan.id).sponsor or "",
            str(plan.start_date),
            str(plan.end_date),
            str(plan.late_by),
        )
    console.print(projects)
    for plan in schedule.projects:
        if plan.reason:
            console.print(f"[bold]{plan.id}[/bold] {plan.reason}", soft_wrap=True)


def kpi_table(schedule: Schedule) -> Table:
    kpis = schedule.kpis
    table = Table(title="Portfolio KPIs")
    table.add_column("KPI")
    table.add_column("value", justify="right")
    busiest = sorted(kpis.utilization.items(), key=lambda item: -item[1])[:3]
    rows = [
        ("value", amount(kpis.value)),
        ("cost", amount(kpis.cost)),
        ("ROI (value / cost)", f"{kpis.roi:.2f}" if kpis.roi is not None else "-"),
        ("projects delivered", str(kpis.delivered)),
        ("delivered by size", _counts(kpis.delivered_by_size)),
        ("delivered by sponsor", _counts(kpis.delivered_by_sponsor)),
        ("late projects", f"{kpis.late} ({kpis.lateness_periods} periods)"),
        ("last go-live (period)", str(kpis.makespan)),
        ("max gap between go-lives", f"{kpis.max_delivery_gap} periods"),
        ("flow efficiency", f"{kpis.flow_efficiency:.0%}"),
        ("acquisition periods saved by reuse", str(kpis.reuse_saved_periods)),
        (
            "sponsor share delivered",
            ", ".join(f"{s} {v:.0%}" for s, v in kpis.sponsor_share.items()),
        ),
        ("skill utilization", ", ".join(f"{s} {u:.0%}" for s, u in kpis.skill_utilization.items())),
        ("busiest people", ", ".join(f"{p} {u:.0%}" for p, u in busiest)),
        ("GPU utilization", ", ".join(f"{p} {u:.0%}" for p, u in kpis.gpu_utilization.items())),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table


def breakdown_table(schedule: Schedule) -> Table:
    """The objective by project and term; rows sum to their total, totals to the objective."""
    from zenplan.charts.report import breakdown_rows

    assert schedule.breakdown is not None
    columns, rows = breakdown_rows(schedule.breakdown)
    table = Table(title="Objective by term and project")
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    for cells in rows:
        table.add_row(*cells)
    return table


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counts.items()) or "-"


def _incidents(scenario: Scenario, path: Path | None) -> list[Incident]:
    """The drift incidents of a YAML/JSON file (a list, or a mapping with `incidents`),
    validated against the scenario (inside ``user_errors``)."""
    from zenplan.models.loading import read_document

    if path is None:
        return []
    raw = read_document(path)
    raw = raw.get("incidents", raw) if isinstance(raw, dict) else raw
    if not isinstance(raw, list):
        raise ValueError(f"{path}: expected a list of incidents")
    from zenplan.scheduler.replan import merge_incidents

    return merge_incidents(scenario, raw, str(path))[0]


@app.command()
def replan(
    scenario_path: ScenarioPath,
    baseline_path: Annotated[Path, typer.Option("--baseline", help="The schedule to replan.")],
    now: Annotated[str, typer.Option(help="Replan from this date (YYYY-MM-DD).")],
    incidents_path: Annotated[
        Path | None, typer.Option("--incidents", help="YAML/JSON list of drift incidents.")
    ] = None,
    pins_path: Annotated[
        Path | None,
        typer.Option("--pins", help="YAML/JSON list of pins (project, phase, start, people...)."),
    ] = None,
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds.")] = 30.0,
    workers: Annotated[
        int | None, typer.Option(help="CP-SAT workers (default: all cores).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    out: Annotated[Path, typer.Option(help="Directory for the outputs.")] = Path("."),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress line.")] = False,
) -> None:
    """Replan after drift incidents: started work stays, refresh work enters, the rest moves
    as little as it must; writes schedule.json, diff.json and gantt.html (baseline as ghosts)."""
    from datetime import date

    from zenplan.charts import replan_gantt
    from zenplan.charts.report import write_plotly_beside
    from zenplan.models.loading import read_document
    from zenplan.models.pins import parse_pins
    from zenplan.scheduler import SolveOptions
    from zenplan.scheduler.options import default_workers
    from zenplan.scheduler.replan import replan as run_replan

    scenario = _load(scenario_path)
    with user_errors():
        baseline = load_schedule(baseline_path)
        try:
            when = date.fromisoformat(now)
        except ValueError:
            raise ValueError(f"--now: {now!r} is not a date (YYYY-MM-DD)") from None
        incidents = _incidents(scenario, incidents_path)
        pins = parse_pins(read_document(pins_path), str(pins_path)) if pins_path else []
        options = SolveOptions(
            time_limit=time_limit, workers=workers or default_workers(), seed=seed
        )
        with _progress_line(quiet) as on_progress:
            result = run_replan(scenario, baseline, when, options, incidents, on_progress, pins)
    schedule = result.schedule
    write_atomic(out / "schedule.json", schedule.model_dump_json(indent=2))
    write_atomic(out / "diff.json", result.diff.model_dump_json(indent=2))
    # Also without a new plan: the baseline with "now", the frozen work and the SLA due dates.
    figure = replan_gantt(scenario, schedule, baseline, result.now, incidents)
    script = write_plotly_beside(out).name
    write_atomic(out / "gantt.html", figure.to_html(include_plotlyjs=script, full_html=True))
    console.print(
        f"[bold]replan from period {result.now}[/bold]: {schedule.status}, "
        f"objective {amount(schedule.objective)}; {result.frozen_phases} phases frozen"
    )
    if schedule.explanation:
        console.print(schedule.explanation)
    if schedule.status not in ("optimal", "feasible"):
        raise typer.Exit(1)
    _print_changes(result.diff)
    console.print(f"wrote {out / 'schedule.json'}, {out / 'diff.json'} and {out / 'gantt.html'}")


def _print_changes(changes: ScheduleDiff) -> None:
    """What a replan moved: a row per phase moved or restaffed, then the totals."""
    table = Table(title="What moved")
    for column in ("project", "phase", "from", "to", "by", "people off", "people on"):
        table.add_column(column)
    staff = {(c.project, c.phase): c for c in changes.staff_changed}
    keys = sorted({(m.project, m.phase) for m in changes.moved} | set(staff))
    moves = {(m.project, m.phase): m for m in changes.moved}
    for key in keys:
        move, change = moves.get(key), staff.get(key)
        table.add_row(
            key[0],
            key[1],
            str(move.before) if move else "",
            str(move.after) if move else "",
            f"{move.by:+d}" if move else "",
            ", ".join(change.removed) if change else "",
            ", ".join(change.added) if change else "",
        )
    console.print(table)
    console.print(
        f"moved {len(changes.moved)} of {changes.phases_compared} future phases "
        f"({changes.moved_share:.0%}); added: {', '.join(changes.added) or '-'}; "
        f"dropped: {', '.join(changes.dropped) or '-'}"
    )
    deltas = ", ".join(f"{k} {signed(v, 2)}" for k, v in changes.kpi_deltas.items() if v)
    console.print(f"KPI deltas: {deltas or 'none'}")


@app.command()
def validate(scenario_path: ScenarioPath) -> None:
    """Validate a scenario file; list every problem with its field path."""
    scenario = _load(scenario_path)
    console.print(
        f"{scenario_path}: valid — {len(scenario.projects)} projects, {len(scenario.staff)} "
        f"people, {len(scenario.gpu_pools)} GPU pools, {scenario.grid.horizon} "
        f"{scenario.calendar.period}s from {scenario.calendar.start}"
    )


@app.command()
def check(
    scenario_path: ScenarioPath,
    schedule_path: Annotated[Path, typer.Argument(help="Schedule JSON, e.g. schedule.json.")],
    incidents_path: Annotated[
        Path | None,
        typer.Option("--incidents", help="YAML/JSON list of the drift incidents replanned for."),
    ] = None,
) -> None:
    """Check a schedule (also a hand-made one or a replan) against the scenario and its
    incidents (stored in the scenario or given with --incidents); exit 1 on violations."""
    from zenplan.scheduler import check as check_schedule

    scenario = _load(scenario_path)
    with user_errors():
        schedule = load_schedule(schedule_path)
        incidents = _incidents(scenario, incidents_path)
    violations = check_schedule(scenario, schedule, incidents)
    if not violations:
        console.print(f"{schedule_path}: no rule violated")
        return
    console.print(f"[bold]{len(violations)} violation(s)[/bold]")
    for violation in violations:
        console.print(Text(f"  {violation}"))
    raise typer.Exit(1)


@app.command()
def explain(
    scenario_path: ScenarioPath,
    schedule_path: Annotated[Path, typer.Argument(help="Schedule JSON, e.g. schedule.json.")],
    project: Annotated[str, typer.Option("--project", help="The project left out or late.")],
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds for each checking solve.")
    ] = 10.0,
    workers: Annotated[int, typer.Option(help="CP-SAT workers per solve.")] = 2,
) -> None:
    """Why a project is left out or late (checked by trying it against the rest of the
    plan), and what it would take to fit it on time: each change checked by a solve, with
    the projects it displaces or delays."""
    from zenplan.scheduler import SolveOptions
    from zenplan.scheduler.counterfactual import counterfactual_reason
    from zenplan.scheduler.takes import what_it_takes

    scenario = _load(scenario_path)
    with user_errors():
        schedule = load_schedule(schedule_path)
        known = {p.id for p in scenario.scheduled_projects()}
        if project not in known:
            raise ValueError(
                f"--project: no project {project!r} to plan in the scenario "
                f"(projects: {', '.join(sorted(known))})"
            )
        options = SolveOptions(time_limit=time_limit, workers=workers, deterministic=True)
    plan = schedule.project(project)
    state = "late" if plan is not None and plan.selected and plan.late_by else "not selected"
    if plan is not None and plan.selected and not plan.late_by:
        state = "on time"
    finding = counterfactual_reason(scenario, schedule, project)
    console.print(f"[bold]{project}[/bold] ({state}): {finding.text}", soft_wrap=True)
    console.print(
        f"[bold]What it would take to fit {project} on time[/bold] (each checked by a solve):"
    )
    for option in what_it_takes(scenario, schedule, project, options):
        if not option.fits:
            console.print(f"- {option.change}: {option.status}", soft_wrap=True)
            continue
        delayed = ", ".join(f"{p} by {n}" for p, n in option.delayed.items()) or "nothing"
        go_live = "" if option.go_live is None else f", live by period {option.go_live - 1}"
        console.print(
            f"- {option.change}: fits{go_live}; objective {signed(option.objective_change)} "
            f"against this plan; leaves out {', '.join(option.displaced) or 'nothing'}; "
            f"delays {delayed}",
            soft_wrap=True,
        )


@app.command()
def schema() -> None:
    """Print the JSON Schema of the scenario format."""
    print(json.dumps(Scenario.model_json_schema(by_alias=True), indent=2))


@app.command()
def generate(
    projects: Annotated[int, typer.Option(help="Number of projects.", min=1, max=5000)] = 20,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    horizon: Annotated[int, typer.Option(help="Periods (weeks).", min=4, max=520)] = 52,
    out: Annotated[Path | None, typer.Option(help="YAML file (default: standard output).")] = None,
) -> None:
    """Write a realistic generated portfolio of any size."""
    import yaml

    from zenplan.scenarios.generator import generate as generate_document

    document = generate_document(projects, seed=seed, horizon=horizon)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    if out is None:
        print(text, end="")
    else:
        write_atomic(out, text)
        console.print(f"wrote {out}: {projects} projects, seed {seed}")


for module in (cli_service, cli_batch, cli_bench, cli_export):
    module.register(app)

__all__ = ["app", "console", "fail", "user_errors"]

if __name__ == "__main__":
    app()
