"""The greedy planner: serial schedule generation in priority order.

This is how a spreadsheet planner or an auto-scheduler plans: take the projects one by one,
mandatory ones first and then by value per unit of effort, and put each phase at the earliest
period where qualified people and GPUs are free. It always returns a plan; it is CP-SAT's
warm start and the baseline benchmarks compare against.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from time import perf_counter

from zenplan.constraints.mentoring import JUNIOR_BELOW, SENIOR_FROM
from zenplan.models import Person, Phase, Project, Requirement, Scenario, Schedule
from zenplan.models.costs import BudgetWindow, budget_windows, overspent, rate, spent_by
from zenplan.models.decisions import (
    ACQUISITION,
    APPROVAL,
    Decisions,
    PhaseDecision,
    acquisition_key,
    dataset_of,
)
from zenplan.models.schedule import SolverInfo
from zenplan.scheduler.assemble import assemble
from zenplan.scheduler.score import project_units
from zenplan.scheduler.timeline import Timeline


def plan(
    scenario: Scenario, order: Sequence[Project] | None = None, explained: bool = True
) -> Schedule:
    """The greedy schedule, with KPIs and (when ``explained``) a reason for every project
    left out; projects are taken in ``order`` when given, else in ``priority_order``."""
    started = perf_counter()
    decisions, reasons = decide(scenario, order)
    return assemble(
        scenario,
        decisions,
        "feasible",
        SolverInfo(engine="greedy"),
        solve_seconds=perf_counter() - started,
        reasons=reasons,
        explained=explained,
    )


def decisions_of(scenario: Scenario, schedule: Schedule) -> Decisions:
    """The placement decisions behind a schedule (to warm-start CP-SAT from any plan)."""
    decisions: Decisions = {}
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        decisions[plan.id] = {}
        if plan.approval is not None:
            decisions[plan.id][APPROVAL] = PhaseDecision(start=plan.approval.start)
        for phase_plan in plan.phases:
            phase = next(p for p in project.phases if p.id == phase_plan.id)
            people = [(s.id, s.skill) for s in phase_plan.staff]
            decisions[plan.id][phase.id] = PhaseDecision(
                start=phase_plan.start,
                staff=_requirement_units(scenario, phase.requires, people),
                gpus=[(g.pool, g.count) for g in phase_plan.gpus],
            )
    for acquisition in schedule.datasets:
        dataset = scenario.dataset(acquisition.id)
        if acquisition.start is None or dataset.acquisition is None:
            continue
        people = [(s.id, s.skill) for s in acquisition.staff]
        decisions[acquisition_key(dataset.id)] = {
            ACQUISITION: PhaseDecision(
                start=acquisition.start,
                staff=_requirement_units(scenario, dataset.acquisition.requires, people),
            )
        }
    return decisions


def _requirement_units(
    scenario: Scenario, requires: list[Requirement], people: list[tuple[str, str]]
) -> list[tuple[str, str, int]]:
    """Which requirement each (person, skill) covers: within a skill, the highest levels asked
    go to the highest levels held."""
    levels = {p.id: p.skills for p in scenario.staff}
    result: list[tuple[str, str, int]] = []
    for skill in dict.fromkeys(s for _, s in people):  # in order: plans repeat run to run
        units = sorted(
            (r for r, req in enumerate(requires) if req.skill == skill for _ in range(req.count)),
            key=lambda r: -requires[r].level,
        )
        holders = sorted(
            (p for p, s in people if s == skill), key=lambda p: -levels.get(p, {}).get(skill, 0)
        )
        result += [(p, skill, r) for p, r in zip(holders, units, strict=False)]
    return result


def priority_order(scenario: Scenario) -> list[Project]:
    """Mandatory projects first (earliest deadline first), then by value per person-week."""
    far = scenario.grid.end_date

    def key(project: Project) -> tuple[int, float, object, str]:
        if project.mandatory:
            return (0, 0.0, project.deadline or far, project.id)
        return (1, -project.value / max(project.effort(scenario.grid.days), 1.0), far, project.id)

    return sorted(scenario.scheduled_projects(), key=key)


def decide(
    scenario: Scenario, order: Sequence[Project] | None = None
) -> tuple[Decisions, dict[str, str]]:
    """Placement decisions for the projects that fit, and why the others do not."""
    planner = _Planner(scenario)
    reasons: dict[str, str] = {}
    for project in order if order is not None else priority_order(scenario):
        problem = planner.place(project)
        if problem is not None:
            reasons[project.id] = (
                problem if problem.startswith("not selected") else f"not selected: {problem}"
            )
    return planner.decisions, reasons


# owner, start, end, people, GPUs (pool, count), the share of each person's time
Booking = tuple[str, int, int, list[str], list[tuple[str, int]], list[float]]


class _Planner:
    """Serial schedule generation over a timeline of people, GPUs, the ethics board and the
    portfolio policies; every placement honours the scenario's hard rules."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.timeline = Timeline(scenario)
        self.decisions: Decisions = {}
        self.acquired: dict[str, int] = {}  # dataset -> end of its acquisition
        staff = len(scenario.staff)
        # People at work per period with the R&D reserve (none without: shared people may
        # count on two phases at once)
        reserved = math.floor(scenario.policies.rd_reserve * staff)
        self.staff_limit = staff - reserved if reserved else None
        self._qualified: dict[tuple[str, int], list[Person]] = {}
        self.windows = budget_windows(scenario)
        self.spent = [0.0] * scenario.grid.horizon
        self.spent_by: dict[str, list[float]] = {}

    def qualified(self, requirement: Requirement) -> list[Person]:
        """``scenario.qualified``, kept per skill and level: the planner asks it often."""
        key = (requirement.skill, requirement.level)
        if key not in self._qualified:
            self._qualified[key] = self.scenario.qualified(requirement)
        return self._qualified[key]

    def place(self, project: Project) -> str | None:
        """Place the project at its earliest; None when placed, else the reason it is not."""
        grid = self.scenario.grid
        if project.pin == "not_selected":
            return "not selected: pinned not selected"
        not_before = (
            max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
        )
        limit = self.scenario.policies.max_concurrent_large
        large = limit is not None and project.size_class(grid.days) == "large"
        spent: str | None = None  # the budget that pushed the project later, if one did
        while True:
            bookings: list[Booking] = []
            placed, problem = self._try(project, not_before, bookings)
            if placed is None:
                return f"not selected: {spent}" if spent else problem
            begin = min(d.start for k, d in placed.items() if k != APPROVAL)
            go_live = max(placed[p.id].start + p.duration for p in project.phases)
            if large and not self.timeline.fits(self.timeline.large, begin, go_live, 1, limit or 0):
                self._undo(bookings)
                not_before = begin + 1  # wait for a large project to finish
                if not_before >= grid.horizon:
                    return f"not selected: {limit} large projects are already in flight"
                continue
            if not project.mandatory:
                problem = _not_worth_it(self.scenario, project, placed)
                if problem:
                    self._undo(bookings)
                    return f"not selected: {spent}" if spent else problem
            over = self._over_budget(bookings)
            if over is not None:
                spent = spent or over_words(self, over, bookings)
                self._undo(bookings)
                if over.end - over.first < grid.horizon and begin + 1 < grid.horizon:
                    not_before = begin + 1  # a later window may still have money
                    continue
                return f"not selected: {spent}"
            if large:
                self.timeline.add(self.timeline.large, begin, go_live, 1)
            self._spend(bookings)
            self._commit(project, placed)
            return None

    def costs(self, bookings: list[Booking]) -> dict[int, float]:
        """Money the booked work costs per period."""
        extra: dict[int, float] = {}
        for owner, start, end, people, gpus, _shares in bookings:
            if not owner.startswith("review:"):
                amount = rate(self.scenario, people, gpus)
                for t in range(start, end):
                    extra[t] = extra.get(t, 0.0) + amount
        return extra

    def _over_budget(self, bookings: list[Booking]) -> BudgetWindow | None:
        if not self.windows:
            return None
        return overspent(self.windows, self.spent, self.costs(bookings))

    def _spend(self, bookings: list[Booking]) -> None:
        if not self.windows:
            return
        horizon = self.scenario.grid.horizon
        for owner, start, end, people, gpus, _shares in bookings:
            if not owner.startswith("review:"):
                amount = rate(self.scenario, people, gpus)
                row = self.spent_by.setdefault(owner, [0.0] * horizon)
                for t in range(start, end):
                    self.spent[t] += amount
                    row[t] += amount

    def _try(
        self, project: Project, not_before: int, bookings: list[Booking]
    ) -> tuple[dict[str, PhaseDecision] | None, str | None]:
        placed: dict[str, PhaseDecision] = {}
        start_min = not_before
        for dataset_id in project.datasets:
            ready = self._dataset_ready(dataset_id, bookings)
            if ready is None:
                self._undo(bookings)
                return None, f"not selected: no people free to acquire dataset {dataset_id}"
            start_min = max(start_min, ready)
        approved = 0
        if project.gated_phases():
            granted = self._approval(project.id, bookings)
            if granted is None:
                self._undo(bookings)
                return None, "not selected: the ethics board has no review slot in time"
            placed[APPROVAL] = PhaseDecision(start=granted)
            approved = granted + self._board_duration()
        gated = set(project.gated_phases())
        for index in project.phase_order():
            phase = project.phases[index]
            ends = [
                placed[project.phases[p].id].start + project.phases[p].duration
                for p in project.predecessors(index)
            ]
            earliest = max([start_min, *ends, approved if index in gated else 0])
            window = self.scenario.pin_window(phase)
            first, last = window or (earliest, self.scenario.grid.horizon)
            decision = self._earliest_slot(
                phase.requires, phase.duration, max(earliest, first), phase, last
            )
            if decision is None:
                self._undo(bookings)
                pinned = " pinned" if phase.pin else ""
                return None, (
                    f"phase {phase.id} finds no {phase.duration}-period window from period "
                    f"{max(earliest, first)} to {min(last, self.scenario.grid.horizon)} with "
                    f"its{pinned} people and GPUs free"
                )
            placed[phase.id] = decision
            self._book(project.id, decision, phase.duration, bookings, phase.requires)
        return placed, None

    def _dataset_ready(self, dataset_id: str, bookings: list[Booking]) -> int | None:
        """When the dataset is ready: 0 if available, else the end of its acquisition, which
        is placed now when no earlier project needed it."""
        dataset = self.scenario.dataset(dataset_id)
        if dataset.available or dataset.acquisition is None:
            return 0
        if dataset_id in self.acquired:
            return self.acquired[dataset_id]
        acquisition = dataset.acquisition
        decision = self._earliest_slot(acquisition.requires, acquisition.duration, 0, None)
        if decision is None:
            return None
        key = acquisition_key(dataset_id)
        self._book(key, decision, acquisition.duration, bookings, acquisition.requires)
        self.decisions[key] = {ACQUISITION: decision}
        self.acquired[dataset_id] = decision.start + acquisition.duration
        return self.acquired[dataset_id]

    def _board_duration(self) -> int:
        board = self.scenario.ethics_board
        return board.review_duration if board else 0

    def _approval(self, project_id: str, bookings: list[Booking]) -> int | None:
        """The earliest review start whose approval lands on a meeting with the board free."""
        board = self.scenario.ethics_board
        if board is None:
            return 0
        horizon = self.scenario.grid.horizon
        meeting = math.ceil(board.review_duration / board.meeting_every) * board.meeting_every
        while meeting <= horizon:
            start = meeting - board.review_duration
            if self.timeline.fits(self.timeline.reviews, start, meeting, 1, board.capacity):
                self.timeline.add(self.timeline.reviews, start, meeting, 1)
                bookings.append((f"review:{project_id}", start, meeting, [], [], []))
                return start
            meeting += board.meeting_every
        return None

    def _earliest_slot(
        self,
        requires: list[Requirement],
        duration: int,
        earliest: int,
        phase: Phase | None,
        latest: int | None = None,
    ) -> PhaseDecision | None:
        """The earliest start (up to ``latest``) with qualified people and GPUs free, and
        the phase's pinned people and pool among them."""
        horizon = self.scenario.grid.horizon
        heads = sum(r.count for r in requires)
        pin = phase.pin if phase is not None else None
        last = horizon - duration if latest is None else min(latest, horizon - duration)
        for start in range(earliest, last + 1):
            end = start + duration
            limit = self.staff_limit
            if limit is not None and not self.timeline.fits(
                self.timeline.working, start, end, heads, limit
            ):
                continue
            staff = self._pick_staff(requires, start, end, pin.people if pin else [])
            if staff is None:
                continue
            pool = pin.gpu_pool if pin else None
            gpus = _pick_gpus(phase, start, end, self.timeline, pool) if phase is not None else []
            if gpus is None:
                continue
            return PhaseDecision(start=start, staff=staff, gpus=gpus)
        return None

    def _pick_staff(
        self, requires: list[Requirement], start: int, end: int, pinned: Sequence[str] = ()
    ) -> list[tuple[str, str, int]] | None:
        """Free qualified people for every requirement unit, pinned people first, keeping
        the experts for harder work; with mentoring, a junior only beside a senior already on
        the phase."""
        scenario, timeline = self.scenario, self.timeline
        mentoring = scenario.policies.mentoring
        order = sorted(
            range(len(requires)),
            key=lambda r: (-requires[r].level, len(self.qualified(requires[r]))),
        )
        placed = self._pin_staff(requires, order, start, end, pinned)
        if placed is None:
            return None
        chosen = placed
        taken: dict[str, dict[str, int]] = {p: self._skills(p) for p, _, _ in chosen}
        for r in order:
            requirement = requires[r]
            skill = requirement.skill
            candidates = sorted(
                (
                    p
                    for p in self.qualified(requirement)
                    if p.id not in taken
                    and timeline.person_free(p.id, start, end, requirement.share)
                ),
                key=lambda p: (p.skills[skill], sum(p.skills.values()), p.id),
            )
            picked = sum(1 for _, _, unit in chosen if unit == r)
            for person in candidates:
                if picked == requirement.count:
                    break
                junior = person.skills[skill] < JUNIOR_BELOW
                if (
                    mentoring
                    and junior
                    and not any(levels.get(skill, 0) >= SENIOR_FROM for levels in taken.values())
                ):
                    continue
                taken[person.id] = person.skills
                chosen.append((person.id, skill, r))
                picked += 1
            if picked < requirement.count:
                return None
        return chosen

    def _skills(self, person_id: str) -> dict[str, int]:
        return next(p.skills for p in self.scenario.staff if p.id == person_id)

    def _pin_staff(
        self,
        requires: list[Requirement],
        order: list[int],
        start: int,
        end: int,
        pinned: Sequence[str],
    ) -> list[tuple[str, str, int]] | None:
        """Pinned people on the units they qualify for (hardest first); None when one is busy
        or finds no unit."""
        chosen: list[tuple[str, str, int]] = []
        for person_id in pinned:
            skills = self._skills(person_id)
            unit = next(
                (
                    r
                    for r in order
                    if skills.get(requires[r].skill, 0) >= requires[r].level
                    and self.timeline.person_free(person_id, start, end, requires[r].share)
                    and sum(1 for _, _, u in chosen if u == r) < requires[r].count
                ),
                None,
            )
            if unit is None:
                return None
            chosen.append((person_id, requires[unit].skill, unit))
        return chosen

    def _book(
        self,
        owner: str,
        decision: PhaseDecision,
        duration: int,
        bookings: list[Booking],
        requires: list[Requirement],
    ) -> None:
        people = [person for person, _, _ in decision.staff]
        shares = [requires[unit].share for _, _, unit in decision.staff]
        end = decision.start + duration
        self.timeline.book(owner, decision.start, end, people, decision.gpus, shares)
        bookings.append((owner, decision.start, end, people, decision.gpus, shares))

    def _undo(self, bookings: list[Booking]) -> None:
        for owner, start, end, people, gpus, shares in reversed(bookings):
            if owner.startswith("review:"):
                self.timeline.add(self.timeline.reviews, start, end, -1)
                continue
            self.timeline.unbook(owner, start, end, people, gpus, shares)
            dataset = dataset_of(owner)
            if dataset is not None:
                self.acquired.pop(dataset, None)
                self.decisions.pop(owner, None)
        bookings.clear()

    def _commit(self, project: Project, placed: dict[str, PhaseDecision]) -> None:
        self.decisions[project.id] = placed


def over_words(planner: _Planner, window: BudgetWindow, bookings: list[Booking]) -> str:
    needed = sum(a for t, a in planner.costs(bookings).items() if window.first <= t < window.end)
    return spent_by(window, planner.spent_by, needed)


def _pick_gpus(
    phase: Phase, start: int, end: int, timeline: Timeline, pinned: str | None = None
) -> list[tuple[str, int]] | None:
    picked: list[tuple[str, int]] = []
    for demand in phase.gpus:
        pools = [pinned] if pinned in demand.pools else demand.pools
        pool = next(
            (p for p in pools if _pool_free(timeline, picked, p, demand.count, start, end)),
            None,
        )
        if pool is None:
            return None
        picked.append((pool, demand.count))
    return picked


def _pool_free(
    timeline: Timeline, picked: list[tuple[str, int]], pool: str, count: int, start: int, end: int
) -> bool:
    already = sum(c for p, c in picked if p == pool)
    return timeline.pool_free(pool, count + already, start, end)


def _not_worth_it(
    scenario: Scenario, project: Project, placed: dict[str, PhaseDecision]
) -> str | None:
    """A reason to leave an optional project out although it fits: a hard deadline it misses,
    or a plan in which it earns less than it costs."""
    grid = scenario.grid
    go_live = max(placed[p.id].start + p.duration for p in project.phases)
    if project.deadline is not None:
        due = grid.deadline_end(project.deadline)
        if project.deadline_hard and go_live > due:
            return (
                f"the earliest plan goes live in period {go_live}, after its hard deadline "
                f"{project.deadline} (period {due})"
            )
    weights = scenario.objective
    work = [
        (phase.duration, [p for p, _, _ in placed[phase.id].staff], placed[phase.id].gpus)
        for phase in project.phases
    ]
    gain = project_units(scenario, project, go_live, work)  # as the objective counts it
    if gain <= 0 and (weights.value or weights.lateness or weights.cost):
        return f"its earliest plan (go-live in period {go_live}) earns nothing net of its costs"
    return None
