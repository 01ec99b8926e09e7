"""The benchmark runner and `zenplan bench`: the CI smoke (three j30 instances, a small MSPSP
instance and a synthetic MPLIB-format portfolio, seconds in all), instance selection, CSV."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zenplan.api.cli import app
from zenplan.benchmarks.runner import (
    BenchRow,
    bench_set,
    gap_pct,
    run,
    select_instances,
    summarize,
    write_csv,
)
from zenplan.scheduler import SolveOptions

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchdata"
# A solve stops at its proof (about a second here), so a generous limit costs nothing on an
# idle machine and keeps the proofs these tests ask for on a loaded one.
SMOKE = SolveOptions(time_limit=60, workers=2, relative_gap=0)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A benchdata folder in the published layout, made of the test fixtures."""
    root = tmp_path_factory.mktemp("benchdata")
    j30 = root / "psplib" / "j30"
    j30.mkdir(parents=True)
    lines = ["Par Inst Makespan"]
    with (FIXTURES / "psplib" / "optima.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            shutil.copy(FIXTURES / "psplib" / f"{row['instance']}.sm", j30)
            group, number = row["instance"].removeprefix("j30").split("_")
            lines.append(f"{group} {number} {row['makespan']}")
    (root / "psplib" / "j30opt.sm").write_text("\n".join(lines) + "\n")
    mspsp = root / "mspsp"
    (mspsp / "set-2c").mkdir(parents=True)
    (mspsp / "results" / "set-2c" / "results").mkdir(parents=True)
    for source in (FIXTURES / "mspsp").glob("*.dzn"):
        shutil.copy(source, mspsp / "set-2c")
    for source in (FIXTURES / "mspsp").glob("results_*.txt"):
        shutil.copy(source, mspsp / "results" / "set-2c" / "results")
    (root / "mplib" / "instances").mkdir(parents=True)
    shutil.copy(FIXTURES / "mplib" / "MPLIB_synthetic_0.txt", root / "mplib" / "instances")
    shutil.copy(FIXTURES / "mplib" / "bks.csv", root / "mplib")
    return root


def test_cli_smoke_three_j30_instances(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "j30.csv"
    result = CliRunner().invoke(
        app,
        ["bench", "psplib-j30", "--data", str(data), "--all", "--time-limit", "60",
         "--workers", "2", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Summary" in result.output
    with out.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["instance"] for r in rows] == ["j301_1", "j3010_1", "j3023_3"]
    for row in rows:
        assert row["ours"] == row["best_known"], row
        assert (row["gap_pct"], row["proven_optimal"], row["violations"]) == ("0.0", "True", "0")
        assert row["best_known_optimal"] == "True"
        assert row["pyjobshop"] == ""


@pytest.mark.parametrize("set_name", ["mspsp-2c", "mplib"])
def test_runner_solves_mspsp_and_mplib_to_the_best_known(data: Path, set_name: str) -> None:
    bench = bench_set(set_name)
    [row] = run(bench, select_instances(bench, data), SMOKE)
    assert row.valid and row.proven_optimal, row
    assert row.ours == row.best_known
    assert row.gap_pct == 0


def test_pyjobshop_runs_alongside_on_the_same_scenario(data: Path) -> None:
    pytest.importorskip("pyjobshop")
    bench = bench_set("mplib")
    [row] = run(bench, select_instances(bench, data), SMOKE, against="pyjobshop")
    assert (row.ours, row.pyjobshop, row.ratio) == (6, 6, 1.0)
    assert row.pyjobshop_optimal
    assert row.pyjobshop_time_s is not None


def test_fixed_sample_and_selection(data: Path) -> None:
    bench = bench_set("psplib-j30")
    # Instance 1 of every parameter group: j3023_3 is not in the fixed sample.
    assert [i.name for i in select_instances(bench, data)] == ["j301_1", "j3010_1"]
    assert len(select_instances(bench, data, every=True)) == 3
    assert [i.name for i in select_instances(bench, data, every=True, sample=2)] == [
        "j301_1",
        "j3023_3",
    ]
    chosen = select_instances(bench, data, names=["j3023_3.sm", "j301_1"])
    assert [(i.name, i.best_known) for i in chosen] == [("j3023_3", 46), ("j301_1", 43)]
    with pytest.raises(ValueError, match="no psplib-j30 instance named j309_9"):
        select_instances(bench, data, names=["j309_9"])
    with pytest.raises(ValueError, match="no psplib-j60 instances"):
        select_instances(bench_set("psplib-j60"), data)
    with pytest.raises(ValueError, match="unknown set 'j30'"):
        bench_set("j30")


@pytest.mark.skipif(not SHARED.is_dir(), reason="benchdata not on this machine")
@pytest.mark.parametrize(
    ("set_name", "size"),
    [
        ("psplib-j30", 48),  # instance 1 of groups 1-48
        ("psplib-j60", 24),  # instance 1 of the odd groups
        ("psplib-j120", 15),  # instance 1 of the odd groups 1-29
        ("mplib", 20),  # instances 0-19
        ("mspsp", 91 + 26),  # set-2c, and instance 0 of each of the 26 set-2a files
    ],
)
def test_fixed_samples_of_issue_6(set_name: str, size: int) -> None:
    chosen = select_instances(bench_set(set_name), SHARED)
    assert len(chosen) == size
    assert all(instance.best_known for instance in chosen)


def test_cli_refuses_bad_arguments(data: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(app, ["bench", "j30", "--data", str(data)])
    assert unknown.exit_code == 2
    assert "unknown set 'j30'" in unknown.output
    against = runner.invoke(app, ["bench", "mplib", "--data", str(data), "--against", "cplex"])
    assert against.exit_code == 2
    assert "--against must be one of pyjobshop" in against.output


def test_summary_and_csv(tmp_path: Path) -> None:
    rows = [
        BenchRow("mplib", "a", 100, False, ours=99, gap_pct=-1.0, status="feasible",
                 pyjobshop=101, pyjobshop_status="Feasible", ratio=0.9802),
        BenchRow("mplib", "b", 50, False, ours=52, gap_pct=4.0, status="feasible",
                 pyjobshop=51, pyjobshop_status="Feasible", ratio=1.0196),
        BenchRow("mplib", "c", 10, True, ours=10, gap_pct=0.0, proven_optimal=True,
                 status="optimal", pyjobshop=10, pyjobshop_status="Optimal", ratio=1.0,
                 pyjobshop_optimal=True),
        BenchRow("mplib", "d", 10, True, ours=9, violations=3, status="feasible",
                 pyjobshop_status="Time-limit"),
    ]  # fmt: skip
    [summary] = summarize(rows)
    assert (summary.instances, summary.solved, summary.invalid) == (4, 3, 1)
    assert summary.mean_gap_pct == 1.0
    assert (summary.optimal, summary.best_known_optimal, summary.at_or_below_best_known) == (
        1,
        2,
        2,
    )
    assert (summary.pyjobshop_solved, summary.pyjobshop_optimal) == (3, 1)
    assert (summary.wins, summary.ties, summary.losses) == (1, 1, 1)
    path = tmp_path / "rows.csv"
    write_csv(rows, path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("set,instance,best_known,best_known_optimal,ours,gap_pct,")
    assert len(lines) == 5


@pytest.mark.parametrize(
    ("makespan", "best", "expected"),
    [
        (105, 100, 5.0),
        (99, 100, -1.0),  # better than the best-known
        (None, 100, None),  # no plan
        (10, None, None),  # nothing published
    ],
)
def test_gap(makespan: int | None, best: int | None, expected: float | None) -> None:
    assert gap_pct(makespan, best) == expected


def test_a_pyjobshop_failure_is_recorded_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    from zenplan.benchmarks import pyjobshop_model
    from zenplan.benchmarks.runner import Instance, run_instance

    def broken(*_args: object) -> None:
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(pyjobshop_model, "solve_with_pyjobshop", broken)
    path = FIXTURES / "mplib" / "MPLIB_synthetic_0.txt"
    instance = Instance("mplib", "MPLIB_synthetic_0", path, 6, False, True)
    row = run_instance(bench_set("mplib"), instance, SMOKE, "pyjobshop", pyjobshop_first=True)
    assert row.pyjobshop is None
    assert row.pyjobshop_status == "error: RuntimeError: solver crashed"
    assert row.ours is not None and row.violations == 0  # our solve still ran, after it
