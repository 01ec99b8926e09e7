"""`zenplan export`: a plan as Excel, CSV, iCalendar, MS Project XML or Kueue quotas."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from zenplan.api.cli_common import console, fail, user_errors
from zenplan.models import load_scenario, load_schedule


def export(
    schedule_path: Annotated[Path, typer.Argument(help="Schedule JSON, e.g. schedule.json.")],
    scenario_path: Annotated[
        Path, typer.Option("--scenario", help="The scenario the schedule plans.")
    ],
    format: Annotated[
        str, typer.Option("--format", "-f", help="xlsx, csv, ics, mspdi or kueue.")
    ] = "xlsx",
    out: Annotated[
        Path | None,
        typer.Option(
            help="File for xlsx/mspdi (default plan.xlsx, plan.xml); folder for csv, ics "
            "and kueue (default: a folder named after the format)."
        ),
    ] = None,
) -> None:
    """Export a plan: Excel workbook, CSV files, calendar feeds per person and project,
    MS Project XML, or Kueue quota manifests and GPU reservations."""
    from zenplan.interchange import FORMATS, SINGLE_FILE
    from zenplan.interchange import export as write_export
    from zenplan.interchange.msproject import JavaMissing

    if format not in FORMATS:
        fail(f"--format: {format!r} is not one of {', '.join(FORMATS)}")
    with user_errors():
        scenario = load_scenario(scenario_path)
        schedule = load_schedule(schedule_path)
        target = out or Path(SINGLE_FILE.get(format, format))
        try:
            written = write_export(scenario, schedule, target, format)
        except JavaMissing as error:
            fail(str(error))
    where = written[0] if len(written) == 1 else f"{len(written)} files in {target}"
    console.print(f"wrote {where}")


def register(app: typer.Typer) -> None:
    app.command()(export)
