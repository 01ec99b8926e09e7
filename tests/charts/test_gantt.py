"""Gantt charts from a hand-made schedule (no solver involved)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from charts import people_gantt, project_gantt, write_gantt_html
from models import Scenario, Schedule, parse_scenario

MS_PER_DAY = 86_400_000
START = date(2027, 1, 4)  # a Monday; weekly periods


def week(period: int) -> date:
    return START + timedelta(days=7 * period)


@pytest.fixture
def scenario() -> Scenario:
    return parse_scenario(
        {
            "name": "Tiny portfolio",
            "calendar": {"start": START.isoformat(), "period": "week", "horizon": 20},
            "ethics_board": {"capacity": 1, "review_duration": 2, "meeting_every": 2},
            "staff": [
                {"id": "ana", "skills": {"data_science": 4, "data_engineering": 2}},
                {
                    "id": "ben",
                    "skills": {"data_engineering": 3},
                    "unavailable": [{"from": "2027-03-01", "to": "2027-03-12"}],
                },
                {"id": "cleo", "skills": {"mlops_realtime": 3}},
            ],
            "gpu_pools": [{"id": "a100", "capacity": 8}],
            "datasets": [
                {
                    "id": "events",
                    "acquisition": {
                        "duration": 2,
                        "requires": [{"skill": "data_engineering", "level": 2}],
                    },
                }
            ],
            "sponsors": [{"id": "cmo", "name": "Chief Marketing Officer"}],
            "projects": [
                {
                    "id": "churn_v2",
                    "name": "Churn prediction v2",
                    "sponsor": "cmo",
                    "deadline": "2027-04-30",
                    "datasets": ["events"],
                    "ethics": "required",
                    "phases": [
                        {
                            "id": "data",
                            "duration": 3,
                            "requires": [{"skill": "data_engineering", "level": 2}],
                        },
                        {
                            "id": "model",
                            "duration": 4,
                            "requires": [{"skill": "data_science", "level": 3}],
                            "gpus": [{"pool": "a100", "count": 4}],
                        },
                        {
                            "id": "deploy",
                            "duration": 2,
                            "requires": [{"skill": "mlops_realtime", "level": 3}],
                        },
                    ],
                },
                {
                    "id": "forecast",
                    "name": "Demand forecast",
                    "phases": [
                        {
                            "id": "model",
                            "duration": 2,
                            "requires": [{"skill": "data_science", "level": 3}],
                        }
                    ],
                },
                {
                    "id": "vision",
                    "name": "Shelf vision",
                    "phases": [
                        {
                            "id": "model",
                            "duration": 5,
                            "requires": [{"skill": "data_science", "level": 3}],
                        }
                    ],
                },
            ],
        }
    )


@pytest.fixture
def schedule() -> Schedule:
    return Schedule.model_validate(
        {
            "scenario": "Tiny portfolio",
            "status": "optimal",
            "objective": 123456,
            "bound": 123456,
            "solve_seconds": 0.4,
            "projects": [
                {
                    "id": "churn_v2",
                    "selected": True,
                    "start": 2,
                    "end": 11,
                    "late_by": 0,
                    "approval": {"start": 4, "end": 8},
                    "phases": [
                        {
                            "id": "data",
                            "start": 2,
                            "end": 5,
                            "staff": [{"id": "ben", "skill": "data_engineering"}],
                        },
                        {
                            "id": "model",
                            "start": 5,
                            "end": 9,
                            # dates given by the plan itself: used as they are
                            "start_date": week(5).isoformat(),
                            "end_date": (week(9) - timedelta(days=1)).isoformat(),
                            "staff": [{"id": "ana", "skill": "data_science"}],
                            "gpus": [{"pool": "a100", "count": 4}],
                        },
                        {
                            "id": "deploy",
                            "start": 9,
                            "end": 11,
                            "staff": [{"id": "cleo", "skill": "mlops_realtime"}],
                        },
                    ],
                },
                {
                    "id": "forecast",
                    "selected": True,
                    "start": 0,
                    "end": 2,
                    "phases": [
                        {
                            "id": "model",
                            "start": 0,
                            "end": 2,
                            "staff": [{"id": "ana", "skill": "data_science"}],
                        }
                    ],
                },
                {
                    "id": "vision",
                    "selected": False,
                    "reason": "no data scientist free before the end of the horizon",
                },
            ],
            "datasets": [
                {
                    "id": "events",
                    "acquired_by": "churn_v2",
                    "start": 0,
                    "end": 2,
                    "staff": [{"id": "ben", "skill": "data_engineering"}],
                }
            ],
            "kpis": {"value": 1000.5, "cost": 200, "roi": None, "delivered": 2},
        }
    )


def bars(figure: go.Figure, kind: str) -> list[dict[str, Any]]:
    """Every bar segment of the given kind, with its trace's values unpacked."""
    found: list[dict[str, Any]] = []
    for trace in figure.data:
        if trace.type != "bar":
            continue
        for i, custom in enumerate(trace.customdata):
            if custom[0] == kind:
                found.append(
                    {
                        "trace": trace.name,
                        "id": (custom[1], custom[2]),
                        "y": trace.y[i],
                        "base": trace.base[i],
                        "x": trace.x[i],
                        "text": trace.text[i],
                        "hover": trace.hovertext[i],
                    }
                )
    return found


EXPECTED_PHASES = {
    ("churn_v2", "data"): (2, 5),
    ("churn_v2", "model"): (5, 9),
    ("churn_v2", "deploy"): (9, 11),
    ("forecast", "model"): (0, 2),
}


def test_one_bar_per_scheduled_phase_on_the_right_dates(
    scenario: Scenario, schedule: Schedule
) -> None:
    figure = project_gantt(scenario, schedule)
    phases = bars(figure, "phase")
    assert sorted(b["id"] for b in phases) == sorted(EXPECTED_PHASES)
    for bar in phases:
        start, end = EXPECTED_PHASES[bar["id"]]
        assert bar["base"] == week(start).isoformat()
        assert bar["x"] == (end - start) * 7 * MS_PER_DAY
    assert figure.layout.xaxis.type == "date"
    assert all(t.orientation == "h" for t in figure.data if t.type == "bar")
    assert figure.layout.barmode == "overlay"


def test_rows_are_selected_projects_only(scenario: Scenario, schedule: Schedule) -> None:
    figure = project_gantt(scenario, schedule)
    rows = list(figure.layout.yaxis.categoryarray)
    assert rows == ["Churn prediction v2", "Demand forecast"]
    drawn = {b["y"] for kind in ("phase", "approval", "dataset") for b in bars(figure, kind)}
    assert drawn <= set(rows)
    assert all("vision" not in b["id"] for b in bars(figure, "phase"))
    assert "Shelf vision" not in str(drawn)
    assert "not selected: Shelf vision" in figure.layout.title.text


def test_hover_names_people_gpus_dates_and_sponsor(scenario: Scenario, schedule: Schedule) -> None:
    by_id = {b["id"]: b for b in bars(project_gantt(scenario, schedule), "phase")}
    model = by_id[("churn_v2", "model")]["hover"]
    assert "ana (data_science)" in model
    assert "a100 × 4" in model
    assert "phase: model" in model
    assert "Chief Marketing Officer" in model
    # end date shown is the last day worked (inclusive)
    assert f"{week(5).isoformat()} → {(week(9) - timedelta(days=1)).isoformat()}" in model
    assert "periods 5–8 (4)" in model
    assert "ben (data_engineering)" in by_id[("churn_v2", "data")]["hover"]
    assert "cleo (mlops_realtime)" in by_id[("churn_v2", "deploy")]["hover"]


def test_approval_dataset_and_deadline_marks(scenario: Scenario, schedule: Schedule) -> None:
    figure = project_gantt(scenario, schedule)
    (approval,) = bars(figure, "approval")
    assert approval["y"] == "Churn prediction v2"
    assert approval["base"] == week(4).isoformat()
    assert approval["x"] == 4 * 7 * MS_PER_DAY
    (dataset,) = bars(figure, "dataset")
    assert dataset["y"] == "Churn prediction v2"
    assert dataset["base"] == week(0).isoformat()
    assert dataset["x"] == 2 * 7 * MS_PER_DAY
    (deadline,) = [t for t in figure.data if t.name == "deadline"]
    assert list(deadline.y) == ["Churn prediction v2"]
    assert list(deadline.x) == ["2027-05-01"]  # the end of the deadline day
    assert "deadline 2027-04-30" in deadline.hovertext[0]


def test_colour_by_project(scenario: Scenario, schedule: Schedule) -> None:
    figure = project_gantt(scenario, schedule, color_by="project")
    names = {b["trace"] for b in bars(figure, "phase")}
    assert names == {"Churn prediction v2", "Demand forecast"}


def test_people_view_one_row_per_person(scenario: Scenario, schedule: Schedule) -> None:
    figure = people_gantt(scenario, schedule)
    assert list(figure.layout.yaxis.categoryarray) == ["ana", "ben", "cleo"]
    work = bars(figure, "phase")
    assert sorted((b["y"], b["text"]) for b in work) == [
        ("ana", "churn_v2/model"),
        ("ana", "forecast/model"),
        ("ben", "churn_v2/data"),
        ("cleo", "churn_v2/deploy"),
    ]
    assert all("skill used:" in b["hover"] for b in work)
    (acquisition,) = bars(figure, "dataset")
    assert (acquisition["y"], acquisition["text"]) == ("ben", "dataset/events")
    (absence,) = bars(figure, "unavailable")
    assert absence["y"] == "ben"
    assert absence["base"] == "2027-03-01"
    assert absence["x"] == 12 * MS_PER_DAY


def test_people_without_work_still_have_a_row(scenario: Scenario) -> None:
    empty = Schedule.model_validate({"scenario": "Tiny portfolio", "status": "infeasible"})
    figure = people_gantt(scenario, empty)
    assert list(figure.layout.yaxis.categoryarray) == ["ana", "ben", "cleo"]
    anchors = [t for t in figure.data if t.type == "scatter"]
    assert {y for t in anchors for y in t.y} == {"ana", "ben", "cleo"}
    assert bars(figure, "phase") == []
    assert bars(project_gantt(scenario, empty), "phase") == []


def test_html_report_is_self_contained(
    scenario: Scenario, schedule: Schedule, tmp_path: Path
) -> None:
    target = tmp_path / "out" / "plan.html"
    written = write_gantt_html(scenario, schedule, target)
    assert written == target
    assert target.is_file()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert 'src="https://cdn.plot.ly' not in text
    assert "<script src=" not in text
    assert len(text) > 1_000_000  # plotly.js itself is inlined
    assert "Plotly.newPlot" in text
    for name in ("Tiny portfolio", "Churn prediction v2", "Demand forecast", "Shelf vision"):
        assert name in text
    assert "optimal" in text
    assert "123,456" in text  # objective
    assert "Projects delivered" in text
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.html"]


def test_html_report_replaces_atomically(
    scenario: Scenario, schedule: Schedule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.html"
    target.write_text("old page", encoding="utf-8")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("models.files.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_gantt_html(scenario, schedule, target)
    assert target.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]
