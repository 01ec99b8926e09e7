"""Who and what is busy in each period: the bookkeeping the greedy planner and the reasons use."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from zenplan.models import Scenario, Schedule
from zenplan.models.scenario import SHARE_SCALE


@dataclass
class Timeline:
    """Per-period occupancy of people and GPU pools."""

    scenario: Scenario
    # person -> period -> what occupies them (project id, or "(unavailable)")
    person_busy: dict[str, dict[int, str]] = field(default_factory=dict)
    # person -> bit t set when busy in period t (fast window tests)
    person_mask: dict[str, int] = field(default_factory=dict)
    # pool -> GPUs in use per period
    pool_used: dict[str, list[int]] = field(default_factory=dict)
    pool_users: dict[str, dict[int, set[str]]] = field(default_factory=dict)
    # people at work, ethics reviews and large projects in flight, per period
    working: list[int] = field(default_factory=list)
    reviews: list[int] = field(default_factory=list)
    large: list[int] = field(default_factory=list)

    # With part-time people or shares: person -> hundredths of their time free per period
    person_room: dict[str, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        horizon = self.scenario.grid.horizon
        self.fractional = self.scenario.fractional()
        for person in self.scenario.staff:
            away = self.scenario.unavailable_periods(person)
            self.person_busy[person.id] = dict.fromkeys(away, "(unavailable)")
            self.person_mask[person.id] = sum(1 << t for t in away)
            if self.fractional:
                self.person_room[person.id] = [
                    round(c * SHARE_SCALE) for c in self.scenario.capacity_of(person)
                ]
        for pool in self.scenario.gpu_pools:
            self.pool_used[pool.id] = [0] * horizon
            self.pool_users[pool.id] = defaultdict(set)
        self.capacity = {p.id: self.scenario.pool_capacity(p.id) for p in self.scenario.gpu_pools}
        self.working = [0] * horizon
        self.reviews = [0] * horizon
        self.large = [0] * horizon

    @classmethod
    def of(cls, scenario: Scenario, schedule: Schedule) -> Timeline:
        timeline = cls(scenario)
        gpus = {
            (plan.id, phase.id): [(g.pool, g.count) for g in phase.gpus]
            for plan in schedule.selected()
            for phase in plan.phases
        }
        for work in schedule.work():
            people = [s.id for s in work.staff]
            used = gpus.get((work.owner, work.item), [])
            shares = [s.share for s in work.staff]
            timeline.book(work.owner, work.start, work.end, people, used, shares)
        return timeline

    def person_free(self, person: str, start: int, end: int, share: float = 1.0) -> bool:
        """Whether the person has ``share`` of their time free in every period of the window."""
        if self.fractional:
            room, need = self.person_room[person], round(share * SHARE_SCALE)
            return all(room[t] >= need for t in range(start, end))
        window = ((1 << (end - start)) - 1) << start
        return not self.person_mask[person] & window

    def pool_free(self, pool: str, count: int, start: int, end: int) -> bool:
        used, capacity = self.pool_used[pool], self.capacity[pool]
        return all(used[t] + count <= capacity[t] for t in range(start, end))

    def book(
        self,
        owner: str,
        start: int,
        end: int,
        people: list[str],
        gpus: list[tuple[str, int]],
        shares: list[float] | None = None,
    ) -> None:
        periods = range(max(0, start), min(end, self.scenario.grid.horizon))
        for i, person in enumerate(people):
            for t in periods:
                self.person_busy[person].setdefault(t, owner)
                self.person_mask[person] |= 1 << t
            if self.fractional and person in self.person_room:
                share = round((shares[i] if shares else 1.0) * SHARE_SCALE)
                for t in periods:
                    self.person_room[person][t] -= share
        for pool, count in gpus:
            for t in periods:
                self.pool_used[pool][t] += count
                self.pool_users[pool][t].add(owner)
        for t in periods:
            self.working[t] += len(people)

    def unbook(
        self,
        owner: str,
        start: int,
        end: int,
        people: list[str],
        gpus: list[tuple[str, int]],
        shares: list[float] | None = None,
    ) -> None:
        """Undo ``book`` (the greedy planner backs out of a project that does not fit)."""
        periods = range(max(0, start), min(end, self.scenario.grid.horizon))
        for i, person in enumerate(people):
            for t in periods:
                if self.person_busy[person].get(t) == owner:
                    del self.person_busy[person][t]
                    self.person_mask[person] &= ~(1 << t)
            if self.fractional and person in self.person_room:
                share = round((shares[i] if shares else 1.0) * SHARE_SCALE)
                for t in periods:
                    self.person_room[person][t] += share
        for pool, count in gpus:
            for t in periods:
                self.pool_used[pool][t] -= count
                self.pool_users[pool][t].discard(owner)
        for t in periods:
            self.working[t] -= len(people)

    def add(self, load: list[int], start: int, end: int, amount: int) -> None:
        """Add ``amount`` to a per-period load (reviews, large projects) over [start, end)."""
        for t in range(max(0, start), min(end, len(load))):
            load[t] += amount

    def fits(self, load: list[int], start: int, end: int, extra: int, limit: int) -> bool:
        return all(load[t] + extra <= limit for t in range(max(0, start), min(end, len(load))))
