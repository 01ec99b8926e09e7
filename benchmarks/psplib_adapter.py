"""PSPLIB single-mode RCPSP instances (``.sm``) as zenplan scenarios.

An instance becomes one ``must`` project whose phases are the activities, whose GPU pools are
the renewable resources, and whose objective is the makespan alone, so that a solve of the
scenario is a solve of the RCPSP and its makespan compares with the published optima.

Mapping (indices are the 0-based indices of the ``psplib`` package, not the 1-based job and
resource numbers printed in the file: job 2 of the file is ``a1``, resource ``R 1`` is ``r0``):

- project: id = file stem, priority ``must``, value 0;
- activity ``i`` with duration > 0 -> phase ``a{i}``; zero-duration activities (the source and
  sink dummies) are dropped and precedence is rewired through them transitively;
- every phase carries an explicit ``after`` list (``[]`` when it has no predecessor), so the
  list order of the phases has no meaning;
- renewable resource ``k`` -> GPU pool ``r{k}`` with the resource's capacity; a demand of
  ``n > 0`` units -> ``gpus: [{pool: r{k}, count: n}]``. Non-renewable resources (absent from
  the single-mode sets) are ignored: with one mode their consumption is fixed;
- calendar: start 2027-01-04, period ``day``, horizon = sum of the durations;
- objective: makespan only.

Reference makespans come from the PSPLIB solution tables (``j30opt.sm`` optima, ``j60hrs.sm``
and ``j120hrs.sm`` best-known upper bounds): see :func:`read_psplib_reference`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import psplib

from zenplan.benchmarks.graph import predecessors_of, real_predecessors
from zenplan.models import Scenario, parse_scenario

CALENDAR_START = "2027-01-04"

_KNOWN_SETS = ("j30", "j60", "j90", "j120")


def psplib_document(path: str | Path) -> dict[str, Any]:
    """The scenario document (the mapping a YAML file would hold) of a PSPLIB ``.sm`` file."""
    path = Path(path)
    instance = psplib.parse(path, instance_format="psplib")
    if instance.num_projects != 1:
        raise ValueError(f"{path}: expected one project, found {instance.num_projects}")

    durations: list[int] = []
    demands: list[list[int]] = []
    for index, activity in enumerate(instance.activities):
        if activity.num_modes != 1:
            raise ValueError(
                f"{path}: activity {index} has {activity.num_modes} modes; "
                "only single-mode instances are supported"
            )
        mode = activity.modes[0]
        durations.append(mode.duration)
        demands.append(list(mode.demands))

    predecessors = predecessors_of([activity.successors for activity in instance.activities])
    kept = [index for index, duration in enumerate(durations) if duration > 0]
    if not kept:
        raise ValueError(f"{path}: no activity has a positive duration")
    real = real_predecessors(durations, predecessors)
    pools, pool_of = _pools(path, instance.resources, [demands[i] for i in kept])

    phases: list[dict[str, Any]] = []
    for index in kept:
        phases.append(
            {
                "id": f"a{index}",
                "duration": durations[index],
                "after": [f"a{pred}" for pred in sorted(real[index])],
                "gpus": [
                    {"pool": pool, "count": demands[index][k]}
                    for k, pool in pool_of.items()
                    if demands[index][k] > 0
                ],
            }
        )

    return {
        "name": path.stem,
        "description": f"PSPLIB single-mode RCPSP instance {path.name}",
        "calendar": {
            "start": CALENDAR_START,
            "period": "day",
            "horizon": sum(durations[i] for i in kept),
        },
        "gpu_pools": pools,
        "projects": [
            {
                "id": path.stem,
                "priority": "must",
                "value": 0,
                "phases": phases,
            }
        ],
        "objective": {"value": 0, "lateness": 0, "balance": 0, "cost": 0, "makespan": 1},
    }


def _pools(
    path: Path, resources: Sequence[Any], demands: Sequence[Sequence[int]]
) -> tuple[list[dict[str, Any]], dict[int, str]]:
    """A GPU pool per renewable resource of positive capacity, and each one's id by index;
    a resource of capacity 0 that a kept activity demands is an error."""
    pools: list[dict[str, Any]] = []
    pool_of: dict[int, str] = {}
    for k, resource in enumerate(resources):
        if not resource.renewable:
            continue
        if resource.capacity <= 0:
            if any(demand[k] > 0 for demand in demands):
                raise ValueError(f"{path}: resource {k} has capacity 0 but is demanded")
            continue
        pool_of[k] = f"r{k}"
        pools.append({"id": f"r{k}", "capacity": resource.capacity})
    return pools, pool_of


def scenario_from_psplib(path: str | Path) -> Scenario:
    """A validated zenplan scenario for a PSPLIB single-mode RCPSP ``.sm`` instance."""
    return parse_scenario(psplib_document(path), str(path))


def instance_set(name: str) -> str | None:
    """The PSPLIB set of an instance name: ``"j3010_1"`` -> ``"j30"`` (None if unknown)."""
    for prefix in sorted(_KNOWN_SETS, key=len, reverse=True):
        rest = name.removeprefix(prefix)
        if rest != name and re.fullmatch(r"\d+_\d+", rest):
            return prefix
    return None


def read_psplib_reference(table_path: str | Path, prefix: str | None = None) -> dict[str, int]:
    """Makespans of a PSPLIB solution table, keyed by instance name (``"j301_1"``).

    The tables (``j30opt.sm``, ``j60hrs.sm``, ``j120hrs.sm``, ``j120lb.sm``) have rows
    ``Par Inst Makespan ...`` (in ``j120lb.sm`` the third column is the upper bound); every
    line whose first three fields are integers is a row, the rest is header and footer. The
    set prefix of the names (``j30``) is taken from the file name unless given.
    """
    table_path = Path(table_path)
    if prefix is None:
        match = re.match(r"(j\d+?)(opt|hrs|lb)", table_path.name)
        if match is None:
            raise ValueError(
                f"{table_path}: cannot tell the instance set from the file name; pass prefix"
            )
        prefix = match.group(1)
    reference: dict[str, int] = {}
    for line in table_path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split()
        if len(fields) >= 3 and all(f.isdigit() for f in fields[:3]):
            parameter, instance, makespan = (int(f) for f in fields[:3])
            reference[f"{prefix}{parameter}_{instance}"] = makespan
    return reference


@cache
def _cached_reference(table_path: str) -> dict[str, int]:
    return read_psplib_reference(table_path)


def psplib_optimum(path: str | Path, table_path: str | Path | None = None) -> int | None:
    """The optimal (j30) or best-known (j60, j120) makespan of the instance at ``path``.

    ``table_path`` is the solution table; without it, ``{set}opt.sm`` then ``{set}hrs.sm`` are
    looked for next to the instance and in the folder above it (the benchdata layout
    ``psplib/j30opt.sm`` + ``psplib/j30/j301_1.sm``). None when no table or no row is found.
    """
    path = Path(path)
    name = path.stem
    if table_path is None:
        found = _default_table(path)
        if found is None:
            return None
        table_path = found
    return _cached_reference(str(Path(table_path).resolve())).get(name)


def _default_table(path: Path) -> Path | None:
    kind = instance_set(path.stem)
    if kind is None:
        return None
    for folder in (path.parent, path.parent.parent):
        for suffix in ("opt", "hrs"):
            candidate = folder / f"{kind}{suffix}.sm"
            if candidate.is_file():
                return candidate
    return None


__all__ = [
    "instance_set",
    "psplib_document",
    "psplib_optimum",
    "read_psplib_reference",
    "scenario_from_psplib",
]
