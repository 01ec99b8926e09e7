"""The markdown summary of benchmark CSV files reads back exactly what the runner wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from zenplan.benchmarks.report import main, markdown, read_csv, with_pyjobshop_from
from zenplan.benchmarks.runner import BenchRow, summarize, write_csv


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


def test_an_engine_only_run_takes_pyjobshop_from_an_earlier_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    earlier = [
        BenchRow("mplib", "a", 100, False, 101, 1.0, False, "feasible", 0, 30.0, 99, -1.0,
                 False, "Feasible", 30.2, 1.0202),
        BenchRow("mplib", "b", 50, True, 50, 0.0, True, "optimal", 0, 1.5),  # no PyJobShop
    ]  # fmt: skip
    now = [
        BenchRow("mplib", "a", 100, False, 98, -2.0, False, "feasible", 0, 30.1),
        BenchRow("mplib", "b", 50, True, 50, 0.0, True, "optimal", 0, 1.2),
        BenchRow("mplib", "c", 70, True, 70, 0.0, True, "optimal", 0, 1.0),  # not run before
    ]  # fmt: skip
    old_path, new_path = tmp_path / "old.csv", tmp_path / "new.csv"
    write_csv(earlier, old_path)
    write_csv(now, new_path)
    main([str(new_path), "--pyjobshop-from", str(old_path)])
    assert "| mplib | 3 | -0.67% | 2 | -1.00% | 0 | 0.990 | 1/0/0 |" in capsys.readouterr().out
    merged = with_pyjobshop_from(read_csv(new_path), read_csv(old_path))
    assert (merged[0].pyjobshop, merged[0].pyjobshop_gap_pct, merged[0].ratio) == (99, -1.0, 0.9899)
    assert merged[0].ours == 98 and merged[0].time_s == 30.1  # ours stays this run's
    assert merged[1].pyjobshop is None and merged[2].pyjobshop is None
