"""The schedule checker: any schedule, also a hand-made one, against the scenario's rules.

It shares nothing with the CP-SAT model but the scenario, so it catches modelling mistakes
as well as planning ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models import GpuDemand, PhasePlan, Project, ProjectPlan, Requirement, Scenario, Schedule


@dataclass(frozen=True)
class Violation:
    """One broken rule, with where it happens."""

    rule: str
    message: str
    project: str | None = None
    phase: str | None = None
    person: str | None = None
    period: int | None = None

    def __str__(self) -> str:
        where = "/".join(x for x in (self.project, self.phase) if x)
        parts = [f"[{self.rule}]"]
        if where:
            parts.append(where)
        if self.person:
            parts.append(f"person {self.person}")
        if self.period is not None:
            parts.append(f"period {self.period}")
        return " ".join(parts) + f": {self.message}"


def check(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Every rule the schedule breaks (empty when it is valid)."""
    if schedule.status not in ("optimal", "feasible"):
        return []
    violations: list[Violation] = []
    violations += _projects(scenario, schedule)
    violations += _agendas(scenario, schedule)
    violations += _pools(scenario, schedule)
    return violations


def _projects(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    violations: list[Violation] = []
    known = {p.id: p for p in scenario.projects}
    seen: set[str] = set()
    for listed in schedule.projects:
        project = known.get(listed.id)
        if project is None:
            violations.append(Violation("unknown", f"no project {listed.id!r} in the scenario"))
            continue
        if listed.id in seen:
            violations.append(Violation("duplicate", "the project appears twice", listed.id))
        seen.add(listed.id)
        if not project.scheduled and listed.selected:
            violations.append(Violation("done", "a done project is not scheduled again", listed.id))
        elif listed.selected:
            violations += _project(scenario, project, listed)
        elif listed.phases:
            violations.append(Violation("selection", "an unselected project has phases", listed.id))
    for project in scenario.scheduled_projects():
        plan = schedule.project(project.id)
        if project.mandatory and (plan is None or not plan.selected):
            why = "must" if project.priority == "must" else project.status
            violations.append(
                Violation("mandatory", f"a {why} project is not selected", project.id)
            )
    return violations


def _project(scenario: Scenario, project: Project, plan: ProjectPlan) -> list[Violation]:
    grid = scenario.grid
    violations: list[Violation] = []
    by_id: dict[str, PhasePlan] = {}
    for phase_plan in plan.phases:
        if phase_plan.id in by_id:
            violations.append(Violation("phases", "phase planned twice", project.id, phase_plan.id))
        by_id[phase_plan.id] = phase_plan
    names = {p.id for p in project.phases}
    for extra in set(by_id) - names:
        violations.append(Violation("phases", "no such phase in the scenario", project.id, extra))
    release = grid.first_period_on_or_after(project.release) if project.release else 0
    for index, phase in enumerate(project.phases):
        planned = by_id.get(phase.id)
        if planned is None:
            violations.append(
                Violation(
                    "phases", "a selected project must run all its phases", project.id, phase.id
                )
            )
            continue

        violations += _timing(scenario, project, index, planned, by_id, release)
        violations += _staffing(scenario, project, phase.requires, planned)
        violations += _gpus(scenario, project, phase.id, phase.gpus, planned)
    if project.deadline_hard and project.deadline is not None and by_id:
        due = grid.deadline_end(project.deadline)
        go_live = max(p.end for p in by_id.values())
        if go_live > due:
            violations.append(
                Violation(
                    "deadline",
                    f"goes live at {go_live}, after its hard deadline {project.deadline} "
                    f"(end of period {due - 1})",
                    project.id,
                    period=go_live,
                )
            )
    return violations


def _timing(
    scenario: Scenario,
    project: Project,
    index: int,
    planned: PhasePlan,
    by_id: dict[str, PhasePlan],
    release: int,
) -> list[Violation]:
    """Duration, horizon, release and precedence of one planned phase."""
    phase = project.phases[index]
    broken: list[tuple[str, str, int | None]] = []
    runs = planned.end - planned.start
    if runs != phase.duration:
        broken.append(("duration", f"runs {runs} periods, needs {phase.duration}", None))
    if planned.start < 0 or planned.end > scenario.grid.horizon:
        periods = f"periods {planned.start}..{planned.end - 1} leave the horizon"
        broken.append(("horizon", periods, None))
    if planned.start < release:
        message = f"starts at {planned.start}, before release (period {release})"
        broken.append(("release", message, planned.start))
    for pred in project.predecessors(index):
        before = by_id.get(project.phases[pred].id)
        if before is not None and planned.start < before.end:
            message = f"starts at {planned.start}, before {before.id} ends at {before.end}"
            broken.append(("precedence", message, planned.start))
    return [
        Violation(rule, message, project.id, phase.id, period=period)
        for rule, message, period in broken
    ]


def _staffing(
    scenario: Scenario, project: Project, requires: list[Requirement], planned: PhasePlan
) -> list[Violation]:
    violations: list[Violation] = []
    people = {p.id: p for p in scenario.staff}
    names = [s.id for s in planned.staff]
    for twice in {n for n in names if names.count(n) > 1}:
        violations.append(
            Violation("one_unit", "covers more than one unit", project.id, planned.id, twice)
        )
    by_skill: dict[str, list[int]] = defaultdict(list)
    for assignment in planned.staff:
        person = people.get(assignment.id)
        if person is None:
            violations.append(
                Violation(
                    "unknown", "no such person in staff", project.id, planned.id, assignment.id
                )
            )
            continue
        by_skill[assignment.skill].append(person.skills.get(assignment.skill, 0))
    needed: dict[str, list[int]] = defaultdict(list)
    for requirement in requires:
        needed[requirement.skill] += [requirement.level] * requirement.count
    for skill in set(needed) | set(by_skill):
        # Within one skill, matching the highest levels needed to the highest levels held
        # succeeds exactly when any assignment does.
        want = sorted(needed.get(skill, []), reverse=True)
        have = sorted(by_skill.get(skill, []), reverse=True)
        if len(have) != len(want) or any(h < w for h, w in zip(have, want, strict=False)):
            violations.append(
                Violation(
                    "skills",
                    f"{skill}: needs levels {want or 'none'}, "
                    f"has people at levels {have or 'none'}",
                    project.id,
                    planned.id,
                )
            )
    return violations


def _gpus(
    scenario: Scenario,
    project: Project,
    phase_id: str,
    demands: list[GpuDemand],
    planned: PhasePlan,
) -> list[Violation]:
    remaining = [(g.pool, g.count) for g in planned.gpus]
    violations: list[Violation] = []
    for demand in demands:
        match = next(
            (item for item in remaining if item[0] in demand.pools and item[1] == demand.count),
            None,
        )
        if match is None:
            violations.append(
                Violation(
                    "gpus",
                    f"needs {demand.count} GPUs of {' or '.join(demand.pools)}",
                    project.id,
                    phase_id,
                )
            )
        else:
            remaining.remove(match)
    for pool, count in remaining:
        violations.append(
            Violation("gpus", f"{count} GPUs of {pool} not asked for", project.id, phase_id)
        )
    return violations


def _agendas(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """A person works on one thing at a time, and not while unavailable."""
    violations: list[Violation] = []
    agenda: dict[str, dict[int, str]] = defaultdict(dict)
    known = {p.id for p in scenario.staff}
    for plan in schedule.selected():
        for phase in plan.phases:
            label = f"{plan.id}/{phase.id}"
            for assignment in phase.staff:
                if assignment.id not in known:
                    continue
                for t in range(phase.start, phase.end):
                    other = agenda[assignment.id].get(t)
                    if other is not None and other != label:
                        violations.append(
                            Violation(
                                "one_phase_at_a_time",
                                f"also works on {other}",
                                plan.id,
                                phase.id,
                                assignment.id,
                                t,
                            )
                        )
                    agenda[assignment.id][t] = label
    for person in scenario.staff:
        for t in sorted(scenario.unavailable_periods(person) & set(agenda[person.id])):
            project_id, phase_id = agenda[person.id][t].split("/", 1)
            violations.append(
                Violation(
                    "unavailable", "works while unavailable", project_id, phase_id, person.id, t
                )
            )
    return violations


def _pools(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """GPUs in use stay within each pool's capacity in every period."""
    violations: list[Violation] = []
    known = {p.id for p in scenario.gpu_pools}
    used: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for plan in schedule.selected():
        for phase in plan.phases:
            for gpu in phase.gpus:
                if gpu.pool not in known:
                    violations.append(
                        Violation("unknown", f"no GPU pool {gpu.pool!r}", plan.id, phase.id)
                    )
                    continue
                for t in range(phase.start, phase.end):
                    used[gpu.pool][t] += gpu.count
    for pool_id, per_period in used.items():
        capacity = scenario.pool_capacity(pool_id)
        for t, count in sorted(per_period.items()):
            limit = capacity[t] if 0 <= t < len(capacity) else 0
            if count > limit:
                violations.append(
                    Violation(
                        "gpu_capacity",
                        f"pool {pool_id} has {count} GPUs in use, capacity {limit}",
                        period=t,
                    )
                )
    return violations
