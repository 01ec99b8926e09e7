"""Monte Carlo risk: re-timing a plan under sampled durations, same order and people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import Scenario, Schedule
from zenplan.studies.executors import InProcess, LocalPool
from zenplan.studies.risk import ProjectRisk, assess, percentile

DS3 = ("data_science", 3, 1)
DE3 = ("data_engineering", 3, 1)
DS4 = ("data_science", 4, 1)


def fraud(model_range: list[int], **fields: Any) -> dict[str, Any]:
    """Data (ben, 2 periods) then model (ana, 3 periods): live at period 5 when on plan."""
    document: dict[str, Any] = project(
        "fraud",
        phase("data", 2, DE3, duration_range=[2, 2]),
        phase("model", 3, DS3, duration_range=model_range),
        value=10,
        **fields,
    )
    return document


def risks(scenario: Scenario, schedule: Schedule, samples: int = 2000) -> dict[str, ProjectRisk]:
    report = assess(scenario, schedule, samples, InProcess(), seed=7)
    return {p.project: p for p in report.projects}


def test_ranges_without_spread_give_the_planned_go_live() -> None:
    scenario = scenario_of(projects=[fraud([3, 3], deadline="2027-02-07")])  # end of period 4
    schedule = solved(scenario)
    risk = risks(scenario, schedule, samples=50)["fraud"]
    assert risk.planned == 5
    assert risk.p50 == risk.p80 == 5
    assert risk.p50_date == risk.planned_date == date(2027, 2, 7)
    assert risk.miss_probability == 0.0


def test_overruns_make_a_deadline_miss_likely() -> None:
    # model takes triangular(3, 7, mode 3) periods, rounded: P(3) = 0.23, P(<= 4) = 0.61,
    # P(<= 5) = 0.86; the deadline is the planned go-live, so any overrun misses it
    scenario = scenario_of(projects=[fraud([3, 7], deadline="2027-02-07")])
    schedule = solved(scenario)
    risk = risks(scenario, schedule)["fraud"]
    assert risk.planned == 5
    assert (risk.p50, risk.p80) == (6, 7)
    assert risk.p80 >= risk.p50
    assert risk.miss_probability is not None and 0.70 < risk.miss_probability < 0.83
    assert risk.p80_date == date(2027, 2, 21)


def test_a_persons_next_phase_waits_for_their_overrun() -> None:
    # ana, the only data scientist at level 3+, does fraud's model (periods 2-5) and then
    # churn, released at period 3: churn inherits the model's overrun
    scenario = scenario_of(
        projects=[
            fraud([3, 7]),
            project("churn", phase("model", 2, DS4), value=5, release="2027-01-25"),
        ]
    )
    schedule = solved(scenario)
    churn = schedule.project("churn")
    assert churn is not None and churn.start is not None and churn.start >= 5  # after fraud
    result = risks(scenario, schedule)
    assert result["churn"].planned == 7
    assert result["churn"].p50 == 8 and result["churn"].p80 == 9
    assert result["churn"].miss_probability is None  # no deadline


def overrun_then_later(
    first: tuple[str, int, int] | None, later: tuple[str, int, int] | None, **changes: Any
) -> Scenario:
    """`a` trains 3 periods (triangular(3, 7)) from period 0; `b`, released at period 3,
    trains 2 periods after it (planned go-live 5). Nothing but a shared resource ties them."""
    gpu = [{"pool": "a100", "count": 1}]
    a = phase("train", 3, *([first] if first else []), gpus=gpu, duration_range=[3, 7])
    b = phase("train", 2, *([later] if later else []), gpus=gpu)
    return scenario_of(
        projects=[
            project("a", a, value=10),
            project("b", b, value=5, release="2027-01-25"),
        ],
        **changes,
    )


def test_a_phase_waits_for_gpus_an_overrun_holds() -> None:
    # one GPU: b's training waits for a's; no person is shared
    scenario = overrun_then_later(None, None, gpu_pools=[{"id": "a100", "capacity": 1}])
    schedule = solved(scenario)
    result = risks(scenario, schedule)
    assert result["b"].planned == 5
    assert (result["b"].p50, result["b"].p80) == (6, 7)  # a ends at 4 / 5, then 2 periods


def test_a_phase_waits_for_the_rd_reserve_an_overrun_holds() -> None:
    # ana on a, ben on b, GPUs to spare; the R&D reserve keeps one of the two people free
    scenario = overrun_then_later(DS3, DE3, policies={"rd_reserve": 0.5})
    schedule = solved(scenario)
    result = risks(scenario, schedule)
    assert result["b"].planned == 5
    assert (result["b"].p50, result["b"].p80) == (6, 7)
    without = overrun_then_later(DS3, DE3)
    assert risks(without, solved(without))["b"].p80 == 5  # the binding rule is the reserve


def test_same_seed_same_results_wherever_the_chunks_run() -> None:
    scenario = scenario_of(projects=[fraud([2, 9], deadline="2027-02-07")])
    schedule = solved(scenario)
    inline = assess(scenario, schedule, 300, InProcess(), seed=3, chunk_samples=300)
    pool = LocalPool(2)
    try:
        pooled = assess(scenario, schedule, 300, pool, seed=3, chunk_samples=7)
    finally:
        pool.close()
    assert pooled == inline
    other = assess(scenario, schedule, 300, InProcess(), seed=4)
    assert other.projects[0].miss_probability != inline.projects[0].miss_probability


def test_a_schedule_of_another_scenario_is_refused() -> None:
    schedule = solved(scenario_of(projects=[fraud([3, 3])]))
    other = scenario_of(projects=[project("fraud", phase("only", 2, DS3))])
    with pytest.raises(ValueError, match=r"plans phases \['data', 'model'\]"):
        assess(other, schedule, 10, InProcess())
    with pytest.raises(ValueError, match="'fraud' is not in the scenario"):
        assess(scenario_of(), schedule, 10, InProcess())


def test_percentile_is_the_nearest_rank() -> None:
    histogram = {5: 5, 6: 3, 9: 2}  # ten samples
    assert percentile(histogram, 0.5) == 5
    assert percentile(histogram, 0.8) == 6
    assert percentile(histogram, 0.81) == 9
