"""Gantt charts from a hand-made schedule (no solver involved)."""

from __future__ import annotations

import copy
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest

from zenplan.charts import people_gantt, project_gantt, report_html, write_gantt_html
from zenplan.charts.report import PLOTLY_FILE, REPORT_FIGURES
from zenplan.models import Scenario, Schedule, parse_scenario

MS_PER_DAY = 86_400_000
START = date(2027, 1, 4)  # a Monday; weekly periods


def week(period: int) -> date:
    return START + timedelta(days=7 * period)


SCENARIO: dict[str, Any] = {
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


@pytest.fixture
def scenario() -> Scenario:
    return parse_scenario(copy.deepcopy(SCENARIO))


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
    written = write_gantt_html(scenario, schedule, target, plotly_js="inline")
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
    assert text == report_html(scenario, schedule)


def test_reports_in_a_folder_share_one_plotly_file(
    scenario: Scenario, schedule: Schedule, tmp_path: Path
) -> None:
    first = write_gantt_html(scenario, schedule, tmp_path / "a.html")
    library = tmp_path / PLOTLY_FILE
    written_at = library.stat().st_mtime_ns
    second = write_gantt_html(scenario, schedule, tmp_path / "b.html")
    assert library.stat().st_mtime_ns == written_at  # written once
    assert library.stat().st_size > 1_000_000
    for page in (first, second):
        text = page.read_text(encoding="utf-8")
        assert f'src="{PLOTLY_FILE}"' in text and len(text) < 200_000
        assert "Plotly.newPlot" in text
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.html", "b.html", PLOTLY_FILE])


def test_html_report_has_every_figure_and_plotly_once(
    scenario: Scenario, schedule: Schedule
) -> None:
    text = report_html(scenario, schedule)
    assert len(REPORT_FIGURES) == 5
    for div_id in REPORT_FIGURES:
        assert f'id="{div_id}"' in text
    assert text.count("Plotly.newPlot(") == len(REPORT_FIGURES)
    for heading in (
        "Projects",
        "People",
        "GPU load",
        "Skill demand against supply",
        "Flow efficiency",
    ):
        assert f"<h2>{heading}</h2>" in text
    # plotly.js inlined exactly once, nothing fetched from the network
    assert text.count("* plotly.js") == 1
    assert "<script src" not in text.lower()
    assert not re.search(r"""<(?:script|link)[^>]*(?:src|href)=["']?(?:https?:)?//""", text)
    # figures come after the library, each heading before its figure
    library = text.index("* plotly.js")
    positions = [text.index(f'id="{div_id}"') for div_id in REPORT_FIGURES]
    assert library < positions[0]
    assert positions == sorted(positions)
    assert text.index("<h2>GPU load</h2>") < text.index('id="zenplan-gpu-load"')


def test_html_report_replaces_atomically(
    scenario: Scenario, schedule: Schedule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.html"
    target.write_text("old page", encoding="utf-8")

    def broken(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("zenplan.models.files.os.replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_gantt_html(scenario, schedule, target)
    assert target.read_text(encoding="utf-8") == "old page"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]


# --------------------------------------------------------------------------- sponsor filter


def two_sponsors() -> Scenario:
    """The tiny scenario with Demand forecast sponsored by the CFO (no name given)."""
    document = copy.deepcopy(SCENARIO)
    document["sponsors"].append({"id": "cfo"})
    document["projects"][1]["sponsor"] = "cfo"
    return parse_scenario(document)


def projects_shown(figure: go.Figure, visible: list[bool]) -> set[str]:
    """Project ids of the phase bars in the traces a visibility mask shows."""
    return {
        custom[1]
        for trace, on in zip(figure.data, visible, strict=True)
        if on and trace.type == "bar"
        for custom in trace.customdata
        if custom[0] == "phase"
    }


def test_sponsor_dropdown_has_one_button_per_sponsor(schedule: Schedule) -> None:
    figure = project_gantt(two_sponsors(), schedule)
    (menu,) = figure.layout.updatemenus
    labels = [b.label for b in menu.buttons]
    assert labels == ["All sponsors", "Chief Marketing Officer", "cfo"]
    everything, cmo, cfo = menu.buttons
    assert everything.method == "update"
    assert all(everything.args[0]["visible"])
    assert projects_shown(figure, everything.args[0]["visible"]) == {"churn_v2", "forecast"}
    for button, sponsor, project in ((cmo, "cmo", "churn_v2"), (cfo, "cfo", "forecast")):
        visible = button.args[0]["visible"]
        assert len(visible) == len(figure.data)
        # exactly the traces built for that sponsor
        assert [trace.meta["sponsor"] == sponsor for trace in figure.data] == visible
        assert projects_shown(figure, visible) == {project}
        # and the rows shrink to its projects
        rows = button.args[1]["yaxis.categoryarray"]
        assert rows == [{"churn_v2": "Churn prediction v2", "forecast": "Demand forecast"}[project]]
        assert button.args[1]["yaxis.range"] == [0.5, -0.5]


def test_sponsor_buttons_keep_one_legend_entry_per_group(schedule: Schedule) -> None:
    figure = project_gantt(two_sponsors(), schedule)
    (menu,) = figure.layout.updatemenus
    for button in menu.buttons:
        visible = button.args[0]["visible"]
        legend = button.args[0]["showlegend"]
        assert not any(shown and not on for shown, on in zip(legend, visible, strict=True))
        groups = [t.legendgroup for t, shown in zip(figure.data, legend, strict=True) if shown]
        assert len(groups) == len(set(groups))
        wanted = {t.legendgroup for t, on in zip(figure.data, visible, strict=True) if on}
        assert set(groups) == wanted - {None}
    # the cfo view shows "model" under its own legend entry, although churn's is hidden
    cfo = menu.buttons[2]
    names = {t.name for t, s in zip(figure.data, cfo.args[0]["showlegend"], strict=True) if s}
    assert names == {"model"}
    # the approval, acquisition and deadline of churn_v2 belong to the CMO
    for trace in figure.data:
        if trace.name in ("ethics approval", "dataset acquisition", "deadline"):
            assert trace.meta["sponsor"] == "cmo"


def test_projects_without_sponsor_get_their_own_button(
    scenario: Scenario, schedule: Schedule
) -> None:
    figure = project_gantt(scenario, schedule)
    (menu,) = figure.layout.updatemenus
    assert [b.label for b in menu.buttons] == [
        "All sponsors",
        "Chief Marketing Officer",
        "No sponsor",
    ]
    assert projects_shown(figure, menu.buttons[2].args[0]["visible"]) == {"forecast"}


def test_no_dropdown_without_sponsors(schedule: Schedule) -> None:
    document = copy.deepcopy(SCENARIO)
    document["sponsors"] = []
    del document["projects"][0]["sponsor"]
    figure = project_gantt(parse_scenario(document), schedule)
    assert not figure.layout.updatemenus


def test_marks_are_drawn_in_their_own_lanes(scenario: Scenario, schedule: Schedule) -> None:
    figure = project_gantt(scenario, schedule)
    lanes = {}
    for trace in figure.data:
        if trace.type == "bar":
            width, offset = trace.width[0], trace.offset[0]
            lanes.setdefault(trace.name, (offset, offset + width))
    phase, approval, dataset = lanes["data"], lanes["ethics approval"], lanes["dataset acquisition"]
    assert phase[1] <= approval[0] and approval[1] <= dataset[0]
    assert dataset[1] < 0.5  # inside the row


def test_deadline_after_the_horizon_is_in_range(scenario: Scenario, schedule: Schedule) -> None:
    scenario.projects[0].deadline = date(2027, 8, 31)  # the horizon ends 2027-05-23
    figure = project_gantt(scenario, schedule)
    (deadline,) = [t for t in figure.data if t.name == "deadline"]
    assert list(deadline.x) == ["2027-09-01"]
    assert figure.layout.xaxis.range[1] > "2027-09-01"


def test_acquisition_without_a_drawn_project_shows_under_all_only(
    scenario: Scenario, schedule: Schedule
) -> None:
    schedule.datasets[0].acquired_by = None
    figure = project_gantt(scenario, schedule)
    (acquisition,) = [t for t in figure.data if t.name == "dataset acquisition"]
    assert acquisition.meta["sponsor"] is None
    assert list(acquisition.y) == ["dataset events"]
    everything, *sponsors = figure.layout.updatemenus[0].buttons
    index = list(figure.data).index(acquisition)
    assert everything.args[0]["visible"][index]
    assert "dataset events" in everything.args[1]["yaxis.categoryarray"]
    for button in sponsors:
        assert not button.args[0]["visible"][index]
        assert "dataset events" not in button.args[1]["yaxis.categoryarray"]


def test_replan_gantt_shows_now_frozen_work_and_sla_due(
    scenario: Scenario, schedule: Schedule
) -> None:
    from zenplan.charts import replan_gantt
    from zenplan.models.scenario import Incident

    incident = Incident.model_validate(
        {
            "id": "drift1",
            "project": "forecast",
            "detected": week(3).isoformat(),
            "sla": 4,
            "phases": [{"id": "retrain", "duration": 1, "requires": []}],
        }
    )
    figure = replan_gantt(scenario, schedule, schedule, now=3, incidents=[incident])
    line = next(s for s in figure.layout.shapes if s.type == "line")
    assert line.x0 == week(3).isoformat() and line.yref == "paper"
    assert any("now" in a.text for a in figure.layout.annotations)
    # frozen: what started before now (no freeze_periods), nothing after
    assert {b["id"] for b in bars(figure, "frozen")} == {
        ("churn_v2", "data"),
        ("forecast", "model"),
    }
    marker = next(t for t in figure.data if t.name == "SLA due")
    assert marker.x == (week(7).isoformat(),) and tuple(marker.customdata[0]) == (
        "sla_due",
        "drift1",
        "",
    )
    # an infeasible replan still shows the baseline, now and the frozen work
    empty = Schedule(scenario="Tiny portfolio", status="infeasible")
    figure = replan_gantt(scenario, empty, schedule, now=3)
    assert {b["id"][0] for b in bars(figure, "baseline")} == {"churn_v2", "forecast"}
    assert bars(figure, "frozen")


def test_report_says_why_a_project_is_late(scenario: Scenario, schedule: Schedule) -> None:
    plan = schedule.project("churn_v2")
    assert plan is not None
    plan.late_by, plan.reason = 2, "late by 2 periods: deploy waited for cleo"
    page = report_html(scenario, schedule)
    assert "<h2>Late</h2>" in page and "deploy waited for cleo" in page
    assert "proven the best possible" in page
