"""Each portfolio rule in a tiny scenario where it binds: the plan changes because of it."""

from __future__ import annotations

from builders import phase, project, scenario_of, solved, starts

from zenplan.models import Schedule
from zenplan.scheduler import SolveOptions, check, solve

DS3 = ("data_science", 3, 1)
DE2 = ("data_engineering", 2, 1)
BOARD = {"capacity": 1, "review_duration": 2, "meeting_every": 4}


def go_live(schedule: Schedule, project_id: str) -> int:
    plan = schedule.project(project_id)
    assert plan is not None and plan.selected and plan.end is not None
    return plan.end


def test_dataset_is_acquired_once_before_the_projects_that_need_it() -> None:
    events = {
        "id": "events",
        "acquisition": {"duration": 3, "requires": [{"skill": "data_engineering", "level": 2}]},
    }
    users = [project(f"p{i}", phase("m", 2, DS3), value=10, datasets=["events"]) for i in range(2)]
    plan = solved(scenario_of(datasets=[events], projects=users))
    assert len(plan.datasets) == 1
    acquisition = plan.datasets[0]
    assert (acquisition.start, acquisition.end) == (0, 3)
    assert acquisition.staff[0].id == "ben"
    assert all(starts(plan, p)["m"] >= 3 for p in ("p0", "p1"))
    assert plan.kpis.reuse_saved_periods == 3  # the second project reuses it
    assert acquisition.acquired_by in ("p0", "p1")

    events["available"] = True
    events.pop("acquisition")
    plan = solved(scenario_of(datasets=[events], projects=users))
    assert plan.datasets == [] and min(starts(plan, p)["m"] for p in ("p0", "p1")) == 0


def test_dataset_needed_only_by_a_left_out_project_is_not_acquired() -> None:
    events = {
        "id": "events",
        "acquisition": {"duration": 3, "requires": [{"skill": "data_engineering", "level": 2}]},
    }
    worth = project("worth", phase("m", 8, DS3), value=100)
    left = project("left", phase("m", 8, DS3), value=1, datasets=["events"])
    plan = solved(
        scenario_of(
            calendar={"start": "2027-01-04", "horizon": 10},
            datasets=[events],
            projects=[worth, left],
        )
    )
    assert not plan.project("left").selected and plan.datasets == []


def test_ethics_approval_is_granted_at_a_meeting_and_gates_the_last_phase() -> None:
    p = project("p", phase("data", 1, DE2), phase("deploy", 1, DS3), value=10)
    plan = solved(scenario_of(ethics_board=BOARD, projects=[p]))
    assert go_live(plan, "p") == 2

    p["ethics"] = "required"
    plan = solved(scenario_of(ethics_board=BOARD, projects=[p]))
    approval = plan.project("p").approval
    assert approval is not None and approval.end % 4 == 0 and approval.end - approval.start == 2
    assert starts(plan, "p")["deploy"] >= approval.end == 4
    assert starts(plan, "p")["data"] == 0  # only the gated phase waits


def test_ethics_board_capacity_serializes_reviews() -> None:
    jobs = [
        project(f"p{i}", phase("m", 1, DE2 if i else DS3), value=10, ethics="required")
        for i in range(2)
    ]
    plan = solved(scenario_of(ethics_board=BOARD, projects=jobs))
    ends = sorted(plan.project(f"p{i}").approval.end for i in range(2))  # type: ignore[union-attr]
    assert ends == [4, 8]
    roomy = solved(scenario_of(ethics_board={**BOARD, "capacity": 2}, projects=jobs))
    assert {roomy.project(f"p{i}").approval.end for i in range(2)} == {4}  # type: ignore[union-attr]


def test_max_concurrent_large_runs_large_projects_one_after_the_other() -> None:
    jobs = [
        project("a", phase("m", 3, DS3), value=10, size="large"),
        project("b", phase("m", 3, DE2), value=10, size="large"),
    ]
    plan = solved(scenario_of(projects=jobs))
    assert starts(plan, "a")["m"] == starts(plan, "b")["m"] == 0
    plan = solved(scenario_of(projects=jobs, policies={"max_concurrent_large": 1}))
    assert abs(starts(plan, "a")["m"] - starts(plan, "b")["m"]) >= 3


def test_max_delivery_gap_pulls_go_lives_together() -> None:
    jobs = [
        project("early", phase("m", 2, DS3), value=1),
        project("late", phase("m", 2, DE2), value=1, release="2027-04-12", priority="must"),
    ]
    plan = solved(scenario_of(projects=jobs))
    assert go_live(plan, "late") - go_live(plan, "early") == 14
    policy = scenario_of(projects=jobs, policies={"max_delivery_gap": 4}, objective={"balance": 10})
    plan = solved(policy)
    assert go_live(plan, "late") - go_live(plan, "early") == 4


def test_first_delivery_by_brings_a_quick_win_forward() -> None:
    jobs = [
        project("big", phase("m", 6, DS3), value=10),
        project("quick", phase("m", 2, DS3), value=1),
    ]
    plan = solved(scenario_of(projects=jobs))
    assert starts(plan, "big")["m"] == 0
    plan = solved(
        scenario_of(
            projects=jobs, policies={"first_delivery_by": "2027-01-17"}, objective={"balance": 100}
        )
    )
    assert go_live(plan, "quick") == 2


def test_sponsor_fairness_gives_every_sponsor_a_share() -> None:
    jobs = [
        project("x1", phase("m", 3, DS3), value=10, sponsor="cmo"),
        project("x2", phase("m", 3, DS3), value=10, sponsor="cmo"),
        project("y1", phase("m", 3, DS3), value=8, sponsor="cfo"),
    ]
    sponsors = [{"id": "cmo"}, {"id": "cfo"}]
    calendar = {"start": "2027-01-04", "horizon": 7}
    plan = solved(
        scenario_of(calendar=calendar, sponsors=sponsors, projects=jobs, objective={"balance": 0})
    )
    assert {p.id for p in plan.selected()} == {"x1", "x2"}
    plan = solved(scenario_of(calendar=calendar, sponsors=sponsors, projects=jobs))
    assert "y1" in {p.id for p in plan.selected()}
    assert plan.kpis.sponsor_share == {"cfo": 1.0, "cmo": 0.5}


def test_rd_reserve_keeps_people_free() -> None:
    jobs = [project("a", phase("m", 3, DS3), value=10), project("b", phase("m", 3, DE2), value=10)]
    plan = solved(scenario_of(projects=jobs))
    assert starts(plan, "a")["m"] == starts(plan, "b")["m"] == 0
    plan = solved(scenario_of(projects=jobs, policies={"rd_reserve": 0.5}))
    assert abs(starts(plan, "a")["m"] - starts(plan, "b")["m"]) >= 3


def test_mentoring_keeps_juniors_beside_a_mentor() -> None:
    staff = [
        {"id": "junior", "skills": {"data_science": 2}, "cost_per_period": 1},
        {"id": "senior", "skills": {"data_science": 4}, "cost_per_period": 50},
    ]
    job = project("p", phase("m", 2, ("data_science", 1, 1)), value=100)
    plan = solved(scenario_of(staff=staff, projects=[job], objective={"cost": 1}))
    assert [s.id for s in plan.project("p").phases[0].staff] == ["junior"]
    plan = solved(
        scenario_of(
            staff=staff, projects=[job], objective={"cost": 1}, policies={"mentoring": True}
        )
    )
    assert [s.id for s in plan.project("p").phases[0].staff] == ["senior"]


def test_gpu_cost_counts_per_gpu_period() -> None:
    pools = [{"id": "a100", "capacity": 4, "cost_per_gpu_period": 5}]
    job = project("p", phase("train", 2, gpus=[{"pool": "a100", "count": 3}]), value=100)
    plan = solved(scenario_of(gpu_pools=pools, projects=[job], objective={"cost": 1}))
    assert plan.kpis.cost == 30


def test_infeasible_because_of_ethics_meetings_is_explained() -> None:
    rushed = project(
        "rushed",
        phase("deploy", 1, DS3),
        priority="must",
        ethics="required",
        deadline="2027-01-24",
        deadline_hard=True,
    )  # go live by 3
    schedule = solve(
        scenario_of(
            ethics_board={"capacity": 1, "review_duration": 2, "meeting_every": 4},
            projects=[rushed],
        ),
        SolveOptions(time_limit=5, workers=2),
    )
    assert schedule.status == "infeasible"
    text = schedule.explanation or ""
    assert "ethics board grants approvals only every 4 periods" in text
    assert "rushed deadline_hard 2027-01-24" in text


def test_checker_names_broken_portfolio_rules() -> None:
    events = {
        "id": "events",
        "acquisition": {"duration": 2, "requires": [{"skill": "data_engineering", "level": 2}]},
    }
    scenario = scenario_of(
        datasets=[events],
        ethics_board=BOARD,
        staff=[
            {"id": "ana", "skills": {"data_science": 4}},
            {"id": "ben", "skills": {"data_science": 2, "data_engineering": 3}},
        ],
        policies={"max_concurrent_large": 1, "rd_reserve": 0.5, "mentoring": True},
        projects=[
            project(
                "a",
                phase("m", 2, ("data_science", 1, 1)),
                datasets=["events"],
                size="large",
                ethics="required",
            ),
            project("b", phase("m", 2, ("data_science", 3, 1)), size="large"),
        ],
    )
    schedule = Schedule.model_validate(
        {
            "scenario": "t",
            "status": "feasible",
            "projects": [
                {
                    "id": "a",
                    "selected": True,
                    "approval": {"start": 0, "end": 3},
                    "phases": [
                        {
                            "id": "m",
                            "start": 1,
                            "end": 3,
                            "staff": [{"id": "ben", "skill": "data_science"}],
                        }
                    ],
                },
                {
                    "id": "b",
                    "selected": True,
                    "phases": [
                        {
                            "id": "m",
                            "start": 0,
                            "end": 2,
                            "staff": [{"id": "ana", "skill": "data_science"}],
                        }
                    ],
                },
            ],
        }
    )
    rules = {v.rule for v in check(scenario, schedule)}
    assert {"datasets", "ethics", "max_concurrent_large", "rd_reserve", "mentoring"} <= rules
