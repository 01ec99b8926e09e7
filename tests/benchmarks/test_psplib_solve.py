"""PSPLIB j30 instances, converted through the Scenario path, solve to their known optimum."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from zenplan.benchmarks.psplib_adapter import scenario_from_psplib
from zenplan.scheduler import SolveOptions, check, solve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "psplib"
OPTIMA = {
    row["instance"]: int(row["makespan"])
    for row in csv.DictReader((FIXTURES / "optima.csv").read_text().splitlines())
}


@pytest.mark.parametrize("instance", sorted(OPTIMA))
def test_j30_instance_reaches_its_optimal_makespan(instance: str) -> None:
    scenario = scenario_from_psplib(FIXTURES / f"{instance}.sm")
    schedule = solve(scenario, SolveOptions(time_limit=30, workers=2, relative_gap=0))
    assert schedule.status == "optimal"
    assert check(scenario, schedule) == []
    assert schedule.kpis.makespan == OPTIMA[instance]
