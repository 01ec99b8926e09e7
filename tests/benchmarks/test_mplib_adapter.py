"""The MPLIB adapter: a multi-project instance becomes a portfolio of `must` projects sharing
GPU pools, with release dates and the portfolio makespan as the objective. No solver here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import psplib
import pytest

from zenplan.benchmarks.graph import real_predecessors
from zenplan.benchmarks.mplib_adapter import (
    mplib_document,
    read_mplib_reference,
    scenario_from_mplib,
)
from zenplan.models import MAX_HORIZON, parse_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mplib"
SYNTHETIC = FIXTURES / "MPLIB_synthetic_0.txt"
MPLIB = Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "mplib"
REAL = MPLIB / "instances" / "MPLIB1_Set3_0.txt"
needs_benchdata = pytest.mark.skipif(not REAL.is_file(), reason="benchdata not on this machine")


def test_synthetic_instance_maps_projects_pools_and_releases() -> None:
    scenario = scenario_from_mplib(SYNTHETIC)
    assert [p.id for p in scenario.projects] == ["p1", "p2"]
    assert all(p.priority == "must" and p.value == 0 for p in scenario.projects)
    assert [(p.id, p.capacity) for p in scenario.gpu_pools] == [("r1", 2), ("r2", 1)]
    assert [p.release for p in scenario.projects] == [date(2027, 1, 4), date(2027, 1, 6)]
    assert scenario.grid.period_of(scenario.projects[1].release or date.min) == 2
    first, second = scenario.projects
    assert [(ph.id, ph.duration, ph.after) for ph in first.phases] == [
        ("a2", 3, []),
        ("a3", 2, []),
    ]
    assert [(ph.id, ph.after) for ph in second.phases] == [("a2", []), ("a3", ["a2"])]
    assert [(d.pools, d.count) for d in first.phases[1].gpus] == [(["r1"], 1), (["r2"], 1)]
    objective = scenario.objective
    assert (objective.value, objective.lateness, objective.balance, objective.cost) == (0, 0, 0, 0)
    assert objective.makespan == 1
    assert scenario.calendar.period == "day"
    # The horizon is the sum of the durations and the latest release.
    assert scenario.calendar.horizon == 3 + 2 + 2 + 1 + 2


def test_scenario_round_trips() -> None:
    scenario = scenario_from_mplib(SYNTHETIC)
    dumped = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert parse_scenario(dumped) == scenario


def test_precedence_across_projects_is_refused(tmp_path: Path) -> None:
    text = SYNTHETIC.read_text().replace("2   0   1   1 2:3", "2   0   1   1 1:3")
    bad = tmp_path / "cross.txt"
    bad.write_text(text)
    with pytest.raises(ValueError, match="another project"):
        mplib_document(bad)


def test_reference_reads_bks_by_file_stem() -> None:
    assert read_mplib_reference(FIXTURES / "bks.csv") == {"MPLIB_synthetic_0": 6}


@needs_benchdata
def test_real_instance_has_24_projects_on_4_pools() -> None:
    scenario = scenario_from_mplib(REAL)
    instance = psplib.parse(REAL, instance_format="mplib")
    assert len(scenario.projects) == 24
    assert len(scenario.gpu_pools) == 4
    assert [p.capacity for p in scenario.gpu_pools] == [r.capacity for r in instance.resources]
    # 62 activities per project, of which the source and the sink have no duration.
    assert [len(p.phases) for p in scenario.projects] == [60] * 24
    assert all(p.release == date(2027, 1, 4) for p in scenario.projects)  # set 1.3: all 0
    bks = read_mplib_reference(MPLIB / "bks.csv")["MPLIB1_Set3_0"]
    assert bks == 374
    assert scenario.calendar.horizon == MAX_HORIZON  # the sum of the durations is 7,804


@needs_benchdata
def test_real_instance_keeps_every_precedence() -> None:
    scenario = scenario_from_mplib(REAL)
    instance = psplib.parse(REAL, instance_format="mplib")
    durations = [a.modes[0].duration for a in instance.activities]
    predecessors: list[list[int]] = [[] for _ in durations]
    for index, activity in enumerate(instance.activities):
        for successor in activity.successors:
            predecessors[successor].append(index)
    expected = real_predecessors(durations, predecessors)
    for number, project in enumerate(scenario.projects, start=1):
        for phase in project.phases:
            index = next(
                i for i, a in enumerate(instance.activities) if a.name == f"{number}:{phase.id[1:]}"
            )
            assert phase.duration == durations[index]
            after = {instance.activities[p].name for p in expected[index]}
            assert {f"{number}:{a[1:]}" for a in phase.after or []} == after


def test_an_instance_longer_than_the_calendar_is_refused(tmp_path: Path) -> None:
    # Set 1.3's best-knowns reach 3,049 days; the calendar ends at 5,000 periods.
    text = SYNTHETIC.read_text().replace("   3   2   0   1 1:4", "6000   2   0   1 1:4")
    long = tmp_path / "long.txt"
    long.write_text(text)
    with pytest.raises(ValueError, match="cannot be expressed"):
        scenario_from_mplib(long)
