"""Bad scenarios get errors that name the field path and the value."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from zenplan.models import InputError, parse_scenario
from zenplan.models.loading import parse_text

GOOD: dict[str, Any] = {
    "name": "v",
    "calendar": {"start": "2027-01-04", "horizon": 20},
    "staff": [
        {"id": "ana", "skills": {"data_science": 4}},
        {"id": "ben", "skills": {"data_science": 2}},
    ],
    "gpu_pools": [
        {"id": "a100", "capacity": 4, "capacity_changes": [{"from": "2027-03-01", "capacity": 8}]}
    ],
    "datasets": [{"id": "events", "acquisition": {"duration": 2}}],
    "sponsors": [{"id": "cmo"}],
    "projects": [
        {
            "id": "churn_v2",
            "sponsor": "cmo",
            "datasets": ["events"],
            "phases": [
                {"id": "data", "duration": 2},
                {
                    "id": "model",
                    "duration": 3,
                    "requires": [{"skill": "data_science", "level": 3}],
                    "gpus": [{"pool": "a100", "count": 4}],
                },
            ],
        }
    ],
}


def broken(path: str, value: Any) -> dict[str, Any]:
    """GOOD with the value at a dotted path (list indices as numbers) replaced."""
    document = copy.deepcopy(GOOD)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target: Any = document
    for part in parents:
        target = target[part]
    target[last] = value
    return document


def test_the_good_scenario_is_valid() -> None:
    parse_scenario(GOOD)


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        # duplicate ids
        ("staff.1.id", "ana", "staff[1].id", "duplicate id 'ana'"),
        ("projects.0.phases.1.id", "data", "projects[0].phases[1].id", "duplicate id 'data'"),
        # unknown references
        ("projects.0.sponsor", "cfo", "projects[0].sponsor", "unknown sponsor 'cfo'"),
        ("projects.0.datasets", ["logs"], "projects[0].datasets[0]", "unknown dataset 'logs'"),
        (
            "projects.0.phases.1.gpus",
            [{"pool": "h100", "count": 1}],
            "projects[0].phases[1].gpus[0].pool",
            "unknown GPU pool 'h100'",
        ),
        (
            "projects.0.phases.1.requires",
            [{"skill": "mlops"}],
            "projects[0].phases[1].requires[0].skill",
            "unknown skill 'mlops'",
        ),
        (
            "projects.0.phases.1.after",
            ["deploy"],
            "projects[0].phases[1].after[0]",
            "unknown phase 'deploy'",
        ),
        # a cycle in `after`
        ("projects.0.phases.0.after", ["model"], "projects[0].phases", "in a cycle"),
        # dates outside the horizon
        ("projects.0.deadline", "2028-01-01", "projects[0].deadline", "outside the horizon"),
        (
            "gpu_pools.0.capacity_changes.0.from",
            "2026-01-01",
            "gpu_pools[0].capacity_changes[0].from",
            "outside the horizon",
        ),
        (
            "policies",
            {"first_delivery_by": "2030-01-01"},
            "policies.first_delivery_by",
            "outside the horizon",
        ),
        # non-positive durations and capacities
        ("projects.0.phases.0.duration", 0, "projects[0].phases[0].duration", "greater than 0"),
        ("gpu_pools.0.capacity", -1, "gpu_pools[0].capacity", "greater than 0"),
        (
            "datasets.0.acquisition.duration",
            0,
            "datasets[0].acquisition.duration",
            "greater than 0",
        ),
        # a requirement nobody can meet
        (
            "projects.0.phases.1.requires",
            [{"skill": "data_science", "level": 3, "count": 2}],
            "projects[0].phases[1].requires[0]",
            "phase churn_v2/model needs 2 people with data_science >= 3; only 1 exists",
        ),
        (
            "projects.0.phases.1.requires",
            [{"skill": "data_science", "level": 3}, {"skill": "data_science", "level": 4}],
            "projects[0].phases[1].requires",
            "needs 2 different people",
        ),
        # a GPU demand above the pool's largest capacity
        (
            "projects.0.phases.1.gpus",
            [{"pool": "a100", "count": 9}],
            "projects[0].phases[1].gpus[0].count",
            "needs 9 GPUs from a100; the largest capacity is 8",
        ),
        # typos and wrong types
        ("projects.0.valu", 3, "projects[0].valu", "Extra inputs are not permitted"),
        ("projects.0.priority", "urgent", "projects[0].priority", "'must', 'should' or 'could'"),
        (
            "staff.0.skills",
            {"data_science": 7},
            "staff[0].skills.data_science",
            "less than or equal to 5",
        ),
        ("calendar.start", "next monday", "calendar.start", "valid date"),
        # a dataset that must be acquired without saying how
        ("datasets.0.acquisition", None, "datasets[0]", "needs an 'acquisition'"),
    ],
)
def test_error_names_the_field_and_value(path: str, value: Any, where: str, message: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_scenario(broken(path, value))
    text = str(raised.value)
    matching = [p for p in raised.value.problems if p.path.startswith(where)]
    assert matching, text
    assert any(message in str(p) or message in p.message for p in matching), text


def test_value_is_shown_in_the_message() -> None:
    with pytest.raises(InputError) as raised:
        parse_scenario(broken("projects.0.phases.0.duration", -3))
    assert "(got -3)" in str(raised.value)


def test_every_problem_is_listed_at_once() -> None:
    document = broken("projects.0.sponsor", "cfo")
    document["projects"][0]["datasets"] = ["logs"]
    with pytest.raises(InputError) as raised:
        parse_scenario(document)
    assert len(raised.value.problems) == 2


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(InputError, match=r"invalid YAML at line 3, column 1"):
        parse_text("name: x\ncalendar: {start: [\n", "s.yaml")


def test_not_a_mapping() -> None:
    with pytest.raises(InputError, match="expected a mapping"):
        parse_scenario(["a", "list"])


def test_a_phase_larger_than_the_rd_reserve_allows() -> None:
    document = broken("policies", {"rd_reserve": 0.5})
    document["projects"][0]["phases"][0]["requires"] = [{"skill": "data_science", "count": 2}]
    with pytest.raises(InputError, match="leaves only 1 of 2 at work"):
        parse_scenario(document)


def test_mentoring_without_any_mentor_in_the_skill() -> None:
    # ben (data_science 2) is a junior and nobody has data_science 4+ to mentor him.
    document = broken("policies", {"mentoring": True})
    document["staff"][0]["skills"] = {"data_science": 3}
    document["projects"][0]["phases"][0]["requires"] = [{"skill": "data_science", "count": 2}]
    with pytest.raises(InputError) as raised:
        parse_scenario(document)
    assert raised.value.problems[0].path == "projects[0].phases[0].requires[0]"
    assert "nobody has data_science >= 4, so only 1 can work" in str(raised.value)
    document["policies"]["mentoring"] = False
    parse_scenario(document)  # without mentoring ben may work: valid
