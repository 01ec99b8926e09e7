"""Reasons true by construction: for each kind of blocker, a scenario where it is the truth
(named, and relaxing exactly what is named lets the project fit while leaving any one of
them in place does not) and one where it is not (not named: the project fits)."""

from __future__ import annotations

from typing import Any

import pytest
from builders import phase, project, scenario_of

from zenplan.models import Scenario, Schedule
from zenplan.scheduler.counterfactual import Counterfactual, counterfactual_reason

DS4 = ("data_science", 4, 1)
DS2 = ("data_science", 2, 1)
DE3 = ("data_engineering", 3, 1)


def work(
    pid: str, phase_id: str, start: int, end: int, *people: str, **extra: Any
) -> dict[str, Any]:
    skills = {"ana": "data_science", "ben": "data_science"}
    staff = [{"id": p, "skill": extra.pop("skill", skills[p])} for p in people]
    return {
        "id": pid,
        "selected": True,
        "phases": [{"id": phase_id, "start": start, "end": end, "staff": staff, **extra}],
    }


def schedule_of(*plans: dict[str, Any], datasets: list[dict[str, Any]] | None = None) -> Schedule:
    return Schedule.model_validate(
        {
            "scenario": "tiny",
            "status": "feasible",
            "projects": [*plans, {"id": "p", "selected": False}],
            "datasets": datasets or [],
        }
    )


def assert_binding(scenario: Scenario, schedule: Schedule, kinds: tuple[str, ...]) -> None:
    """The blockers named are jointly enough and each one needed."""
    cf = Counterfactual(scenario, schedule, "p")
    plan = scenario.project("p")
    due = scenario.grid.deadline_end(plan.deadline) if plan.deadline else scenario.grid.horizon
    assert cf.fits(due) is None
    assert cf.fits(due, kinds) is not None
    for kind in kinds:
        assert cf.fits(due, [k for k in kinds if k != kind]) is None


def busy_ana(until: int) -> tuple[Scenario, Schedule]:
    scenario = scenario_of(
        projects=[
            project("q", phase("x", until, DS4), value=50),
            project("p", phase("m", 4, DS4), value=10),
        ]
    )
    return scenario, schedule_of(work("q", "x", 0, until, "ana"))


def test_busy_people_are_named_with_their_work_and_periods_when_they_block() -> None:
    scenario, schedule = busy_ana(until=20)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("people",)
    assert "ana is busy (q/x in periods 0-19)" in finding.text
    assert_binding(scenario, schedule, finding.blockers)


def test_busy_people_that_leave_room_are_no_reason_and_the_cut_search_is_said() -> None:
    scenario, schedule = busy_ana(until=10)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.fits is not None and not finding.blockers
    assert finding.text.startswith("with more time this may fit")
    assert "periods 10-13" in finding.text


def away(periods: tuple[str, str]) -> tuple[Scenario, Schedule]:
    scenario = scenario_of(
        staff=[
            {
                "id": "ana",
                "skills": {"data_science": 4},
                "unavailable": [{"from": periods[0], "to": periods[1]}],
            }
        ],
        projects=[project("p", phase("m", 4, DS4), value=10)],
    )
    return scenario, schedule_of()


def test_an_absent_person_is_named_as_absent_not_as_taken() -> None:
    scenario, schedule = away(("2027-01-04", "2027-05-23"))  # the whole horizon
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("absence",)
    assert "ana is away in periods 0-19" in finding.text and "busy" not in finding.text
    assert_binding(scenario, schedule, finding.blockers)


def test_an_absence_that_leaves_room_is_no_reason() -> None:
    scenario, schedule = away(("2027-01-04", "2027-03-14"))  # periods 0-9
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.fits is not None and "away" not in finding.text


def late_data(deadline: str) -> tuple[Scenario, Schedule]:
    scenario = scenario_of(
        datasets=[
            {
                "id": "events",
                "acquisition": {
                    "duration": 4,
                    "requires": [{"skill": "data_engineering", "level": 3}],
                },
            }
        ],
        projects=[
            project("q", phase("x", 2, DS2), value=50, datasets=["events"]),
            project(
                "p",
                phase("m", 2, DS2),
                value=10,
                datasets=["events"],
                deadline=deadline,
                deadline_hard=True,
            ),
        ],
    )
    acquisition = {
        "id": "events",
        "acquired_by": "q",
        "start": 10,
        "end": 14,
        "staff": [{"id": "ben", "skill": "data_engineering"}],
    }
    return scenario, schedule_of(work("q", "x", 14, 16, "ben"), datasets=[acquisition])


def test_a_dataset_not_ready_is_named_when_it_blocks() -> None:
    scenario, schedule = late_data("2027-02-28")  # end of period 7
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("dataset",)
    assert "dataset events, acquired in periods 10-13 (ready at 14)" in finding.text
    assert_binding(scenario, schedule, finding.blockers)


def test_a_dataset_ready_in_time_is_no_reason() -> None:
    scenario, schedule = late_data("2027-05-16")  # end of period 18
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.fits is not None and "dataset" not in finding.text


def gated(deadline: str) -> Scenario:
    return scenario_of(
        ethics_board={"capacity": 1, "review_duration": 2, "meeting_every": 8},
        projects=[
            project(
                "p",
                phase("m", 1, DS2),
                value=10,
                ethics="required",
                deadline=deadline,
                deadline_hard=True,
            )
        ],
    )


def test_an_approval_meeting_is_named_when_it_blocks() -> None:
    scenario = gated("2027-02-07")  # end of period 4; the first meeting after a review is 8
    finding = counterfactual_reason(scenario, schedule_of(), "p")
    assert finding.blockers == ("approval",)
    assert "only every 8 periods" in finding.text
    assert_binding(scenario, schedule_of(), finding.blockers)


def test_an_approval_in_time_is_no_reason() -> None:
    finding = counterfactual_reason(gated("2027-03-28"), schedule_of(), "p")  # end of period 11
    assert finding.fits is not None and "approval" not in finding.text


def gpu_clash(taken: int) -> tuple[Scenario, Schedule]:
    scenario = scenario_of(
        projects=[
            project("q", phase("x", 20, DS2, gpus=[{"pool": "a100", "count": taken}]), value=50),
            project("p", phase("m", 3, DS4, gpus=[{"pool": "a100", "count": 2}]), value=10),
        ]
    )
    plan = work("q", "x", 0, 20, "ben", gpus=[{"pool": "a100", "count": taken}])
    return scenario, schedule_of(plan)


def test_a_gpu_pool_at_capacity_is_named_when_it_blocks() -> None:
    scenario, schedule = gpu_clash(taken=4)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("gpus",)
    assert "GPU pool a100 at capacity in periods 0-19, used by q" in finding.text
    assert_binding(scenario, schedule, finding.blockers)


def test_a_gpu_pool_with_room_is_no_reason() -> None:
    scenario, schedule = gpu_clash(taken=2)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.fits is not None and "GPU" not in finding.text


def two_large(limit: int) -> tuple[Scenario, Schedule]:
    scenario = scenario_of(
        policies={"max_concurrent_large": limit},
        projects=[
            project("q", phase("x", 20, DS2), value=50, size="large"),
            project("p", phase("m", 3, DS4), value=10, size="large"),
        ],
    )
    return scenario, schedule_of(work("q", "x", 0, 20, "ben"))


def test_a_policy_is_named_when_it_blocks() -> None:
    scenario, schedule = two_large(limit=1)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("policy:max_concurrent_large",)
    assert "the policy max_concurrent_large" in finding.text
    assert_binding(scenario, schedule, finding.blockers)


def test_a_policy_with_room_is_no_reason() -> None:
    scenario, schedule = two_large(limit=2)
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.fits is not None and "policy" not in finding.text


@pytest.mark.parametrize(("deadline", "blocked"), [("2027-01-31", True), ("2027-03-14", False)])
def test_phases_in_sequence_are_named_only_when_they_cannot_fit(
    deadline: str, blocked: bool
) -> None:
    # 3 + 3 periods in sequence; end of period 3 (blocked) or of period 9
    scenario = scenario_of(
        projects=[
            project(
                "p",
                phase("a", 3, DS2),
                phase("b", 3, DS2),
                value=10,
                deadline=deadline,
                deadline_hard=True,
            )
        ]
    )
    finding = counterfactual_reason(scenario, schedule_of(), "p")
    assert (finding.blockers == ("predecessor",)) is blocked
    assert ("6 periods in sequence" in finding.text) is blocked


def test_a_late_project_is_explained_by_what_keeps_it_from_its_deadline() -> None:
    scenario = scenario_of(
        projects=[
            project("q", phase("x", 10, DS4), value=50),
            project("p", phase("m", 2, DS4), value=10, deadline="2027-01-31"),  # end of period 3
        ]
    )
    late = {**work("p", "m", 10, 12, "ana"), "late_by": 8}
    schedule = Schedule.model_validate(
        {"scenario": "tiny", "status": "feasible", "projects": [work("q", "x", 0, 10, "ana"), late]}
    )
    finding = counterfactual_reason(scenario, schedule, "p")
    assert finding.blockers == ("people",) and "ana is busy (q/x in periods 0-3)" in finding.text


def test_projects_past_the_reasons_budget_say_they_were_not_analysed() -> None:
    from zenplan.scheduler.counterfactual import checked_reasons

    scenario, schedule = busy_ana(until=20)
    everything = checked_reasons(scenario, schedule)
    assert everything["p"] == "not selected: blocked by ana is busy (q/x in periods 0-19)"
    cut = checked_reasons(scenario, schedule, solves=1)
    assert "not analysed" in cut["p"] and "zenplan explain" in cut["p"]
