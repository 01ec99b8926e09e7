"""Time turned around: the scenario whose phases follow the phases that followed them.

Where nothing in a scenario reads the date, a plan read backwards (each phase starting at
the makespan less its end) is a plan of the mirror with the same makespan, so the two have
the same optimum; a search from the other end is a different search, often a faster proof."""

from __future__ import annotations

from zenplan.models import Scenario
from zenplan.models.decisions import Decisions, PhaseDecision
from zenplan.models.scenario import Policies
from zenplan.scheduler.build import BuiltModel


def mirror(scenario: Scenario) -> Scenario | None:
    """The scenario with time turned around, every phase following the phases that followed
    it, when its relaxation has the same optimum both ways; None when it may not.

    A plan of makespan ``m`` read backwards (each phase starting at ``m`` less its end) is a
    plan of the mirror of the same makespan, as long as nothing in the scenario depends on
    the date: every project must run and has no release or deadline, no dataset or ethics
    approval, capacities do not change, nobody is away, no policy or objective term but the
    makespan reads dates. Then the two have the same optimum, and a search can go either
    way."""
    objective = scenario.objective
    if not objective.makespan or objective.value or objective.lateness or objective.balance:
        return None
    if objective.cost or scenario.incidents or scenario.policies != Policies():
        return None
    if any(pool.capacity_changes for pool in scenario.gpu_pools):
        return None
    if any(person.unavailable for person in scenario.staff):
        return None
    for project in scenario.projects:
        if project.status not in ("proposed", "committed") or not project.mandatory:
            return None
        if project.release or project.deadline or project.datasets or project.ethics != "none":
            return None
        if any(phase.duration_range is not None for phase in project.phases):
            return None
    projects = []
    for project in scenario.projects:
        followers: list[list[str]] = [[] for _ in project.phases]
        for index, phase in enumerate(project.phases):
            for before in project.predecessors(index):
                followers[before].append(phase.id)
        phases = [
            phase.model_copy(update={"after": followers[index]})
            for index, phase in enumerate(project.phases)
        ]
        projects.append(project.model_copy(update={"phases": phases}))
    return scenario.model_copy(update={"projects": projects})


def turned_back(plan: Decisions, built: BuiltModel) -> Decisions:
    """A plan of one direction (the mirror of ``built``'s scenario, or the scenario itself) as
    a plan of the other, of the same makespan: each phase starts where the plan ends less its
    end there."""
    durations = {(i.project, i.phase): i.duration for i in built.variables.work_items()}
    ends = [
        decision.start + durations[project, phase]
        for project, phases in plan.items()
        for phase, decision in phases.items()
    ]
    makespan = max(ends, default=0)
    return {
        project: {
            phase: PhaseDecision(
                makespan - decision.start - durations[project, phase],
                list(decision.staff),
                list(decision.gpus),
            )
            for phase, decision in phases.items()
        }
        for project, phases in plan.items()
    }
