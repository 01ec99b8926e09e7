"""The Python API: load, from_frames, solve, replan and the plan's tables and charts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from builders import EXAMPLE

import zenplan
from zenplan.models import InputError, parse_scenario

DOCUMENT = {
    "name": "two projects",
    "calendar": {"start": "2027-01-04", "period": "week", "horizon": 20},
    "staff": [
        {"id": "ana", "skills": {"data_science": 4, "ml_engineering": 3}},
        {"id": "ben", "skills": {"data_science": 3, "data_engineering": 3}},
    ],
    "gpu_pools": [{"id": "a100", "capacity": 4}],
    "sponsors": [{"id": "cfo"}, {"id": "cmo"}],
    "projects": [
        {
            "id": "churn",
            "name": "Churn model",
            "sponsor": "cmo",
            "value": 1200,
            "deadline": "2027-03-28",
            "phases": [
                {
                    "id": "data",
                    "duration": 2,
                    "requires": [{"skill": "data_engineering", "level": 3}],
                },
                {
                    "id": "model",
                    "duration": 3,
                    "requires": [{"skill": "data_science", "level": 3}],
                    "gpus": [{"pool": "a100", "count": 2}],
                },
            ],
        },
        {
            "id": "fraud",
            "sponsor": "cfo",
            "value": 2000,
            "priority": "must",
            "phases": [
                {"id": "model", "duration": 4, "requires": [{"skill": "data_science", "count": 2}]}
            ],
        },
    ],
}


def frames() -> dict[str, pd.DataFrame]:
    return {
        "projects": pd.DataFrame(
            [
                {
                    "id": "churn",
                    "name": "Churn model",
                    "sponsor": "cmo",
                    "value": 1200,
                    "deadline": pd.Timestamp("2027-03-28"),
                },
                {"id": "fraud", "sponsor": "cfo", "value": 2000, "priority": "must"},
            ]
        ),
        "phases": pd.DataFrame(
            [
                {"project": "churn", "id": "data", "duration": 2, "requires": "data_engineering:3"},
                {
                    "project": "churn",
                    "id": "model",
                    "duration": 3,
                    "requires": ["data_science:3"],
                    "gpus": "a100:2",
                },
                {"project": "fraud", "id": "model", "duration": 4, "requires": "data_science:1x2"},
            ]
        ),
        "staff": pd.DataFrame(
            [
                {"id": "ana", "skills": {"data_science": 4, "ml_engineering": 3}},
                {"id": "ben", "skills": {"data_science": 3, "data_engineering": 3}},
            ]
        ),
        "gpu_pools": pd.DataFrame([{"id": "a100", "capacity": 4}]),
    }


def test_a_scenario_from_frames_is_the_scenario_the_document_describes() -> None:
    built = zenplan.from_frames(frames(), name="two projects", start=date(2027, 1, 4), horizon=20)
    assert built == parse_scenario(DOCUMENT)


def test_a_mistake_in_a_frame_names_the_table_row_and_column() -> None:
    tables = frames()
    tables["phases"] = tables["phases"].astype({"duration": object})
    tables["phases"].loc[1, "duration"] = "three"
    with pytest.raises(InputError) as raised:
        zenplan.from_frames(tables, start="2027-01-04")
    text = str(raised.value)
    assert "workbook.phases[3].duration" in text and "'three'" in text
    with pytest.raises(InputError, match="unknown table"):
        zenplan.from_frames({**frames(), "staf": frames()["staff"]}, start="2027-01-04")


def test_load_reads_yaml_and_workbooks(tmp_path: Path) -> None:
    assert zenplan.load(EXAMPLE).name == "FY27 data-science portfolio"
    workbook = tmp_path / "portfolio.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        header = pd.DataFrame(
            [["name", "two projects"], ["start", "2027-01-04"], ["horizon", 20]],
            columns=["key", "value"],
        )
        header.to_excel(writer, sheet_name="scenario", index=False)
        for name, table in frames().items():
            table.map(_text).to_excel(writer, sheet_name=name, index=False)
    assert zenplan.load(workbook) == parse_scenario(DOCUMENT)
    with pytest.raises(InputError, match="file not found"):
        zenplan.load(tmp_path / "missing.yaml")


def _text(value: object) -> object:
    if isinstance(value, dict):
        return "; ".join(f"{k}:{v}" for k, v in value.items())
    return "; ".join(value) if isinstance(value, list) else value


def test_a_plan_as_tables_kpis_and_charts() -> None:
    plan = zenplan.solve(parse_scenario(DOCUMENT), time_limit=10, workers=2)
    assert plan.status in ("optimal", "feasible") and plan.check() == []
    projects = plan.projects_frame().set_index("project")
    assert set(projects.index) == {"churn", "fraud"} and projects.selected.all()
    assert projects.loc["churn", "go_live"] == pd.Timestamp(plan.schedule.project("churn").end_date)
    phases = plan.phases_frame()
    assert len(phases) == 3 and (phases.duration == phases.end - phases.start).all()
    work = plan.assignments_frame()
    # two people on fraud's model, one on each of churn's phases
    assert sorted(work.groupby(["project", "phase"]).size()) == [1, 1, 2]
    loads = plan.loads_frame()
    gpus = loads[(loads.kind == "gpus") & (loads.resource == "a100")]
    model = plan.schedule.project("churn").phase("model")
    assert gpus.load.sum() == 2 * (model.end - model.start)
    kpis = plan.kpis_frame().set_index(["kpi", "key"], drop=False)
    assert plan.kpis.delivered == 2 == kpis.loc[("delivered", None), "value"].item()
    figure = plan.gantt()
    assert figure.data and plan.gantt("people").data


def test_solve_takes_a_path_and_a_greedy_plan() -> None:
    plan = zenplan.solve(EXAMPLE, greedy=True)
    assert plan.schedule.solver is not None and plan.schedule.solver.engine == "greedy"
    assert plan.check() == []


def test_replan_adds_the_refresh_work_and_says_what_moved() -> None:
    document = {**DOCUMENT, "projects": [*DOCUMENT["projects"]]}
    document["projects"][1] = {**DOCUMENT["projects"][1], "status": "in_progress"}
    plan = zenplan.solve(parse_scenario(document), time_limit=10, workers=2)
    incident = {
        "id": "fraud_drift",
        "project": "fraud",
        "detected": "2027-01-18",
        "sla": 6,
        "phases": [{"id": "retrain", "duration": 2, "requires": [{"skill": "data_science"}]}],
    }
    later = zenplan.replan(plan, now="2027-01-18", incidents=[incident], time_limit=10, workers=2)
    assert later.status in ("optimal", "feasible") and later.check() == []
    assert later.diff is not None and later.diff.added == ["fraud_drift"]
    refresh = later.projects_frame().set_index("project").loc["fraud_drift"]
    assert refresh.selected and refresh.go_live <= pd.Timestamp("2027-02-28")  # SLA: 6 weeks
    assert later.baseline is plan.schedule and later.gantt().data
    with pytest.raises(InputError, match="sla"):
        zenplan.replan(plan, now="2027-01-18", incidents=[{**incident, "sla": 0}])


def test_a_saved_plan_loads_again(tmp_path: Path) -> None:
    plan = zenplan.solve(EXAMPLE, greedy=True)
    plan.save(tmp_path / "schedule.json")
    again = zenplan.load_plan(EXAMPLE, tmp_path / "schedule.json")
    assert again.schedule == plan.schedule
    assert "<table>" in again._repr_html_()
