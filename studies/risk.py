"""Monte Carlo schedule risk: how late could each project go live if phases overrun?

The plan keeps its order and its people; only durations change. Each phase with a
``duration_range: [low, high]`` takes a duration drawn from the triangular distribution
(low, high, mode = its planned ``duration``), rounded to the nearest whole period; other
phases keep theirs. Phases are re-timed in the order of their planned starts: a phase
starts at the latest of its planned start, the ends of the phases it follows, the end of
the previous work of each of its people (in the order that person was planned), and for a
gated phase the end of its ethics approval; from there it waits, period by period, until
its GPUs fit in their pools (capacity changes included) beside the phases re-timed before
it, and, with an R&D reserve, until its people fit under the staff limit. Dataset
acquisitions and approvals keep their planned times. A project's go-live is the end of its
last phase.

Sample ``i`` draws from a generator seeded with ``(seed, i)``, so the results depend on
the seed and the number of samples only, not on how the samples are split into chunks or
where the chunks run.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from zenplan.models import Phase, PhasePlan, Scenario, Schedule
from zenplan.models.schedule import PLANNED
from zenplan.studies.executors import Executor

CHUNK_SAMPLES = 250


@dataclass(frozen=True)
class Work:
    """One planned phase, as the re-timing sees it."""

    project: int  # index into RiskPlan.projects
    duration: int
    duration_range: tuple[int, int] | None
    not_before: int  # planned start, approval end, end of the person's fixed previous work
    after: tuple[int, ...]  # works (indices) that must end first
    gpus: tuple[tuple[int, int], ...] = ()  # (pool index into RiskPlan.capacity, GPUs)
    people: int = 0  # people on the phase, counted against the R&D reserve's staff limit


@dataclass(frozen=True)
class RiskPlan:
    """The plan reduced to what re-timing needs; small and picklable, for chunks."""

    projects: tuple[str, ...]
    works: tuple[Work, ...]  # in re-timing order (planned start)
    # GPUs per period of each pool used (after the horizon: the pool's largest capacity)
    capacity: tuple[tuple[int, ...], ...] = ()
    # with an R&D reserve: people allowed at work per period, and those on acquisitions
    staff_limit: int | None = None
    acquiring: tuple[int, ...] = ()


PhaseKey = tuple[str, str]  # (project id, phase id)
# A person's planned work: start, end, and the phase (None: a dataset acquisition).
Booking = tuple[int, int, PhaseKey | None]


def risk_plan(scenario: Scenario, schedule: Schedule) -> RiskPlan:
    """The selected projects' phases of ``schedule`` with their order, people and ranges."""
    if schedule.status not in PLANNED:
        raise ValueError(f"the schedule has no plan to re-time (status {schedule.status})")
    phases = _planned_phases(scenario, schedule)
    order = sorted(phases, key=lambda key: (phases[key][0].start, key))
    index = {key: i for i, key in enumerate(order)}
    floor = {key: phases[key][0].start for key in order}
    after: dict[PhaseKey, set[int]] = defaultdict(set)
    for bookings in _agendas(schedule).values():
        bookings.sort(key=lambda booking: booking[0])
        for previous, current in itertools.pairwise(bookings):
            if current[2] is None:
                continue  # acquisitions keep their planned times
            if previous[2] is None:
                floor[current[2]] = max(floor[current[2]], previous[1])
            else:
                after[current[2]].add(index[previous[2]])
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        gated = {project.phases[i].id for i in project.gated_phases()}
        for phase_index, phase in enumerate(project.phases):
            key = (plan.id, phase.id)
            for pred in project.predecessors(phase_index):
                after[key].add(index[(plan.id, project.phases[pred].id)])
            if phase.id in gated and plan.approval is not None:
                floor[key] = max(floor[key], plan.approval.end)
    projects = {p.id: i for i, p in enumerate(schedule.selected())}
    pools = sorted({g.pool for plan, _ in phases.values() for g in plan.gpus})
    pool_index = {pool: i for i, pool in enumerate(pools)}
    works = tuple(
        Work(
            project=projects[key[0]],
            duration=phases[key][1].duration,
            duration_range=phases[key][1].duration_range,
            not_before=floor[key],
            after=tuple(sorted(after[key])),
            gpus=tuple((pool_index[g.pool], g.count) for g in phases[key][0].gpus),
            people=len(phases[key][0].staff),
        )
        for key in order
    )
    capacity = tuple(tuple(scenario.pool_capacity(pool)) for pool in pools)
    return RiskPlan(tuple(projects), works, capacity, *_staff_limit(scenario, schedule))


def _staff_limit(scenario: Scenario, schedule: Schedule) -> tuple[int | None, tuple[int, ...]]:
    """With an R&D reserve: the people allowed at work per period (as the staffing rule
    counts them) and the people on planned acquisitions per period; else (None, ())."""
    reserve = scenario.policies.rd_reserve
    if reserve <= 0:
        return None, ()
    staff = len(scenario.staff)
    acquiring = [0] * scenario.grid.horizon
    for acquisition in schedule.datasets:
        if acquisition.start is not None and acquisition.end is not None:
            for t in range(acquisition.start, min(acquisition.end, len(acquiring))):
                acquiring[t] += len(acquisition.staff)
    return staff - math.floor(reserve * staff), tuple(acquiring)


def _planned_phases(
    scenario: Scenario, schedule: Schedule
) -> dict[PhaseKey, tuple[PhasePlan, Phase]]:
    """Every phase of the selected projects: its plan and its definition in the scenario."""
    known = {p.id: p for p in scenario.projects}
    phases: dict[PhaseKey, tuple[PhasePlan, Phase]] = {}
    for plan in schedule.selected():
        if plan.id not in known:
            raise ValueError(f"schedule: project {plan.id!r} is not in the scenario")
        defined = {p.id: p for p in known[plan.id].phases}
        planned = {p.id for p in plan.phases}
        if planned != set(defined):
            raise ValueError(
                f"schedule: project {plan.id!r} plans phases {sorted(planned)}, "
                f"the scenario has {sorted(defined)}"
            )
        for phase_plan in plan.phases:
            phases[(plan.id, phase_plan.id)] = (phase_plan, defined[phase_plan.id])
    return phases


def _agendas(schedule: Schedule) -> dict[str, list[Booking]]:
    """Per person, the phases and acquisitions they are planned to work on."""
    agendas: dict[str, list[Booking]] = defaultdict(list)
    for plan in schedule.selected():
        for phase in plan.phases:
            for person in phase.staff:
                agendas[person.id].append((phase.start, phase.end, (plan.id, phase.id)))
    for acquisition in schedule.datasets:
        if acquisition.start is not None and acquisition.end is not None:
            for person in acquisition.staff:
                agendas[person.id].append((acquisition.start, acquisition.end, None))
    return agendas


def sampled_duration(work: Work, rng: random.Random) -> int:
    """A triangular draw over the phase's range (mode: its duration), in whole periods."""
    if work.duration_range is None:
        return work.duration
    low, high = work.duration_range
    drawn = rng.triangular(low, high, work.duration)
    return min(high, max(low, math.floor(drawn + 0.5)))


def go_lives(plan: RiskPlan, rng: random.Random) -> list[int]:
    """Each project's go-live when the plan is re-timed with durations drawn from ``rng``."""
    ends: list[int] = []
    live = [0] * len(plan.projects)
    load = _Load(plan)
    for work in plan.works:
        duration = sampled_duration(work, rng)
        start = max([work.not_before, *(ends[i] for i in work.after)])
        while not load.fits(work, start, start + duration):
            start += 1
        load.book(work, start, start + duration)
        end = start + duration
        ends.append(end)
        live[work.project] = max(live[work.project], end)
    return live


class _Load:
    """GPUs in use per pool and people at work, per period, in one re-timing."""

    def __init__(self, plan: RiskPlan) -> None:
        self.plan = plan
        self.gpus: list[list[int]] = [[] for _ in plan.capacity]
        self.people: list[int] = list(plan.acquiring)
        # After the horizon a pool has its largest capacity, which every demand fits (the
        # scenario rules check that), so a sliding phase always finds a start.
        self.peak = [max(capacity, default=0) for capacity in plan.capacity]

    def fits(self, work: Work, start: int, end: int) -> bool:
        for pool, count in work.gpus:
            used, capacity, peak = self.gpus[pool], self.plan.capacity[pool], self.peak[pool]
            for t in range(start, end):
                free = (capacity[t] if t < len(capacity) else peak) - (
                    used[t] if t < len(used) else 0
                )
                if count > free:
                    return False
        limit = self.plan.staff_limit
        if limit is not None and work.people:
            people = self.people
            for t in range(start, end):
                if (people[t] if t < len(people) else 0) + work.people > limit:
                    return False
        return True

    def book(self, work: Work, start: int, end: int) -> None:
        for pool, count in work.gpus:
            _add(self.gpus[pool], start, end, count)
        if self.plan.staff_limit is not None:
            _add(self.people, start, end, work.people)


def _add(load: list[int], start: int, end: int, amount: int) -> None:
    if len(load) < end:
        load.extend([0] * (end - len(load)))
    for t in range(start, end):
        load[t] += amount


@dataclass(frozen=True)
class RiskChunk:
    """Samples ``first .. first + count - 1`` of a run seeded with ``seed``."""

    plan: RiskPlan
    seed: int
    first: int
    count: int


def sample_chunk(chunk: RiskChunk) -> list[dict[int, int]]:
    """Per project, how many samples of the chunk go live in each period."""
    histograms: list[Counter[int]] = [Counter() for _ in chunk.plan.projects]
    for sample in range(chunk.first, chunk.first + chunk.count):
        rng = random.Random(f"{chunk.seed}/{sample}")
        for project, go_live in enumerate(go_lives(chunk.plan, rng)):
            histograms[project][go_live] += 1
    return [dict(h) for h in histograms]


@dataclass(frozen=True)
class ProjectRisk:
    """One project's go-live under sampled durations (periods are exclusive ends)."""

    project: str
    planned: int
    p50: int
    p80: int
    planned_date: date
    p50_date: date
    p80_date: date
    deadline: date | None
    miss_probability: float | None  # None: the project has no deadline

    def as_json(self) -> dict[str, Any]:
        return {
            "project": self.project,
            "planned": self.planned,
            "planned_date": self.planned_date.isoformat(),
            "p50": self.p50,
            "p50_date": self.p50_date.isoformat(),
            "p80": self.p80,
            "p80_date": self.p80_date.isoformat(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "miss_probability": self.miss_probability,
        }


@dataclass(frozen=True)
class RiskReport:
    samples: int
    seed: int
    projects: list[ProjectRisk]

    def as_json(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "projects": [p.as_json() for p in self.projects],
        }


def percentile(histogram: dict[int, int], share: float) -> int:
    """The smallest value with at least ``share`` of the samples at or below it."""
    total = sum(histogram.values())
    needed = math.ceil(share * total)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= needed:
            return value
    raise ValueError("empty histogram")


def assess(
    scenario: Scenario,
    schedule: Schedule,
    samples: int,
    executor: Executor,
    seed: int = 0,
    chunk_samples: int = CHUNK_SAMPLES,
) -> RiskReport:
    """P50 / P80 go-live and the chance of missing the deadline, per selected project, from
    ``samples`` re-timings run in chunks on ``executor``."""
    if samples < 1:
        raise ValueError(f"--samples must be at least 1, got {samples}")
    plan = risk_plan(scenario, schedule)
    chunks = [
        RiskChunk(plan, seed, first, min(chunk_samples, samples - first))
        for first in range(0, samples, chunk_samples)
    ]
    totals: list[Counter[int]] = [Counter() for _ in plan.projects]
    for done in executor.run(sample_chunk, chunks, cpus=1):
        if done.value is None:
            raise RuntimeError(f"a chunk of samples failed: {done.error}")
        for total, histogram in zip(totals, done.value, strict=True):
            total.update(histogram)
    return RiskReport(samples, seed, _project_risks(scenario, schedule, plan, totals))


def _project_risks(
    scenario: Scenario, schedule: Schedule, plan: RiskPlan, totals: list[Counter[int]]
) -> list[ProjectRisk]:
    grid = scenario.grid
    risks: list[ProjectRisk] = []
    for project_id, histogram in zip(plan.projects, totals, strict=True):
        project = scenario.project(project_id)
        planned_plan = schedule.project(project_id)
        assert planned_plan is not None
        planned = max(p.end for p in planned_plan.phases)
        miss: float | None = None
        if project.deadline is not None:
            due = grid.deadline_end(project.deadline)
            late = sum(n for go_live, n in histogram.items() if go_live > due)
            miss = round(late / sum(histogram.values()), 4)
        p50, p80 = percentile(histogram, 0.5), percentile(histogram, 0.8)
        risks.append(
            ProjectRisk(
                project=project_id,
                planned=planned,
                p50=p50,
                p80=p80,
                planned_date=grid.end_date_of(planned),
                p50_date=grid.end_date_of(p50),
                p80_date=grid.end_date_of(p80),
                deadline=project.deadline,
                miss_probability=miss,
            )
        )
    return risks
