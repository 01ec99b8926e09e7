"""What it would take to fit a project: the smallest capacity changes, each checked by a
solve, with what they displace."""

from __future__ import annotations

from builders import phase, project, scenario_of
from test_reasons import busy_ana, gpu_clash

from zenplan.models import Schedule
from zenplan.scheduler import SolveOptions
from zenplan.scheduler.takes import what_it_takes

OPTIONS = SolveOptions(time_limit=5, workers=2, relative_gap=0, deterministic=True)


def test_a_person_fits_it_without_displacing_what_taking_precedence_displaces() -> None:
    scenario, schedule = busy_ana(until=17)  # q earns 3 periods of value; p needs 4 of ana's
    options = {o.kind: o for o in what_it_takes(scenario, schedule, "p", OPTIONS)}
    precedence = options["none"]
    assert precedence.fits and precedence.displaced == ["q"]  # ana cannot do both
    person = options["person"]
    assert person.change == "one more person with data_science >= 4 for 4 person-periods"
    assert person.fits and person.displaced == [] and person.delayed == {}
    assert "gpus" not in options and "deadline" not in options


def test_the_fewest_gpus_that_fit_it() -> None:
    scenario, schedule = gpu_clash(taken=4)
    options = {o.kind: o for o in what_it_takes(scenario, schedule, "p", OPTIONS)}
    gpus = options["gpus"]
    assert gpus.change == "2 more GPUs in pool a100" and gpus.fits and gpus.displaced == []


def test_the_earliest_later_deadline_that_fits_a_late_project() -> None:
    scenario = scenario_of(
        projects=[
            project("q", phase("x", 10, ("data_science", 4, 1)), value=50),
            project("p", phase("m", 2, ("data_science", 4, 1)), value=10, deadline="2027-01-31"),
        ]
    )
    schedule = Schedule.model_validate(
        {
            "scenario": "tiny",
            "status": "feasible",
            "objective": 0,
            "projects": [
                {
                    "id": "q",
                    "selected": True,
                    "end": 10,
                    "phases": [
                        {
                            "id": "x",
                            "start": 0,
                            "end": 10,
                            "staff": [{"id": "ana", "skill": "data_science"}],
                        }
                    ],
                },
                {
                    "id": "p",
                    "selected": True,
                    "end": 12,
                    "late_by": 8,
                    "phases": [
                        {
                            "id": "m",
                            "start": 10,
                            "end": 12,
                            "staff": [{"id": "ana", "skill": "data_science"}],
                        }
                    ],
                },
            ],
        }
    )
    options = {o.kind: o for o in what_it_takes(scenario, schedule, "p", OPTIONS)}
    when = scenario.grid.end_date_of(12).isoformat()  # live at the end of period 11
    assert options["deadline"].change == f"a deadline of {when} instead of 2027-01-31"
    assert options["deadline"].fits and options["deadline"].displaced == []
    # on time with no change, q has to wait: it is delayed
    assert options["none"].fits and options["none"].delayed.get("q", 0) > 0
