"""The PSPLIB adapter: `.sm` instances become valid scenarios that keep the RCPSP intact.

No solver here: the checks compare the scenario with the file read independently (a small
reader of the `.sm` text below), and bound the known optima by the critical path.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from zenplan.benchmarks.psplib_adapter import (
    instance_set,
    psplib_document,
    psplib_optimum,
    read_psplib_reference,
    scenario_from_psplib,
)
from zenplan.models import Scenario, parse_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "psplib"
INSTANCES = sorted(FIXTURES.glob("*.sm"))
SHARED_J30 = Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "psplib"


def optima() -> dict[str, int]:
    with (FIXTURES / "optima.csv").open(newline="") as handle:
        return {row["instance"]: int(row["makespan"]) for row in csv.DictReader(handle)}


@dataclass
class SmFile:
    """What an `.sm` file says, by 1-based job number (activity index = job - 1)."""

    successors: dict[int, list[int]]
    durations: dict[int, int]
    demands: dict[int, list[int]]
    capacities: list[int]


def read_sm(path: Path) -> SmFile:
    lines = [line.strip() for line in path.read_text().splitlines()]
    section = ""
    successors: dict[int, list[int]] = {}
    durations: dict[int, int] = {}
    demands: dict[int, list[int]] = {}
    capacities: list[int] = []
    for line in lines:
        if line.startswith(("PRECEDENCE", "REQUESTS", "RESOURCEAVAILABILITIES")):
            section = line.split()[0]
            continue
        if line.startswith("*"):
            section = ""
            continue
        if not re.fullmatch(r"[\d\s]+", line):
            continue
        numbers = [int(x) for x in line.split()]
        if section == "PRECEDENCE":
            job, _modes, count, *succ = numbers
            assert len(succ) == count
            successors[job] = succ
        elif section == "REQUESTS/DURATIONS:":
            job, _mode, duration, *request = numbers
            durations[job] = duration
            demands[job] = request
        elif section == "RESOURCEAVAILABILITIES:":
            capacities = numbers
    return SmFile(successors, durations, demands, capacities)


def reachable(successors: dict[str, list[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(successors.get(start, []))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo += successors.get(node, [])
    return seen


def scenario_successors(scenario: Scenario) -> dict[str, list[str]]:
    successors: dict[str, list[str]] = {p.id: [] for p in scenario.projects[0].phases}
    for phase in scenario.projects[0].phases:
        for pred in phase.after or []:
            successors[pred].append(phase.id)
    return successors


def critical_path(scenario: Scenario) -> int:
    project = scenario.projects[0]
    finish: dict[int, int] = {}

    def earliest_finish(index: int) -> int:
        if index not in finish:
            start = max((earliest_finish(p) for p in project.predecessors(index)), default=0)
            finish[index] = start + project.phases[index].duration
        return finish[index]

    return max(earliest_finish(i) for i in range(len(project.phases)))


def test_three_fixtures_with_optima() -> None:
    assert len(INSTANCES) == 3
    assert {p.stem for p in INSTANCES} == set(optima())


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_scenario_validates_and_round_trips(path: Path) -> None:
    scenario = scenario_from_psplib(path)
    assert isinstance(scenario, Scenario)
    again = parse_scenario(scenario.model_dump(mode="json", by_alias=True, exclude_none=True))
    assert again == scenario
    project = scenario.projects[0]
    assert scenario.name == path.stem
    assert len(scenario.projects) == 1
    assert (project.id, project.priority, project.value) == (path.stem, "must", 0)
    assert scenario.staff == []
    assert scenario.calendar.start == date(2027, 1, 4)
    assert scenario.calendar.period == "day"
    assert scenario.calendar.horizon == sum(p.duration for p in project.phases)
    objective = scenario.objective
    assert (objective.value, objective.lateness, objective.balance, objective.cost) == (0, 0, 0, 0)
    assert objective.makespan == 1


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_phases_are_the_non_dummy_activities(path: Path) -> None:
    sm = read_sm(path)
    project = scenario_from_psplib(path).projects[0]
    real = [job for job, duration in sm.durations.items() if duration > 0]
    assert len(sm.durations) == 32
    assert len(project.phases) == len(sm.durations) - 2 == len(real)
    assert [p.id for p in project.phases] == [f"a{job - 1}" for job in real]
    for phase, job in zip(project.phases, real, strict=True):
        assert phase.duration == sm.durations[job] > 0
        assert phase.after is not None, "every phase states its predecessors explicitly"


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_precedence_is_preserved_through_dummies(path: Path) -> None:
    sm = read_sm(path)
    scenario = scenario_from_psplib(path)
    original = {f"a{job - 1}": [f"a{s - 1}" for s in succ] for job, succ in sm.successors.items()}
    kept = {p.id for p in scenario.projects[0].phases}
    converted = scenario_successors(scenario)
    for phase_id in kept:
        assert reachable(original, phase_id) & kept == reachable(converted, phase_id)
    # In j30 the only dummies are the source (a0) and the sink: the direct predecessors
    # remain, minus the source; the phases only the source preceded start with the project.
    direct: dict[str, set[str]] = {phase_id: set() for phase_id in kept}
    for job, succ in sm.successors.items():
        for s in succ:
            if f"a{s - 1}" in kept:
                direct[f"a{s - 1}"].add(f"a{job - 1}")
    for phase in scenario.projects[0].phases:
        assert set(phase.after or []) == direct[phase.id] - {"a0"}
        if direct[phase.id] == {"a0"}:
            assert phase.after == []


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_pools_and_demands_match_the_file(path: Path) -> None:
    sm = read_sm(path)
    scenario = scenario_from_psplib(path)
    assert [(p.id, p.capacity) for p in scenario.gpu_pools] == [
        (f"r{k}", c) for k, c in enumerate(sm.capacities)
    ]
    for phase in scenario.projects[0].phases:
        request = sm.demands[int(phase.id[1:]) + 1]
        expected = [(f"r{k}", n) for k, n in enumerate(request) if n > 0]
        assert [(g.pool, g.count) for g in phase.gpus] == expected
        for demand in phase.gpus:
            assert demand.count <= scenario.pool(demand.pools[0]).capacity


@pytest.mark.parametrize("path", INSTANCES, ids=lambda p: p.stem)
def test_critical_path_bounds_the_optimum(path: Path) -> None:
    scenario = scenario_from_psplib(path)
    optimum = optima()[path.stem]
    assert critical_path(scenario) <= optimum <= scenario.calendar.horizon


SYNTHETIC = """\
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  7
horizon                       :  20
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           5
   4        1          1           5
   5        1          1           6
   6        1          1           7
   7        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    0
  3      1     2       0    1
  4      1     0       0    0
  5      1     0       0    0
  6      1     4       1    1
  7      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    0
************************************************************************
"""


def test_chained_dummies_are_rewired_transitively(tmp_path: Path) -> None:
    # Jobs 4 and 5 are zero-duration activities inside the network, 5 behind 4: job 6
    # must still follow jobs 2 (through 4 and 5) and 3 (through 5). Resource R 2 has
    # capacity 0 but job 3 asks for it, so that instance is refused with a clear error.
    path = tmp_path / "tiny.sm"
    path.write_text(SYNTHETIC)
    with pytest.raises(ValueError, match="capacity 0"):
        scenario_from_psplib(path)
    path.write_text(SYNTHETIC.replace("    2    0\n", "    2    1\n"))
    scenario = scenario_from_psplib(path)
    phases = {p.id: p for p in scenario.projects[0].phases}
    assert list(phases) == ["a1", "a2", "a5"]
    assert phases["a1"].after == [] and phases["a2"].after == []
    assert phases["a5"].after == ["a1", "a2"]
    assert scenario.calendar.horizon == 9
    assert critical_path(scenario) == 7


def test_document_is_plain_data() -> None:
    document = psplib_document(INSTANCES[0])
    assert document["projects"][0]["phases"][0]["after"] == []
    assert {"name", "calendar", "gpu_pools", "projects", "objective"} <= set(document)
    assert "staff" not in document


TABLE = """\
==================================================================
Paramter Instance Makespan CPU-Time[sec.]
------------------------------------------------------------------
1       1         43       0.30
10      1         42       2.51
23      3         46       0.03
=================================================================
"""


def test_reference_table(tmp_path: Path) -> None:
    table = tmp_path / "j30opt.sm"
    table.write_text(TABLE)
    assert read_psplib_reference(table) == optima()
    assert read_psplib_reference(table, prefix="j60") == {
        "j601_1": 43,
        "j6010_1": 42,
        "j6023_3": 46,
    }
    for path in INSTANCES:
        assert psplib_optimum(path, table) == optima()[path.stem]
    assert psplib_optimum(tmp_path / "j3048_10.sm", table) is None
    # Without a table next to the fixtures, there is nothing to look up.
    assert psplib_optimum(INSTANCES[0]) is None


def test_instance_set() -> None:
    assert instance_set("j3010_1") == "j30"
    assert instance_set("j12060_10") == "j120"
    assert instance_set("churn") is None


@pytest.mark.skipif(not (SHARED_J30 / "j30opt.sm").is_file(), reason="benchdata not present")
def test_shared_j30_table_agrees_with_fixtures() -> None:
    reference = read_psplib_reference(SHARED_J30 / "j30opt.sm")
    assert len(reference) == 480
    for name, makespan in optima().items():
        assert reference[name] == makespan
        assert psplib_optimum(SHARED_J30 / "j30" / f"{name}.sm") == makespan
