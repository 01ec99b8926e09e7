"""Every CP-SAT variable of the model, created here and nowhere else.

The constraint families read these variables and post constraints on them; variables that
only one objective term needs (lateness, makespan) are created on first use, still here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from zenplan.models import Project, Requirement, Scenario
from zenplan.models.costs import cents, rate
from zenplan.models.decisions import (
    ACQUISITION,
    APPROVAL,
    PhaseDecision,
    acquisition_key,
    dataset_of,
)
from zenplan.models.scenario import SHARE_SCALE

Literal = cp_model.IntVar  # a Boolean variable (or its negation) in CP-SAT terms


@dataclass
class PhaseVar:
    """A piece of work people do: a phase of a project, present when the project runs, or a
    dataset's acquisition (project ``dataset:<id>``, phase ``acquisition``), present when a
    selected project needs the dataset."""

    project: str
    phase: str
    index: int
    duration: int
    start: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar
    present: Literal
    earliest: int
    requires: list[Requirement] = field(default_factory=list)


@dataclass
class ApprovalVar:
    """An ethics review on the board, granted at a meeting (end = meeting_every x meeting)."""

    project: str
    start: cp_model.IntVar
    end: cp_model.IntVar
    interval: cp_model.IntervalVar
    meeting: cp_model.IntVar


@dataclass
class ProjectVar:
    """A project: whether it runs, when its last phase ends, and when it goes live (the end of
    its last phase when it runs, 0 when it does not)."""

    project: Project
    selected: Literal
    finish: cp_model.IntVar
    go_live: cp_model.IntVar
    phases: list[PhaseVar]


@dataclass
class PersonOnPhase:
    """A person working on a phase: the literal and the interval in the person's agenda."""

    person: str
    phase: PhaseVar
    works: Literal
    interval: cp_model.IntervalVar
    # hundredths of the person's time it takes (SHARE_SCALE: all of it) when they work on it
    demand: int | cp_model.IntVar = SHARE_SCALE


@dataclass
class GpuChoice:
    """GPUs of one pool drawn by one demand of a phase."""

    pool: str
    count: int
    phase: PhaseVar
    demand_index: int
    uses: Literal
    interval: cp_model.IntervalVar


@dataclass
class RuleLiteral:
    """One user-level rule group that can be switched off to explain an infeasible scenario."""

    key: str
    description: str
    literal: Literal


@dataclass
class Background:
    """Projects decided outside the model: the periods their people are busy, the GPUs they
    use per period and when they go live. Constraint families treat these as fixed."""

    decisions: Mapping[str, Mapping[str, PhaseDecision]]
    busy: dict[str, set[int]] = field(default_factory=dict)  # person -> periods
    gpus: dict[str, dict[int, int]] = field(default_factory=dict)  # pool -> period -> GPUs
    go_lives: dict[str, int] = field(default_factory=dict)  # project -> go-live period
    begins: dict[str, int] = field(default_factory=dict)  # project -> first phase start
    approvals: dict[str, tuple[int, int]] = field(default_factory=dict)  # project -> (start, end)
    acquisitions: dict[str, tuple[int, int]] = field(default_factory=dict)  # dataset -> span
    people: dict[int, int] = field(default_factory=dict)  # period -> people at work
    spend: dict[int, int] = field(default_factory=dict)  # period -> cost in cents (budget)
    # person -> period -> hundredths of their time taken (part-time work and shares)
    load: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(
        cls, scenario: Scenario, decisions: Mapping[str, Mapping[str, PhaseDecision]]
    ) -> Background:
        background = cls(decisions)
        for key, phases in decisions.items():
            dataset = dataset_of(key)
            durations = (
                {ACQUISITION: _acquisition_duration(scenario, dataset)}
                if dataset is not None
                else {p.id: p.duration for p in scenario.project(key).phases}
            )
            spans = []
            for phase_id, decision in phases.items():
                if phase_id == APPROVAL:
                    end = decision.start + _review_duration(scenario)
                    background.approvals[key] = (decision.start, end)
                    continue
                end = decision.start + durations[phase_id]
                spans.append((decision.start, end))
                people = [person for person, _skill, _unit in decision.staff]
                amount = cents(rate(scenario, people, decision.gpus))
                for t in range(decision.start, end):
                    background.people[t] = background.people.get(t, 0) + len(decision.staff)
                    background.spend[t] = background.spend.get(t, 0) + amount
                requires = _requires(scenario, key, phase_id)
                for person, _skill, unit in decision.staff:
                    background.busy.setdefault(person, set()).update(range(decision.start, end))
                    share = (
                        round(requires[unit].share * SHARE_SCALE)
                        if unit < len(requires)
                        else SHARE_SCALE
                    )
                    agenda = background.load.setdefault(person, {})
                    for t in range(decision.start, end):
                        agenda[t] = agenda.get(t, 0) + share
                for pool, count in decision.gpus:
                    usage = background.gpus.setdefault(pool, {})
                    for t in range(decision.start, end):
                        usage[t] = usage.get(t, 0) + count
            if dataset is not None:
                background.acquisitions[dataset] = spans[0]
            elif spans:
                background.begins[key] = min(s for s, _ in spans)
                background.go_lives[key] = max(e for _, e in spans)
        return background


def _requires(scenario: Scenario, key: str, phase_id: str) -> list[Requirement]:
    """The requirements of a project's phase or of a dataset's acquisition."""
    dataset = dataset_of(key)
    if dataset is not None:
        acquisition = scenario.dataset(dataset).acquisition
        return acquisition.requires if acquisition else []
    return scenario.project(key).phase(phase_id).requires


def _acquisition_duration(scenario: Scenario, dataset_id: str) -> int:
    acquisition = scenario.dataset(dataset_id).acquisition
    assert acquisition is not None
    return acquisition.duration


def _review_duration(scenario: Scenario) -> int:
    return scenario.ethics_board.review_duration if scenario.ethics_board else 1


@dataclass
class Variables:
    """Creates and holds every variable of the model for one scenario.

    With ``explain=True`` each rule group gets its own literal (see ``rule``), and time domains
    are left wide so that the rules, not the domains, carry every restriction.

    ``frozen`` phases keep their start, people and GPUs (their project runs); ``excluded``
    projects are left out of the model (they do not run); ``background`` projects run as
    decided and enter the model only as the people, GPUs and go-lives they take (see
    ``Background``). Replanning freezes what has started; the large-portfolio search keeps all
    but a few projects in the background.

    With ``people=False`` nobody is assigned: no assignment literals and empty agendas, so
    staffing states only how many people each group of skills holds. That model is a
    relaxation of the whole one (every plan, stripped of its people, is a plan of it with no
    lower objective), searched for the bound it proves (scheduler/relaxation.py).
    """

    model: cp_model.CpModel
    scenario: Scenario
    explain: bool = False
    frozen: Mapping[tuple[str, str], PhaseDecision] = field(default_factory=dict)
    excluded: frozenset[str] = frozenset()
    background: Background = field(default_factory=lambda: Background({}))
    # replanning: nothing that is not frozen starts before this period; the plan to stay near
    not_before: int = 0
    baseline: Mapping[str, Mapping[str, PhaseDecision]] = field(default_factory=dict)
    people: bool = True
    projects: dict[str, ProjectVar] = field(default_factory=dict)
    # (project, phase, requirement index, person) -> covers that requirement unit
    assignment: dict[tuple[str, str, int, str], Literal] = field(default_factory=dict)
    # person -> the phases they may work on
    person_phases: dict[str, list[PersonOnPhase]] = field(default_factory=dict)
    # (project, phase) -> GPU choices of that phase
    gpu_choices: dict[tuple[str, str], list[GpuChoice]] = field(default_factory=dict)
    # dataset -> its acquisition, for datasets a project in the model may need
    acquisitions: dict[str, PhaseVar] = field(default_factory=dict)
    # project -> its ethics review, for projects with `ethics: required`
    approvals: dict[str, ApprovalVar] = field(default_factory=dict)
    rules: dict[str, RuleLiteral] = field(default_factory=dict)
    late_by: dict[str, cp_model.IntVar] = field(default_factory=dict)
    makespan_var: cp_model.IntVar | None = None
    spans: dict[str, cp_model.IntervalVar] = field(default_factory=dict)
    _live_at: dict[tuple[str, int], Literal] = field(default_factory=dict)
    _cost_rate: dict[tuple[str, str], cp_model.IntVar] = field(default_factory=dict)
    _cost_in: dict[tuple[str, str, int, int], cp_model.IntVar] = field(default_factory=dict)
    _workers: dict[tuple[str, str], list[PersonOnPhase]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.horizon = self.scenario.grid.horizon
        for project in self.scenario.scheduled_projects():
            if project.id not in self.excluded and project.id not in self.background.decisions:
                self.projects[project.id] = self._project(project)
        self._acquisitions()
        self._approvals()
        self._staff()
        self._gpus()

    # -- creation -------------------------------------------------------------------------

    def _project(self, project: Project) -> ProjectVar:
        model, horizon = self.model, self.horizon
        selected = model.new_bool_var(f"{project.id}_selected")
        earliest, latest = self._time_window(project)
        phases = []
        lows, highs = [], []
        for index, phase in enumerate(project.phases):
            name = f"{project.id}/{phase.id}"
            low, high = earliest[index], max(earliest[index], latest[index])
            frozen = self.frozen.get((project.id, phase.id))
            if frozen is not None:
                low = high = frozen.start
                model.add(selected == 1)
            lows.append(low + phase.duration)
            highs.append(high + phase.duration)
            start = model.new_int_var(low, high, f"{name}_start")
            end = model.new_int_var(low + phase.duration, high + phase.duration, f"{name}_end")
            interval = model.new_optional_interval_var(
                start, phase.duration, end, selected, f"{name}_interval"
            )
            phases.append(
                PhaseVar(
                    project.id,
                    phase.id,
                    index,
                    phase.duration,
                    start,
                    end,
                    interval,
                    selected,
                    low,
                    phase.requires,
                )
            )
        finish = model.new_int_var(max(lows), max(highs), f"{project.id}_finish")
        go_live = model.new_int_var(0, horizon, f"{project.id}_go_live")
        return ProjectVar(project, selected, finish, go_live, phases)

    def _time_window(self, project: Project) -> tuple[list[int], list[int]]:
        """Earliest and latest start of each phase from release, precedence and the horizon."""
        count = len(project.phases)
        if self.explain:
            return [0] * count, [self.horizon] * count
        grid = self.scenario.grid
        release = max(0, grid.first_period_on_or_after(project.release)) if project.release else 0
        release = max(release, self.not_before)
        order = project.phase_order()
        earliest = [release] * count
        for i in order:
            frozen = self.frozen.get((project.id, project.phases[i].id))
            if frozen is not None:
                earliest[i] = frozen.start  # started work keeps its start, release or not
                continue
            for pred in project.predecessors(i):
                earliest[i] = max(earliest[i], earliest[pred] + project.phases[pred].duration)
        latest = [self.horizon - p.duration for p in project.phases]
        for i in reversed(order):
            for pred in project.predecessors(i):
                latest[pred] = min(latest[pred], latest[i] - project.phases[pred].duration)
        for i, phase in enumerate(project.phases):
            window = self.scenario.pin_window(phase)
            if window is not None and (project.id, phase.id) not in self.frozen:
                # A pinned start narrows the domain; constraints/pins.py states the rule.
                earliest[i] = max(earliest[i], window[0])
                latest[i] = min(latest[i], window[1])
        return earliest, latest

    def _acquisitions(self) -> None:
        """An optional acquisition for each dataset that is not available and that a project
        in the model needs (unless it was decided outside the model)."""
        model, horizon = self.model, self.horizon
        needed = {d for p in self.projects.values() for d in p.project.datasets}
        for dataset in self.scenario.datasets:
            if dataset.available or dataset.acquisition is None or dataset.id not in needed:
                continue
            if dataset.id in self.background.acquisitions:
                continue
            key = acquisition_key(dataset.id)
            duration = dataset.acquisition.duration
            frozen = self.frozen.get((key, ACQUISITION))
            low, high = (
                (frozen.start, frozen.start)
                if frozen
                else (min(self.not_before, horizon - duration), max(0, horizon - duration))
            )
            acquired = model.new_bool_var(f"{key}_acquired")
            if frozen is not None:
                model.add(acquired == 1)
            start = model.new_int_var(low, high, f"{key}_start")
            end = model.new_int_var(low + duration, high + duration, f"{key}_end")
            interval = model.new_optional_interval_var(start, duration, end, acquired, key)
            self.acquisitions[dataset.id] = PhaseVar(
                key,
                ACQUISITION,
                0,
                duration,
                start,
                end,
                interval,
                acquired,
                low,
                dataset.acquisition.requires,
            )

    def _approvals(self) -> None:
        """An ethics review for each project in the model with `ethics: required`."""
        board = self.scenario.ethics_board
        if board is None:
            return
        model, horizon = self.model, self.horizon
        for project_var in self.projects.values():
            project = project_var.project
            if project.ethics != "required":
                continue
            frozen = self.frozen.get((project.id, APPROVAL))
            low, high = (frozen.start, frozen.start) if frozen else (self.not_before, horizon)
            start = model.new_int_var(low, high, f"{project.id}_review_start")
            end = model.new_int_var(
                low + board.review_duration, high + board.review_duration, f"{project.id}_approval"
            )
            interval = model.new_optional_interval_var(
                start, board.review_duration, end, project_var.selected, f"{project.id}_review"
            )
            meeting = model.new_int_var(0, horizon, f"{project.id}_meeting")
            self.approvals[project.id] = ApprovalVar(project.id, start, end, interval, meeting)

    def _staff(self) -> None:
        """One literal per (work item, requirement, eligible person); one interval per
        (work item, person) in that person's agenda."""
        model = self.model
        for person in self.scenario.staff:
            self.person_phases[person.id] = []
        if not self.people:
            return
        for item in self.work_items():
            by_person: dict[str, list[Literal]] = defaultdict(list)
            frozen = self.frozen.get((item.project, item.phase))
            name = f"{item.project}/{item.phase}"
            for r, requirement in enumerate(item.requires):
                if frozen is None:
                    people = [p.id for p in self.scenario.qualified(requirement)]
                else:
                    people = [p for p, _, unit in frozen.staff if unit == r]
                for person_id in people:
                    if person_id not in self.person_phases:
                        continue  # a frozen plan may name someone who has left
                    literal = model.new_bool_var(f"{name}/r{r}/{person_id}")
                    if frozen is not None:
                        model.add(literal == 1)
                    self.assignment[(item.project, item.phase, r, person_id)] = literal
                    by_person[person_id].append(literal)
            for person_id, literals in by_person.items():
                if len(literals) == 1:
                    works = literals[0]
                else:
                    works = model.new_bool_var(f"{name}/{person_id}")
                    model.add(sum(literals) == works)
                interval = model.new_optional_interval_var(
                    item.start, item.duration, item.end, works, f"{name}/{person_id}_interval"
                )
                demand = self._demand(item, person_id, name)
                self.person_phases[person_id].append(
                    PersonOnPhase(person_id, item, works, interval, demand)
                )

    def _demand(self, item: PhaseVar, person_id: str, name: str) -> int | cp_model.IntVar:
        """Hundredths of the person's time the work item takes: the share of the unit they
        cover (a variable only when the units they may cover ask for different shares)."""
        shares = {
            r: round(req.share * SHARE_SCALE)
            for r, req in enumerate(item.requires)
            if (item.project, item.phase, r, person_id) in self.assignment
        }
        if len(set(shares.values())) <= 1:
            return next(iter(shares.values()), SHARE_SCALE)
        demand = self.model.new_int_var(0, SHARE_SCALE, f"{name}/{person_id}_share")
        literals = [self.assignment[(item.project, item.phase, r, person_id)] for r in shares]
        self.model.add(
            demand == sum(shares[r] * lit for r, lit in zip(shares, literals, strict=True))
        )
        return demand

    def _gpus(self) -> None:
        """For each GPU demand, one choice per pool it may draw from."""
        model = self.model
        for project_var in self.projects.values():
            for phase_var, phase in zip(
                project_var.phases, project_var.project.phases, strict=True
            ):
                choices: list[GpuChoice] = []
                frozen = self.frozen.get((phase_var.project, phase_var.phase))
                chosen = list(frozen.gpus) if frozen is not None else []
                for d, demand in enumerate(phase.gpus):
                    pools = demand.pools
                    match = next(
                        (g for g in chosen if g[0] in pools and g[1] == demand.count), None
                    )
                    if match is not None:
                        chosen.remove(match)
                        pools = [match[0]]
                    for pool in pools:
                        if len(pools) == 1:
                            uses = phase_var.present
                            interval = phase_var.interval
                        else:
                            name = f"{phase_var.project}/{phase_var.phase}/g{d}/{pool}"
                            uses = model.new_bool_var(name)
                            interval = model.new_optional_interval_var(
                                phase_var.start, phase_var.duration, phase_var.end, uses, name
                            )
                        choices.append(GpuChoice(pool, demand.count, phase_var, d, uses, interval))
                self.gpu_choices[(phase_var.project, phase_var.phase)] = choices

    # -- created on first use --------------------------------------------------------------

    def lateness(self, project_id: str) -> cp_model.IntVar:
        """Periods the project goes live after its deadline (0 when on time or not run)."""
        if project_id not in self.late_by:
            self.late_by[project_id] = self.model.new_int_var(
                0, self.horizon, f"{project_id}_late_by"
            )
        return self.late_by[project_id]

    def makespan(self) -> cp_model.IntVar:
        """The last go-live of the portfolio."""
        if self.makespan_var is None:
            self.makespan_var = self.model.new_int_var(0, self.horizon, "makespan")
        return self.makespan_var

    def cost_rate(self, item: PhaseVar) -> cp_model.IntVar:
        """Cents per period the work item costs (0 when it does not run): its people and
        GPUs; without people, the cheapest qualified people (a lower bound, so the relaxation
        stays a relaxation)."""
        key = (item.project, item.phase)
        if key not in self._cost_rate:
            expression, high = self.cost_terms(item)
            variable = self.model.new_int_var(0, high, f"{item.project}/{item.phase}_cost_rate")
            self.model.add(variable == expression)
            self._cost_rate[key] = variable
        return self._cost_rate[key]

    def cost_terms(self, item: PhaseVar) -> tuple[cp_model.LinearExprT, int]:
        """The cost per period of a work item as a linear expression, and its largest value."""
        person_rates = {p.id: cents(p.cost_per_period) for p in self.scenario.staff}
        pool_rates = {p.id: cents(p.cost_per_gpu_period) for p in self.scenario.gpu_pools}
        terms: list[tuple[int, Literal]] = []
        if self.people:
            if not self._workers:
                for worker in self.person_phases.values():
                    for w in worker:
                        self._workers.setdefault((w.phase.project, w.phase.phase), []).append(w)
            workers = self._workers.get((item.project, item.phase), [])
            terms += [(person_rates[w.person], w.works) for w in workers]
        else:
            for requirement in item.requires:
                cheapest = min(
                    (person_rates[p.id] for p in self.scenario.qualified(requirement)), default=0
                )
                terms.append((cheapest * requirement.count, item.present))
        for choice in self.gpu_choices.get((item.project, item.phase), []):
            terms.append((pool_rates[choice.pool] * choice.count, choice.uses))
        terms = [(c, literal) for c, literal in terms if c]
        expression = sum((c * literal for c, literal in terms), start=0)
        return expression, sum(c for c, _ in terms)

    def cost_in(self, item: PhaseVar, first: int, end: int) -> cp_model.IntVar:
        """Cents the work item costs in periods ``first .. end-1``: its cost rate times the
        periods it runs inside the window."""
        key = (item.project, item.phase, first, end)
        if key not in self._cost_in:
            model, name = self.model, f"{item.project}/{item.phase}_{first}_{end}"
            low = model.new_int_var(0, self.horizon, f"{name}_from")
            model.add_max_equality(low, [item.start, first])
            high = model.new_int_var(0, self.horizon, f"{name}_to")
            model.add_min_equality(high, [item.end, end])
            inside = model.new_int_var(0, end - first, f"{name}_inside")
            model.add_max_equality(inside, [0, high - low])
            cost_rate = self.cost_rate(item)
            _, top = cost_rate.proto.domain
            cost = model.new_int_var(0, top * (end - first), f"{name}_cost")
            model.add_multiplication_equality(cost, [inside, cost_rate])
            self._cost_in[key] = cost
        return self._cost_in[key]

    def rule(self, key: str, description: str) -> list[Literal]:
        """Enforcement literals for a rule group: ``[]`` in a normal solve (the rule always holds),
        one literal per group when explaining an infeasible scenario."""
        if not self.explain:
            return []
        if key not in self.rules:
            literal = self.model.new_bool_var(f"rule:{key}")
            self.rules[key] = RuleLiteral(key, description, literal)
        return [self.rules[key].literal]

    # -- lookups ---------------------------------------------------------------------------

    def phase(self, project_id: str, phase_id: str) -> PhaseVar:
        return next(p for p in self.projects[project_id].phases if p.phase == phase_id)

    def phases(self) -> list[PhaseVar]:
        return [p for project in self.projects.values() for p in project.phases]

    def work_items(self) -> list[PhaseVar]:
        """Everything people work on: the phases, then the dataset acquisitions."""
        return [*self.phases(), *self.acquisitions.values()]

    def span(self, project_id: str) -> cp_model.IntervalVar:
        """The project from its first phase's start to its go-live, present when it runs."""
        if project_id not in self.spans:
            project_var = self.projects[project_id]
            model = self.model
            begin = model.new_int_var(0, self.horizon, f"{project_id}_begin")
            model.add_min_equality(begin, [p.start for p in project_var.phases])
            length = model.new_int_var(0, self.horizon, f"{project_id}_length")
            self.spans[project_id] = model.new_optional_interval_var(
                begin, length, project_var.finish, project_var.selected, f"{project_id}_span"
            )
        return self.spans[project_id]

    def go_live_in(self, project_id: str, period: int) -> Literal:
        """True when the project runs and goes live at the end of ``period - 1`` (go_live ==
        period); created per (project, period) on first use."""
        key = (project_id, period)
        if key not in self._live_at:
            project_var = self.projects[project_id]
            literal = self.model.new_bool_var(f"{project_id}_live_{period}")
            self.model.add(project_var.go_live == period).only_enforce_if(literal)
            self.model.add(project_var.go_live != period).only_enforce_if(~literal)
            self._live_at[key] = literal
        return self._live_at[key]
