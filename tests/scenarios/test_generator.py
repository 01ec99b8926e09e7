"""The example scenario and the seeded portfolio generator."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from zenplan import scenarios
from zenplan.models import Scenario, load_scenario, parse_scenario
from zenplan.scenarios.generator import generate, generate_scenario, write_scenario

EXAMPLE = Path(scenarios.__file__).parent / "example.yaml"


def test_example_loads() -> None:
    scenario = load_scenario(EXAMPLE)
    assert len(scenario.projects) == 12
    assert len(scenario.staff) == 10
    assert {pool.id for pool in scenario.gpu_pools} == {"a100", "t4"}
    assert sum(p.deadline_hard for p in scenario.projects) == 1


def test_example_mandatory_projects_are_a_small_share_of_the_work() -> None:
    scenario = load_scenario(EXAMPLE)
    mandatory = [p for p in scenario.projects if p.mandatory]
    assert 2 <= len(mandatory) <= 4
    total = sum(p.effort() for p in scenario.projects)
    assert sum(p.effort() for p in mandatory) < 0.3 * total


def test_same_seed_same_document() -> None:
    assert generate(30, seed=7) == generate(30, seed=7)


def test_other_seed_other_document() -> None:
    assert generate(30, seed=7) != generate(30, seed=8)


@pytest.mark.parametrize("size", [5, 50, 200])
def test_generated_portfolios_validate(size: int) -> None:
    scenario = parse_scenario(generate(size, seed=size))
    assert len(scenario.projects) == size
    assert len({p.id for p in scenario.projects}) == size


def test_more_projects_than_name_combinations_keep_unique_ids() -> None:
    scenario = generate_scenario(300, seed=1)
    assert len({p.id for p in scenario.projects}) == 300


def test_other_start_and_horizon() -> None:
    scenario = generate_scenario(20, seed=2, start=date(2028, 3, 6), horizon=26)
    assert scenario.calendar.start == date(2028, 3, 6)
    assert scenario.calendar.horizon == 26


def test_people_and_pools_scale_with_projects() -> None:
    small, medium, large = (generate_scenario(n, seed=0) for n in (5, 50, 200))
    assert len(small.staff) < len(medium.staff) < len(large.staff)
    assert len(small.gpu_pools) == 2
    assert len(small.gpu_pools) <= len(medium.gpu_pools) <= len(large.gpu_pools) <= 4
    assert small.gpu_pools[0].capacity < large.gpu_pools[0].capacity
    assert len(small.datasets) < len(large.datasets)
    assert 2 <= len(small.sponsors) < len(large.sponsors)


@pytest.mark.parametrize("size", [5, 50, 200])
def test_mandatory_projects_exist_and_are_few_and_small(size: int) -> None:
    scenario = generate_scenario(size, seed=3)
    mandatory = [p for p in scenario.projects if p.mandatory]
    assert 1 <= len(mandatory) <= max(1, 0.2 * size)
    for project in mandatory:
        assert project.size_class() == "small"
        assert project.release is None
        assert project.deadline is None
        assert project.ethics == "none"


def test_priorities_are_mostly_should() -> None:
    priorities = [p.priority for p in generate_scenario(200, seed=4).projects]
    assert priorities.count("should") > priorities.count("could") > priorities.count("must")


def test_gpu_demands_fit_every_pool_they_name() -> None:
    scenario = generate_scenario(200, seed=5)
    smallest = {pool.id: min(scenario.pool_capacity(pool.id)) for pool in scenario.gpu_pools}
    demands = [g for p in scenario.projects for ph in p.phases for g in ph.gpus]
    assert demands
    assert all(g.count <= smallest[pool] for g in demands for pool in g.pools)


def test_datasets_are_shared() -> None:
    scenario = generate_scenario(50, seed=6)
    uses = [d for p in scenario.projects for d in p.datasets]
    assert len(uses) > len(set(uses))


def test_write_scenario_round_trips(tmp_path: Path) -> None:
    doc = generate(12, seed=9)
    path = write_scenario(doc, tmp_path / "portfolio.yaml")
    loaded: Scenario = load_scenario(path)
    assert [p.id for p in loaded.projects] == [p["id"] for p in doc["projects"]]
    assert path.read_text(encoding="utf-8").startswith("name:")


@pytest.mark.parametrize("horizon", [4, 12, 104])
def test_short_and_long_horizons(horizon: int) -> None:
    scenario = generate_scenario(30, seed=horizon, horizon=horizon)
    assert scenario.calendar.horizon == horizon


@pytest.mark.parametrize(("projects", "horizon"), [(0, 52), (10, 3)])
def test_rejects_impossible_sizes(projects: int, horizon: int) -> None:
    with pytest.raises(ValueError):
        generate(projects, horizon=horizon)
