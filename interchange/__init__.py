"""A plan in the tools people already use: Excel, CSV, calendars, MS Project, Kueue.

``files(scenario, schedule, format)`` makes every file of an export in memory (so a failure
writes nothing); ``export`` writes them; ``download`` packs them as one HTTP download.

| format | what                                                                 |
| ------ | -------------------------------------------------------------------- |
| xlsx   | one workbook: projects, phases, assignments, loads, kpis sheets      |
| csv    | projects.csv, phases.csv, assignments.csv, loads.csv, kpis.csv       |
| ics    | people/<id>.ics and projects/<id>.ics iCalendar feeds                |
| mspdi  | MS Project XML (needs the msproject extra and Java)                  |
| kueue  | <first day>.yaml Kueue quota manifests per window, reservations.csv |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, get_args

from zenplan.models import Scenario, Schedule
from zenplan.models.files import write_atomic

Format = Literal["xlsx", "csv", "ics", "mspdi", "kueue"]
FORMATS: tuple[str, ...] = get_args(Format)
SUFFIXES = {".xlsx": "xlsx", ".xml": "mspdi", ".csv": "csv", ".ics": "ics", ".yaml": "kueue"}
SINGLE_FILE = {"xlsx": "plan.xlsx", "mspdi": "plan.xml"}

MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "mspdi": "application/xml",
    "ics": "text/calendar",
    "kueue": "application/yaml",
    "csv": "text/csv",
    "zip": "application/zip",
}


def files(scenario: Scenario, schedule: Schedule, format: str) -> dict[str, bytes]:
    """Relative file name -> content of every file the export holds."""
    if format == "xlsx":
        from zenplan.interchange.workbook import workbook_bytes

        return {SINGLE_FILE["xlsx"]: workbook_bytes(scenario, schedule)}
    if format == "csv":
        from zenplan.interchange.workbook import csv_files

        return {n: text.encode("utf-8") for n, text in csv_files(scenario, schedule).items()}
    if format == "ics":
        from zenplan.interchange.ical import calendars

        return calendars(scenario, schedule)
    if format == "mspdi":
        from zenplan.interchange.msproject import mspdi_bytes

        return {SINGLE_FILE["mspdi"]: mspdi_bytes(scenario, schedule)}
    if format == "kueue":
        from zenplan.interchange.kueue import kueue_files

        return {n: text.encode("utf-8") for n, text in kueue_files(scenario, schedule).items()}
    raise ValueError(f"format: {format!r} is not one of {', '.join(FORMATS)}")


def format_of(path: Path, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise ValueError(f"format: {format!r} is not one of {', '.join(FORMATS)}")
        return format
    guessed = SUFFIXES.get(path.suffix.lower())
    if guessed is None:
        raise ValueError(f"format: cannot tell it from {path.name!r}; give one of {FORMATS}")
    return guessed


def export(
    scenario: Scenario, schedule: Schedule, path: Path, format: str | None = None
) -> list[Path]:
    """Write the export: xlsx and mspdi to the file ``path`` (or ``path``/plan.xlsx when it
    is a folder), the other formats as files in the folder ``path``. Returns the files."""
    chosen = format_of(path, format)
    made = files(scenario, schedule, chosen)
    if chosen in SINGLE_FILE:
        target = path / SINGLE_FILE[chosen] if path.is_dir() else path
        return [write_atomic(target, made[SINGLE_FILE[chosen]])]
    if path.exists() and not path.is_dir():
        raise ValueError(f"out: {path} is a file; the {chosen} export is a folder of files")
    return [write_atomic(path / name, content) for name, content in made.items()]


@dataclass(frozen=True)
class Download:
    filename: str
    media_type: str
    content: bytes


def download(
    scenario: Scenario,
    schedule: Schedule,
    format: str,
    person: str | None = None,
    project: str | None = None,
    at: date | None = None,
) -> Download:
    """One file to send over HTTP: the workbook or MSPDI file, one calendar feed (of
    ``person`` or ``project``), the Kueue manifests in force on ``at``, or else a zip
    of the export's files."""
    stem = "plan-" + re.sub(r"[^A-Za-z0-9_.-]+", "_", schedule.scenario).strip("_")
    if format == "ics" and (person or project):
        from zenplan.interchange.ical import person_calendar, project_calendar

        if person:
            return Download(
                f"{person}.ics", MEDIA_TYPES["ics"], person_calendar(scenario, schedule, person)
            )
        assert project is not None
        feed = project_calendar(scenario, schedule, project)
        return Download(f"{project}.ics", MEDIA_TYPES["ics"], feed)
    if format == "kueue" and at is not None:
        from zenplan.interchange.kueue import kueue_at

        text = kueue_at(scenario, schedule, at)
        return Download(f"kueue-{at.isoformat()}.yaml", MEDIA_TYPES["kueue"], text.encode())
    made = files(scenario, schedule, format)
    if format in SINGLE_FILE:
        suffix = Path(SINGLE_FILE[format]).suffix
        return Download(f"{stem}{suffix}", MEDIA_TYPES[format], made[SINGLE_FILE[format]])
    from zenplan.interchange.workbook import zip_bytes

    return Download(f"{stem}-{format}.zip", MEDIA_TYPES["zip"], zip_bytes(made))


__all__ = [
    "FORMATS",
    "MEDIA_TYPES",
    "SINGLE_FILE",
    "Download",
    "Format",
    "download",
    "export",
    "files",
]
