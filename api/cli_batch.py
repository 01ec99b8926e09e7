"""`zenplan batch`, `zenplan whatif`, `zenplan risk` and `zenplan frontier`: many solves at
once, on Ray or a local process pool.

Exit codes as for the other commands: 2 for a mistake in the command or its files (no
traceback), 1 when some scenario or variant of a batch has no plan (the others' results are
still written), 0 otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from zenplan.api.cli_common import console, fail, user_errors
from zenplan.models import Scenario, parse_scenario
from zenplan.models.files import write_atomic
from zenplan.models.numbers import amount
from zenplan.scheduler.options import SolveOptions
from zenplan.studies.batch import BatchResult, BatchTask
from zenplan.studies.executors import Executor

RayOption = Annotated[
    str | None,
    typer.Option(
        "--ray",
        metavar="ADDRESS",
        help="Run on Ray: a cluster address, or 'auto' (a running cluster, else a local Ray).",
    ),
]
LocalOption = Annotated[
    int | None,
    typer.Option(
        "--local",
        metavar="N",
        min=0,
        help="Run on a local pool of N processes (0: in this process). Default: one per "
        "--workers cores.",
    ),
]
TimeLimitOption = Annotated[float, typer.Option("--time-limit", help="Seconds per solve.")]
WorkersOption = Annotated[int, typer.Option(help="CP-SAT workers (CPUs) per solve.")]
SeedOption = Annotated[int, typer.Option(help="Random seed, for repeatable runs.")]


def register(app: typer.Typer) -> None:
    """Add the batch, whatif and risk commands to the `zenplan` app."""
    app.command()(batch)
    app.command()(whatif)
    app.command()(risk)
    app.command()(frontier)


# --------------------------------------------------------------------------- shared


def _options(
    time_limit: float, workers: int, seed: int, gap: float = 0.001, deterministic: bool = False
) -> SolveOptions:
    with user_errors():
        return SolveOptions(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=gap,
            deterministic=deterministic,
        )


@contextmanager
def _executor(ray: str | None, local: int | None, workers: int) -> Iterator[Executor]:
    from zenplan.studies.executors import executor_for

    with user_errors():
        executor = executor_for(ray=ray, local=local, workers=workers)
    try:
        yield executor
    finally:
        executor.close()


def _run(tasks: Sequence[BatchTask], executor: Executor, what: str) -> list[BatchResult]:
    """Run the tasks with a progress bar; a Ray resource mistake is the user's (exit 2)."""
    from zenplan.studies.batch import run_batch

    console.print(f"{len(tasks)} {what} on {executor.description}")
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        bar = progress.add_task(what, total=len(tasks))

        def done(result: BatchResult) -> None:
            progress.advance(bar)
            state = result.schedule.status if result.schedule is not None else "error"
            progress.console.print(Text(f"  {result.name}: {state} in {result.seconds:.1f}s"))

        started = perf_counter()
        with user_errors():
            results = run_batch(tasks, executor, done)
    console.print(f"{len(tasks)} {what} done in {perf_counter() - started:.1f}s")
    return results


def _number(value: Any, pattern: str = "{:,.0f}") -> str:
    return "" if value is None else pattern.format(value)


def _money(value: Any) -> str:
    """Money in a narrow column: 729.6k, 12.3M."""
    if value is None:
        return ""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.1f}{suffix}"
    return amount(value)


def _signed(value: float) -> str:
    """A difference with its sign; "0" for none (never "+0" or "-0")."""
    text = _money(value)
    if not any(c in "123456789" for c in text):
        return "0"
    return text if text.startswith("-") else f"+{text}"


def _table(title: str) -> Table:
    return Table(title=title, box=None, pad_edge=False, title_justify="left")


def _parse_date(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text!r} is not a date (YYYY-MM-DD)")


# --------------------------------------------------------------------------- batch


def batch(
    scenarios: Annotated[list[Path], typer.Argument(help="Scenario files (YAML or JSON).")],
    out: Annotated[Path, typer.Option(help="Directory for the results and the summary.")],
    ray: RayOption = None,
    local: LocalOption = None,
    time_limit: TimeLimitOption = 30.0,
    workers: WorkersOption = 1,
    seed: SeedOption = 0,
    gap: Annotated[float, typer.Option(help="Stop each solve at this relative gap.")] = 0.001,
    replan: Annotated[
        bool, typer.Option("--replan", help="Replan each scenario from its baseline.")
    ] = False,
    baseline_dir: Annotated[
        Path | None,
        typer.Option(help="With --replan: the baselines, BASELINE_DIR/<scenario stem>.json."),
    ] = None,
    now: Annotated[str | None, typer.Option(help="With --replan: replan from this date.")] = None,
    gantt: Annotated[bool, typer.Option(help="Write a gantt.html per scenario.")] = True,
    deterministic: Annotated[
        bool,
        typer.Option(
            "--deterministic",
            help="Count CP-SAT's deterministic time: the same plans on any executor, any load.",
        ),
    ] = False,
) -> None:
    """Solve (or replan) many scenarios; a bad one fails alone. Writes OUT/<name>/schedule.json,
    gantt.html and OUT/summary.csv, summary.json."""
    from zenplan.studies.batch import read_tasks, summary_rows, write_results

    when: date | None = None
    if replan:
        if baseline_dir is None or now is None:
            fail("--replan needs --baseline-dir DIR and --now DATE")
        when = _parse_date("--now", now)
    elif baseline_dir is not None or now is not None:
        fail("--baseline-dir and --now are for --replan batches")
    options = _options(time_limit, workers, seed, gap, deterministic)
    tasks = read_tasks(scenarios, options, baseline_dir, when)
    with _executor(ray, local, workers) as executor:
        results = _run(tasks, executor, "replans" if replan else "scenarios")
    written = write_results(out, results)
    if gantt:
        _write_gantts(out, tasks, results)
    console.print(summary_table(results))
    _print_errors([row["error"] for row in summary_rows(results)])
    console.print(f"wrote {len(written)} files to {out} (summary.csv, summary.json)")
    if not all(r.planned for r in results):
        raise typer.Exit(1)


def _write_gantts(out: Path, tasks: Sequence[BatchTask], results: Sequence[BatchResult]) -> None:
    from zenplan.charts import replan_gantt, report_html
    from zenplan.charts.report import PLOTLY_FILE, write_plotly_beside

    # one plotly.js for every page of the batch, in the output folder
    shared = f"../{PLOTLY_FILE}"
    for task, result in zip(tasks, results, strict=True):
        if result.schedule is None or not result.planned:
            continue
        write_plotly_beside(out)
        scenario = parse_scenario(task.document, task.source)
        path = out / result.name / "gantt.html"
        if task.baseline is None:
            write_atomic(path, report_html(scenario, result.schedule, plotly_src=shared))
        else:
            now = scenario.grid.period_of(task.now) if task.now is not None else None
            figure = replan_gantt(scenario, result.schedule, task.baseline, now)
            write_atomic(path, figure.to_html(include_plotlyjs=shared, full_html=True))


def summary_table(results: Sequence[BatchResult]) -> Table:
    """One row per scenario: status, KPIs and seconds (errors are listed by ``_errors``)."""
    from zenplan.studies.batch import summary_rows

    rows = summary_rows(results)
    table = _table("Batch summary")
    columns: list[tuple[str, str, Callable[[Any], str]]] = [
        ("scenario", "name", str),
        ("status", "status", str),
        ("obj.", "objective", _money),
        ("value", "value", _money),
        ("cost", "cost", _money),
        ("deliv.", "delivered", lambda v: _number(v, "{}")),
        ("late", "late", lambda v: _number(v, "{}")),
        ("gap", "max_delivery_gap", lambda v: _number(v, "{}")),
        ("flow", "flow_efficiency", lambda v: _number(v, "{:.0%}")),
        ("s", "seconds", lambda v: _number(v, "{:.1f}")),
    ]
    if rows and "moved" in rows[0]:
        columns.append(("moved", "moved_share", lambda v: _number(v, "{:.0%}")))
    for title, _, _ in columns:
        left = title in ("scenario", "status")
        table.add_column(title, justify="left" if left else "right", no_wrap=left)
    for row in rows:
        table.add_row(*(show(row[key]) if row[key] is not None else "" for _, key, show in columns))
    return table


def _print_errors(errors: Sequence[str | None]) -> None:
    """Each error in full (they name their scenario or variant, field paths and values)."""
    for error in errors:
        if error:
            console.print(Text(error, style="red"), soft_wrap=True)


# --------------------------------------------------------------------------- what-if


def whatif(
    scenario_path: Annotated[Path, typer.Argument(help="The baseline scenario.")],
    vary: Annotated[
        list[str] | None,
        typer.Option(
            "--vary",
            metavar="SPEC",
            help="PATH=V1,V2 (e.g. gpu_pools.a100.capacity=8,12), staff+=SKILL:LEVEL or "
            "projects-=ID; repeat for a cartesian product.",
        ),
    ] = None,
    variants_file: Annotated[
        Path | None,
        typer.Option("--variants", help="YAML list of {name, changes: {PATH: value}}."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Directory for the results and whatif.html.")] = Path(
        "whatif"
    ),
    ray: RayOption = None,
    local: LocalOption = None,
    time_limit: TimeLimitOption = 30.0,
    workers: WorkersOption = 1,
    seed: SeedOption = 0,
) -> None:
    """Solve what-if variants of a scenario as a batch; compare them with the baseline in a
    table and in OUT/whatif.html."""
    from zenplan.charts.whatif import whatif_html
    from zenplan.studies.batch import write_results
    from zenplan.studies.whatif import (
        baseline_task,
        comparison_rows,
        load_variants,
        whatif_tasks,
    )

    with user_errors():
        document, variants = load_variants(scenario_path, vary or [], variants_file)
        baseline = parse_scenario(document, str(scenario_path))
    options = _options(time_limit, workers, seed)
    labels = ["baseline", *(v.label for v in variants)]
    with _executor(ray, local, workers) as executor:
        # The baseline's plan first: every variant starts from it, deterministically.
        first = _run([baseline_task(document, options)], executor, "baseline")[0]
        start = first.schedule if first.planned else None
        results = _run(whatif_tasks(document, variants, options, start), executor, "variants")
    write_results(out, results)
    rows = comparison_rows(results, labels, variants, document)
    write_atomic(out / "comparison.json", json.dumps(rows, indent=2, default=str))
    planned = [(r.schedule, label) for r, label in zip(results, labels, strict=True) if r.planned]
    page = whatif_html(
        baseline.name, rows, [s for s, _ in planned if s is not None], [lb for _, lb in planned]
    )
    write_atomic(out / "whatif.html", page)
    console.print(comparison_table(rows))
    _print_errors([row.get("error") for row in rows])
    console.print(f"wrote {out / 'comparison.json'}, {out / 'whatif.html'} and the variants")
    if not all(r.planned for r in results):
        raise typer.Exit(1)


def comparison_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = _table("What-if variants against the baseline")
    table.add_column("variant", overflow="fold")
    for column in ("obj.", "value", "cost", "deliv.", "late", "Δ obj.", "Δ cost"):
        table.add_column(column, justify="right")
    table.add_column("projects vs baseline", overflow="fold")
    for row in rows:
        delta = row.get("delta_objective")
        changes = [f"+{p}" for p in row.get("projects_added", [])]
        changes += [f"-{p}" for p in row.get("projects_dropped", [])]
        table.add_row(
            str(row["variant"]),
            _money(row.get("objective")) or str(row.get("status", "")),
            _money(row.get("value")),
            _money(row.get("cost")),
            _number(row.get("delivered"), "{}"),
            _number(row.get("late"), "{}"),
            "" if delta is None or row["variant"] == "baseline" else _signed(delta),
            "" if delta is None or row["variant"] == "baseline" else _signed(row["delta_cost"]),
            " ".join(changes),
        )
    return table


# --------------------------------------------------------------------------- risk


def risk(
    scenario_path: Annotated[Path, typer.Argument(help="Scenario file (YAML or JSON).")],
    schedule_path: Annotated[Path, typer.Argument(help="Schedule JSON, e.g. schedule.json.")],
    samples: Annotated[int, typer.Option(help="Monte Carlo samples.", min=1)] = 1000,
    seed: SeedOption = 0,
    ray: RayOption = None,
    local: LocalOption = None,
    out: Annotated[Path | None, typer.Option(help="Write the report as JSON here.")] = None,
) -> None:
    """Re-time a plan under sampled phase durations (duration_range): P50 / P80 go-live and
    the chance of missing each deadline."""
    from zenplan.models import load_scenario, load_schedule
    from zenplan.studies.risk import assess

    with user_errors():
        scenario = _with_refresh_work(load_scenario(scenario_path))
        schedule = load_schedule(schedule_path)
    with _executor(ray, local, 1) as executor, user_errors():
        console.print(f"{samples} samples on {executor.description}")
        report = assess(scenario, schedule, samples, executor, seed=seed)
    table = _table(f"Go-live risk over {samples} samples (seed {seed})")
    for column in ("project", "planned", "P50", "P80", "deadline", "P(miss)"):
        table.add_column(column, justify="left" if column == "project" else "right")
    for project in report.projects:
        miss = project.miss_probability
        table.add_row(
            project.project,
            f"{project.planned_date} ({project.planned})",
            f"{project.p50_date} ({project.p50})",
            f"{project.p80_date} ({project.p80})",
            str(project.deadline or ""),
            "" if miss is None else Text(f"{miss:.0%}", style="red" if miss >= 0.2 else ""),
        )
    console.print(table)
    if out is not None:
        write_atomic(out, json.dumps(report.as_json(), indent=2))
        console.print(f"wrote {out}")


def _with_refresh_work(scenario: Scenario) -> Scenario:
    """A replanned schedule holds the incidents' refresh work as projects: add them."""
    if not scenario.incidents:
        return scenario
    from zenplan.scheduler.replan import with_incidents

    return with_incidents(scenario)


# --------------------------------------------------------------------------- frontier


def frontier(
    scenario_path: Annotated[Path, typer.Argument(help="The scenario.")],
    budgets: Annotated[
        str | None,
        typer.Option(help="Total budgets, comma-separated: 1M,1.5M,2M (k, M, G suffixes)."),
    ] = None,
    points: Annotated[
        int | None,
        typer.Option(help="Budgets evenly spaced up to the unconstrained plan's cost (10)."),
    ] = None,
    out: Annotated[Path, typer.Option(help="Directory for the results.")] = Path("frontier"),
    ray: RayOption = None,
    local: LocalOption = None,
    time_limit: TimeLimitOption = 30.0,
    workers: WorkersOption = 1,
    seed: SeedOption = 0,
) -> None:
    """The efficient frontier: the best checked schedule at each total budget, solved as a
    batch; writes frontier.csv, frontier.json, frontier.html and each point's schedule."""
    from zenplan.charts.frontier import frontier_chart
    from zenplan.models.loading import read_document
    from zenplan.studies.frontier import parse_budgets, run_frontier

    if budgets is not None and points is not None:
        fail("give either --budgets or --points, not both")
    with user_errors():
        document = read_document(scenario_path)
        amounts = parse_budgets(budgets) if budgets is not None else None
        parse_scenario(document, str(scenario_path))
        options = SolveOptions(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=0.001,
            deterministic=True,
        )
    started = perf_counter()
    with _executor(ray, local, workers) as executor:
        console.print(f"frontier of {scenario_path} on {executor.description}")
        with user_errors():
            result = run_frontier(
                document,
                options,
                executor,
                amounts,
                points or 10,
                _frontier_progress,
                str(scenario_path),
            )
    seconds = perf_counter() - started
    for point, schedule in zip(result.points, result.schedules, strict=True):
        if schedule is not None:
            name = f"budget-{point.budget:.0f}.json"
            write_atomic(out / "schedules" / name, schedule.model_dump_json(indent=2))
    rows = result.rows()
    write_atomic(out / "frontier.csv", result.csv())
    write_atomic(out / "frontier.json", json.dumps(rows, indent=2))
    figure = frontier_chart(rows, f"Efficient frontier of {result.scenario}")
    write_atomic(out / "frontier.html", figure.to_html(include_plotlyjs=True, full_html=True))
    console.print(frontier_table(rows))
    checked = sum(1 for p in result.points if p.objective is not None and p.violations == 0)
    console.print(
        f"{len(rows)} points in {seconds:.1f}s; {checked} plans pass zenplan check; wrote "
        f"{out / 'frontier.csv'}, {out / 'frontier.json'}, {out / 'frontier.html'}"
    )
    if checked < len(rows):
        raise typer.Exit(1)


def _frontier_progress(result: BatchResult) -> None:
    state = result.schedule.status if result.schedule is not None else "error"
    console.print(Text(f"  {result.name}: {state} in {result.seconds:.1f}s"))


def frontier_table(rows: Sequence[dict[str, Any]]) -> Table:
    table = _table("Efficient frontier")
    for column in ("budget", "value", "cost", "ROI", "obj.", "proj."):
        table.add_column(column, justify="right")
    table.add_column("enter / leave", overflow="fold")
    for row in rows:
        moves = [f"+{p}" for p in str(row["entering"]).split()]
        moves += [f"-{p}" for p in str(row["leaving"]).split()]
        if row.get("error") or row.get("objective") is None:
            moves = [str(row.get("error") or row["status"])]
        table.add_row(
            _money(row["budget"]),
            _money(row.get("value")),
            _money(row.get("cost")),
            _number(row.get("roi"), "{:.2f}"),
            _money(row.get("objective")),
            str(len(str(row["selected"]).split())),
            " ".join(moves),
        )
    return table
