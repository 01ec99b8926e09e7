"""The schedule checker: any schedule, also a hand-made one, against the scenario's rules.

It shares nothing with the CP-SAT model but the scenario, so it catches modelling mistakes
as well as planning ones.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from zenplan.constraints.mentoring import JUNIOR_BELOW, SENIOR_FROM
from zenplan.models import (
    GpuDemand,
    PhasePlan,
    Project,
    ProjectPlan,
    Requirement,
    Scenario,
    Schedule,
    StaffAssignment,
)
from zenplan.models.decisions import ACQUISITION, acquisition_key
from zenplan.models.scenario import Incident
from zenplan.models.schedule import DatasetPlan
from zenplan.scheduler.incidents import with_incidents


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


def check(
    scenario: Scenario, schedule: Schedule, incidents: Sequence[Incident] = ()
) -> list[Violation]:
    """Every rule the schedule breaks (empty when it is valid). Incidents, the scenario's own
    and ``incidents``, count as the mandatory refresh work a replan plans for them."""
    if schedule.status not in ("optimal", "feasible"):
        return []
    if scenario.incidents or incidents:
        scenario = with_incidents(scenario, incidents)
    violations: list[Violation] = []
    violations += _projects(scenario, schedule)
    # The remaining rules look at projects the scenario knows (unknown ones are reported).
    known = {p.id for p in scenario.scheduled_projects()}
    schedule = schedule.model_copy(
        update={"projects": [p for p in schedule.projects if p.id in known]}
    )
    violations += _agendas(scenario, schedule)
    violations += _pools(scenario, schedule)
    violations += _datasets(scenario, schedule)
    violations += _ethics(scenario, schedule)
    violations += _large_in_flight(scenario, schedule)
    violations += _reserve(scenario, schedule)
    violations += _mentoring(scenario, schedule)
    violations += _decisions(scenario, schedule)
    return violations


def _decisions(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """The planner's own decisions: budget caps and pins (scheduler/check_decisions.py)."""
    from zenplan.scheduler.check_decisions import budget_violations, pin_violations

    return budget_violations(scenario, schedule) + pin_violations(scenario, schedule)


def _datasets(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Needed datasets are acquired once, before each selected project that needs them
    starts, by qualified people; nothing is acquired that no selected project needs."""
    violations: list[Violation] = []
    made = {d.id: d for d in schedule.datasets}
    for dataset_id, times in sorted(Counter(d.id for d in schedule.datasets).items()):
        if times > 1:
            message = f"acquired {times} times; a dataset is acquired once and then reused"
            violations.append(
                Violation("datasets", message, acquisition_key(dataset_id), ACQUISITION)
            )
    needed: set[str] = set()
    for plan in schedule.selected():
        if not plan.phases:
            continue
        start = min(p.start for p in plan.phases)
        for dataset_id in scenario.project(plan.id).datasets:
            if scenario.dataset(dataset_id).available:
                continue
            needed.add(dataset_id)
            acquisition = made.get(dataset_id)
            if acquisition is None or acquisition.end is None:
                message = f"dataset {dataset_id} is needed but never acquired"
                violations.append(Violation("datasets", message, plan.id))
            elif acquisition.end > start:
                message = (
                    f"starts at {start}, before dataset {dataset_id} is ready at {acquisition.end}"
                )
                violations.append(Violation("datasets", message, plan.id, period=start))
    for acquisition in schedule.datasets:
        violations += _acquisition(scenario, acquisition, acquisition.id in needed)
    return violations


def _acquisition(scenario: Scenario, acquisition: DatasetPlan, needed: bool) -> list[Violation]:
    """One planned acquisition: of a dataset that has one, needed, as long as it takes,
    inside the horizon, by qualified people."""
    key = acquisition_key(acquisition.id)
    found = next((d for d in scenario.datasets if d.id == acquisition.id), None)
    if found is None or found.acquisition is None or found.available:
        return [Violation("datasets", "nothing to acquire", key, ACQUISITION)]
    rule = found.acquisition
    violations: list[Violation] = []
    if not needed:
        message = "acquired although no selected project needs it"
        violations.append(Violation("datasets", message, key, ACQUISITION))
    if acquisition.start is None or acquisition.end is None:
        return violations
    if acquisition.end - acquisition.start != rule.duration:
        took = acquisition.end - acquisition.start
        message = f"takes {took} periods, needs {rule.duration}"
        violations.append(Violation("duration", message, key, ACQUISITION))
    if acquisition.start < 0 or acquisition.end > scenario.grid.horizon:
        violations.append(Violation("horizon", "leaves the horizon", key, ACQUISITION))
    violations += _staffing(scenario, key, ACQUISITION, rule.requires, acquisition.staff)
    return violations


def _ethics(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    """Required approvals take the review time, land on a meeting, fit the board's capacity
    and come before the gated phases."""
    board = scenario.ethics_board
    violations: list[Violation] = []
    reviews: dict[int, list[str]] = defaultdict(list)
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        if project.ethics != "required" or board is None:
            continue
        approval = plan.approval
        if approval is None:
            violations.append(Violation("ethics", "no ethics approval planned", plan.id))
            continue
        if approval.end - approval.start != board.review_duration:
            took = approval.end - approval.start
            message = f"review takes {took} periods, needs {board.review_duration}"
            violations.append(Violation("ethics", message, plan.id))
        if approval.end % board.meeting_every:
            message = (
                f"approval at {approval.end}, not a board meeting (every {board.meeting_every})"
            )
            violations.append(Violation("ethics", message, plan.id, period=approval.end))
        for t in range(approval.start, approval.end):
            reviews[t].append(plan.id)
        for index in project.gated_phases():
            phase = plan.phase(project.phases[index].id)
            if phase is not None and phase.start < approval.end:
                message = f"starts at {phase.start}, before its approval at {approval.end}"
                violations.append(
                    Violation("ethics", message, plan.id, phase.id, period=phase.start)
                )
    if board is not None:
        for t, projects in sorted(reviews.items()):
            if len(projects) > board.capacity:
                names = ", ".join(projects)
                message = f"{len(projects)} reviews at once ({names}), capacity {board.capacity}"
                violations.append(Violation("ethics_capacity", message, period=t))
    return violations


def _large_in_flight(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    limit = scenario.policies.max_concurrent_large
    if limit is None:
        return []
    days = scenario.grid.days
    flight: dict[int, list[str]] = defaultdict(list)
    for plan in schedule.selected():
        if plan.phases and scenario.project(plan.id).size_class(days) == "large":
            for t in range(min(p.start for p in plan.phases), max(p.end for p in plan.phases)):
                flight[t].append(plan.id)
    return [
        Violation(
            "max_concurrent_large",
            f"{len(projects)} large projects in flight ({', '.join(projects)}), limit {limit}",
            period=t,
        )
        for t, projects in sorted(flight.items())
        if len(projects) > limit
    ]


def _reserve(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    staff = len(scenario.staff)
    reserved = math.floor(scenario.policies.rd_reserve * staff)
    if not reserved:
        return []
    working: dict[int, int] = defaultdict(int)
    for _owner, _item, start, end, people in schedule.work():
        for t in range(start, end):
            working[t] += len(people)
    return [
        Violation(
            "rd_reserve",
            f"{count} of {staff} people at work; {reserved} must stay free for R&D",
            period=t,
        )
        for t, count in sorted(working.items())
        if count > staff - reserved
    ]


def _mentoring(scenario: Scenario, schedule: Schedule) -> list[Violation]:
    if not scenario.policies.mentoring:
        return []
    levels = {p.id: p.skills for p in scenario.staff}
    violations: list[Violation] = []
    for owner, item, _start, _end, staff in schedule.work():
        for assignment in staff:
            level = levels.get(assignment.id, {}).get(assignment.skill, 0)
            if level >= JUNIOR_BELOW:
                continue
            mentored = any(
                levels.get(other.id, {}).get(assignment.skill, 0) >= SENIOR_FROM
                for other in staff
                if other.id != assignment.id
            )
            if not mentored:
                message = (
                    f"a junior in {assignment.skill} (level {level}) without a level-4+ mentor"
                )
                violations.append(Violation("mentoring", message, owner, item, assignment.id))
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
            why = project.why_mandatory
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
        violations += _staffing(scenario, project.id, phase.id, phase.requires, planned.staff)
        violations += _gpus(project, phase.id, phase.gpus, planned)
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
    scenario: Scenario,
    owner: str,
    item: str,
    requires: list[Requirement],
    staff: list[StaffAssignment],
) -> list[Violation]:
    """Each requirement covered by `count` distinct people at its level, nobody extra."""
    violations: list[Violation] = []
    people = {p.id: p for p in scenario.staff}
    names = [s.id for s in staff]
    for twice in {n for n in names if names.count(n) > 1}:
        violations.append(Violation("one_unit", "covers more than one unit", owner, item, twice))
    by_skill: dict[str, list[int]] = defaultdict(list)
    for assignment in staff:
        person = people.get(assignment.id)
        if person is None:
            violations.append(
                Violation("unknown", "no such person in staff", owner, item, assignment.id)
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
                    owner,
                    item,
                )
            )
    return violations


def _gpus(
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
    if scenario.fractional():  # part-time people or shares: scheduler/check_decisions.py
        from zenplan.scheduler.check_decisions import share_violations

        return share_violations(scenario, schedule)
    violations: list[Violation] = []
    agenda: dict[str, dict[int, tuple[str, str]]] = defaultdict(dict)
    known = {p.id for p in scenario.staff}
    for owner, item, start, end, staff in schedule.work():
        for assignment in staff:
            if assignment.id not in known:
                continue
            for t in range(start, end):
                other = agenda[assignment.id].get(t)
                if other is not None and other != (owner, item):
                    message = f"also works on {'/'.join(other)}"
                    violations.append(
                        Violation("one_phase_at_a_time", message, owner, item, assignment.id, t)
                    )
                agenda[assignment.id][t] = (owner, item)
    for person in scenario.staff:
        for t in sorted(scenario.unavailable_periods(person) & set(agenda[person.id])):
            owner, item = agenda[person.id][t]
            violations.append(
                Violation("unavailable", "works while unavailable", owner, item, person.id, t)
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
