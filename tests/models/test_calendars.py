"""Holiday calendars and working patterns: days off count per period and bind the plan."""

from __future__ import annotations

from typing import Any

import pytest
from builders import phase, project, scenario_of, solved

from zenplan.models import InputError, parse_scenario
from zenplan.scheduler import check, greedy

# Monday 3 May 2027; Thursday 6 May is Ascension Day, a public holiday in all of Germany.
DAYS = {"start": "2027-05-03", "period": "day", "horizon": 21}
STAFF = [{"id": "ana", "skills": {"data_science": 3}}]


def _scenario(calendar: dict[str, Any], staff: list[dict[str, Any]] = STAFF, **fields: Any) -> Any:
    return scenario_of(
        calendar={**DAYS, **calendar},
        staff=staff,
        projects=[project("churn", phase("model", 5, ("data_science", 3, 1)), value=100, **fields)],
    )


def _start(scenario: Any) -> list[int]:
    """The phase's start in the CP-SAT plan and in the greedy plan (both checked)."""
    planned = greedy.plan(scenario)
    assert not check(scenario, planned)
    return [s.project("churn").phases[0].start for s in (solved(scenario), planned)]


def test_a_public_holiday_moves_work_that_would_span_it() -> None:
    assert _start(_scenario({})) == [0, 0]
    holiday = _scenario({"holidays": {"country": "DE", "subdiv": "BY"}})
    assert 3 in holiday.unavailable_periods(holiday.staff[0])
    assert _start(holiday) == [4, 4]  # Friday 7 May, after the holiday


def test_a_persons_own_calendar_and_working_pattern_bind() -> None:
    # The portfolio has no holidays; ana works Monday to Wednesday only, so a 3-day phase
    # released on Tuesday waits for the next Monday.
    staff = [{**STAFF[0], "working_days": ["mon", "tue", "wed"]}]
    scenario = scenario_of(
        calendar=DAYS,
        staff=staff,
        projects=[
            project(
                "churn", phase("model", 3, ("data_science", 3, 1)), value=100, release="2027-05-04"
            )
        ],
    )
    assert _start(scenario) == [7, 7]
    french = _scenario(
        {"holidays": {"country": "DE"}}, [{**STAFF[0], "holidays": {"country": "FR"}}]
    )
    # Her French calendar has Ascension (6 May) and Victory in Europe Day (Saturday 8 May,
    # and she works every day): the phase starts on 9 May, not on 7 May as in Germany.
    assert {3, 5} <= french.unavailable_periods(french.staff[0])
    assert _start(french) == [6, 6]


def test_week_periods_count_days_off_in_capacity() -> None:
    weeks = {"start": "2027-05-03", "period": "week", "horizon": 4}
    scenario = scenario_of(
        calendar={
            **weeks,
            "holidays": {"country": "DE"},
            "working_days": ["mon", "tue", "wed", "thu", "fri"],
        },
        staff=STAFF,
        projects=[project("churn", phase("model", 2, ("data_science", 3, 1)), value=100)],
    )
    # Week 0 has Ascension (4 of 5 days), week 2 Whit Monday (17 May).
    assert scenario.working_share(scenario.staff[0]) == [0.8, 1.0, 0.8, 1.0]
    schedule = solved(scenario)
    assert schedule.kpis.utilization["ana"] == pytest.approx(2 / 3.6, abs=1e-3)
    # A person who works only on Thursdays has no working day in the Ascension week.
    thursdays = scenario_of(
        calendar={**weeks, "holidays": {"country": "DE"}},
        staff=[{**STAFF[0], "working_days": ["thu"]}],
        projects=[project("churn", phase("model", 2, ("data_science", 3, 1)), value=100)],
    )
    assert thursdays.unavailable_periods(thursdays.staff[0]) == {0}
    assert solved(thursdays).project("churn").phases[0].start == 1  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("where", "value", "path", "shown"),
    [
        ("calendar", {"holidays": {"country": "XX"}}, "calendar.holidays", "XX"),
        ("calendar", {"holidays": {"country": "DE", "subdiv": "ZZ"}}, "calendar.holidays", "ZZ"),
        ("calendar", {"working_days": ["mon", "funday"]}, "calendar.working_days[1]", "funday"),
        ("calendar", {"working_days": []}, "calendar.working_days", "[]"),
        ("staff", {"holidays": {"country": "QQ"}}, "staff[0].holidays", "QQ"),
    ],
)
def test_bad_calendars_name_field_and_value(
    where: str, value: dict[str, Any], path: str, shown: str
) -> None:
    document = _scenario({}).model_dump(mode="json", by_alias=True, exclude_none=True)
    if where == "calendar":
        document["calendar"].update(value)
    else:
        document["staff"][0].update(value)
    with pytest.raises(InputError) as error:
        parse_scenario(document)
    assert path in str(error.value) and shown in str(error.value)
