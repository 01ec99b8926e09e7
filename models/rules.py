"""Cross-field rules of a scenario: references, duplicates, dates, and demands no one can meet.

Each problem names the field path, the offending value and what is wrong, so a user can
find the line in their file.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zenplan.models.scenario import Incident, Person, Phase, Project, Requirement, Scenario

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario, at a field path."""

    loc: Loc
    message: str
    value: Any = None

    @property
    def path(self) -> str:
        return format_loc(self.loc)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def format_loc(loc: Iterable[str | int]) -> str:
    """`("projects", 0, "phases", 1)` -> `projects[0].phases[1]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(root)"


class ScenarioRuleError(ValueError):
    """Raised inside validation; carries the problems with their own paths."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


def raise_problems(problems: Sequence[Problem]) -> None:
    if problems:
        raise ScenarioRuleError(problems)


def find_problems(scenario: Scenario) -> list[Problem]:
    """Every cross-field rule broken by the scenario (empty when it is sound)."""
    problems: list[Problem] = []
    problems += _duplicates(scenario)
    problems += _dates(scenario)
    problems += _references(scenario)
    problems += _demands(scenario)
    problems += _pins(scenario)
    return problems


def _pins(scenario: Scenario) -> list[Problem]:
    """Pins name people and pools the phase can use, periods inside the horizon, and never
    leave out a project that must run."""
    problems: list[Problem] = []
    grid = scenario.grid
    people = {p.id: p for p in scenario.staff}
    for i, project in enumerate(scenario.projects):
        if project.pin == "not_selected" and (
            project.priority == "must" or project.status in ("committed", "in_progress")
        ):
            why = "must" if project.priority == "must" else project.status
            problems.append(
                Problem(
                    ("projects", i, "pin"),
                    f"a {why} project cannot be not_selected",
                    "not_selected",
                )
            )
        for j, phase in enumerate(project.phases):
            if phase.pin is None:
                continue
            loc: Loc = ("projects", i, "phases", j, "pin")
            window = scenario.pin_window(phase)
            if window is not None and window[0] > window[1]:
                field = "start" if phase.pin.start is not None else "start_window"
                value = phase.pin.start or phase.pin.start_window
                problems.append(
                    Problem(
                        (*loc, field),
                        f"phase {project.id}/{phase.id} ({phase.duration} periods) cannot start "
                        f"there and end within the horizon of {grid.horizon} periods",
                        str(value),
                    )
                )
            for k, person_id in enumerate(phase.pin.people):
                person = people.get(person_id)
                if person is None:
                    problems.append(
                        Problem((*loc, "people", k), f"unknown person {person_id!r}", person_id)
                    )
                elif not any(person.holds(r.skill, r.level) for r in phase.requires):
                    problems.append(
                        Problem(
                            (*loc, "people", k),
                            f"{person_id!r} meets none of the requirements of phase "
                            f"{project.id}/{phase.id}",
                            person_id,
                        )
                    )
            if len(phase.pin.people) > sum(r.count for r in phase.requires):
                problems.append(
                    Problem(
                        (*loc, "people"),
                        f"{len(phase.pin.people)} people pinned to a phase that needs "
                        f"{sum(r.count for r in phase.requires)}",
                        phase.pin.people,
                    )
                )
            pool = phase.pin.gpu_pool
            if pool is not None and not any(pool in d.pools for d in phase.gpus):
                problems.append(
                    Problem(
                        (*loc, "gpu_pool"),
                        f"phase {project.id}/{phase.id} draws no GPUs from pool {pool!r}",
                        pool,
                    )
                )
    return problems


def _duplicate_ids(items: Sequence[Any], loc: Loc) -> list[Problem]:
    counts = Counter(item.id for item in items)
    return [
        Problem((*loc, i, "id"), f"duplicate id {item.id!r}", item.id)
        for i, item in enumerate(items)
        if counts[item.id] > 1
    ]


def _duplicates(scenario: Scenario) -> list[Problem]:
    problems: list[Problem] = []
    for key in ("staff", "gpu_pools", "datasets", "sponsors", "projects", "incidents"):
        problems += _duplicate_ids(getattr(scenario, key), (key,))
    for i, project in enumerate(scenario.projects):
        problems += _duplicate_ids(project.phases, ("projects", i, "phases"))
    for i, incident in enumerate(scenario.incidents):
        problems += _duplicate_ids(incident.phases, ("incidents", i, "phases"))
    return problems


def _absences_outside(scenario: Scenario, window: str) -> list[Problem]:
    """Absences wholly before or after the horizon (one that overlaps it is clipped)."""
    grid = scenario.grid
    return [
        Problem(
            ("staff", i, "unavailable", j),
            f"{absence.from_} .. {absence.to} is outside {window}",
            None,
        )
        for i, person in enumerate(scenario.staff)
        for j, absence in enumerate(person.unavailable)
        if absence.to < grid.start or absence.from_ > grid.end_date
    ]


def _dates(scenario: Scenario) -> list[Problem]:
    grid = scenario.grid
    window = f"the horizon {grid.start} .. {grid.end_date}"
    problems: list[Problem] = []

    def inside(day: date | None, loc: Loc) -> None:
        if day is not None and not grid.contains(day):
            problems.append(Problem(loc, f"date {day} is outside {window}", day.isoformat()))

    problems += _absences_outside(scenario, window)
    for i, pool in enumerate(scenario.gpu_pools):
        for j, change in enumerate(pool.capacity_changes):
            inside(change.from_, ("gpu_pools", i, "capacity_changes", j, "from"))
    for i, project in enumerate(scenario.projects):
        if not project.scheduled:
            continue  # a done project's dates are history
        # A release before the horizon just means "ready from the start".
        if project.release is not None and project.release > grid.end_date:
            inside(project.release, ("projects", i, "release"))
        inside(project.deadline, ("projects", i, "deadline"))
        if project.release and project.deadline and project.deadline < project.release:
            problems.append(
                Problem(
                    ("projects", i, "deadline"),
                    f"deadline {project.deadline} is before release {project.release}",
                    project.deadline.isoformat(),
                )
            )
    inside(scenario.policies.first_delivery_by, ("policies", "first_delivery_by"))
    for i, incident in enumerate(scenario.incidents):
        inside(incident.detected, ("incidents", i, "detected"))
    return problems


def _references(scenario: Scenario) -> list[Problem]:
    problems: list[Problem] = []
    sponsors = {s.id for s in scenario.sponsors}
    datasets = {d.id for d in scenario.datasets}
    pools = {p.id for p in scenario.gpu_pools}
    projects = {p.id: p for p in scenario.projects}
    for i, project in enumerate(scenario.projects):
        loc: Loc = ("projects", i)
        if project.sponsor is not None and project.sponsor not in sponsors:
            problems.append(
                Problem((*loc, "sponsor"), f"unknown sponsor {project.sponsor!r}", project.sponsor)
            )
        for j, dataset in enumerate(project.datasets):
            if dataset not in datasets:
                problems.append(
                    Problem((*loc, "datasets", j), f"unknown dataset {dataset!r}", dataset)
                )
        phase_problems = _phase_references(project.phases, pools, (*loc, "phases"))
        problems += phase_problems or _cycles(project, (*loc, "phases"))
    for i, incident in enumerate(scenario.incidents):
        target = projects.get(incident.project)
        loc = ("incidents", i, "project")
        if target is None:
            problems.append(Problem(loc, f"unknown project {incident.project!r}", incident.project))
        elif target.status not in ("done", "in_progress"):
            problems.append(
                Problem(
                    loc,
                    f"project {incident.project!r} has status {target.status!r}; "
                    "an incident concerns a done or in_progress project",
                    incident.project,
                )
            )
        phase_problems = _phase_references(incident.phases, pools, ("incidents", i, "phases"))
        problems += phase_problems or _cycles(incident, ("incidents", i, "phases"))
    if scenario.ethics_board is None:
        for i, project in enumerate(scenario.projects):
            if project.ethics == "required" and project.scheduled:
                problems.append(
                    Problem(
                        ("projects", i, "ethics"),
                        f"project {project.id!r} requires an ethics approval but the scenario "
                        "has no ethics_board",
                        "required",
                    )
                )
    return problems


def _phase_references(phases: Sequence[Phase], pools: set[str], loc: Loc) -> list[Problem]:
    problems: list[Problem] = []
    phase_ids = {p.id for p in phases}
    for j, phase in enumerate(phases):
        for k, demand in enumerate(phase.gpus):
            for pool in demand.pools:
                if pool not in pools:
                    problems.append(
                        Problem((*loc, j, "gpus", k, "pool"), f"unknown GPU pool {pool!r}", pool)
                    )
        for k, other in enumerate(phase.after or []):
            if other not in phase_ids:
                problems.append(Problem((*loc, j, "after", k), f"unknown phase {other!r}", other))
            elif other == phase.id:
                problems.append(
                    Problem((*loc, j, "after", k), "a phase cannot follow itself", other)
                )
    return problems


def _cycles(project: Project | Incident, loc: Loc) -> list[Problem]:
    """A cycle in `after` makes the project impossible; name the phases on it."""
    state: dict[int, int] = {}  # 1: on the stack, 2: done
    stack: list[int] = []

    def visit(node: int) -> list[int] | None:
        state[node] = 1
        stack.append(node)
        for pred in project.predecessors(node):
            if state.get(pred) == 1:
                return stack[stack.index(pred) :]
            if pred not in state and (cycle := visit(pred)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in range(len(project.phases)):
        if start not in state and (cycle := visit(start)):
            names = [project.phases[i].id for i in cycle]
            return [
                Problem(
                    (*loc, cycle[0], "after"),
                    f"phases of project {project.id!r} wait for each other in a cycle: "
                    + " -> ".join([*reversed(names), names[-1]]),
                    names,
                )
            ]
    return []


def _gpus_over_capacity(
    phase: Phase, label: str, loc: Loc, largest: dict[str, int]
) -> list[Problem]:
    """GPU demands larger than any capacity their known pools ever have."""
    problems: list[Problem] = []
    for k, demand in enumerate(phase.gpus):
        best = max((largest.get(pool, 0) for pool in demand.pools), default=0)
        if all(pool in largest for pool in demand.pools) and demand.count > best:
            problems.append(
                Problem(
                    (*loc, "gpus", k, "count"),
                    f"{label} needs {demand.count} GPUs from "
                    f"{' or '.join(demand.pools)}; the largest capacity is {best}",
                    demand.count,
                )
            )
    return problems


def _demands(scenario: Scenario) -> list[Problem]:
    problems: list[Problem] = []
    largest = {
        pool.id: max([pool.capacity, *(c.capacity for c in pool.capacity_changes)])
        for pool in scenario.gpu_pools
    }
    skills_known = {skill for person in scenario.staff for skill in person.skills}

    staff = len(scenario.staff)
    at_work = staff - math.floor(scenario.policies.rd_reserve * staff)

    def check_phase(phase: Phase, label: str, loc: Loc) -> None:
        problems.extend(
            _staffing_problems(phase.requires, scenario.staff, skills_known, label, (*loc,))
        )
        if scenario.policies.mentoring:
            problems.extend(_unmentored(phase.requires, scenario.staff, label, loc))
        heads = sum(r.count for r in phase.requires)
        if scenario.policies.rd_reserve and heads > at_work:
            problems.append(
                Problem(
                    (*loc, "requires"),
                    f"{label} needs {heads} people at once but rd_reserve "
                    f"{scenario.policies.rd_reserve} leaves only {at_work} of {staff} at work",
                    heads,
                )
            )
        problems.extend(_gpus_over_capacity(phase, label, loc, largest))

    for i, project in enumerate(scenario.projects):
        for j, phase in enumerate(project.phases):
            check_phase(phase, f"phase {project.id}/{phase.id}", ("projects", i, "phases", j))
    for i, incident in enumerate(scenario.incidents):
        for j, phase in enumerate(incident.phases):
            check_phase(phase, f"phase {incident.id}/{phase.id}", ("incidents", i, "phases", j))
    for i, dataset in enumerate(scenario.datasets):
        if dataset.acquisition is not None:
            label = f"the acquisition of dataset {dataset.id}"
            loc: Loc = ("datasets", i, "acquisition")
            requires = dataset.acquisition.requires
            problems += _staffing_problems(requires, scenario.staff, skills_known, label, loc)
            if scenario.policies.mentoring:
                problems += _unmentored(requires, scenario.staff, label, loc)
    return problems


def _unmentored(
    requires: Sequence[Requirement], staff: Sequence[Person], label: str, loc: Loc
) -> list[Problem]:
    """With mentoring, juniors need a mentor in the same skill; where nobody can mentor, a
    requirement needs enough people at level 3 or above."""
    from zenplan.models.scenario import JUNIOR_BELOW, SENIOR_FROM

    problems = []
    for k, req in enumerate(requires):
        if any(p.holds(req.skill, SENIOR_FROM) for p in staff):
            continue
        able = [p for p in staff if p.holds(req.skill, max(req.level, JUNIOR_BELOW))]
        if len(able) < req.count:
            problems.append(
                Problem(
                    (*loc, "requires", k),
                    f"{label} needs {req.count} people with {req.skill} >= {req.level}; with "
                    f"mentoring on, juniors (< {JUNIOR_BELOW}) need a mentor at "
                    f"{SENIOR_FROM}+ and nobody has {req.skill} >= {SENIOR_FROM}, so only "
                    f"{len(able)} can work",
                    req.model_dump(),
                )
            )
    return problems


def _staffing_problems(
    requires: Sequence[Requirement],
    staff: Sequence[Person],
    skills_known: set[str],
    label: str,
    loc: Loc,
) -> list[Problem]:
    """Unknown skills, too few qualified people, or too few distinct people overall."""
    problems: list[Problem] = []
    for k, req in enumerate(requires):
        qualified = [p for p in staff if _covers(p, req)]
        part_time = any(p.holds(req.skill, req.level) and not _covers(p, req) for p in staff)
        if req.skill not in skills_known:
            problems.append(
                Problem(
                    (*loc, "requires", k, "skill"),
                    f"unknown skill {req.skill!r}: no person in staff has it",
                    req.skill,
                )
            )
        elif len(qualified) < req.count:
            people = "person" if req.count == 1 else "people"
            exist = "exists" if len(qualified) == 1 else "exist"
            problems.append(
                Problem(
                    (*loc, "requires", k),
                    f"{label} needs {req.count} {people} with {req.skill} >= {req.level}"
                    + (f" and capacity >= {req.share}" if part_time else "")
                    + f"; only {len(qualified)} {exist}",
                    req.model_dump(),
                )
            )
    if not problems and requires:
        needed = sum(r.count for r in requires)
        needs = [(r.skill, r.level, r.count) for r in requires]
        matched = max_staffing(
            needs,
            [p.skills for p in staff],
            [r.share for r in requires],
            [p.capacity for p in staff],
        )
        if matched < needed:
            problems.append(
                Problem(
                    (*loc, "requires"),
                    f"{label} needs {needed} different people across its requirements; "
                    f"at most {matched} can be found in staff",
                    [r.model_dump() for r in requires],
                )
            )
    return problems


def max_staffing(
    needs: Sequence[tuple[str, int, int]],
    skills: Sequence[Mapping[str, int]],
    shares: Sequence[float] | None = None,
    capacities: Sequence[float] | None = None,
) -> int:
    """How many of the slots ``needs`` asks for (skill, level, count) distinct people can fill,
    each person given by their skill levels: the largest matching of slots to people (a
    person fills a slot with the skill at the level or above, as ``Person.holds`` says, and
    with a capacity of at least the need's share of a person, when given)."""
    share_of = list(shares) if shares is not None else [0.0] * len(needs)
    capacity = list(capacities) if capacities is not None else [1.0] * len(skills)
    slots = [
        (skill, level, share)
        for (skill, level, count), share in zip(needs, share_of, strict=True)
        for _ in range(count)
    ]
    owner: dict[int, int] = {}  # person index -> slot index

    def augment(slot: int, seen: set[int]) -> bool:
        skill, level, share = slots[slot]
        for index, held in enumerate(skills):
            if held.get(skill, 0) < level or capacity[index] < share or index in seen:
                continue
            seen.add(index)
            if index not in owner or augment(owner[index], seen):
                owner[index] = slot
                return True
        return False

    return sum(augment(slot, set()) for slot in range(len(slots)))


def _covers(person: Person, requirement: Requirement) -> bool:
    """Whether the person may cover a unit of the requirement: skill, level and capacity."""
    return person.holds(requirement.skill, requirement.level) and (
        person.capacity >= requirement.share
    )
