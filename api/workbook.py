"""Scenarios from a CSV or Excel workbook: one sheet (or CSV file) per kind of row.

The layout (documented in docs/api.md) keeps one value per cell; lists are separated by
``;`` and small structures use a short text form:

- ``requires``: ``skill:level`` or ``skill:levelxcount``, e.g. ``data_science:3x2``;
- ``gpus``: ``pool:count``, or ``pool|other_pool:count`` to let the solver pick the pool;
- ``skills``: ``skill:level``; ``unavailable``: ``from..to`` dates;
- ``capacity_changes``: ``date:capacity``.

Every mistake is reported with the sheet, the spreadsheet row (the header is row 1) and
the column, as ``workbook.<sheet>[<row>].<column>``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from zenplan.models import InputError, Problem

if TYPE_CHECKING:
    import pandas as pd

SHEETS: dict[str, tuple[str, ...]] = {
    "scenario": ("key", "value"),
    "projects": (
        "id",
        "name",
        "sponsor",
        "value",
        "priority",
        "status",
        "release",
        "deadline",
        "deadline_hard",
        "size",
        "datasets",
        "ethics",
    ),
    "phases": (
        "project",
        "id",
        "name",
        "duration",
        "requires",
        "gpus",
        "after",
        "gated_by_approval",
    ),
    "staff": ("id", "name", "skills", "cost_per_period", "unavailable"),
    "gpu_pools": ("id", "name", "capacity", "cost_per_gpu_period", "capacity_changes"),
    "datasets": ("id", "name", "available", "acquisition_duration", "acquisition_requires"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "scenario": ("key",),
    "projects": ("id",),
    "phases": ("project", "id", "duration"),
    "staff": ("id",),
    "gpu_pools": ("id", "capacity"),
    "datasets": ("id",),
}
SCENARIO_KEYS = ("name", "description", "start", "period", "horizon")
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")

_REQUIREMENT = re.compile(r"^(?P<skill>[^:]+)(?::(?P<level>\d+)(?:[x*](?P<count>\d+))?)?$")
_PAIR = re.compile(r"^(?P<key>.+):(?P<value>[^:]+)$")


class CellError(ValueError):
    """A cell's text cannot be read as what its column holds."""


@dataclass
class Workbook:
    """The sheets found, as rows of column -> cell text (empty cells left out)."""

    sheets: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


# --------------------------------------------------------------------------- cells


def _text(cell: str) -> str:
    return cell


def _number(cell: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise CellError("expected a number") from None


def _integer(cell: str) -> int:
    number = _number(cell)
    if not number.is_integer():
        raise CellError("expected a whole number")
    return int(number)


def _boolean(cell: str) -> bool:
    lowered = cell.strip().lower()
    if lowered in ("true", "yes", "y", "1", "1.0", "x"):
        return True
    if lowered in ("false", "no", "n", "0", "0.0", ""):
        return False
    raise CellError("expected true or false")


def _date(cell: str) -> str:
    text = cell.strip()[:10]  # Excel dates arrive as "2027-01-04 00:00:00"
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise CellError("expected a date like 2027-01-04") from None


def _items(cell: str) -> list[str]:
    return [item.strip() for item in cell.split(";") if item.strip()]


def _list(cell: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,]", cell) if item.strip()]


def _requirements(cell: str) -> list[dict[str, Any]]:
    requirements = []
    for item in _items(cell):
        match = _REQUIREMENT.match(item)
        if match is None:
            raise CellError(f"expected skill:level or skill:levelxcount, got {item!r}")
        requirement: dict[str, Any] = {"skill": match["skill"].strip()}
        if match["level"]:
            requirement["level"] = int(match["level"])
        if match["count"]:
            requirement["count"] = int(match["count"])
        requirements.append(requirement)
    return requirements


def _pairs(cell: str, what: str) -> list[tuple[str, str]]:
    pairs = []
    for item in _items(cell):
        match = _PAIR.match(item)
        if match is None:
            raise CellError(f"expected {what}, got {item!r}")
        pairs.append((match["key"].strip(), match["value"].strip()))
    return pairs


def _gpus(cell: str) -> list[dict[str, Any]]:
    demands = []
    for pools, count in _pairs(cell, "pool:count"):
        names = [p.strip() for p in pools.split("|") if p.strip()]
        demands.append({"pool": names[0] if len(names) == 1 else names, "count": _integer(count)})
    return demands


def _skills(cell: str) -> dict[str, int]:
    return {skill: _integer(level) for skill, level in _pairs(cell, "skill:level")}


def _ranges(cell: str) -> list[dict[str, str]]:
    ranges = []
    for item in _items(cell):
        first, sep, last = item.partition("..")
        if not sep:
            raise CellError(f"expected from..to dates, got {item!r}")
        ranges.append({"from": _date(first), "to": _date(last)})
    return ranges


def _capacity_changes(cell: str) -> list[dict[str, Any]]:
    return [
        {"from": _date(day), "capacity": _integer(capacity)}
        for day, capacity in _pairs(cell, "date:capacity")
    ]


Reader = Callable[[str], Any]
READERS: dict[str, dict[str, Reader]] = {
    "projects": {
        "value": _number,
        "release": _date,
        "deadline": _date,
        "deadline_hard": _boolean,
        "datasets": _list,
    },
    "phases": {
        "duration": _integer,
        "requires": _requirements,
        "gpus": _gpus,
        "after": _list,
        "gated_by_approval": _boolean,
    },
    "staff": {"skills": _skills, "cost_per_period": _number, "unavailable": _ranges},
    "gpu_pools": {
        "capacity": _integer,
        "cost_per_gpu_period": _number,
        "capacity_changes": _capacity_changes,
    },
    "datasets": {
        "available": _boolean,
        "acquisition_duration": _integer,
        "acquisition_requires": _requirements,
    },
}


# --------------------------------------------------------------------------- reading files


def _frames(filename: str, content: bytes) -> dict[str, pd.DataFrame]:
    """Sheet name -> table of cell texts; a CSV file is the sheet its file name says."""
    import pandas as pd  # only here: it is slow to import and the server starts without it

    suffix = PurePath(filename).suffix.lower()
    buffer = io.BytesIO(content)
    if suffix in EXCEL_SUFFIXES:
        frames = pd.read_excel(buffer, sheet_name=None, dtype=str, keep_default_na=False)
        return {str(name).strip().lower(): frame for name, frame in frames.items()}
    if suffix == ".csv":
        frame = pd.read_csv(buffer, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return {PurePath(filename).stem.strip().lower(): frame}
    raise CellError(f"expected .csv or an Excel workbook ({', '.join(EXCEL_SUFFIXES)})")


def read_files(files: list[tuple[str, bytes]]) -> Workbook:
    """Read uploaded files (one Excel workbook, or CSV files named after the sheets)."""
    workbook = Workbook()
    for filename, content in files:
        try:
            frames = _frames(filename, content)
        except CellError as error:
            workbook.problems.append(Problem(("workbook", filename), str(error), filename))
            continue
        except Exception as error:  # pandas and openpyxl raise many kinds on a bad file
            message = f"cannot read the file: {error}"
            workbook.problems.append(Problem(("workbook", filename), message, filename))
            continue
        _add_frames(workbook, frames)
    return workbook


def read_frames(frames: Mapping[str, pd.DataFrame]) -> Workbook:
    """Read pandas DataFrames named after the sheets (``projects``, ``phases``, ...). Cells
    may be typed: numbers, dates, lists (``a; b``) and skill dictionaries are written out as
    the workbook's text forms."""
    workbook = Workbook()
    unknown = [name for name in frames if name.strip().lower() not in SHEETS]
    for name in unknown:
        message = f"unknown table; the tables are {', '.join(SHEETS)}"
        workbook.problems.append(Problem(("workbook", name), message, name))
    texts = {name.strip().lower(): frame.map(_cell_text) for name, frame in frames.items()}
    _add_frames(workbook, texts)
    return workbook


def _cell_text(value: Any) -> str:
    """A typed cell as the text a workbook cell would hold (empty for missing values)."""
    if isinstance(value, dict):
        return "; ".join(f"{key}:{item}" for key, item in value.items())
    if isinstance(value, list | tuple | set):
        return "; ".join(_cell_text(item) for item in value)
    import pandas as pd

    if pd.isna(value):  # None, NaN, NaT
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _add_frames(workbook: Workbook, frames: Mapping[str, pd.DataFrame]) -> None:
    for sheet, frame in frames.items():
        if sheet not in SHEETS:
            continue  # other sheets (notes, pivot tables) are left alone
        _add_sheet(workbook, sheet, frame)


def _add_sheet(workbook: Workbook, sheet: str, frame: pd.DataFrame) -> None:
    columns = [str(column).strip().lower() for column in frame.columns]
    for column in columns:
        if column not in SHEETS[sheet] and not column.startswith("unnamed"):
            known = ", ".join(SHEETS[sheet])
            message = f"unknown column {column!r}; the columns are {known}"
            workbook.problems.append(Problem(("workbook", sheet), message, column))
    for column in REQUIRED[sheet]:
        if column not in columns:
            message = f"missing column {column!r}"
            workbook.problems.append(Problem(("workbook", sheet), message, None))
    rows = workbook.sheets.setdefault(sheet, [])
    for values in frame.itertuples(index=False, name=None):
        row = {
            column: str(value).strip()
            for column, value in zip(columns, values, strict=True)
            if column in SHEETS[sheet] and str(value).strip()
        }
        rows.append(row)


# --------------------------------------------------------------------------- to a document


def _typed(workbook: Workbook, sheet: str, index: int, row: dict[str, str]) -> dict[str, Any]:
    """The row's cells read as their columns say; mistakes go to ``workbook.problems``."""
    typed: dict[str, Any] = {}
    readers = READERS.get(sheet, {})
    for column, cell in row.items():
        try:
            typed[column] = readers.get(column, _text)(cell)
        except CellError as error:
            loc = ("workbook", sheet, index + 2, column)
            workbook.problems.append(Problem(loc, str(error), cell))
    for column in REQUIRED[sheet]:
        if column not in row:
            loc = ("workbook", sheet, index + 2, column)
            workbook.problems.append(Problem(loc, "this cell is required", None))
    return typed


def _rows(workbook: Workbook, sheet: str) -> list[dict[str, Any]]:
    return [_typed(workbook, sheet, i, row) for i, row in enumerate(workbook.sheets.get(sheet, []))]


def _dataset(row: dict[str, Any]) -> dict[str, Any]:
    duration = row.pop("acquisition_duration", None)
    requires = row.pop("acquisition_requires", None)
    if duration is not None or requires is not None:
        row["acquisition"] = {"duration": duration, "requires": requires or []}
    return row


def _header(workbook: Workbook, overrides: dict[str, Any]) -> dict[str, Any]:
    """Name and calendar: the ``scenario`` sheet's key/value rows, then the form's fields."""
    values: dict[str, Any] = {}
    for index, row in enumerate(workbook.sheets.get("scenario", [])):
        key = row.get("key", "").lower()
        if key not in SCENARIO_KEYS:
            loc = ("workbook", "scenario", index + 2, "key")
            message = f"unknown key; the keys are {', '.join(SCENARIO_KEYS)}"
            workbook.problems.append(Problem(loc, message, key))
            continue
        values[key] = row.get("value", "")
    values.update({key: value for key, value in overrides.items() if value not in (None, "")})
    header: dict[str, Any] = {"name": values.get("name") or "imported workbook"}
    if values.get("description"):
        header["description"] = values["description"]
    calendar: dict[str, Any] = {"start": values.get("start")}
    if values.get("period"):
        calendar["period"] = values["period"]
    if values.get("horizon") not in (None, ""):
        calendar["horizon"] = values["horizon"]
    header["calendar"] = calendar
    return header


def to_document(workbook: Workbook, overrides: dict[str, Any]) -> dict[str, Any]:
    """The scenario document the workbook describes (raise ``InputError`` on mistakes)."""
    if "projects" not in workbook.sheets and not workbook.problems:
        workbook.problems.append(
            Problem(("workbook",), "no 'projects' sheet (or projects.csv) found", None)
        )
    document = _header(workbook, overrides)
    projects = _rows(workbook, "projects")
    phases = _rows(workbook, "phases")
    for project in projects:
        project["phases"] = [
            {k: v for k, v in phase.items() if k != "project"}
            for phase in phases
            if phase.get("project") == project.get("id")
        ]
    known = {project.get("id") for project in projects}
    for index, phase in enumerate(phases):
        if "project" in phase and phase["project"] not in known:
            loc = ("workbook", "phases", index + 2, "project")
            workbook.problems.append(Problem(loc, "no project with this id", phase["project"]))
    document["staff"] = _rows(workbook, "staff")
    document["gpu_pools"] = _rows(workbook, "gpu_pools")
    document["datasets"] = [_dataset(row) for row in _rows(workbook, "datasets")]
    sponsors = sorted({p["sponsor"] for p in projects if p.get("sponsor")})
    document["sponsors"] = [{"id": sponsor} for sponsor in sponsors]
    document["projects"] = projects
    if workbook.problems:
        raise InputError("workbook", workbook.problems)
    return document
