"""The GPU plan for the cluster: reservations per project and pool, and Kueue quotas.

Kueue (kueue.x-k8s.io/v1beta1) has no dated quotas, so the plan becomes one set of
manifests per window in which no project's GPUs change: applying each window's file on its
first day (``kubectl apply -f``) makes the cluster's quotas follow the plan. Each GPU pool
is a ResourceFlavor (nodes labelled ``zenplan.io/gpu-pool=<pool>``); each project with GPU
work is a ClusterQueue in one cohort whose nominal quota per flavor is the GPUs the plan
gives it in that window (0 outside its work), and which reclaims lent quota when it needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from zenplan.interchange.workbook import csv_text
from zenplan.models import Scenario, Schedule

API_VERSION = "kueue.x-k8s.io/v1beta1"
GPU_RESOURCE = "nvidia.com/gpu"
POOL_LABEL = "zenplan.io/gpu-pool"

Use = dict[tuple[str, str], int]  # (project, pool) -> GPUs


def k8s_name(text: str) -> str:
    """A DNS-1123 label: lower case letters, digits and '-', at most 63 characters."""
    name = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-")
    return name[:63].rstrip("-") or "x"


def gpu_use(scenario: Scenario, schedule: Schedule) -> list[Use]:
    """Per period, the GPUs each project holds in each pool."""
    horizon = scenario.grid.horizon
    use: list[Use] = [{} for _ in range(horizon)]
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                for period in range(max(0, phase.start), min(phase.end, horizon)):
                    key = (plan.id, gpu.pool)
                    use[period][key] = use[period].get(key, 0) + gpu.count
    return use


@dataclass(frozen=True)
class Window:
    """Periods ``start .. end-1`` in which every project holds the same GPUs."""

    start: int
    end: int
    use: tuple[tuple[tuple[str, str], int], ...]


def windows(scenario: Scenario, schedule: Schedule) -> list[Window]:
    result: list[Window] = []
    for period, use in enumerate(gpu_use(scenario, schedule)):
        frozen = tuple(sorted(use.items()))
        if result and result[-1].use == frozen:
            last = result[-1]
            result[-1] = Window(last.start, period + 1, frozen)
        else:
            result.append(Window(period, period + 1, frozen))
    return result


def reservation_rows(scenario: Scenario, schedule: Schedule) -> list[dict[str, Any]]:
    """One row per project, pool and stretch of periods holding the same number of GPUs."""
    grid = scenario.grid
    rows: list[dict[str, Any]] = []
    open_rows: dict[tuple[str, str], dict[str, Any]] = {}
    for period, use in enumerate([*gpu_use(scenario, schedule), {}]):
        for key, row in list(open_rows.items()):
            if use.get(key) != row["gpus"]:
                row["end"] = period
                row["end_date"] = grid.end_date_of(period)
                rows.append(open_rows.pop(key))
        for (project, pool), count in use.items():
            if (project, pool) not in open_rows:
                open_rows[(project, pool)] = {
                    "project": project,
                    "pool": pool,
                    "gpus": count,
                    "start": period,
                    "end": None,
                    "start_date": grid.start_date(period),
                    "end_date": None,
                }
    return sorted(rows, key=lambda r: (r["start"], r["project"], r["pool"]))


def reservations_csv(scenario: Scenario, schedule: Schedule) -> str:
    columns = ["project", "pool", "gpus", "start", "end", "start_date", "end_date"]
    return csv_text(columns, reservation_rows(scenario, schedule))


def _flavor(pool: str) -> dict[str, Any]:
    return {
        "apiVersion": API_VERSION,
        "kind": "ResourceFlavor",
        "metadata": {"name": k8s_name(pool), "labels": {POOL_LABEL: k8s_name(pool)}},
        "spec": {"nodeLabels": {POOL_LABEL: k8s_name(pool)}},
    }


def queue_names(projects: list[str]) -> dict[str, str]:
    """Project id -> ClusterQueue name, unique even where two ids give the same label."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for project in projects:
        name, number = k8s_name(project), 2
        while name in taken:
            name = f"{k8s_name(project)[:58]}-{number}"
            number += 1
        taken.add(name)
        names[project] = name
    return names


def _cluster_queue(
    scenario: Scenario,
    project: str,
    name: str,
    quotas: dict[str, int],
    first: date,
    last: date,
) -> dict[str, Any]:
    flavors = [
        {"name": k8s_name(pool), "resources": [{"name": GPU_RESOURCE, "nominalQuota": count}]}
        for pool, count in quotas.items()
    ]
    return {
        "apiVersion": API_VERSION,
        "kind": "ClusterQueue",
        "metadata": {
            "name": name,
            "labels": {"zenplan.io/scenario": k8s_name(scenario.name)},
            "annotations": {
                "zenplan.io/project": project,
                "zenplan.io/valid-from": first.isoformat(),
                "zenplan.io/valid-until": last.isoformat(),
            },
        },
        "spec": {
            "cohort": k8s_name(f"zenplan-{scenario.name}"),
            "namespaceSelector": {},
            "preemption": {"reclaimWithinCohort": "Any"},
            "resourceGroups": [{"coveredResources": [GPU_RESOURCE], "flavors": flavors}],
        },
    }


def manifests(scenario: Scenario, schedule: Schedule, window: Window) -> list[dict[str, Any]]:
    """The ResourceFlavors and every GPU project's ClusterQueue for one window."""
    grid = scenario.grid
    pools = [pool.id for pool in scenario.gpu_pools]
    projects = sorted({project for use in gpu_use(scenario, schedule) for project, _ in use})
    held = dict(window.use)
    first, last = grid.start_date(window.start), grid.end_date_of(window.end)
    documents = [_flavor(pool) for pool in pools]
    names = queue_names(projects)
    documents += [
        _cluster_queue(
            scenario,
            project,
            names[project],
            {pool: held.get((project, pool), 0) for pool in pools},
            first,
            last,
        )
        for project in projects
    ]
    return documents


def kueue_files(scenario: Scenario, schedule: Schedule) -> dict[str, str]:
    """``<first day>.yaml`` for each window, and ``reservations.csv``."""
    grid = scenario.grid
    files = {
        f"{grid.start_date(window.start).isoformat()}.yaml": yaml.safe_dump_all(
            manifests(scenario, schedule, window), sort_keys=False
        )
        for window in windows(scenario, schedule)
    }
    files["reservations.csv"] = reservations_csv(scenario, schedule)
    return files


def kueue_at(scenario: Scenario, schedule: Schedule, day: date) -> str:
    """The manifests in force on ``day``."""
    grid = scenario.grid
    if not grid.contains(day):
        raise ValueError(f"at: {day} is outside the plan ({grid.start} .. {grid.end_date})")
    period = grid.period_of(day)
    window = next(w for w in windows(scenario, schedule) if w.start <= period < w.end)
    return yaml.safe_dump_all(manifests(scenario, schedule, window), sort_keys=False)


__all__ = [
    "gpu_use",
    "k8s_name",
    "kueue_at",
    "kueue_files",
    "manifests",
    "queue_names",
    "reservation_rows",
    "reservations_csv",
    "windows",
]
