"""Batches: solve (or replan) many scenarios on an executor, each failing alone.

A task carries the scenario *document*, read by the caller, so a worker on a remote Ray
node needs no access to the caller's files. The worker validates, solves and returns the
schedule; a scenario with mistakes returns its error (the field paths and values) and the
other tasks go on. ``write_results`` writes each schedule and a KPI summary per scenario.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from time import perf_counter
from typing import Any

from zenplan.models import InputError, Schedule, load_schedule, parse_scenario
from zenplan.models.files import write_atomic
from zenplan.models.loading import read_document
from zenplan.models.schedule import PLANNED, SUMMARY_KPIS
from zenplan.models.schedule import summary_row as schedule_row
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.solve import solve
from zenplan.studies.executors import Executor


@dataclass(frozen=True)
class BatchTask:
    """One scenario of a batch: a name (its result directory), where it came from, its
    document, and for a replan the baseline schedule and the date to replan from.

    ``problem`` is set when the task cannot run at all (a file that does not parse, a
    missing baseline): it then fails with that message without taking a worker.
    """

    name: str
    source: str
    document: Any
    options: SolveOptions
    baseline: Schedule | None = None
    now: date | None = None
    problem: str | None = None
    # a plan to start from (a what-if's baseline plan), kept when it is valid and best
    start: Schedule | None = None

    @property
    def replan(self) -> bool:
        return self.now is not None


@dataclass(frozen=True)
class BatchResult:
    """What one task gave: the schedule, or the error that stopped it, and its seconds."""

    name: str
    source: str
    schedule: Schedule | None = None
    error: str | None = None
    seconds: float = 0.0
    diff: dict[str, Any] | None = field(default=None, compare=False)

    @property
    def planned(self) -> bool:
        """A plan came out (not an error, not infeasible)."""
        return self.schedule is not None and self.schedule.status in PLANNED


def unique_names(stems: Sequence[str]) -> list[str]:
    """Directory-safe names, one per stem, numbered when two stems are the same."""
    names: list[str] = []
    seen: set[str] = set()
    for stem in stems:
        base = re.sub(r"[^A-Za-z0-9_.=+,-]+", "_", stem).strip("._") or "scenario"
        name, count = base, 1
        while name in seen:
            count += 1
            name = f"{base}-{count}"
        seen.add(name)
        names.append(name)
    return names


def read_tasks(
    paths: Sequence[Path],
    options: SolveOptions,
    baseline_dir: Path | None = None,
    now: date | None = None,
) -> list[BatchTask]:
    """A task per scenario file. With ``now``, each is a replan from the baseline at
    ``baseline_dir/<file stem>.json``; a file or baseline that cannot be read fails alone."""
    if now is not None and baseline_dir is None:
        raise ValueError("a replan batch needs the directory of its baselines")
    tasks: list[BatchTask] = []
    for name, path in zip(unique_names([p.stem for p in paths]), paths, strict=True):
        task = BatchTask(name, str(path), None, options, now=now)
        try:
            task = replace(task, document=read_document(path))
            if baseline_dir is not None and now is not None:
                task = replace(task, baseline=load_schedule(baseline_dir / f"{path.stem}.json"))
        except InputError as error:
            task = replace(task, problem=str(error))
        tasks.append(task)
    return tasks


def run_task(task: BatchTask) -> BatchResult:
    """Validate and solve (or replan) one scenario; any mistake becomes the result's error.

    Runs in a worker process or a Ray task, so it returns rather than raises.
    """
    started = perf_counter()

    def failed(message: str) -> BatchResult:
        message = _named(task.source, message)
        return BatchResult(task.name, task.source, error=message, seconds=_since(started))

    if task.problem is not None:
        return failed(task.problem)
    try:
        scenario = parse_scenario(task.document, task.source)
        if task.now is None:
            schedule = solve(scenario, task.options, start=task.start)
            return BatchResult(task.name, task.source, schedule, seconds=_since(started))
        from zenplan.scheduler.replan import replan

        assert task.baseline is not None, "a replan task needs a baseline"
        result = replan(scenario, task.baseline, task.now, task.options)
        changes = result.diff.model_dump(mode="json")
        changes["moved_share"] = round(result.diff.moved_share, 4)
        return BatchResult(
            task.name, task.source, result.schedule, seconds=_since(started), diff=changes
        )
    except (InputError, ValueError) as error:
        return failed(str(error))
    except Exception as error:  # a bug must not take the rest of the batch down
        return failed(f"internal error: {type(error).__name__}: {error}")


def _named(source: str, message: str) -> str:
    """An error message that says which scenario it is about."""
    return message if message.startswith(source) else f"{source}: {message}"


def _since(started: float) -> float:
    return round(perf_counter() - started, 3)


def run_batch(
    tasks: Sequence[BatchTask],
    executor: Executor,
    on_done: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Run every task on ``executor`` (each asking for its CP-SAT workers in CPUs); the
    results come back in the tasks' order, ``on_done`` hears of each as it finishes."""
    results: list[BatchResult | None] = [None] * len(tasks)

    def finish(index: int, result: BatchResult) -> None:
        results[index] = result
        if on_done is not None:
            on_done(result)

    runnable = [i for i, task in enumerate(tasks) if task.problem is None]
    for index, task in enumerate(tasks):
        if task.problem is not None:
            finish(index, run_task(task))
    cpus = max((tasks[i].options.workers for i in runnable), default=1)
    for done in executor.run(run_task, [tasks[i] for i in runnable], cpus=cpus):
        index = runnable[done.index]
        task = tasks[index]
        if done.value is not None:
            finish(index, done.value)
        else:
            error = _named(task.source, done.error or "no result")
            finish(index, BatchResult(task.name, task.source, error=error))
    return [r for r in results if r is not None]


# --------------------------------------------------------------------------- summary

SUMMARY_COLUMNS = ("name", "status", "objective", *SUMMARY_KPIS, "seconds", "error")
REPLAN_COLUMNS = ("moved", "moved_share", "people_changed", "added", "dropped")


def summary_row(result: BatchResult) -> dict[str, Any]:
    """The KPIs of one result (blank where it has no plan), plus its diff after a replan."""
    row: dict[str, Any] = dict.fromkeys(SUMMARY_COLUMNS)
    row.update(schedule_row(result.schedule), name=result.name, seconds=result.seconds)
    row["error"] = result.error or row["error"]
    if result.diff is not None:
        row.update(
            moved=len(result.diff.get("moved", [])),
            moved_share=result.diff.get("moved_share"),
            people_changed=len(result.diff.get("staff_changed", [])),
            added=" ".join(result.diff.get("added", [])),
            dropped=" ".join(result.diff.get("dropped", [])),
        )
    return row


def summary_rows(results: Sequence[BatchResult]) -> list[dict[str, Any]]:
    rows = [summary_row(r) for r in results]
    if any(r.diff is not None for r in results):
        for row in rows:
            for column in REPLAN_COLUMNS:
                row.setdefault(column, None)
    return rows


def write_results(out: Path, results: Sequence[BatchResult]) -> list[Path]:
    """``out/<name>/schedule.json`` (and ``diff.json`` after a replan) per result with a
    schedule, and ``out/summary.csv`` / ``out/summary.json`` with a row per result."""
    written: list[Path] = []
    for result in results:
        if result.schedule is not None:
            text = result.schedule.model_dump_json(indent=2)
            written.append(write_atomic(out / result.name / "schedule.json", text))
        if result.diff is not None:
            text = json.dumps(result.diff, indent=2)
            written.append(write_atomic(out / result.name / "diff.json", text))
    rows = summary_rows(results)
    written.append(write_atomic(out / "summary.csv", _csv(rows)))
    written.append(write_atomic(out / "summary.json", json.dumps(rows, indent=2, default=str)))
    return written


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    columns = list(rows[0]) if rows else list(SUMMARY_COLUMNS)
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()
