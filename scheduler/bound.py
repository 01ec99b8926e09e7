"""A certified upper bound on the portfolio's objective, by Lagrangian relaxation.

The scarce resources are priced per period: each requirement kind (a skill at a level), each
set of GPU pools a demand may draw from. At given prices the portfolio falls apart into
small exact problems:

- each project on its own: whether it runs and when each phase starts (its release, the
  datasets it must wait for, the ethics board's first possible approval, its phase chain,
  the horizon and a hard deadline all hold), earning its value less lateness and the least
  cost of its people and GPUs, paying the prices of the resources its phases use;
- people: in each period each available person gives their time to the best-priced kind
  they qualify for, at most as many people at work as the R&D reserve leaves;
- GPU pools: their capacity at the price of their sets; the cap on large projects in flight
  and the ethics board's reviews in progress, at theirs.

The sponsor-spread term is bounded by weights on the sponsors (a maximum is at least any
mean). For any prices >= 0 the sum of these optima is at least the best plan's objective
(weak duality), so every bound computed is valid, whatever the prices; the prices only
decide how tight it is. They are improved by subgradient steps within a time budget.
Makespan, acquisition cost and stability only subtract, and the mentoring rule only
restricts, so they are left out: the bound stays valid.

The projects' choices averaged over the last steps say how much each project is worth at
the prices and when it would go live: the search uses them to order its first plan.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from time import perf_counter

import numpy as np
import numpy.typing as npt

from zenplan.constraints.balance import FAIRNESS_SCALE, fairness_coefficient
from zenplan.constraints.context import OBJECTIVE_SCALE, money
from zenplan.models import Phase, Project, Scenario

Array = npt.NDArray[np.float64]
# A priced resource: a requirement kind (skill, level), a set of GPU pools, or one of
# LARGE (large projects in flight) and BOARD (ethics reviews in progress).
Resource = tuple[str, int] | frozenset[str] | str
LARGE = "large projects"
BOARD = "ethics board"

STEPS = 5000  # subgradient steps at most
SAFETY = 1e-9  # relative margin on the bound for floating-point sums
AVERAGE_FROM = 0.5  # the share of the steps after which projects' choices are averaged
PHASE_STEPS_PER_SECOND = 20_000  # deterministic mode: phases x steps a second of limit buys


@dataclass(frozen=True)
class PortfolioBound:
    """The certified bound (money units); per project the share of the last steps in which it
    ran at the prices, and its mean go-live when it ran."""

    value: float
    selection: dict[str, float]
    go_live: dict[str, float]
    steps: int
    seconds: float

    def order(self, projects: list[Project]) -> list[Project]:
        """Mandatory projects first, then those chosen in most steps, then the rest, each by
        expected go-live."""
        late = float(max(self.go_live.values(), default=0.0)) + 1.0

        def key(project: Project) -> tuple[int, int, float, str]:
            return (
                0 if project.mandatory else 1,
                0 if self.selection.get(project.id, 0.0) >= 0.5 else 1,
                self.go_live.get(project.id, late),
                project.id,
            )

        return sorted(projects, key=key)

    def by_selection(self, projects: list[Project]) -> list[Project]:
        """Projects (in a given order) regrouped: mandatory first, then by the share of steps
        that ran them, in tenths; ``projects``' own order within a group."""

        def key(project: Project) -> tuple[int, float]:
            return (0 if project.mandatory else 1, -round(self.selection.get(project.id, 0.0), 1))

        return sorted(projects, key=key)


class _Project:
    """A project's fixed data for the subproblem: start windows, demands, value by go-live."""

    def __init__(self, portfolio: _Facts, project: Project) -> None:
        scenario, resources, grid = portfolio.scenario, portfolio.resources, portfolio.grid
        self.project = project
        self.mandatory = project.mandatory
        horizon = grid.horizon
        self.order = project.phase_order()
        self.durations = [p.duration for p in project.phases]
        self.chain = all(
            project.predecessors(i) == ([self.order[n - 1]] if n else [])
            for n, i in enumerate(self.order)
        )
        self.tails = _tails(project)
        self.earliest = _earliest_starts(scenario, project)
        latest = horizon
        if project.deadline is not None and project.deadline_hard:
            latest = min(latest, grid.deadline_end(project.deadline))
        ends = [e + d for e, d in zip(self.earliest, self.durations, strict=True)]
        self.earliest_live = max(ends, default=0)
        self.latest_live = latest
        # value[g]: the objective when live at g (units), -inf outside the window
        self.value = np.full(horizon + 1, -np.inf)
        window = np.arange(self.earliest_live, latest + 1)
        self.value[window] = portfolio.units(project, window) - _least_cost_units(scenario, project)
        self.demand = np.zeros((len(project.phases), len(resources)))
        for index, phase in enumerate(project.phases):
            for key, amount in _phase_resources(phase):
                self.demand[index, resources[key]] += amount
        self.large = LARGE in resources and project.size_class(grid.days) == "large"
        self.sponsor, self.share = portfolio.fairness_share(project)
        gated = project.gated_phases() if project.ethics == "required" else []
        # the first gated phase in chain order waits for the approval
        self.gated = next((n for n, i in enumerate(self.order) if i in gated), None)
        if BOARD not in resources:
            self.gated = None

    @property
    def feasible(self) -> bool:
        return self.earliest_live <= self.latest_live


class _Group:
    """Projects of one shape, solved together: chains of ``m`` phases by dynamic programming
    over their start periods; a project of another shape alone, each phase starting on its
    own before the go-live less the phases after it (a relaxation of its precedence)."""

    def __init__(self, projects: list[_Project], rows: list[list[int]], horizon: int) -> None:
        self.projects = projects
        self.chain = projects[0].chain
        # phase rows of the portfolio's phase table, in chain order
        self.rows = np.array(rows, dtype=np.int64)
        ordered = [[p.durations[i] for i in p.order] for p in projects]
        self.durations = np.array(ordered, dtype=np.int64)
        self.tails = np.array([[p.tails[i] for i in p.order] for p in projects], dtype=np.int64)
        self.value = np.array([p.value for p in projects])
        self.periods = np.arange(horizon + 1)
        self.mandatory = np.array([p.mandatory for p in projects])
        self.large = np.array([p.large for p in projects], dtype=float)
        self.sponsor = np.array([p.sponsor for p in projects], dtype=np.int64)
        self.share = np.array([p.share for p in projects], dtype=float)

    def best(
        self, cost: Array, in_flight: Array, bonus: Array
    ) -> tuple[Array, npt.NDArray[np.int64]]:
        """The best value of each project at the phase costs ``cost`` (phase rows x start
        periods), and its phase starts in chain order (rows of -1 where it does not run).
        A large chain also pays ``in_flight`` (the running price of being in flight) up to
        its go-live; its first phase's cost carries the part before it starts. ``bonus``
        (per sponsor) is added to the value of a running project, times its share."""
        value = self.value + (bonus[self.sponsor] * self.share)[:, None]
        if self.chain:
            value = value - self.large[:, None] * in_flight[None, :]
        if self.chain:
            values, starts = self._chains(cost, value)
        else:
            values, starts = self._independent(cost, value)
        runs = np.isfinite(values) & ((values > 0) | self.mandatory)
        values = np.where(runs, values, 0.0)
        starts[~runs] = -1
        return values, starts

    def _shift(self, table: Array, by: npt.NDArray[np.int64]) -> Array:
        """``table[r, s + by[r]]``, -inf past the end."""
        index = self.periods[None, :] + by[:, None]
        size = table.shape[1]
        shifted = np.take_along_axis(table, np.minimum(index, size - 1), axis=1)
        return np.where(index < size, shifted, -np.inf)

    def _chains(self, cost: Array, value: Array) -> tuple[Array, npt.NDArray[np.int64]]:
        m = self.rows.shape[1]
        tables = [self._shift(value, self.durations[:, m - 1]) - cost[self.rows[:, m - 1]]]
        for position in range(m - 2, -1, -1):
            ahead = np.maximum.accumulate(tables[-1][:, ::-1], axis=1)[:, ::-1]
            following = self._shift(ahead, self.durations[:, position])
            tables.append(following - cost[self.rows[:, position]])
        tables.reverse()
        starts = np.zeros((len(self.projects), m), dtype=np.int64)
        starts[:, 0] = np.argmax(tables[0], axis=1)
        values = tables[0][np.arange(len(self.projects)), starts[:, 0]]
        for position in range(1, m):
            earliest = starts[:, position - 1] + self.durations[:, position - 1]
            masked = np.where(self.periods[None, :] >= earliest[:, None], tables[position], -np.inf)
            starts[:, position] = np.argmax(masked, axis=1)
        return values, starts

    def _independent(self, cost: Array, value: Array) -> tuple[Array, npt.NDArray[np.int64]]:
        total = value.copy()
        picks = []
        for position in range(self.rows.shape[1]):
            phase_cost = cost[self.rows[:, position]]
            low = np.minimum.accumulate(phase_cost, axis=1)
            where = _running_argmin(phase_cost)
            # live at g: the phase starts at the cheapest s <= g - tail - duration
            back = self.tails[:, position] + self.durations[:, position]
            index = self.periods[None, :] - back[:, None]
            valid = index >= 0
            clipped = np.maximum(index, 0)
            total = total - np.where(valid, np.take_along_axis(low, clipped, axis=1), np.inf)
            picks.append(np.take_along_axis(where, clipped, axis=1))
        go_live = np.argmax(total, axis=1)
        values = total[np.arange(len(self.projects)), go_live]
        starts = np.stack([p[np.arange(len(self.projects)), go_live] for p in picks], axis=1)
        return values, starts


def _running_argmin(values: Array) -> npt.NDArray[np.int64]:
    """Per row and column, the column of the least value so far (the first on ties)."""
    low = np.minimum.accumulate(values, axis=1)
    is_new = np.concatenate(
        [np.ones((values.shape[0], 1), dtype=bool), low[:, 1:] < low[:, :-1]], axis=1
    )
    where = np.where(is_new, np.arange(values.shape[1])[None, :], 0)
    return np.maximum.accumulate(where, axis=1)


class _Facts:
    """What every project's subproblem reads of the scenario, computed once."""

    def __init__(self, scenario: Scenario, resources: dict[Resource, int]) -> None:
        self.scenario = scenario
        self.resources = resources
        self.grid = scenario.grid
        requested = scenario.requested_value()
        self.requested = requested
        self.sponsors = [s for s, v in requested.items() if v > 0]
        valued = [p.value for p in scenario.projects if p.value > 0]
        self.mean_value = sum(valued) / len(valued) if valued else 1.0

    def units(self, project: Project, go_live: npt.NDArray[np.int64]) -> Array:
        """The project's value and lateness live at each of ``go_live``, in objective units,
        as scheduler/score.project_units counts them with no work."""
        weights, horizon = self.scenario.objective, self.grid.horizon
        total = np.zeros(len(go_live))
        if weights.value and project.value:
            total += money(weights.value * project.value) * (horizon - go_live)
        if weights.lateness and project.deadline is not None:
            delay = project.value if project.value > 0 else self.mean_value
            late = np.maximum(0, go_live - self.grid.deadline_end(project.deadline))
            total -= money(weights.lateness * delay) * late
        return total

    def fairness_share(self, project: Project) -> tuple[int, int]:
        """The project's sponsor (its index among those asking for value, -1 when the spread
        is not counted) and its weight in that sponsor's share, as constraints/balance.py
        counts it."""
        sponsors = self.sponsors
        if len(sponsors) < 2 or not self.scenario.objective.balance or not project.value:
            return -1, 0
        if project.sponsor not in sponsors:
            return -1, 0
        share = round(FAIRNESS_SCALE * project.value / self.requested[project.sponsor])
        return sponsors.index(project.sponsor), share


def _tails(project: Project) -> list[int]:
    """Per phase, the longest run of phases after it to the go-live."""
    tails = [0] * len(project.phases)
    for i in reversed(project.phase_order()):
        for pred in project.predecessors(i):
            tails[pred] = max(tails[pred], tails[i] + project.phases[i].duration)
    return tails


def _earliest_starts(scenario: Scenario, project: Project) -> list[int]:
    """Release, the datasets to acquire first, the first possible approval of gated phases,
    and the phases each phase follows."""
    grid = scenario.grid
    release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
    for dataset_id in project.datasets:
        dataset = scenario.dataset(dataset_id)
        if not dataset.available and dataset.acquisition is not None:
            release = max(release, dataset.acquisition.duration)
    gated = set(project.gated_phases()) if project.ethics == "required" else set()
    board = scenario.ethics_board
    approval = 0
    if gated and board is not None:
        every = max(1, board.meeting_every)
        approval = math.ceil(board.review_duration / every) * every
    earliest = [release] * len(project.phases)
    for i in project.phase_order():
        if i in gated:
            earliest[i] = max(earliest[i], approval)
        for pred in project.predecessors(i):
            earliest[i] = max(earliest[i], earliest[pred] + project.phases[pred].duration)
    return earliest


def _least_cost_units(scenario: Scenario, project: Project) -> int:
    """The least people and GPU cost any plan of the project pays, in objective units."""
    weight = scenario.objective.cost
    if not weight:
        return 0
    rates = {p.id: p.cost_per_period for p in scenario.staff}
    gpu_rates = {p.id: p.cost_per_gpu_period for p in scenario.gpu_pools}
    total = 0
    for phase in project.phases:
        for requirement in phase.requires:
            cheapest = min(
                (
                    money(weight * rates[p.id] * phase.duration)
                    for p in scenario.qualified(requirement)
                ),
                default=0,
            )
            total += cheapest * requirement.count
        for demand in phase.gpus:
            total += min(
                money(weight * gpu_rates.get(pool, 0.0) * demand.count * phase.duration)
                for pool in demand.pools
            )
    return total


def _phase_resources(phase: Phase) -> list[tuple[Resource, float]]:
    """(resource, amount per period) of a phase: its requirement kinds (people times the
    share of their time) and GPU pool sets."""
    result: list[tuple[Resource, float]] = [
        ((r.skill, r.level), float(r.count * r.share)) for r in phase.requires
    ]
    result += [(frozenset(d.pools), float(d.count)) for d in phase.gpus]
    return result


class _Supply:
    """What the people and the GPU pools offer at given prices."""

    def __init__(self, scenario: Scenario, resources: dict[Resource, int]) -> None:
        horizon = scenario.grid.horizon
        kinds = [key for key in resources if isinstance(key, tuple)]
        self.kind_rows = np.array([resources[k] for k in kinds], dtype=np.int64)
        self.qualified = np.array(
            [[person.holds(*kind) for kind in kinds] for person in scenario.staff], dtype=bool
        ).reshape(len(scenario.staff), len(kinds))
        # Each person offers their capacity per period (a part-timer a share, 0 while away).
        self.available = np.ones((len(scenario.staff), horizon))
        for i, person in enumerate(scenario.staff):
            self.available[i] = scenario.capacity_of(person)[:horizon]
        staff = len(scenario.staff)
        self.at_work = staff - math.floor(scenario.policies.rd_reserve * staff)
        # A set of GPU pools offers the sum of its pools' capacities.
        self.capacity = np.zeros((len(resources), horizon))
        pools = {p.id: scenario.pool_capacity(p.id) for p in scenario.gpu_pools}
        for key, row in resources.items():
            if isinstance(key, frozenset):
                for pool in key & pools.keys():
                    self.capacity[row] += pools[pool][:horizon]
        limit = scenario.policies.max_concurrent_large
        if LARGE in resources and limit is not None:
            self.capacity[resources[LARGE]] = limit
        if BOARD in resources and scenario.ethics_board is not None:
            self.capacity[resources[BOARD]] = scenario.ethics_board.capacity

    def offer(self, price: Array) -> tuple[float, Array]:
        """The value of what people and pools offer at ``price`` and the amounts offered:
        each available person works for the best-priced kind they qualify for, and only the
        best-paid people the R&D reserve leaves at work count."""
        amounts = self.capacity.copy()
        total = float(np.sum(price * self.capacity))
        if not len(self.kind_rows) or not self.qualified.size:
            return total, amounts
        kind_price = price[self.kind_rows]  # kinds x periods
        masked = np.where(self.qualified[:, :, None], kind_price[None, :, :], -1.0)
        best_kind = np.argmax(masked, axis=1)  # people x periods
        best = np.take_along_axis(masked, best_kind[:, None, :], axis=1)[:, 0, :]
        # A person offers their capacity in the period, at the best price they qualify for.
        gain = np.where((best > 0) & (self.available > 0), best * self.available, 0.0)
        if self.at_work < gain.shape[0]:
            keep = np.zeros_like(gain, dtype=bool)
            if self.at_work > 0:
                top = np.argpartition(-gain, self.at_work - 1, axis=0)[: self.at_work]
                np.put_along_axis(keep, top, True, axis=0)
            gain = np.where(keep, gain, 0.0)
        total += float(gain.sum())
        people, periods = np.nonzero(gain > 0)
        offered = self.available[people, periods]
        np.add.at(amounts, (self.kind_rows[best_kind[people, periods]], periods), offered)
        return total, amounts


class _Portfolio:
    """Every project that can run, as a phase table and groups of one shape."""

    def __init__(
        self, scenario: Scenario, projects: list[_Project], resources: dict[Resource, int]
    ) -> None:
        self.horizon = horizon = scenario.grid.horizon
        self.projects = projects
        self.large_row = resources.get(LARGE)
        self.board_row = resources.get(BOARD)
        board = scenario.ethics_board
        self.review = board.review_duration if board is not None else 0
        every = max(1, board.meeting_every) if board is not None else 1
        self.meetings = np.array([e for e in range(horizon + 1) if e % every == 0])
        self.meetings = self.meetings[self.meetings >= self.review]
        durations: list[int] = []
        earliest: list[int] = []
        demand: list[Array] = []
        first_rows: list[int] = []
        gated_rows: list[int] = []
        shapes: dict[tuple[bool, int] | str, list[tuple[_Project, list[int]]]] = {}
        for project in projects:
            rows = []
            for i in project.order:
                rows.append(len(durations))
                durations.append(project.durations[i])
                earliest.append(project.earliest[i])
                demand.append(project.demand[i])
            if project.chain and project.large:
                first_rows.append(rows[0])
            if project.chain and project.gated is not None:
                gated_rows.append(rows[project.gated])
            shape = (True, len(rows)) if project.chain else project.project.id
            shapes.setdefault(shape, []).append((project, rows))
        self.first_rows = np.array(first_rows, dtype=np.int64)
        self.gated_rows = np.array(gated_rows, dtype=np.int64)
        self.durations = np.array(durations, dtype=np.int64)
        table = np.array(demand).reshape(len(durations), len(resources))
        # the demand table is sparse (a phase uses a few resources): kept as its entries
        self.phase_of, self.resource_of = np.nonzero(table)
        self.amount = table[self.phase_of, self.resource_of]
        self.resources = len(resources)
        starts = np.arange(horizon + 1)[None, :]
        self.ends = np.minimum(starts + self.durations[:, None], horizon)
        self.closed = (starts < np.array(earliest)[:, None]) | (
            starts + self.durations[:, None] > horizon
        )
        self.groups = [
            _Group([p for p, _ in members], [r for _, r in members], horizon)
            for members in shapes.values()
        ]

    def _running(self, price: Array, row: int | None) -> Array:
        """The running sum of one resource's price: entry t is the price of periods < t."""
        if row is None:
            return np.zeros(self.horizon + 1)
        return np.concatenate([[0.0], np.cumsum(price[row])])

    def _approvals(self, price: Array) -> tuple[Array, npt.NDArray[np.int64]]:
        """Per start of a gated phase, the least price of a review ending at a meeting by
        then, and that meeting (-1 where none can)."""
        running = self._running(price, self.board_row)
        cost = np.full(self.horizon + 1, np.inf)
        meeting = np.full(self.horizon + 1, -1, dtype=np.int64)
        best, best_at = np.inf, -1
        window = {int(e): running[e] - running[e - self.review] for e in self.meetings}
        for t in range(self.horizon + 1):
            if t in window and window[t] < best:
                best, best_at = window[t], t
            cost[t], meeting[t] = best, best_at
        return cost, meeting

    def phase_costs(self, price: Array) -> tuple[Array, Array, npt.NDArray[np.int64]]:
        """The price of each phase started at each period (inf where it cannot start), with
        a large project's in-flight price before its first phase taken off and the review
        added to a gated phase; the in-flight running price; the reviews' meetings."""
        per_period = np.zeros((len(self.durations), self.horizon))
        np.add.at(per_period, self.phase_of, self.amount[:, None] * price[self.resource_of])
        running = np.concatenate([np.zeros((len(per_period), 1)), per_period], axis=1)
        running = np.cumsum(running, axis=1)
        cost = np.take_along_axis(running, self.ends, axis=1) - running
        in_flight = self._running(price, self.large_row)
        if len(self.first_rows):
            cost[self.first_rows] -= in_flight[None, :]
        approval, meeting = self._approvals(price)
        if len(self.gated_rows):
            cost[self.gated_rows] += approval[None, :]
        return np.where(self.closed, np.inf, cost), in_flight, meeting

    def best(self, price: Array, bonus: Array) -> tuple[float, Array, Array, dict[str, int | None]]:
        """The projects' part of the dual function at ``price`` and sponsor ``bonus``: the sum
        of their best values (units), the resources their plans use per period, the share
        of value each sponsor gets, and each project's go-live."""
        cost, in_flight, meeting = self.phase_costs(price)
        shares = np.zeros(len(bonus) - 1)
        horizon = self.horizon
        active = np.zeros((len(self.durations), horizon + 1))
        extra = np.zeros((2, horizon + 1))  # large projects in flight, reviews in progress
        total = 0.0
        go_lives: dict[str, int | None] = {}
        for group in self.groups:
            values, starts = group.best(cost, in_flight, bonus)
            total += float(values.sum())
            runs = starts[:, 0] >= 0
            counted = runs & (group.sponsor >= 0)
            np.add.at(shares, group.sponsor[counted], group.share[counted])
            rows = group.rows[runs].ravel()
            first = starts[runs].ravel()
            np.add.at(active, (rows, first), 1.0)
            np.add.at(active, (rows, first + self.durations[rows]), -1.0)
            ends = (starts + group.durations).max(axis=1)
            for n, (project, ran) in enumerate(zip(group.projects, runs, strict=True)):
                go_lives[project.project.id] = int(ends[n]) if ran else None
                if not ran or not group.chain:
                    continue
                if project.large:
                    extra[0, starts[n, 0]] += 1.0
                    extra[0, ends[n]] -= 1.0
                if project.gated is not None:
                    end = int(meeting[starts[n, project.gated]])
                    extra[1, end - self.review] += 1.0
                    extra[1, end] -= 1.0
        occupied = np.cumsum(active, axis=1)[:, :horizon]
        used = np.zeros((self.resources, horizon))
        np.add.at(used, self.resource_of, self.amount[:, None] * occupied[self.phase_of])
        extras = np.cumsum(extra, axis=1)[:, :horizon]
        if self.large_row is not None:
            used[self.large_row] += extras[0]
        if self.board_row is not None:
            used[self.board_row] += extras[1]
        return total, used, shares, go_lives


def _certified(units: float) -> float:
    """The dual function's value in money, with a margin for its floating-point sums."""
    return (units * (1 + SAFETY) + 1.0) / OBJECTIVE_SCALE


def _onto_simplex(weights: Array) -> Array:
    """The nearest point of the simplex (weights >= 0 summing to 1)."""
    if not len(weights):
        return weights
    ordered = np.sort(weights)[::-1]
    running = np.cumsum(ordered) - 1.0
    index = np.arange(1, len(weights) + 1)
    last = index[ordered - running / index > 0][-1]
    projected: Array = np.maximum(weights - running[last - 1] / last, 0.0)
    return projected


def _resources(scenario: Scenario) -> dict[Resource, int]:
    """Every priced resource, numbered."""
    resources: dict[Resource, int] = {}
    for project in scenario.scheduled_projects():
        for phase in project.phases:
            for key, _amount in _phase_resources(phase):
                resources.setdefault(key, len(resources))
    if scenario.policies.max_concurrent_large is not None:
        resources[LARGE] = len(resources)
    board = scenario.ethics_board
    if board is not None and board.review_duration > 0:
        resources[BOARD] = len(resources)
    return resources


def portfolio_bound(
    scenario: Scenario,
    time_limit: float = 5.0,
    floor: float | None = None,
    deterministic: bool = False,
    on_bound: Callable[[float], None] | None = None,
) -> PortfolioBound | None:
    """The best certified bound found within ``time_limit`` seconds, or None when no plan can
    exist (a mandatory project with no room). ``floor``, the objective of a known plan,
    sizes the steps. ``deterministic``: a number of steps set by the portfolio's size and
    the time limit, not by the clock. ``on_bound`` hears each better bound (money units)."""
    started = perf_counter()
    resources = _resources(scenario)
    facts = _Facts(scenario, resources)
    projects = [_Project(facts, p) for p in scenario.scheduled_projects()]
    if any(p.mandatory and not p.feasible for p in projects):
        return None
    portfolio = _Portfolio(scenario, [p for p in projects if p.feasible], resources)
    supply = _Supply(scenario, resources)
    price = np.zeros((len(resources), scenario.grid.horizon))
    # The sponsor spread: -C (max - min) <= C sum_s (low_s - high_s) share_s for any weights
    # high and low on the simplex (a maximum is at least any mean of the shares).
    sponsors = 1 + max((p.sponsor for p in portfolio.projects), default=-1)
    fairness = fairness_coefficient(scenario) / FAIRNESS_SCALE if sponsors else 0.0
    high = np.full(sponsors, 1 / max(1, sponsors))
    low = high.copy()
    best = math.inf
    scale, stalled, steps = 2.0, 0, 0
    tally: dict[str, list[float]] = {p.project.id: [0.0, 0.0, 0.0] for p in portfolio.projects}
    phases = max(1, len(portfolio.durations))
    most = min(STEPS, max(10, int(time_limit * PHASE_STEPS_PER_SECOND / phases)))
    most = most if deterministic else STEPS
    while steps < most and (deterministic or steps == 0 or perf_counter() - started < time_limit):
        steps += 1
        offered_value, offered = supply.offer(price)
        bonus = np.append(fairness * (low - high), 0.0)
        used_value, used, shares, go_lives = portfolio.best(price, bonus)
        bound = offered_value + used_value
        if best == math.inf or bound < best * (1 - 1e-9):
            best, stalled = bound, 0
            if on_bound is not None:
                on_bound(_certified(best))
        else:
            stalled += 1
            if stalled >= 10:
                scale, stalled = scale / 2, 0
        late = perf_counter() - started > AVERAGE_FROM * time_limit and not deterministic
        if steps > AVERAGE_FROM * most or late:
            _count(tally, go_lives)
        gradient = used - offered
        gradient[(price <= 0) & (gradient < 0)] = 0.0
        spread = fairness * shares
        norms = float(np.sum(gradient * gradient)), float(2 * np.sum(spread * spread))
        if sum(norms) <= 0 or scale < 1e-4:
            break
        # Polyak steps, sized for the prices and the sponsor weights apart: their gradients
        # differ by orders of magnitude.
        target = floor * OBJECTIVE_SCALE if floor is not None else 0.95 * bound
        excess = scale * max(bound - target, 1.0)
        if norms[0] > 0:
            price = np.maximum(0.0, price + excess / norms[0] * gradient)
        if norms[1] > 0:
            high = _onto_simplex(high + excess / norms[1] * spread)
            low = _onto_simplex(low - excess / norms[1] * spread)
    selection = {key: runs / seen if seen else 0.0 for key, (runs, _, seen) in tally.items()}
    mean_live = {key: total / runs for key, (runs, total, _) in tally.items() if runs}
    return PortfolioBound(_certified(best), selection, mean_live, steps, perf_counter() - started)


def _count(tally: dict[str, list[float]], go_lives: dict[str, int | None]) -> None:
    """Add one step's choices to the tally: per project, the steps it ran, the sum of its
    go-lives when it ran, the steps counted."""
    for key, go_live in go_lives.items():
        record = tally[key]
        record[2] += 1
        if go_live is not None:
            record[0] += 1
            record[1] += go_live
