"""The schedule checker finds every broken rule in hand-made schedules."""

from __future__ import annotations

from typing import Any

from builders import phase, project, scenario_of

from zenplan.models import Schedule
from zenplan.scheduler import check

STAFF = [
    {
        "id": "ana",
        "skills": {"data_science": 4},
        "unavailable": [
            {"from": "2027-03-01", "to": "2027-03-07"}  # period 8
        ],
    },
    {"id": "ben", "skills": {"data_science": 2}},
]
SCENARIO = scenario_of(
    staff=STAFF,
    projects=[
        project(
            "p",
            phase("a", 2, ("data_science", 3, 1)),
            phase("b", 2, ("data_science", 2, 1), gpus=[{"pool": "a100", "count": 3}]),
            release="2027-01-18",  # period 2
            deadline="2027-02-14",  # end of period 5: go live by 6
            deadline_hard=True,
        ),
        project("q", phase("x", 2, ("data_science", 2, 1), gpus=[{"pool": "a100", "count": 3}])),
        project("m", phase("x", 1, ("data_science", 2, 1)), priority="must"),
    ],
)


def plan(phases: list[dict[str, Any]], pid: str = "p") -> dict[str, Any]:
    return {"id": pid, "selected": True, "phases": phases}


def step(pid: str, start: int, end: int, *people: tuple[str, str], gpus: int = 0) -> dict[str, Any]:
    return {
        "id": pid,
        "start": start,
        "end": end,
        "staff": [{"id": p, "skill": s} for p, s in people],
        "gpus": [{"pool": "a100", "count": gpus}] if gpus else [],
    }


def rules(projects: list[dict[str, Any]]) -> set[str]:
    schedule = Schedule.model_validate(
        {"scenario": "t", "status": "feasible", "projects": projects}
    )
    return {v.rule for v in check(SCENARIO, schedule)}


GOOD = [
    plan(
        [step("a", 2, 4, ("ana", "data_science")), step("b", 4, 6, ("ben", "data_science"), gpus=3)]
    ),
    plan([step("x", 0, 2, ("ben", "data_science"), gpus=3)], "q"),
    plan([step("x", 2, 3, ("ben", "data_science"))], "m"),
]


def test_a_valid_hand_made_schedule_passes() -> None:
    assert rules(GOOD) == set()


def test_each_broken_rule_is_named() -> None:
    # release and precedence and duration: a starts before release, b before a ends and too long
    assert {"release", "precedence", "duration"} <= rules(
        [
            plan(
                [
                    step("a", 0, 2, ("ana", "data_science")),
                    step("b", 1, 4, ("ben", "data_science"), gpus=3),
                ]
            ),
            *GOOD[1:],
        ]
    )
    # hard deadline: go-live at 7 > 6
    assert "deadline" in rules(
        [
            plan(
                [
                    step("a", 3, 5, ("ana", "data_science")),
                    step("b", 5, 7, ("ben", "data_science"), gpus=3),
                ]
            ),
            *GOOD[1:],
        ]
    )
    # skills: ben (level 2) cannot cover data_science >= 3
    assert "skills" in rules(
        [
            plan(
                [
                    step("a", 2, 4, ("ben", "data_science")),
                    step("b", 4, 6, ("ben", "data_science"), gpus=3),
                ]
            ),
            *GOOD[1:],
        ]
    )
    # one phase at a time: ben on q/x and m/x at period 1
    assert "one_phase_at_a_time" in rules(
        [GOOD[0], GOOD[1], plan([step("x", 1, 2, ("ben", "data_science"))], "m")]
    )
    # GPU capacity: p/b and q/x both use 3 of 4 GPUs in period 4
    assert "gpu_capacity" in rules(
        [GOOD[0], plan([step("x", 4, 6, ("ben", "data_science"), gpus=3)], "q"), GOOD[2]]
    )
    # GPUs not given to a phase that needs them
    assert "gpus" in rules(
        [GOOD[0], plan([step("x", 0, 2, ("ben", "data_science"))], "q"), GOOD[2]]
    )
    # a must project left out
    assert "mandatory" in rules(GOOD[:2])
    # a phase missing from a selected project
    assert "phases" in rules([plan([step("a", 2, 4, ("ana", "data_science"))]), *GOOD[1:]])
    # ana works in period 8, when she is away
    assert "unavailable" in rules(
        [GOOD[0], GOOD[1], plan([step("x", 8, 9, ("ana", "data_science"))], "m")]
    )
    # unknown project and unknown person
    assert "unknown" in rules([*GOOD, plan([], "ghost")])
    assert "unknown" in rules(
        [GOOD[0], GOOD[1], plan([step("x", 2, 3, ("zoe", "data_science"))], "m")]
    )


def test_the_checker_reports_where() -> None:
    schedule = Schedule.model_validate(
        {
            "scenario": "t",
            "status": "feasible",
            "projects": [GOOD[0], GOOD[1], plan([step("x", 1, 2, ("ben", "data_science"))], "m")],
        }
    )
    clash = next(v for v in check(SCENARIO, schedule) if v.rule == "one_phase_at_a_time")
    assert (clash.project, clash.phase, clash.person, clash.period) == ("m", "x", "ben", 1)
    assert "ben" in str(clash) and "period 1" in str(clash)
