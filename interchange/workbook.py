"""A plan as an Excel workbook (one formatted sheet per table) or as CSV files."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zenplan.interchange.tables import TABLES, columns_of, tables
from zenplan.models import Scenario, Schedule

HEADER_FILL = PatternFill("solid", fgColor="24364B")
HEADER_FONT = Font(bold=True, color="FFFFFF")
DATE_FORMAT = "yyyy-mm-dd"
SHARE_FORMAT = "0%"
MONEY_FORMAT = "#,##0"
MAX_WIDTH = 60


def _cell(value: Any) -> Any:
    """A value openpyxl writes as a typed cell (lists and None as text or empty)."""
    if isinstance(value, list | tuple | dict):
        return str(value)
    return value


def _sheet(sheet: Worksheet, columns: list[str], rows: list[dict[str, Any]]) -> None:
    """Header row bold on dark blue, frozen, with a filter; dates and numbers formatted;
    columns as wide as their text."""
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        sheet.append([_cell(row.get(column)) for column in columns])
    sheet.freeze_panes = "A2"
    if rows:
        sheet.auto_filter.ref = sheet.dimensions
    widths = [len(column) for column in columns]
    for cells in sheet.iter_rows(min_row=2):
        for index, cell in enumerate(cells):
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
                widths[index] = max(widths[index], 10)
            elif columns[index] == "value" and isinstance(cell.value, float):
                cell.number_format = MONEY_FORMAT
            widths[index] = max(widths[index], len(str(cell.value or "")))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)


def workbook_bytes(scenario: Scenario, schedule: Schedule) -> bytes:
    """The plan as an .xlsx workbook: sheets projects, phases, assignments, loads, kpis."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in tables(scenario, schedule).items():
        _sheet(book.create_sheet(name), columns_of(name), rows)
    book.properties.title = f"{scenario.name}: plan"
    book.properties.creator = "zenplan"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def csv_files(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """File name -> CSV text, one file per table (projects.csv, phases.csv, ...)."""
    return {
        f"{name}.csv": csv_text(columns_of(name), rows)
        for name, rows in tables(scenario, schedule).items()
    }


def zip_bytes(files: Mapping[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


__all__ = ["TABLES", "csv_files", "csv_text", "workbook_bytes", "zip_bytes"]
