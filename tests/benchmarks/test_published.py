"""Published solvers' results summarized on a sample: gaps, proofs, and what was reached by a
time."""

from __future__ import annotations

from pathlib import Path

import pytest

from zenplan.benchmarks.published import main, markdown, read_reference_results, summarize_published
from zenplan.benchmarks.runner import Instance

SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchdata"
HEADER = (
    "Model name;Random seed;Status;Objective;Lower bound;Time;Last solution time;LB time;"
    "Solutions;LNS steps;Restarts;Branches;Fails;Memory;Int Vars;IntervalVars;Constraints;"
    "Solver;Workers;Time limit;Parameters;CPU;Date"
)


def _row(name: str, status: str, objective: int, last: float, bound: float) -> str:
    return (
        f"rcpsp_j60_{name};1;{status};{objective};90;600;{last};{bound};3;;;1;1;1;0;60;92;"
        '"Solver X";4;600;"--workers 4";"cpu";2023-07-06'
    )


def _instance(name: str, best_known: int, in_sample: bool = True) -> Instance:
    return Instance("psplib-j60", name, Path(f"{name}.sm"), best_known, False, in_sample)


def test_summary_of_published_results_on_a_sample(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    rows = [
        _row("j601_1", "Optimum", 100, 1.5, 2.0),  # proven by 30 s
        _row("j603_1", "Solution", 104, 45.0, 0.0),  # its final plan came after 30 s
        _row("j605_1", "Optimum", 50, 10.0, 120.0),  # proven, but after 30 s
        _row("j609_9", "Solution", 99, 1.0, 0.0),  # not in the sample
        _row("j607_1", "Unknown", 0, 0.0, 0.0).replace(";Unknown;0;", ";Unknown;;"),  # no plan
    ]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    results = read_reference_results(path)
    assert results["j603_1"].objective == 104 and not results["j603_1"].proven
    assert results["j601_1"].workers == 4 and results["j601_1"].time_limit == 600
    assert "j607_1" not in results
    sample = [_instance("j601_1", 100), _instance("j603_1", 100), _instance("j605_1", 50)]
    sample.append(_instance("j607_1", 80))  # no published plan
    summary = summarize_published("x.csv", sample, results, within=30)
    assert (summary.instances, summary.missing, summary.proven) == (3, 1, 2)
    assert summary.mean_gap_pct == pytest.approx(4 / 3, abs=0.01)  # gaps 0, 4, 0
    assert (summary.final_plan_within, summary.proven_within) == (2, 1)
    table = markdown([summary])
    assert "| x.csv | Solver X | 4 | 600 | 3 of 4 | 1.33% | 2 | 2 | 1 |" in table
    without = summarize_published("x.csv", sample, results)
    assert without.final_plan_within is None and "by" not in markdown([without])


def test_a_malformed_row_is_named_by_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    bad = _row("j601_1", "Optimum", 100, 1.5, 2.0).replace(";100;", ";many;", 1)
    path.write_text("\n".join([HEADER, _row("j603_1", "Solution", 1, 1, 1), bad]) + "\n")
    with pytest.raises(ValueError, match=r"bad\.csv: line 3: .*many"):
        read_reference_results(path)


def test_a_folder_without_reference_results_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["psplib-j60", "--data", str(tmp_path)])
    assert exit_info.value.code == 2
    assert "no reference results under" in capsys.readouterr().err


@pytest.mark.skipif(not (SHARED / "psplib" / "reference_results").is_dir(), reason="no benchdata")
@pytest.mark.parametrize("data", [SHARED, SHARED / "psplib"], ids=["benchdata", "psplib"])
def test_the_published_j60_sample_table(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["psplib-j60", "--data", str(data), "--within", "30"])
    out = capsys.readouterr().out
    # CP Optimizer, 4 workers, 600 s, on the 24 instances of the issue 6 sample
    assert "| CPO-4W.csv | CP Optimizer 22.1.0.0 | 4 | 600 | 24 | 0.28% | 20 | 24 | 19 |" in out
