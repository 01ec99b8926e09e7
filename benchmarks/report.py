"""Markdown summary of benchmark CSV files, for BENCHMARKS.md.

    python -m zenplan.benchmarks.report bench-psplib-j30.csv bench-mplib.csv ...
    python -m zenplan.benchmarks.report new/*.csv --pyjobshop-from old/*.csv


One row per set (MSPSP subsets apart), from the CSV files ``zenplan bench`` writes: instances,
zenplan's mean gap to the best-known and proofs, PyJobShop's (when the run had it), the mean
ratio of the makespans and the instances zenplan wins, ties and loses.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from zenplan.benchmarks.runner import BenchRow, Summary, makespan_ratio, summarize


def read_csv(path: Path) -> list[BenchRow]:
    """The rows of a CSV written by ``runner.write_csv``."""
    types = {f.name: str(f.type) for f in fields(BenchRow)}
    rows = []
    with path.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            values: dict[str, Any] = {}
            for name, text in record.items():
                values[name] = _value(types[name], text)
            rows.append(BenchRow(**values))
    return rows


def with_pyjobshop_from(rows: list[BenchRow], earlier: list[BenchRow]) -> list[BenchRow]:
    """The rows with PyJobShop's columns taken from an earlier run of the same instances
    (for a zenplan-only run); a row that has its own PyJobShop result keeps it."""
    theirs = {(row.set, row.instance): row for row in earlier if row.pyjobshop_status}
    columns = [f.name for f in fields(BenchRow) if f.name.startswith("pyjobshop")]
    merged = []
    for row in rows:
        other = theirs.get((row.set, row.instance))
        if row.pyjobshop_status or other is None:
            merged.append(row)
            continue
        taken = replace(row, **{name: getattr(other, name) for name in columns})
        taken.ratio = makespan_ratio(taken.ours, taken.pyjobshop)
        merged.append(taken)
    return merged


def _value(kind: str, text: str) -> Any:
    if text == "":
        return None if "None" in kind else ("" if kind == "str" else None)
    if kind.startswith("bool"):
        return text == "True"
    if kind.startswith("int"):
        return int(text)
    if kind.startswith("float"):
        return float(text)
    return text


def cell(value: float | int | None, suffix: str = "") -> str:
    """A table cell: ``-`` for no value, a float with two decimals."""
    if value is None:
        return "-"
    return f"{value:.2f}{suffix}" if isinstance(value, float) else f"{value}{suffix}"


def markdown(summaries: list[Summary]) -> str:
    """The summaries as a markdown table."""
    lines = [
        "| set | instances | zenplan mean gap | zenplan optimal | PyJobShop mean gap "
        "| PyJobShop optimal | ratio | W/T/L | mean time s |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        wtl = "-" if s.wins is None else f"{s.wins}/{s.ties}/{s.losses}"
        ratio = "-" if s.mean_ratio is None else f"{s.mean_ratio:.3f}"
        lines.append(
            f"| {s.set} | {s.instances} | {cell(s.mean_gap_pct, '%')} "
            f"| {s.optimal} | {cell(s.pyjobshop_mean_gap_pct, '%')} "
            f"| {cell(s.pyjobshop_optimal)} | {ratio} | {wtl} | {s.mean_time_s:.1f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path, nargs="+")
    parser.add_argument(
        "--pyjobshop-from",
        type=Path,
        nargs="+",
        default=[],
        help="CSV files of an earlier run whose PyJobShop columns fill the rows without them.",
    )
    args = parser.parse_args(argv)
    rows = [row for path in args.csv for row in read_csv(path)]
    if args.pyjobshop_from:
        earlier = [row for path in args.pyjobshop_from for row in read_csv(path)]
        rows = with_pyjobshop_from(rows, earlier)
    print(markdown(summarize(rows)))


if __name__ == "__main__":
    main()
