"""`zenplan batch`, `zenplan whatif` and `zenplan risk` end to end, as a user runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from builders import phase, project, scenario_of
from typer.testing import CliRunner

from zenplan.api.cli import app

runner = CliRunner()
DS3 = ("data_science", 3, 1)
DE3 = ("data_engineering", 3, 1)
FAST = ["--time-limit", "2", "--workers", "1"]


def write(path: Path, **changes: Any) -> Path:
    document = scenario_of(**changes).model_dump(mode="json", by_alias=True)
    path.write_text(yaml.safe_dump(document))
    return path


def gpu_bound(path: Path) -> Path:
    """Two 12-period projects that each need all 4 A100s: only one fits in 20 periods."""
    gpus = [{"pool": "a100", "count": 4}]
    return write(
        path,
        projects=[
            project("vision", phase("train", 12, DS3, gpus=gpus), value=9, deadline="2027-05-02"),
            project("speech", phase("train", 12, DE3, gpus=gpus), value=5),
        ],
    )


def test_batch_on_the_local_pool_with_a_broken_scenario(tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", projects=[project("fraud", phase("m", 2, DS3), value=5)])
    other = gpu_bound(tmp_path / "other.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text(good.read_text().replace("duration: 2", "duration: -1"))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["batch", str(good), str(broken), str(other), "--out", str(out), "--local", "1", *FAST]
    )
    assert result.exit_code == 1, result.output  # one scenario failed, the others finished
    assert "3 scenarios on local pool of 1 process" in result.output
    assert "Batch summary" in result.output
    assert "projects[0].phases[0].duration: Input should be greater than 0 (got -1)" in (
        result.output
    )
    assert "Traceback" not in result.output
    with (out / "summary.csv").open() as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}
    assert rows["good"]["status"] == "optimal" and rows["good"]["delivered"] == "1"
    assert rows["other"]["status"] == "optimal" and rows["other"]["delivered"] == "1"
    assert rows["broken"]["status"] == "error" and "(got -1)" in rows["broken"]["error"]
    for name in ("good", "other"):
        assert json.loads((out / name / "schedule.json").read_text())["status"] == "optimal"
        assert "plotly" in (out / name / "gantt.html").read_text()[:3_000_000].lower()
    assert not (out / "broken").exists()


def test_replan_batch(tmp_path: Path) -> None:
    scenario = write(
        tmp_path / "fy27.yaml",
        projects=[
            project("fraud", phase("data", 2, DS3), phase("model", 4, DS3), value=50),
            project("old", phase("model", 2, DS3), status="done"),
        ],
    )
    solved = runner.invoke(app, ["solve", str(scenario), "--out", str(tmp_path / "s"), *FAST])
    assert solved.exit_code == 0, solved.output
    (tmp_path / "baselines").mkdir()
    (tmp_path / "s" / "schedule.json").rename(tmp_path / "baselines" / "fy27.json")
    document = yaml.safe_load(scenario.read_text())
    document["incidents"] = [
        {
            "id": "drift1",
            "project": "old",
            "detected": "2027-01-25",
            "sla": 6,
            "phases": [{"id": "retrain", "duration": 2, "requires": [{"skill": "data_science"}]}],
        }
    ]
    scenario.write_text(yaml.safe_dump(document))
    out = tmp_path / "out"
    args = ["batch", str(scenario), "--out", str(out), "--local", "0", *FAST, "--replan"]
    args += ["--baseline-dir", str(tmp_path / "baselines"), "--now", "2027-01-25"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 replans on this process" in result.output
    diff = json.loads((out / "fy27" / "diff.json").read_text())
    assert diff["added"] == ["drift1"] and "moved_share" in diff
    summary = json.loads((out / "summary.json").read_text())
    assert summary[0]["added"] == "drift1" and summary[0]["status"] in ("optimal", "feasible")
    assert (out / "fy27" / "gantt.html").exists()


def test_whatif_shows_more_gpus_letting_a_project_in(tmp_path: Path) -> None:
    scenario = gpu_bound(tmp_path / "gpus.yaml")
    out = tmp_path / "whatif"
    args = ["whatif", str(scenario), "--vary", "gpu_pools.a100.capacity=8,0", "--out", str(out)]
    result = runner.invoke(app, [*args, "--local", "0", *FAST])
    assert result.exit_code == 1, result.output  # capacity 0 is not a valid variant
    assert "What-if variants against the baseline" in result.output
    assert "+speech" in result.output
    assert (
        "variant gpu_pools.a100.capacity=0: 1 problem(s)\n"
        "  gpu_pools[0].capacity: Input should be greater than 0 (got 0)"
    ) in result.output
    rows = json.loads((out / "comparison.json").read_text())
    assert [r["variant"] for r in rows] == [
        "baseline",
        "gpu_pools.a100.capacity=8",
        "gpu_pools.a100.capacity=0",
    ]
    assert rows[1]["projects_added"] == ["speech"] and rows[1]["delta_objective"] > 0
    page = (out / "whatif.html").read_text()
    assert "change against the baseline" in page and "go-live per project" in page
    assert json.loads((out / "gpu_pools.a100.capacity=8" / "schedule.json").read_text())


def test_whatif_with_a_variants_file(tmp_path: Path) -> None:
    scenario = gpu_bound(tmp_path / "gpus.yaml")
    variants = tmp_path / "variants.yaml"
    variants.write_text(
        "- name: hire a data scientist\n"
        "  changes: {staff+: 'data_science:4'}\n"
        "- name: drop vision\n"
        "  changes: {projects-: [vision]}\n"
    )
    out = tmp_path / "whatif"
    args = ["whatif", str(scenario), "--variants", str(variants), "--out", str(out)]
    result = runner.invoke(app, [*args, "--local", "0", *FAST])
    assert result.exit_code == 0, result.output
    rows = json.loads((out / "comparison.json").read_text())
    assert [r["variant"] for r in rows] == ["baseline", "hire a data scientist", "drop vision"]
    assert rows[2]["projects_dropped"] == ["vision"] and rows[2]["projects_added"] == ["speech"]


def test_risk_prints_p50_p80_and_the_chance_of_missing(tmp_path: Path) -> None:
    scenario = write(
        tmp_path / "risky.yaml",
        projects=[
            project(
                "fraud",
                phase("data", 2, DE3, duration_range=[2, 2]),
                phase("model", 3, DS3, duration_range=[3, 7]),
                value=10,
                deadline="2027-02-07",  # the end of period 4: live at 5, on plan
            )
        ],
    )
    solved = runner.invoke(app, ["solve", str(scenario), "--out", str(tmp_path), *FAST])
    assert solved.exit_code == 0, solved.output
    report = tmp_path / "risk.json"
    args = ["risk", str(scenario), str(tmp_path / "schedule.json"), "--samples", "500"]
    result = runner.invoke(app, [*args, "--seed", "1", "--local", "0", "--out", str(report)])
    assert result.exit_code == 0, result.output
    assert "Go-live risk over 500 samples (seed 1)" in result.output
    assert "2027-02-07 (5)" in result.output  # planned go-live: last day and period
    (fraud,) = json.loads(report.read_text())["projects"]
    assert fraud["planned"] == 5 and fraud["p80"] >= fraud["p50"] > 5
    assert 0.6 < fraud["miss_probability"] < 0.9


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Ray and a local pool at once
        (["batch", "{s}", "--out", "{o}", "--ray", "auto", "--local", "1"], "not both"),
        # a replan batch needs its baselines and a date
        (["batch", "{s}", "--out", "{o}", "--replan", "--now", "2027-01-25"], "--baseline-dir"),
        (["batch", "{s}", "--out", "{o}", "--now", "2027-01-25"], "are for --replan"),
        (
            ["batch", "{s}", "--out", "{o}", "--replan", "--baseline-dir", "{o}", "--now", "soon"],
            "--now: 'soon' is not a date",
        ),
        (["batch", "{s}", "--out", "{o}", "--time-limit", "0"], "time_limit must be > 0"),
        # what-if specs
        (["whatif", "{s}", "--vary", "gpu_pools.a100.capacity"], "expected PATH=V1,V2"),
        (["whatif", "{s}", "--vary", "projects-=nope"], "no project 'nope'"),
        (["whatif", "{s}"], "no variants"),
        (["whatif", "{o}/missing.yaml", "--vary", "policies.rd_reserve=0.1"], "file not found"),
        # risk
        (["risk", "{s}", "{o}/missing.json"], "file not found"),
        (["risk", "{s}", "{s}", "--samples", "0"], "--samples"),
    ],
)
def test_user_mistakes_exit_2_without_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    scenario = gpu_bound(tmp_path / "s.yaml")
    filled = [a.replace("{s}", str(scenario)).replace("{o}", str(tmp_path)) for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_deterministic_batch_gives_the_same_plans_twice(tmp_path: Path) -> None:
    from zenplan.scenarios.generator import generate

    path = tmp_path / "portfolio.yaml"
    path.write_text(yaml.safe_dump(generate(45, seed=7)))
    plans = []
    for run in ("a", "b"):
        out = tmp_path / run
        arguments = ["batch", str(path), "--out", str(out), "--local", "0", "--deterministic"]
        result = runner.invoke(app, [*arguments, *FAST, "--no-gantt"])
        assert result.exit_code == 0, result.output
        plan = json.loads((out / "portfolio" / "schedule.json").read_text())
        plans.append((plan["objective"], plan["projects"]))
    assert plans[0] == plans[1]
