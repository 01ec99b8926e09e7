"""The same benchmark scenario as a PyJobShop model, to compare engines on the same problem.

PyJobShop (github PyJobShop/PyJobShop, arXiv 2502.13483) is the CP-SAT scheduling library a
user would pick instead of zenplan. The model is built from the zenplan scenario the adapters
produce, not from the published file, so both engines solve exactly the same problem (dummy
activities already removed, the same precedences, pools, people and release dates). It is
the plain model a PyJobShop user would write, the way the PyJobShop experiments model RCPSP:

- GPU pool -> ``Renewable`` resource with the pool's capacity;
- person -> ``Machine`` (one task at a time);
- project -> ``Job`` with the project's release date;
- phase -> a task with one mode that takes the phase's duration and its GPU demands;
- each unit of a staffing requirement -> a task with one mode per qualified person, starting
  with the phase's task (start-at-start both ways), and the unit tasks of a phase pairwise on
  different resources (one person covers one unit);
- ``after`` -> end-before-start between the phase tasks; objective: makespan.

Only the rules the benchmark adapters use are translated; a scenario with any other rule
(deadlines, datasets, ethics, policies, absences, capacity changes, pool choices) is refused.
PyJobShop is an optional dependency (``pip install zenplan[bench]``): imported on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from time import perf_counter
from typing import Any

from zenplan.models import Scenario


@dataclass(frozen=True)
class PyJobShopResult:
    """What a PyJobShop run reached: makespan (None without a plan), proof, wall time."""

    makespan: int | None
    optimal: bool
    status: str
    seconds: float


def unsupported_rules(scenario: Scenario) -> list[str]:
    """The rules of the scenario the PyJobShop translation does not carry (empty: all)."""
    policies, objective = scenario.policies, scenario.objective
    checks = {
        "datasets": bool(scenario.datasets),
        "ethics board": scenario.ethics_board is not None,
        "incidents": bool(scenario.incidents),
        "policies": policies.max_concurrent_large is not None
        or policies.max_delivery_gap is not None
        or policies.first_delivery_by is not None
        or policies.rd_reserve > 0
        or policies.mentoring,
        "staff absences": any(person.unavailable for person in scenario.staff),
        "pool capacity changes": any(pool.capacity_changes for pool in scenario.gpu_pools),
        "objective terms other than makespan": (
            objective.value,
            objective.lateness,
            objective.balance,
            objective.cost,
        )
        != (0, 0, 0, 0),
    }
    found = [rule for rule, present in checks.items() if present]
    for project in scenario.scheduled_projects():
        if not project.mandatory:
            found.append(f"optional project {project.id}")
        if project.deadline is not None or project.datasets or project.ethics == "required":
            found.append(f"deadline, datasets or ethics of project {project.id}")
        for phase in project.phases:
            if any(len(demand.pools) > 1 for demand in phase.gpus):
                found.append(f"a choice of GPU pools in {project.id}/{phase.id}")
    return found


def pyjobshop_model(scenario: Scenario) -> Any:
    """A ``pyjobshop.Model`` of the scenario (makespan objective); see the module docstring."""
    from pyjobshop import Model

    problems = unsupported_rules(scenario)
    if problems:
        raise ValueError(f"{scenario.name}: PyJobShop translation lacks {', '.join(problems)}")
    grid = scenario.grid
    model = Model()
    pools = {
        pool.id: model.add_renewable(pool.capacity, name=pool.id) for pool in scenario.gpu_pools
    }
    people = {person.id: model.add_machine(name=person.id) for person in scenario.staff}

    for project in scenario.scheduled_projects():
        release = grid.first_period_on_or_after(project.release) if project.release else 0
        job = model.add_job(release_date=release, name=project.id)
        phase_tasks = []
        for phase in project.phases:
            name = f"{project.id}/{phase.id}"
            task = model.add_task(job, earliest_start=release, name=name)
            model.add_mode(
                task,
                [pools[demand.pools[0]] for demand in phase.gpus],
                phase.duration,
                [demand.count for demand in phase.gpus],
            )
            units = []
            for requirement in phase.requires:
                qualified = scenario.qualified(requirement)
                if len(qualified) < requirement.count:
                    raise ValueError(f"{name}: fewer qualified people than {requirement}")
                for unit in range(requirement.count):
                    unit_task = model.add_task(
                        job, earliest_start=release, name=f"{name}/{requirement.skill}#{unit}"
                    )
                    for person in qualified:
                        model.add_mode(unit_task, people[person.id], phase.duration)
                    model.add_start_at_start(task, unit_task)
                    model.add_start_at_start(unit_task, task)
                    units.append(unit_task)
            for first, second in combinations(units, 2):
                model.add_different_resources(first, second)
            phase_tasks.append(task)
        for index, task in enumerate(phase_tasks):
            for pred in project.predecessors(index):
                model.add_end_before_start(phase_tasks[pred], task)
    return model


def solve_with_pyjobshop(
    scenario: Scenario, time_limit: float, workers: int, seed: int = 0
) -> PyJobShopResult:
    """Solve the scenario's PyJobShop model with CP-SAT; the wall time includes the build."""
    started = perf_counter()
    model = pyjobshop_model(scenario)
    result = model.solve(
        solver="ortools",
        time_limit=time_limit,
        display=False,
        num_workers=workers,
        random_seed=seed,
    )
    seconds = perf_counter() - started
    status = str(result.status.value)
    found = status in ("Optimal", "Feasible") or (
        status == "Time-limit" and result.objective != float("inf")
    )
    return PyJobShopResult(
        makespan=round(result.objective) if found else None,
        optimal=status == "Optimal",
        status=status,
        seconds=seconds,
    )


__all__ = ["PyJobShopResult", "pyjobshop_model", "solve_with_pyjobshop", "unsupported_rules"]
