"""The markdown summary of benchmark CSV files reads back exactly what the runner wrote."""

from __future__ import annotations

from pathlib import Path

from benchmarks.report import markdown, read_csv
from benchmarks.runner import BenchRow, summarize, write_csv


def test_csv_round_trip_and_summary_table(tmp_path: Path) -> None:
    rows = [
        BenchRow("mplib", "a", 100, False, 98, -2.0, False, "feasible", 0, 30.1, 99, -1.0,
                 False, "Feasible", 30.2, 0.9899),
        BenchRow("mplib", "b", 50, True, 50, 0.0, True, "optimal", 0, 1.5, 51, 2.0, False,
                 "Feasible", 30.0, 0.9804),
        BenchRow("psplib-j30", "j301_1", 43, True),
    ]  # fmt: skip
    path = tmp_path / "bench.csv"
    write_csv(rows, path)
    assert read_csv(path) == rows
    table = markdown(summarize(read_csv(path)))
    assert "| mplib | 2 | -1.00% | 1 | 0.50% | 0 | 0.985 | 2/0/0 | 15.8 |" in table
    assert "| psplib-j30 | 1 | - | 0 | - | - | - | - | 0.0 |" in table
