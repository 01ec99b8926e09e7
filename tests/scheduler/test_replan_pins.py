"""Pins in a replan: a pinned project or phase part holds, the rest of the plan is free."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from builders import phase, project, scenario_of, solved
from typer.testing import CliRunner

from zenplan.api.cli import app
from zenplan.models import InputError
from zenplan.models.pins import Pin, parse_pins, with_pins
from zenplan.scheduler import SolveOptions, check
from zenplan.scheduler.replan import replan

DS3 = ("data_science", 3, 1)
OPTIONS = SolveOptions(time_limit=10, workers=2, relative_gap=0)
NOW = date(2027, 1, 18)  # period 2


def _portfolio():  # type: ignore[no-untyped-def]
    return scenario_of(
        projects=[
            project("fraud", phase("data", 2, DS3), phase("model", 4, DS3), value=50),
            project("churn", phase("model", 3, DS3), value=20),
        ],
    )


def test_replan_with_pins_moves_a_phase_and_drops_a_project() -> None:
    scenario = _portfolio()
    baseline = solved(scenario)
    assert {p.id for p in baseline.selected()} == {"fraud", "churn"}
    pins = parse_pins(
        [
            {"project": "churn", "selected": False},
            {"project": "fraud", "phase": "model", "start": "2027-03-01", "people": ["ana"]},
        ]
    )
    result = replan(scenario, baseline, NOW, OPTIONS, pins=pins)
    schedule = result.schedule
    assert not schedule.project("churn").selected  # type: ignore[union-attr]
    model = schedule.project("fraud").phase("model")  # type: ignore[union-attr]
    assert model is not None and model.start == 8 and [s.id for s in model.staff] == ["ana"]
    assert not check(with_pins(scenario, pins), schedule)
    assert result.diff.dropped == ["churn"]


def test_bad_pins_name_the_entry_and_value() -> None:
    scenario = _portfolio()
    baseline = solved(scenario)
    with pytest.raises(InputError, match=r"pins\[0\]\.project: unknown project 'nope'"):
        replan(scenario, baseline, NOW, OPTIONS, pins=[Pin(project="nope")])
    with pytest.raises(InputError, match=r"pins\[1\]\.start_window"):
        parse_pins([{"project": "fraud"}, {"project": "fraud", "start_window": "soon"}])


def test_zenplan_replan_takes_a_pins_file(tmp_path: Path) -> None:
    scenario = _portfolio()
    (tmp_path / "scenario.json").write_text(scenario.model_dump_json(by_alias=True))
    (tmp_path / "baseline.json").write_text(solved(scenario).model_dump_json())
    pins = tmp_path / "pins.yaml"
    pins.write_text(yaml.safe_dump({"pins": [{"project": "churn", "selected": False}]}))
    args = [
        "replan",
        str(tmp_path / "scenario.json"),
        "--baseline",
        str(tmp_path / "baseline.json"),
    ]
    args += ["--now", "2027-01-18", "--time-limit", "5", "--workers", "1", "-q"]
    result = CliRunner().invoke(app, [*args, "--pins", str(pins), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    replanned = json.loads((tmp_path / "schedule.json").read_text())
    churn = next(p for p in replanned["projects"] if p["id"] == "churn")
    assert not churn["selected"] and churn["reason"] == "not selected: pinned not selected"
    pins.write_text(yaml.safe_dump([{"project": "churn", "phase": "nope"}]))
    bad = CliRunner().invoke(app, [*args, "--pins", str(pins), "--out", str(tmp_path)])
    assert bad.exit_code == 2 and "pins[0].phase: unknown phase 'nope'" in bad.output
