"""The scenario: what a demand manager describes (the input contract of DESIGN.md)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)

from zenplan.models.calendar import PeriodKind, TimeGrid
from zenplan.models.holidays import Weekday

Id = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.\-]+$")]
Level = Annotated[int, Field(ge=1, le=5)]
Priority = Literal["must", "should", "could"]
Status = Literal["proposed", "committed", "in_progress", "done"]
Size = Literal["small", "medium", "large"]
Ethics = Literal["none", "required", "approved"]

# Mentoring (policies.mentoring): a person below JUNIOR_BELOW in the skill of the unit they
# cover works on a phase only beside someone at SENIOR_FROM or above in that skill.
JUNIOR_BELOW = 3
SENIOR_FROM = 4

# Shares of a person (part-time capacity, shared requirements) are hundredths: the solver
# counts them as integers out of SHARE_SCALE.
SHARE_SCALE = 100


def _hundredths(value: float) -> float:
    if abs(value * SHARE_SCALE - round(value * SHARE_SCALE)) > 1e-9:
        raise ValueError(f"{value} is not a whole number of hundredths (0.01 steps)")
    return value


Share = Annotated[float, Field(gt=0, le=1), AfterValidator(_hundredths)]

# Effort (person-weeks) at which a project counts as medium / large when `size` is absent.
MEDIUM_EFFORT = 12
LARGE_EFFORT = 40


class Strict(BaseModel):
    """Base of every scenario model: unknown keys are errors (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=False)


# The longest plan: 5,000 periods, about 13.7 years of days. Published multi-project
# instances run to ~3,050 days; per-period structures grow with it.
MAX_HORIZON = 5000

# Bounds on numbers, so that every objective coefficient times its range fits CP-SAT's
# 64-bit integers (money is scaled by 10, weighted, and summed over periods and projects).
MAX_MONEY = 10_000_000  # value or cost per period
MAX_WEIGHT = 1_000  # an objective weight
MAX_CAPACITY = 1_000_000  # GPUs of a pool, reviews at once, people a requirement asks for
MAX_ITEMS = 10_000  # projects, people, pools, datasets, sponsors, incidents of a scenario
MAX_PHASES = 1_000  # phases of one project (PSPLIB instances have up to 120 activities)
MAX_LIST = 1_000  # requirements, GPU demands, absences, capacity changes of one item
# Phases, people and pools times periods: what the per-period structures of a solve hold.
MAX_MODEL_CELLS = 20_000_000
Name = Annotated[str, Field(max_length=500)]
Money = Annotated[float, Field(ge=0, le=MAX_MONEY)]
Weight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
Periods = Annotated[int, Field(gt=0, le=MAX_HORIZON)]


class HolidayCalendar(Strict):
    """Public holidays of a country (and subdivision), from the `holidays` package."""

    country: str = Field(description="ISO 3166-1 alpha-2 code, e.g. DE.")
    subdiv: str | None = Field(None, description="Subdivision code, e.g. BY for Bavaria.")

    @model_validator(mode="after")
    def _known(self) -> HolidayCalendar:
        from zenplan.models.holidays import check_region

        problem = check_region(self.country, self.subdiv)
        if problem:
            raise ValueError(problem)
        return self


def _weekdays(days: list[Weekday] | None) -> list[Weekday] | None:
    if days is not None and (not days or len(set(days)) < len(days)):
        raise ValueError(f"working days {days} must name each day once, at least one day")
    return days


WorkingDays = Annotated[list[Weekday] | None, AfterValidator(_weekdays)]


class Calendar(Strict):
    start: date
    period: PeriodKind = "week"
    horizon: int = Field(52, ge=1, le=MAX_HORIZON, description="Number of periods planned.")
    holidays: HolidayCalendar | None = Field(
        None, description="Public holidays everyone has off (a person may have their own)."
    )
    working_days: WorkingDays = Field(
        None,
        description="Days of the week people work, e.g. [mon, tue, wed, thu, fri]; "
        "default: every day.",
    )


class DateRange(Strict):
    from_: date = Field(alias="from")
    to: date

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.to < self.from_:
            raise ValueError(f"'to' ({self.to}) is before 'from' ({self.from_})")
        return self


class Person(Strict):
    id: Id
    name: Name | None = None
    skills: dict[Id, Level] = Field(default_factory=dict, description="Skill -> level 1..5.")
    unavailable: list[DateRange] = Field(default_factory=list, max_length=MAX_LIST)
    cost_per_period: Money = 0.0
    holidays: HolidayCalendar | None = Field(
        None, description="The person's own public holidays, instead of the calendar's."
    )
    working_days: WorkingDays = Field(
        None, description="The person's own working days, instead of the calendar's."
    )
    capacity: Share = Field(1.0, description="Share of full time the person works (0.5: half).")

    def holds(self, skill: str, level: int) -> bool:
        """Whether the person has ``skill`` at ``level`` or above (the one rule of who
        qualifies for a requirement)."""
        return self.skills.get(skill, 0) >= level


class CapacityChange(Strict):
    from_: date = Field(alias="from")
    capacity: int = Field(ge=0, le=MAX_CAPACITY)


class GpuPool(Strict):
    id: Id
    name: Name | None = None
    capacity: int = Field(gt=0, le=MAX_CAPACITY, description="GPUs usable at once.")
    capacity_changes: list[CapacityChange] = Field(default_factory=list, max_length=MAX_LIST)
    cost_per_gpu_period: Money = 0.0


class Requirement(Strict):
    skill: Id
    level: Level = 1
    count: int = Field(1, gt=0, le=MAX_CAPACITY)
    share: Share = Field(
        1.0, description="Share of each person's time the phase takes (0.5: half time)."
    )


class Acquisition(Strict):
    duration: Periods
    requires: list[Requirement] = Field(default_factory=list, max_length=MAX_LIST)


class Dataset(Strict):
    id: Id
    name: Name | None = None
    available: bool = False
    acquisition: Acquisition | None = None

    @model_validator(mode="after")
    def _acquisition_when_missing(self) -> Dataset:
        if not self.available and self.acquisition is None:
            raise ValueError("a dataset that is not available needs an 'acquisition'")
        return self


class EthicsBoard(Strict):
    capacity: int = Field(1, gt=0, le=MAX_CAPACITY, description="Reviews in progress at once.")
    review_duration: int = Field(1, gt=0, le=MAX_HORIZON, description="Periods one review takes.")
    meeting_every: int = Field(
        1, gt=0, le=MAX_HORIZON, description="Approvals are granted at periods k*n."
    )


class Sponsor(Strict):
    id: Id
    name: Name | None = None


class GpuDemand(Strict):
    pool: Id | list[Id] = Field(
        description="A pool id, or a list of pools of which the solver picks one."
    )
    count: int = Field(gt=0, le=MAX_CAPACITY)

    @property
    def pools(self) -> list[str]:
        return [self.pool] if isinstance(self.pool, str) else list(self.pool)

    @field_validator("pool")
    @classmethod
    def _non_empty(cls, pool: str | list[str]) -> str | list[str]:
        if isinstance(pool, list) and not pool:
            raise ValueError("list of pools is empty")
        return pool


class PhasePin(Strict):
    """Parts of a phase fixed by the planner; the rest stays free."""

    start: date | None = Field(None, description="The phase starts in the period of this date.")
    start_window: DateRange | None = Field(
        None, description="The phase starts in a period touched by this range."
    )
    people: list[Id] = Field(default_factory=list, description="People who work on the phase.")
    gpu_pool: Id | None = Field(None, description="Its GPU demands draw from this pool.")

    @model_validator(mode="after")
    def _one_start(self) -> PhasePin:
        if self.start is not None and self.start_window is not None:
            raise ValueError(f"pin either 'start' ({self.start}) or 'start_window', not both")
        if len(set(self.people)) < len(self.people):
            raise ValueError(f"people {self.people} names someone twice")
        return self


class Phase(Strict):
    id: Id
    name: Name | None = None
    duration: Periods
    duration_range: tuple[int, Annotated[int, Field(le=MAX_HORIZON)]] | None = Field(
        None, description="[low, high] durations for risk analysis."
    )
    requires: list[Requirement] = Field(default_factory=list, max_length=MAX_LIST)
    gpus: list[GpuDemand] = Field(default_factory=list, max_length=MAX_LIST)
    after: list[Id] | None = Field(
        None, description="Phases of the same project this one follows; default: the previous."
    )
    gated_by_approval: bool | None = None
    pin: PhasePin | None = None

    @model_validator(mode="after")
    def _range_holds_duration(self) -> Phase:
        if self.duration_range is not None:
            low, high = self.duration_range
            if not 0 < low <= self.duration <= high:
                raise ValueError(
                    f"duration_range {list(self.duration_range)} must satisfy "
                    f"0 < low <= duration ({self.duration}) <= high"
                )
        return self


class PhaseGraph:
    """Order of the phases of a project or an incident: `after`, else the previous phase."""

    phases: list[Phase]

    def predecessors(self, phase_index: int) -> list[int]:
        """Indices of the phases that ``phases[phase_index]`` follows."""
        phase = self.phases[phase_index]
        if phase.after is None:
            return [phase_index - 1] if phase_index > 0 else []
        index = {p.id: i for i, p in enumerate(self.phases)}
        return [index[a] for a in phase.after]

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def phase_order(self) -> list[int]:
        """Phase indices so that every phase comes after the phases it follows."""
        order: list[int] = []
        seen: set[int] = set()

        def visit(index: int) -> None:
            if index in seen:
                return
            seen.add(index)
            for pred in self.predecessors(index):
                visit(pred)
            order.append(index)

        for index in range(len(self.phases)):
            visit(index)
        return order


class Project(Strict, PhaseGraph):
    id: Id
    name: Name | None = None
    sponsor: Id | None = None
    value: float = Field(0.0, ge=0, le=MAX_MONEY, description="Value per period once live.")
    priority: Priority = "should"
    status: Status = "proposed"
    release: date | None = None
    deadline: date | None = None
    deadline_hard: bool = False
    size: Size | None = None
    datasets: list[Id] = Field(default_factory=list, max_length=MAX_LIST)
    ethics: Ethics = "none"
    phases: list[Phase] = Field(min_length=1, max_length=MAX_PHASES)
    pin: Literal["selected", "not_selected"] | None = Field(
        None, description="Fix whether the project runs: selected or not_selected."
    )

    @property
    def mandatory(self) -> bool:
        """Always selected: `must` priority, already committed or running, or pinned."""
        return (
            self.priority == "must"
            or self.status in ("committed", "in_progress")
            or self.pin == "selected"
        )

    @property
    def why_mandatory(self) -> str:
        """Why a mandatory project must run, in words."""
        if self.priority == "must":
            return "must"
        return (
            "pinned selected"
            if self.pin == "selected" and self.status == "proposed"
            else self.status
        )

    @property
    def scheduled(self) -> bool:
        """`done` projects are context only and are not scheduled."""
        return self.status != "done"

    def gated_phases(self) -> list[int]:
        """Indices of the phases that start only after the ethics approval."""
        if self.ethics != "required":
            return []
        explicit = [i for i, p in enumerate(self.phases) if p.gated_by_approval]
        if explicit:
            return explicit
        if any(p.gated_by_approval is False for p in self.phases[-1:]):
            return []
        return [len(self.phases) - 1]

    def effort(self, days_per_period: int = 7) -> float:
        """Person-weeks of work the phases ask for."""
        periods = sum(p.duration * sum(r.count for r in p.requires) for p in self.phases)
        return periods * days_per_period / 7

    def size_class(self, days_per_period: int = 7) -> Size:
        """The declared size, or the one derived from effort."""
        if self.size is not None:
            return self.size
        effort = self.effort(days_per_period)
        if effort >= LARGE_EFFORT:
            return "large"
        return "medium" if effort >= MEDIUM_EFFORT else "small"


# The largest budget: its cents still fit the solver's 64-bit integers with room to add.
MAX_BUDGET = 1e15


class Budget(Strict):
    """Hard caps on money spent (people, GPUs, dataset acquisitions; the KPI cost model)."""

    total: float | None = Field(
        None, gt=0, le=MAX_BUDGET, description="Cap on the cost over the horizon."
    )
    per_period: float | None = Field(
        None, gt=0, le=MAX_BUDGET, description="Cap on the cost of any one period."
    )
    per_quarter: float | None = Field(
        None, gt=0, le=MAX_BUDGET, description="Cap on the cost of each calendar quarter."
    )

    @model_validator(mode="after")
    def _some_cap(self) -> Budget:
        if self.total is None and self.per_period is None and self.per_quarter is None:
            raise ValueError(
                "a budget needs at least one of total, per_period, per_quarter; got {}"
            )
        return self


class Policies(Strict):
    budget: Budget | None = None
    max_concurrent_large: int | None = Field(None, ge=0, le=MAX_ITEMS)
    max_delivery_gap: int | None = Field(None, gt=0, le=MAX_HORIZON)
    first_delivery_by: date | None = None
    rd_reserve: float = Field(0.0, ge=0, lt=1)
    mentoring: bool = False
    freeze_periods: int = Field(0, ge=0, le=MAX_HORIZON)


class Objective(Strict):
    """Weights of the objective terms (see docs/model.md)."""

    value: Weight = 1.0
    lateness: Weight = 1.0
    balance: Weight = 1.0
    cost: Weight = 0.0
    makespan: Weight = 0.0
    stability: Weight = 1.0


class Incident(Strict, PhaseGraph):
    id: Id
    project: Id
    detected: date
    sla: Periods
    phases: list[Phase] = Field(min_length=1, max_length=MAX_PHASES)


class Scenario(Strict):
    name: str = Field(min_length=1, max_length=500)
    description: str | None = Field(None, max_length=100_000)
    calendar: Calendar
    staff: list[Person] = Field(default_factory=list, max_length=MAX_ITEMS)
    gpu_pools: list[GpuPool] = Field(default_factory=list, max_length=MAX_ITEMS)
    datasets: list[Dataset] = Field(default_factory=list, max_length=MAX_ITEMS)
    ethics_board: EthicsBoard | None = None
    sponsors: list[Sponsor] = Field(default_factory=list, max_length=MAX_ITEMS)
    projects: list[Project] = Field(default_factory=list, max_length=MAX_ITEMS)
    policies: Policies = Field(default_factory=Policies)
    objective: Objective = Field(default_factory=Objective)
    incidents: list[Incident] = Field(default_factory=list, max_length=MAX_ITEMS)
    # Projects by id and the scheduled ones, for the list they were read from (searches look
    # projects up thousands of times a second).
    _index: tuple[int, int, dict[str, Project], list[Project]] | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _check_rules(self) -> Scenario:
        from zenplan.models.rules import find_problems, raise_problems

        self._check_size()  # before the rules, which walk the periods
        raise_problems(find_problems(self))
        return self

    def _check_size(self) -> None:
        """Refuse a scenario whose solve would hold more than MAX_MODEL_CELLS per-period cells."""
        phases = sum(len(p.phases) for p in self.projects) + sum(
            len(i.phases) for i in self.incidents
        )
        rows = phases + len(self.staff) + len(self.gpu_pools)
        cells = rows * self.calendar.horizon
        if cells > MAX_MODEL_CELLS:
            raise ValueError(
                f"the model is too large: {phases} phases, {len(self.staff)} people and "
                f"{len(self.gpu_pools)} GPU pools over {self.calendar.horizon} periods make "
                f"{cells:,} period cells, over the limit of {MAX_MODEL_CELLS:,}; "
                "shorten the horizon or split the portfolio"
            )

    @property
    def grid(self) -> TimeGrid:
        return TimeGrid.of(self.calendar.start, self.calendar.period, self.calendar.horizon)

    def pool(self, pool_id: str) -> GpuPool:
        return next(p for p in self.gpu_pools if p.id == pool_id)

    def project(self, project_id: str) -> Project:
        found = self._projects_index()[0].get(project_id)
        if found is None or found.id != project_id:
            return next(p for p in self.projects if p.id == project_id)
        return found

    def _projects_index(self) -> tuple[dict[str, Project], list[Project]]:
        key = (id(self.projects), len(self.projects))
        if self._index is None or self._index[:2] != key:
            by_id = {p.id: p for p in self.projects}
            self._index = (*key, by_id, [p for p in self.projects if p.scheduled])
        return self._index[2], self._index[3]

    def dataset(self, dataset_id: str) -> Dataset:
        return next(d for d in self.datasets if d.id == dataset_id)

    def pool_capacity(self, pool_id: str) -> list[int]:
        """GPUs of the pool usable in each period of the horizon."""
        pool = self.pool(pool_id)
        capacity = [pool.capacity] * self.grid.horizon
        for change in sorted(pool.capacity_changes, key=lambda c: c.from_):
            first = max(0, self.grid.period_of(change.from_))
            for period in range(first, self.grid.horizon):
                capacity[period] = change.capacity
        return capacity

    def pin_window(self, phase: Phase) -> tuple[int, int] | None:
        """The periods (first, last) in which a pinned phase may start (first > last when no
        start fits the horizon); None when its start is free."""
        pin = phase.pin
        if pin is None:
            return None
        if pin.start is not None:
            first = last = self.grid.period_of(pin.start)
        elif pin.start_window is not None:
            first = self.grid.period_of(pin.start_window.from_)
            last = self.grid.period_of(pin.start_window.to)
        else:
            return None
        # Clipped to the starts that end within the horizon (empty when none does).
        return max(0, first), min(last, self.grid.horizon - phase.duration)

    def unavailable_periods(self, person: Person) -> set[int]:
        """Periods in which the person cannot work: touched by an `unavailable` range, or
        without a working day of theirs (holidays, working pattern)."""
        periods: set[int] = set()
        for absence in person.unavailable:
            periods.update(self.grid.periods_between(absence.from_, absence.to))
        periods.update(t for t, share in enumerate(self.working_share(person)) if share == 0)
        return periods

    def working_share(self, person: Person) -> list[float]:
        """Per period, the share of the person's working days not off for a holiday (all 1
        without calendars)."""
        from zenplan.models.holidays import WEEKDAYS, holiday_dates, working_share

        region = person.holidays or self.calendar.holidays
        days = person.working_days or self.calendar.working_days
        if region is None and days is None:
            return [1.0] * self.grid.horizon
        grid = self.grid
        off = (
            holiday_dates(region.country, region.subdiv, grid.start.year, grid.end_date.year)
            if region is not None
            else frozenset()
        )
        return list(working_share(grid, off, tuple(days or WEEKDAYS)))

    def available_of(self, person: Person) -> list[float]:
        """The person's working time per period: capacity x working share, 0 while away."""
        shares = self.working_share(person)
        return [c * s for c, s in zip(self.capacity_of(person), shares, strict=True)]

    def delay_cost(self, project: Project) -> float:
        """Money one period of delay costs: the project's value per period, or for a project
        without value the portfolio's mean value per period (1 when nothing has value)."""
        if project.value > 0:
            return project.value
        valued = [p.value for p in self.projects if p.value > 0]
        return sum(valued) / len(valued) if valued else 1.0

    def requested_value(self) -> dict[str, float]:
        """Per sponsor, the value per period of the scheduled projects they asked for."""
        requested: dict[str, float] = {}
        for project in self.scheduled_projects():
            if project.sponsor is not None:
                requested[project.sponsor] = requested.get(project.sponsor, 0.0) + project.value
        return requested

    def mean_delay_cost(self) -> float:
        """The portfolio's delay cost per period: the unit of makespan and balance terms."""
        scheduled = self.scheduled_projects()
        return sum(self.delay_cost(p) for p in scheduled) / max(1, len(scheduled))

    def qualified(self, requirement: Requirement) -> list[Person]:
        """People whose level in the required skill is at least the required level and whose
        capacity holds the requirement's share."""
        return [
            p
            for p in self.staff
            if p.holds(requirement.skill, requirement.level) and p.capacity >= requirement.share
        ]

    def capacity_of(self, person: Person) -> list[float]:
        """The share of full time the person can work in each period (0 while away)."""
        capacity = [person.capacity] * self.grid.horizon
        for t in self.unavailable_periods(person):
            capacity[t] = 0.0
        return capacity

    def fractional(self) -> bool:
        """Whether anyone works part time or any requirement asks for a share of a person
        (otherwise a person's agenda is one piece of work at a time)."""
        if any(p.capacity < 1 for p in self.staff):
            return True
        works: list[Project | Incident] = [*self.projects, *self.incidents]
        requires = [r for w in works for phase in w.phases for r in phase.requires]
        requires += [r for d in self.datasets if d.acquisition for r in d.acquisition.requires]
        return any(r.share < 1 for r in requires)

    def scheduled_projects(self) -> list[Project]:
        return list(self._projects_index()[1])
