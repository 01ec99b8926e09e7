"""Load figures (GPU load, skill heatmap, flow) from a hand-made schedule (no solver)."""

from __future__ import annotations

import copy
from typing import Any

import plotly.graph_objects as go
import pytest

from zenplan.charts import flow_chart, gpu_load, report_html, skill_heatmap
from zenplan.models import Scenario, Schedule, parse_scenario

HORIZON = 10

# Weekly periods from Monday 2027-01-04: period t starts on 2027-01-04 + 7t days.
SCENARIO: dict[str, Any] = {
    "name": "Load portfolio",
    "calendar": {"start": "2027-01-04", "period": "week", "horizon": HORIZON},
    "staff": [
        {"id": "ana", "skills": {"data_science": 4, "ml_engineering": 2}},
        # away in period 5 (2027-02-08 .. 2027-02-14)
        {
            "id": "ben",
            "skills": {"data_science": 3, "data_engineering": 3},
            "unavailable": [{"from": "2027-02-08", "to": "2027-02-12"}],
        },
        {"id": "cleo", "skills": {"data_engineering": 2, "mlops_realtime": 3}},
    ],
    "gpu_pools": [
        # 8 GPUs, 4 from period 6 (2027-02-15) on
        {"id": "a100", "capacity": 8, "capacity_changes": [{"from": "2027-02-15", "capacity": 4}]},
        {"id": "h100", "name": "H100 cluster", "capacity": 2},
    ],
    "datasets": [
        {
            "id": "events",
            "acquisition": {
                "duration": 2,
                "requires": [{"skill": "data_engineering", "level": 2}],
            },
        }
    ],
    "sponsors": [{"id": "cmo", "name": "Chief Marketing Officer"}, {"id": "cfo"}],
    "projects": [
        {
            "id": "churn",
            "name": "Churn v2",
            "sponsor": "cmo",
            "datasets": ["events"],
            "phases": [
                {
                    "id": "data",
                    "duration": 2,
                    "requires": [{"skill": "data_engineering", "level": 2}],
                },
                {
                    "id": "model",
                    "duration": 3,
                    "requires": [{"skill": "data_science", "level": 3}],
                    "gpus": [{"pool": "a100", "count": 4}],
                },
                {
                    "id": "deploy",
                    "duration": 1,
                    "requires": [{"skill": "mlops_realtime", "level": 3}],
                },
            ],
        },
        {
            "id": "forecast",
            "name": "Demand forecast",
            "sponsor": "cfo",
            "phases": [
                {
                    "id": "model",
                    "duration": 2,
                    "requires": [{"skill": "data_science", "level": 3}],
                    "gpus": [{"pool": "a100", "count": 2}, {"pool": "h100", "count": 1}],
                },
                {
                    "id": "deploy",
                    "duration": 1,
                    "requires": [{"skill": "mlops_realtime", "level": 3}],
                },
            ],
        },
        {
            "id": "vision",
            "sponsor": "cmo",
            "phases": [
                {"id": "model", "duration": 4, "requires": [{"skill": "data_science"}]},
            ],
        },
    ],
}

SCHEDULE: dict[str, Any] = {
    "scenario": "Load portfolio",
    "status": "feasible",
    "projects": [
        {
            "id": "churn",
            "selected": True,
            "start": 2,
            "end": 8,
            "phases": [
                {
                    "id": "data",
                    "start": 2,
                    "end": 4,
                    "staff": [{"id": "ben", "skill": "data_engineering"}],
                },
                {
                    "id": "model",
                    "start": 4,
                    "end": 7,
                    "staff": [{"id": "ana", "skill": "data_science"}],
                    "gpus": [{"pool": "a100", "count": 4}],
                },
                {
                    "id": "deploy",
                    "start": 7,
                    "end": 8,
                    "staff": [{"id": "cleo", "skill": "mlops_realtime"}],
                },
            ],
        },
        {
            # a gap between its phases: periods 3, 4, 5 are waiting
            "id": "forecast",
            "selected": True,
            "start": 1,
            "end": 7,
            "phases": [
                {
                    "id": "model",
                    "start": 1,
                    "end": 3,
                    "staff": [{"id": "ana", "skill": "data_science"}],
                    "gpus": [{"pool": "a100", "count": 2}, {"pool": "h100", "count": 1}],
                },
                {
                    "id": "deploy",
                    "start": 6,
                    "end": 7,
                    "staff": [{"id": "cleo", "skill": "mlops_realtime"}],
                },
            ],
        },
        {"id": "vision", "selected": False, "reason": "no room"},
    ],
    "datasets": [
        {
            "id": "events",
            "acquired_by": "churn",
            "start": 0,
            "end": 2,
            "staff": [{"id": "cleo", "skill": "data_engineering"}],
        }
    ],
}


@pytest.fixture
def scenario() -> Scenario:
    return parse_scenario(copy.deepcopy(SCENARIO))


@pytest.fixture
def schedule() -> Schedule:
    return Schedule.model_validate(copy.deepcopy(SCHEDULE))


def annotations(figure: go.Figure) -> str:
    return " ".join(a.text for a in figure.layout.annotations)


# --------------------------------------------------------------------------- GPU load


def pool_bars(figure: go.Figure, pool: str) -> dict[str, list[int]]:
    """Project id -> GPUs per period, from the bar traces of one pool's subplot."""
    return {
        t.customdata[0][1]: list(t.y)
        for t in figure.data
        if t.type == "bar" and t.customdata[0][0] == pool
    }


def test_gpu_load_stacks_projects_per_period(scenario: Scenario, schedule: Schedule) -> None:
    figure = gpu_load(scenario, schedule)
    a100 = pool_bars(figure, "a100")
    assert set(a100) == {"churn", "forecast"}
    total = [sum(used[t] for used in a100.values()) for t in range(HORIZON)]
    #                 0  1  2  3  4  5  6  7  8  9
    assert total == [0, 2, 2, 0, 4, 4, 4, 0, 0, 0]
    assert a100["forecast"] == [0, 2, 2, 0, 0, 0, 0, 0, 0, 0]
    assert pool_bars(figure, "h100") == {"forecast": [0, 1, 1, 0, 0, 0, 0, 0, 0, 0]}
    assert figure.layout.barmode == "stack"
    # bars sit on the period start dates, one legend entry per project
    bar = next(t for t in figure.data if t.type == "bar")
    assert bar.x[0] == "2027-01-04"
    assert bar.x[3] == "2027-01-25"
    legend = [t.name for t in figure.data if t.type == "bar" and t.showlegend]
    assert sorted(legend) == ["Churn v2", "Demand forecast"]


def test_gpu_capacity_line_follows_capacity_changes(scenario: Scenario, schedule: Schedule) -> None:
    figure = gpu_load(scenario, schedule)
    lines = {t.customdata[0][0]: t for t in figure.data if t.name == "capacity"}
    assert set(lines) == {"a100", "h100"}
    a100 = lines["a100"]
    assert a100.line.shape == "hv"
    # one step per period, plus the end of the horizon so the last period is drawn
    assert list(a100.y) == [8, 8, 8, 8, 8, 8, 4, 4, 4, 4, 4]
    assert list(a100.y[:-1]) == scenario.pool_capacity("a100")
    assert a100.x[6] == "2027-02-15"
    assert a100.x[-1] == "2027-03-15"
    assert list(lines["h100"].y) == [2] * (HORIZON + 1)
    # one subplot per pool, titled with the pool's name
    assert {a.text for a in figure.layout.annotations} == {"a100", "H100 cluster [h100]"}
    assert not [t for t in figure.data if t.name == "over capacity"]


def test_gpu_load_marks_periods_over_capacity(scenario: Scenario, schedule: Schedule) -> None:
    plan = schedule.model_copy(deep=True)
    churn = plan.project("churn")
    assert churn is not None
    model = churn.phase("model")
    assert model is not None
    model.gpus[0].count = 6  # capacity drops to 4 in period 6
    figure = gpu_load(scenario, plan)
    (over,) = [t for t in figure.data if t.name == "over capacity"]
    assert list(over.y) == [6]
    assert over.x[0].startswith("2027-02-18")  # the middle of period 6


def test_gpu_load_clips_to_horizon_and_draws_unknown_pools(scenario: Scenario) -> None:
    plan = Schedule.model_validate(
        {
            "scenario": "x",
            "status": "feasible",
            "projects": [
                {
                    "id": "churn",
                    "selected": True,
                    "phases": [
                        {
                            "id": "model",
                            "start": 8,
                            "end": 14,
                            "gpus": [{"pool": "a100", "count": 1}, {"pool": "tpu", "count": 2}],
                        }
                    ],
                }
            ],
        }
    )
    figure = gpu_load(scenario, plan)
    assert pool_bars(figure, "a100") == {"churn": [0] * 8 + [1, 1]}
    assert pool_bars(figure, "tpu") == {"churn": [0] * 8 + [2, 2]}
    capacity_pools = {t.customdata[0][0] for t in figure.data if t.name == "capacity"}
    assert capacity_pools == {"a100", "h100"}
    assert "tpu (not in the scenario)" in annotations(figure)


# --------------------------------------------------------------------------- skills


def heat(figure: go.Figure) -> tuple[dict[str, list[float | None]], dict[str, list[list[int]]]]:
    (trace,) = [t for t in figure.data if t.type == "heatmap"]
    ratios = {skill: list(row) for skill, row in zip(trace.y, trace.z, strict=True)}
    numbers = {
        skill: [list(cell) for cell in row]
        for skill, row in zip(trace.y, trace.customdata, strict=True)
    }
    return ratios, numbers


def test_skill_heatmap_ratios(scenario: Scenario, schedule: Schedule) -> None:
    figure = skill_heatmap(scenario, schedule)
    ratios, numbers = heat(figure)
    assert list(ratios) == ["data_engineering", "data_science", "ml_engineering", "mlops_realtime"]
    #                                  0    1    2    3    4    5    6    7    8    9
    assert ratios["data_science"] == [0, 0.5, 0.5, 0, 0.5, 1.0, 0.5, 0, 0, 0]
    assert ratios["data_engineering"] == [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0, 0, 0]
    assert ratios["ml_engineering"] == [0.0] * HORIZON
    assert ratios["mlops_realtime"] == [0, 0, 0, 0, 0, 0, 1.0, 1.0, 0, 0]
    # ben is away in period 5: only ana holds data_science then, and she is at work
    assert numbers["data_science"][5] == [1, 1]
    assert numbers["data_science"][4] == [1, 2]
    assert numbers["data_engineering"][5] == [0, 1]
    assert numbers["data_engineering"][0] == [1, 2]  # cleo acquires the dataset
    (trace,) = [t for t in figure.data if t.type == "heatmap"]
    assert (trace.zmin, trace.zmax) == (0, 1)
    assert "working: 1<br>available: 1<br>load: 100%" in trace.hovertext[1][5]
    # x are the cell edges: period starts and the end of the horizon
    assert trace.x[0] == "2027-01-04"
    assert trace.x[-1] == "2027-03-15"
    assert len(trace.x) == HORIZON + 1


def test_skill_heatmap_marks_fully_booked_cells(scenario: Scenario, schedule: Schedule) -> None:
    figure = skill_heatmap(scenario, schedule)
    (marks,) = [t for t in figure.data if t.type == "scatter"]
    assert "100%" in marks.name
    cells = sorted(zip(marks.y, (x[:10] for x in marks.x), strict=True))
    assert cells == [
        ("data_science", "2027-02-11"),  # middle of period 5
        ("mlops_realtime", "2027-02-18"),  # period 6
        ("mlops_realtime", "2027-02-25"),  # period 7
    ]


def test_skill_heatmap_counts_a_person_once_per_period(scenario: Scenario) -> None:
    twice = Schedule.model_validate(
        {
            "scenario": "x",
            "status": "feasible",
            "projects": [
                {
                    "id": "churn",
                    "selected": True,
                    "phases": [
                        {
                            "id": "model",
                            "start": 0,
                            "end": 1,
                            "staff": [
                                {"id": "ana", "skill": "data_science"},
                                {"id": "ana", "skill": "data_science"},
                            ],
                        }
                    ],
                }
            ],
        }
    )
    ratios, numbers = heat(skill_heatmap(scenario, twice))
    assert numbers["data_science"][0] == [1, 2]
    assert ratios["data_science"][0] == 0.5


# --------------------------------------------------------------------------- flow


def test_flow_chart_working_and_waiting(scenario: Scenario, schedule: Schedule) -> None:
    figure = flow_chart(scenario, schedule)
    bars = {t.name: t for t in figure.data}
    assert set(bars) == {"working", "waiting"}
    working, waiting = bars["working"], bars["waiting"]
    assert working.orientation == "h"
    assert figure.layout.barmode == "stack"
    by_project = {
        c[0]: (w, x) for c, w, x in zip(working.customdata, working.x, waiting.x, strict=True)
    }
    # churn: periods 2..7 all busy; forecast: 1-2 and 6 busy, 3-5 waiting
    assert by_project == {"churn": (6, 0), "forecast": (3, 3)}
    # sorted by efficiency, highest first, with the efficiency in the row label
    assert list(working.y) == ["Churn v2 · 100%", "Demand forecast · 50%"]
    assert list(figure.layout.yaxis.categoryarray) == list(working.y)
    assert "3 / 6 = 50%" in working.hovertext[1]
    assert "vision" not in str(working.customdata)


# --------------------------------------------------------------------------- empty plans


EMPTY_PLANS = [
    {"scenario": "x", "status": "infeasible", "explanation": "churn: deadline <before> release"},
    {"scenario": "x", "status": "unknown"},
    {"scenario": "x", "status": "feasible", "projects": [{"id": "churn", "selected": False}]},
    # selected without phases, a dataset without dates
    {
        "scenario": "x",
        "status": "feasible",
        "projects": [{"id": "churn", "selected": True}],
        "datasets": [{"id": "events"}],
    },
]


@pytest.mark.parametrize("plan", EMPTY_PLANS)
def test_empty_plans_get_an_explanation(scenario: Scenario, plan: dict[str, Any]) -> None:
    schedule = Schedule.model_validate(plan)
    for build in (gpu_load, skill_heatmap, flow_chart):
        figure = build(scenario, schedule)
        assert isinstance(figure, go.Figure)
        text = annotations(figure)
        assert "No plan" in text or "Nothing is scheduled" in text, (build.__name__, text)
    assert "Load portfolio" in report_html(scenario, schedule)


def test_infeasible_annotation_quotes_the_explanation(scenario: Scenario) -> None:
    schedule = Schedule.model_validate(EMPTY_PLANS[0])
    text = annotations(flow_chart(scenario, schedule))
    assert "infeasible" in text
    assert "deadline &lt;before&gt; release" in text


def test_scenario_without_pools_or_staff() -> None:
    bare = parse_scenario(
        {
            "name": "Bare",
            "calendar": {"start": "2027-01-04", "horizon": 4},
            "projects": [{"id": "p", "phases": [{"id": "a", "duration": 1}]}],
        }
    )
    plan = Schedule.model_validate(
        {
            "scenario": "Bare",
            "status": "feasible",
            "projects": [
                {"id": "p", "selected": True, "phases": [{"id": "a", "start": 0, "end": 1}]}
            ],
        }
    )
    assert "No GPU pools" in annotations(gpu_load(bare, plan))
    assert "No staff" in annotations(skill_heatmap(bare, plan))
    flow = flow_chart(bare, plan)
    assert list(flow.data[0].x) == [1]
    assert report_html(bare, plan).startswith("<!DOCTYPE html>")


def test_the_overview_draws_the_load_the_kpis_hold() -> None:
    from builders import EXAMPLE

    from zenplan.charts import load_chart
    from zenplan.models import load_scenario
    from zenplan.scheduler import greedy_plan

    scenario = load_scenario(EXAMPLE)
    schedule = greedy_plan(scenario)
    figure = load_chart(scenario, schedule)
    bars = {trace.name: list(trace.y) for trace in figure.data if isinstance(trace, go.Bar)}
    assert bars == schedule.kpis.load["skills"] and bars
    in_use = {t.name: list(t.y) for t in figure.data if str(t.name).endswith(" in use")}
    assert in_use == {f"{pool} in use": used for pool, used in schedule.kpis.load["gpus"].items()}
