"""The checker and the CP-SAT model agree: solved plans pass both, and a plan broken in one
rule is flagged under that rule by the checker and refused by the model. Replans with
incidents are checkable; a dataset acquired twice is flagged."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import Scenario, Schedule
from zenplan.models.scenario import Incident
from zenplan.scheduler import SolveOptions, check
from zenplan.scheduler.replan import replan
from zenplan.scheduler.verdict import model_accepts

DS3 = ("data_science", 3, 1)
SCENARIO = scenario_of(
    staff=[
        {
            "id": "ana",
            "skills": {"data_science": 4},
            "unavailable": [{"from": "2027-03-01", "to": "2027-03-07"}],  # period 8
        },
        {"id": "ben", "skills": {"data_science": 2, "data_engineering": 3}},
        {"id": "cy", "skills": {"data_science": 3}},
    ],
    datasets=[
        {
            "id": "events",
            "available": False,
            "acquisition": {"duration": 2, "requires": [{"skill": "data_engineering", "level": 3}]},
        }
    ],
    ethics_board={"capacity": 1, "review_duration": 2, "meeting_every": 4},
    projects=[
        project(
            "p",
            phase("a", 2, DS3),
            phase("b", 2, ("data_science", 2, 1), gpus=[{"pool": "a100", "count": 3}]),
            release="2027-01-18",  # period 2
            deadline="2027-03-28",  # end of period 11
            deadline_hard=True,
            datasets=["events"],
            value=30,
        ),
        project("q", phase("x", 2, DS3, gpus=[{"pool": "a100", "count": 3}]), value=20),
        project("m", phase("x", 1, DS3), priority="must", ethics="required", value=5),
        project("old", phase("x", 1, DS3), status="done", value=5),
    ],
)


def as_dict(schedule: Schedule) -> dict[str, Any]:
    return schedule.model_dump(mode="json")


def rebuilt(document: dict[str, Any]) -> Schedule:
    return Schedule.model_validate(document)


def find(document: dict[str, Any], pid: str, phase_id: str) -> dict[str, Any]:
    plan = next(p for p in document["projects"] if p["id"] == pid)
    return next(ph for ph in plan["phases"] if ph["id"] == phase_id)


@pytest.fixture(scope="module")
def plan() -> Schedule:
    return solved(SCENARIO)


def test_solved_plans_pass_the_checker_and_the_model(plan: Schedule) -> None:
    assert [p.id for p in plan.selected()] and check(SCENARIO, plan) == []
    assert model_accepts(SCENARIO, plan) is True


def shift(document: dict[str, Any], pid: str, phase_id: str, to: int) -> None:
    item = find(document, pid, phase_id)
    item["end"] = to + item["end"] - item["start"]
    item["start"] = to


def person(document: dict[str, Any], pid: str, phase_id: str, who: str) -> None:
    find(document, pid, phase_id)["staff"][0]["id"] = who


BREAKS = {
    # p/a before p's release (period 2)
    "release": lambda d: (shift(d, "p", "a", 0), shift(d, "p", "b", 2)),
    # p/b before p/a ends
    "precedence": lambda d: shift(d, "p", "b", find(d, "p", "a")["start"]),
    # p goes live after its hard deadline (period 12)
    "deadline": lambda d: shift(d, "p", "b", 18),
    # ben (data_science 2) cannot cover data_science >= 3
    "skills": lambda d: person(d, "q", "x", "ben"),
    # ana works in period 8, when she is away
    "unavailable": lambda d: (shift(d, "q", "x", 7), person(d, "q", "x", "ana")),
    # the must project left out
    "mandatory": lambda d: d.update(projects=[p for p in d["projects"] if p["id"] != "m"]),
    # p starts before its dataset is ready
    "datasets": lambda d: d["datasets"][0].update(start=10, end=12),
    # m runs before its ethics approval
    "ethics": lambda d: shift(d, "m", "x", 0),
}


@pytest.mark.parametrize("rule", sorted(BREAKS))
def test_a_plan_broken_in_one_rule_is_flagged_by_both(plan: Schedule, rule: str) -> None:
    document = as_dict(plan)
    BREAKS[rule](document)
    broken = rebuilt(document)
    assert rule in {v.rule for v in check(SCENARIO, broken)}
    assert model_accepts(SCENARIO, broken) is False


def test_two_phases_at_once_and_gpus_over_capacity_are_flagged_by_both(plan: Schedule) -> None:
    document = as_dict(plan)
    q, b = find(document, "q", "x"), find(document, "p", "b")
    shift(document, "q", "x", b["start"])  # both use 3 of the 4 GPUs of a100
    broken = rebuilt(document)
    assert "gpu_capacity" in {v.rule for v in check(SCENARIO, broken)}
    assert model_accepts(SCENARIO, broken) is False
    q["staff"], b["staff"] = (
        [{"id": "cy", "skill": "data_science"}],
        [{"id": "cy", "skill": "data_science"}],
    )
    q["gpus"] = []
    assert "one_phase_at_a_time" in {v.rule for v in check(SCENARIO, rebuilt(document))}


def test_a_dataset_acquired_twice_is_flagged(plan: Schedule) -> None:
    document = as_dict(plan)
    document["datasets"].append(dict(document["datasets"][0]))
    violations = check(SCENARIO, rebuilt(document))
    assert any(v.rule == "datasets" and "2 times" in v.message for v in violations)


INCIDENT = {
    "id": "drift1",
    "project": "old",
    "detected": "2027-01-25",
    "sla": 6,
    "phases": [
        {"id": "retrain", "duration": 1, "requires": [{"skill": "data_science", "level": 3}]}
    ],
}


def with_stored_incident(scenario: Scenario) -> Scenario:
    from zenplan.models import parse_scenario

    document = scenario.model_dump(mode="json", by_alias=True)
    document["incidents"] = [INCIDENT]
    return parse_scenario(document)


def test_replans_with_incidents_are_checkable(plan: Schedule) -> None:
    incident = Incident.model_validate(INCIDENT)
    options = SolveOptions(time_limit=10, workers=2, relative_gap=0)
    result = replan(SCENARIO, plan, date(2027, 1, 25), options, [incident])
    schedule = result.schedule
    assert schedule.project("drift1") is not None
    # without the incident the refresh is an unknown project; with it, the plan passes
    assert "unknown" in {v.rule for v in check(SCENARIO, schedule)}
    assert check(SCENARIO, schedule, [incident]) == []
    assert check(with_stored_incident(SCENARIO), schedule) == []
    assert model_accepts(SCENARIO, schedule, [incident]) is True
    # the refresh dropped: a must project left out, by both views
    document = as_dict(schedule)
    document["projects"] = [p for p in document["projects"] if p["id"] != "drift1"]
    dropped = rebuilt(document)
    assert "mandatory" in {v.rule for v in check(SCENARIO, dropped, [incident])}
    assert model_accepts(SCENARIO, dropped, [incident]) is False


POLICIES = scenario_of(
    staff=[
        {"id": "ana", "skills": {"data_science": 4}},
        {"id": "ben", "skills": {"data_science": 2}},
        {"id": "cy", "skills": {"data_science": 3}},
        {"id": "dee", "skills": {"data_science": 3}},
    ],
    policies={"max_concurrent_large": 1, "mentoring": True, "rd_reserve": 0.25},
    projects=[
        project("big1", phase("x", 3, DS3), value=10, size="large"),
        project("big2", phase("x", 3, DS3), value=10, size="large"),
        project("small", phase("x", 2, ("data_science", 2, 1)), value=5),
    ],
)


def policy_plan(**moves: Any) -> Schedule:
    """big1 then big2 on cy, small on ana; ``moves`` sets a project's start or people."""
    layout: dict[str, tuple[int, list[str]]] = {
        "big1": (0, ["cy"]),
        "big2": (3, ["cy"]),
        "small": (0, ["ana"]),
    }
    layout.update(moves)
    projects = []
    for pid, (start, people) in layout.items():
        duration = 2 if pid == "small" else 3
        staff = [{"id": p, "skill": "data_science"} for p in people]
        projects.append(
            {
                "id": pid,
                "selected": True,
                "phases": [{"id": "x", "start": start, "end": start + duration, "staff": staff}],
            }
        )
    return Schedule.model_validate({"scenario": "tiny", "status": "feasible", "projects": projects})


@pytest.mark.parametrize(
    ("rule", "moves"),
    [
        # two large projects at once
        ("max_concurrent_large", {"big2": (0, ["dee"])}),
        # a junior (ben, level 2) alone on small
        ("mentoring", {"small": (0, ["ben"])}),
    ],
)
def test_policies_are_flagged_by_both(rule: str, moves: dict[str, Any]) -> None:
    assert check(POLICIES, policy_plan()) == [] and model_accepts(POLICIES, policy_plan())
    broken = policy_plan(**moves)
    assert rule in {v.rule for v in check(POLICIES, broken)}
    assert model_accepts(POLICIES, broken) is False


def test_the_rd_reserve_is_flagged_by_both() -> None:
    # two people, half kept for R&D: one at work at a time
    scenario = scenario_of(
        staff=[
            {"id": "ana", "skills": {"data_science": 4}},
            {"id": "cy", "skills": {"data_science": 3}},
        ],
        policies={"rd_reserve": 0.5},
        projects=[
            project("a", phase("x", 2, DS3), value=5),
            project("b", phase("x", 2, DS3), value=5),
        ],
    )

    def plan(b_start: int) -> Schedule:
        runs = {"a": (0, "ana"), "b": (b_start, "cy")}
        projects = [
            {
                "id": pid,
                "selected": True,
                "phases": [
                    {
                        "id": "x",
                        "start": t,
                        "end": t + 2,
                        "staff": [{"id": who, "skill": "data_science"}],
                    }
                ],
            }
            for pid, (t, who) in runs.items()
        ]
        return Schedule.model_validate(
            {"scenario": "tiny", "status": "feasible", "projects": projects}
        )

    assert check(scenario, plan(2)) == [] and model_accepts(scenario, plan(2))
    assert "rd_reserve" in {v.rule for v in check(scenario, plan(1))}
    assert model_accepts(scenario, plan(1)) is False
