"""`zenplan bench`: solve published instance sets, compare with best-knowns and PyJobShop."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from zenplan.benchmarks.runner import BenchRow

SET_HELP = (
    "psplib-j30, psplib-j60, psplib-j120, mplib, mspsp (set-2c + set-2a), "
    "mspsp-1a, mspsp-2a or mspsp-2c."
)


def _fail(message: str) -> typer.Exit:
    Console(stderr=True, soft_wrap=True).print(
        Text(f"error: {message}", style="bold red"), soft_wrap=True
    )
    return typer.Exit(2)


def _number(value: object, suffix: str = "") -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.2f}{suffix}"
    return f"{value}{suffix}"


def bench(
    set_name: Annotated[str, typer.Argument(metavar="SET", help=SET_HELP)],
    data: Annotated[
        Path,
        typer.Option(help="The benchdata folder (psplib/, mplib/, mspsp/) or the set's own."),
    ],
    time_limit: Annotated[float, typer.Option("--time-limit", help="Seconds per instance.")] = 30,
    workers: Annotated[int, typer.Option(help="CP-SAT workers, for both engines.", min=1)] = 2,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    sample: Annotated[
        int | None, typer.Option(help="Only K instances, spread evenly over the set.", min=1)
    ] = None,
    instances: Annotated[
        str | None, typer.Option(help="Comma-separated instance names (file stems).")
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every instance, not the fixed sample of issue 6.")
    ] = False,
    against: Annotated[
        str | None, typer.Option(help="Also solve each instance with: pyjobshop.")
    ] = None,
    strategy: Annotated[
        str, typer.Option(help="auto (makespan for published sets), makespan, full or lns.")
    ] = "auto",
    out: Annotated[
        Path | None, typer.Option(help="CSV file (default: bench-SET.csv here).")
    ] = None,
) -> None:
    """Solve published instances, check each plan, and compare with the best-known results."""
    try:
        from zenplan.benchmarks.runner import bench_set, run, select_instances, write_csv
    except ImportError as error:
        raise _fail(f"{error.name} is not installed: pip install 'zenplan[bench]'") from None
    from zenplan.scheduler import SolveOptions

    # Piped output (a CI log, a file) gets the whole table rather than 80 squeezed columns.
    console = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
    _check_options(against, strategy, data)
    try:
        chosen = bench_set(set_name)
        names = instances.split(",") if instances else None
        selected = select_instances(chosen, data, sample=sample, names=names, every=every)
        options = SolveOptions(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            relative_gap=0,
            strategy=strategy,  # type: ignore[arg-type]
        )
    except ValueError as error:
        raise _fail(str(error)) from None

    console.print(
        f"{chosen.name}: {len(selected)} instances, {time_limit:g} s, {workers} workers"
        + (f", against {against}" if against else "")
    )

    path = out or Path(f"bench-{chosen.name}.csv")
    done: list[BenchRow] = []

    def progress(row: BenchRow) -> None:
        # The CSV grows with every instance, so an interrupted long run keeps what it measured.
        done.append(row)
        write_csv(done, path)
        theirs = f"  pyjobshop {_number(row.pyjobshop)}" if against else ""
        console.print(
            f"  {row.instance}: ours {_number(row.ours)} ({row.status}, {row.time_s:.1f} s)"
            f"  best-known {_number(row.best_known)}{theirs}",
            highlight=False,
        )

    rows = run(chosen, selected, options, against, on_row=progress)
    console.print(rows_table(rows, against is not None))
    console.print(summary_table(rows))
    write_csv(rows, path)
    console.print(f"wrote {path}")
    invalid = [row.instance for row in rows if row.violations]
    if invalid:
        raise _fail(f"the checker rejected our plan of {', '.join(invalid)}")


def _check_options(against: str | None, strategy: str, data: Path) -> None:
    """The options no runner reads before the first instance: wrong ones stop here."""
    from zenplan.benchmarks.runner import AGAINST

    if against is not None and against not in AGAINST:
        raise _fail(f"--against must be one of {', '.join(AGAINST)}, got {against!r}")
    if strategy not in ("auto", "makespan", "full", "lns"):
        raise _fail(f"--strategy must be auto, makespan, full or lns, got {strategy!r}")
    if not data.is_dir():
        raise _fail(f"--data {data} is not a folder")
    if against == "pyjobshop":
        try:
            import pyjobshop  # noqa: F401
        except ImportError:
            raise _fail("PyJobShop is not installed: pip install 'zenplan[bench]'") from None


def rows_table(rows: Sequence[BenchRow], against: bool) -> Table:
    """One line per instance: ours, best-known, gap, proof, time (and PyJobShop's)."""
    table = Table(title="Instances", title_justify="left")
    columns = ["instance", "ours", "best-known", "gap %", "optimal", "time s"]
    if against:
        columns += ["PyJobShop", "gap %", "optimal", "time s", "ratio"]
    for column in columns:
        table.add_column(column, justify="left" if column == "instance" else "right")
    for row in rows:
        cells = [
            row.instance + ("" if row.violations == 0 else f" ({row.violations} violations)"),
            _number(row.ours) if row.ours is not None else row.status,
            _number(row.best_known) + ("*" if row.best_known_optimal else ""),
            _number(row.gap_pct),
            _number(row.proven_optimal),
            _number(row.time_s),
        ]
        if against:
            cells += [
                _number(row.pyjobshop),
                _number(row.pyjobshop_gap_pct),
                _number(row.pyjobshop_optimal),
                _number(row.pyjobshop_time_s),
                f"{row.ratio:.3f}" if row.ratio is not None else "-",
            ]
        table.add_row(*cells)
    table.caption = (
        "* best-known proven optimal; optimal: proven by this run; ratio: ours / PyJobShop's"
    )
    return table


def summary_table(rows: Sequence[BenchRow]) -> Table:
    """Per set: instances, valid plans, mean gap, proven optima (and PyJobShop's)."""
    from zenplan.benchmarks.runner import summarize

    summaries = summarize(list(rows))
    against = any(s.pyjobshop_solved is not None for s in summaries)
    table = Table(title="Summary", title_justify="left")
    columns = ["set", "instances", "solved", "mean gap %", "optimal", "best-known optimal"]
    columns += ["<= best-known", "mean s"]
    if against:
        columns += ["PyJobShop solved", "mean gap %", "optimal", "mean ratio", "W/T/L"]
    for column in columns:
        table.add_column(column, justify="left" if column == "set" else "right")
    for s in summaries:
        cells = [
            s.set,
            str(s.instances),
            f"{s.solved}" + (f" ({s.invalid} invalid)" if s.invalid else ""),
            _number(s.mean_gap_pct),
            str(s.optimal),
            str(s.best_known_optimal),
            str(s.at_or_below_best_known),
            _number(s.mean_time_s),
        ]
        if against:
            cells += [
                _number(s.pyjobshop_solved),
                _number(s.pyjobshop_mean_gap_pct),
                _number(s.pyjobshop_optimal),
                f"{s.mean_ratio:.3f}" if s.mean_ratio is not None else "-",
                f"{s.wins}/{s.ties}/{s.losses}",
            ]
        table.add_row(*cells)
    return table


def register(app: typer.Typer) -> None:
    """Add `bench` to the `zenplan` command."""
    app.command()(bench)
