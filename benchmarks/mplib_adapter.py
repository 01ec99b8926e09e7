"""MPLIB multi-project RCPSP instances as zenplan portfolios.

An MPLIB instance (Van Eynde & Vanhoucke 2020; set 1.3 has 24 projects of 62 activities
sharing 4 renewable resources) becomes a portfolio of 24 ``must`` projects whose phases are the
activities, whose GPU pools are the shared resources, and whose objective is the total
portfolio makespan (MPLIB's TPM, the best-known column of ``bks.csv``).

Mapping (the ``psplib`` package parses the file, ``instance_format="mplib"``; numbers below
are the 1-based ones of the file, as in the package's activity names ``"project:activity"``):

- project ``k`` -> project ``p{k}``, priority ``must``, value 0, ``release`` = the calendar
  start plus the project's release date in days (period ``r`` is day ``r``);
- activity ``j`` of project ``k`` with duration > 0 -> phase ``a{j}`` of ``p{k}``; the
  zero-duration source and sink of each project are dropped and precedence is rewired
  through them; every phase carries an explicit ``after`` list. MPLIB has no precedence
  between projects (checked: an instance that has some is refused, as a phase can only
  follow phases of its own project);
- resource ``k`` (1-based) -> GPU pool ``r{k}`` with the resource's capacity; a demand of
  ``n > 0`` -> ``gpus: [{pool: r{k}, count: n}]``;
- calendar: start 2027-01-04, period ``day``, horizon = the sum of the durations (as the
  PSPLIB and MSPSP adapters; PyJobShop sets no horizon at all) capped at the calendar's
  limit (``models.MAX_HORIZON``, 5,000 periods), since the sum is ~7,800 days. A serial
  schedule generation (benchmarks/graph.py) shows that a plan fits within the horizon; an
  instance where it does not is refused (none of set 1.3: its best-knowns reach 3,049
  days). The tightest safe horizon, that serial makespan, is not used: on MPLIB1_Set3_0
  (serial 375, best-known 374) zenplan's greedy plan cannot place 5 of the 24 projects
  within it;
- objective: makespan only (``value``, ``lateness``, ``balance``, ``cost`` weights 0).
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psplib

from zenplan.benchmarks.graph import predecessors_of, real_predecessors, serial_makespan
from zenplan.models import MAX_HORIZON, Scenario, parse_scenario

CALENDAR_START = date(2027, 1, 4)


def _project_of(path: Path, instance: Any, predecessors: list[list[int]]) -> dict[int, int]:
    """The project (1-based) of every activity; precedence across projects is refused."""
    project_of: dict[int, int] = {}
    for number, project in enumerate(instance.projects, start=1):
        for index in project.activities:
            project_of[index] = number
    for index, preds in enumerate(predecessors):
        for pred in preds:
            if project_of[pred] != project_of[index]:
                raise ValueError(
                    f"{path}: activity {instance.activities[pred].name} precedes "
                    f"{instance.activities[index].name} of another project"
                )
    return project_of


def mplib_document(path: str | Path) -> dict[str, Any]:
    """The scenario document (the mapping a YAML file would hold) of an MPLIB instance."""
    path = Path(path)
    instance = psplib.parse(path, instance_format="mplib")
    durations: list[int] = []
    demands: list[list[int]] = []
    for index, activity in enumerate(instance.activities):
        if activity.num_modes != 1:
            raise ValueError(f"{path}: activity {index} has {activity.num_modes} modes")
        durations.append(activity.modes[0].duration)
        demands.append(list(activity.modes[0].demands))
    predecessors = predecessors_of([a.successors for a in instance.activities])
    before = real_predecessors(durations, predecessors)

    project_of = _project_of(path, instance, predecessors)
    releases = [instance.projects[project_of[i] - 1].release_date for i in range(len(durations))]

    capacities = [resource.capacity for resource in instance.resources]
    if not all(resource.renewable for resource in instance.resources):
        raise ValueError(f"{path}: MPLIB resources are renewable; found a non-renewable one")
    serial = serial_makespan(durations, predecessors, demands, capacities, releases)
    if serial > MAX_HORIZON:
        raise ValueError(
            f"{path}: a serial schedule takes {serial} days, past the calendar's limit of "
            f"{MAX_HORIZON} periods; the instance cannot be expressed"
        )
    horizon = min(MAX_HORIZON, sum(durations) + max(releases, default=0))

    def phase_id(index: int) -> str:
        return "a" + str(instance.activities[index].name).split(":")[1]

    projects: list[dict[str, Any]] = []
    for number, project in enumerate(instance.projects, start=1):
        phases = [
            {
                "id": phase_id(index),
                "duration": durations[index],
                "after": [phase_id(pred) for pred in sorted(before[index])],
                "gpus": [
                    {"pool": f"r{k + 1}", "count": amount}
                    for k, amount in enumerate(demands[index])
                    if amount > 0
                ],
            }
            for index in project.activities
            if durations[index] > 0
        ]
        if not phases:
            raise ValueError(f"{path}: project {number} has no activity with a duration")
        projects.append(
            {
                "id": f"p{number}",
                "priority": "must",
                "value": 0,
                "release": (CALENDAR_START + timedelta(days=project.release_date)).isoformat(),
                "phases": phases,
            }
        )

    return {
        "name": path.stem,
        "description": f"MPLIB multi-project RCPSP instance {path.name}",
        "calendar": {"start": CALENDAR_START.isoformat(), "period": "day", "horizon": horizon},
        "gpu_pools": [
            {"id": f"r{k + 1}", "capacity": capacity} for k, capacity in enumerate(capacities)
        ],
        "projects": projects,
        "objective": {"value": 0, "lateness": 0, "balance": 0, "cost": 0, "makespan": 1},
    }


def scenario_from_mplib(path: str | Path) -> Scenario:
    """A validated zenplan portfolio for an MPLIB multi-project instance."""
    return parse_scenario(mplib_document(path), str(path))


def read_mplib_reference(bks_path: str | Path) -> dict[str, int]:
    """Best-known total portfolio makespans of ``bks.csv``, keyed by instance name (file stem).

    Rows are ``problem,category,instance,bks`` with ``instance`` the file name
    (``MPLIB1_Set3_0.txt`` -> key ``MPLIB1_Set3_0``).
    """
    with Path(bks_path).open(newline="", encoding="utf-8") as handle:
        return {
            Path(row["instance"]).stem: int(float(row["bks"])) for row in csv.DictReader(handle)
        }


__all__ = ["mplib_document", "read_mplib_reference", "scenario_from_mplib"]
