"""The command line end to end, as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from builders import EXAMPLE
from typer.testing import CliRunner

from zenplan.api.cli import app

runner = CliRunner()


def test_solve_writes_the_schedule_and_the_gantt(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["solve", str(EXAMPLE), "--time-limit", "3", "--workers", "2", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "Portfolio KPIs" in result.output and "flow efficiency" in result.output
    schedule = json.loads((tmp_path / "schedule.json").read_text())
    assert schedule["status"] in ("optimal", "feasible")
    assert "plotly" in (tmp_path / "gantt.html").read_text()[:2_000_000].lower()
    checked = runner.invoke(app, ["check", str(EXAMPLE), str(tmp_path / "schedule.json")])
    assert checked.exit_code == 0, checked.output
    assert "no rule violated" in checked.output


def test_solve_greedy_only(tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "schedule.json").read_text())["solver"]["engine"] == "greedy"


def test_check_lists_violations_and_exits_1(tmp_path: Path) -> None:
    runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    document = json.loads((tmp_path / "schedule.json").read_text())
    plan = next(p for p in document["projects"] if p["selected"])
    plan["phases"][0]["end"] += 1  # one period too long
    (tmp_path / "bad.json").write_text(json.dumps(document))
    result = runner.invoke(app, ["check", str(EXAMPLE), str(tmp_path / "bad.json")])
    assert result.exit_code == 1
    assert "duration" in result.output and plan["id"] in result.output


def test_user_mistakes_exit_2_without_traceback(tmp_path: Path) -> None:
    document = yaml.safe_load(EXAMPLE.read_text())
    document["projects"][0]["phases"][0]["duration"] = 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(document))
    for args in (
        ["validate", str(bad)],
        ["solve", str(bad)],
        ["solve", str(tmp_path / "missing.yaml")],
        ["solve", str(EXAMPLE), "--time-limit", "-1"],
        ["check", str(EXAMPLE), str(tmp_path / "missing.json")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
    result = runner.invoke(app, ["validate", str(bad)])
    assert "projects[0].phases[0].duration" in result.output and "(got 0)" in result.output
    assert not (tmp_path / "schedule.json").exists()  # nothing half-written


def test_validate_schema_and_generate(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(EXAMPLE)]).exit_code == 0
    schema = json.loads(runner.invoke(app, ["schema"]).output)
    assert {"calendar", "staff", "projects", "policies"} <= set(schema["properties"])
    out = tmp_path / "gen.yaml"
    result = runner.invoke(app, ["generate", "--projects", "15", "--seed", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["validate", str(out)]).exit_code == 0
    assert len(yaml.safe_load(out.read_text())["projects"]) == 15


def test_replan_after_a_drift_incident(tmp_path: Path) -> None:
    runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    incidents = tmp_path / "incidents.yaml"
    incidents.write_text(
        yaml.safe_dump(
            [
                {
                    "id": "churn_drift",
                    "project": "churn_v2",
                    "detected": "2027-03-01",
                    "sla": 6,
                    "phases": [
                        {
                            "id": "retrain",
                            "duration": 2,
                            "requires": [{"skill": "data_science", "level": 3}],
                        }
                    ],
                }
            ]
        )
    )
    out = tmp_path / "replanned"
    result = runner.invoke(
        app,
        [
            "replan",
            str(EXAMPLE),
            "--baseline",
            str(tmp_path / "schedule.json"),
            "--now",
            "2027-03-01",
            "--incidents",
            str(incidents),
            "--time-limit",
            "5",
            "--workers",
            "2",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "What moved" in result.output and "phases frozen" in result.output
    schedule = json.loads((out / "schedule.json").read_text())
    refresh = next(p for p in schedule["projects"] if p["id"] == "churn_drift")
    assert refresh["selected"] and refresh["end"] <= 8 + 6
    assert "moved" in json.loads((out / "diff.json").read_text())
    assert "baseline" in (out / "gantt.html").read_text()
    replanned = str(out / "schedule.json")
    checked = runner.invoke(app, ["check", str(EXAMPLE), replanned, "--incidents", str(incidents)])
    assert checked.exit_code == 0, checked.output
    unchecked = runner.invoke(app, ["check", str(EXAMPLE), replanned])
    assert unchecked.exit_code == 1 and "churn_drift" in unchecked.output
    bad = runner.invoke(
        app,
        ["replan", str(EXAMPLE), "--baseline", str(tmp_path / "schedule.json"), "--now", "someday"],
    )
    assert bad.exit_code == 2 and "--now" in bad.output


def test_explain_says_why_and_what_it_would_take(tmp_path: Path) -> None:
    document = {
        "name": "busy",
        "calendar": {"start": "2027-01-04", "period": "week", "horizon": 20},
        "staff": [{"id": "ana", "skills": {"data_science": 4}}],
        "projects": [
            {
                "id": "churn",
                "value": 50,
                "phases": [
                    {
                        "id": "model",
                        "duration": 17,
                        "requires": [{"skill": "data_science", "level": 4}],
                    }
                ],
            },
            {
                "id": "ltv",
                "value": 10,
                "phases": [
                    {
                        "id": "model",
                        "duration": 4,
                        "requires": [{"skill": "data_science", "level": 4}],
                    }
                ],
            },
        ],
    }
    scenario = tmp_path / "busy.yaml"
    scenario.write_text(yaml.safe_dump(document))
    runner.invoke(app, ["solve", str(scenario), "--greedy", "--out", str(tmp_path)])
    schedule = str(tmp_path / "schedule.json")
    result = runner.invoke(
        app, ["explain", str(scenario), schedule, "--project", "ltv", "--time-limit", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "ana is busy (churn/model in periods 0-16)" in result.output
    assert "one more person with data_science >= 4" in result.output
    bad = runner.invoke(app, ["explain", str(scenario), schedule, "--project", "ghost"])
    assert bad.exit_code == 2 and "--project" in bad.output and "ghost" in bad.output
