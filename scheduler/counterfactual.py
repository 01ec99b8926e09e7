"""Reasons that are true by construction: why a project is left out or late, found by trying.

For one project, everything else stays as planned (in the model's background, as the
neighbourhood search of scheduler/lns.py keeps it) and a small CP-SAT model asks whether the
project fits (on time, for a late one). When it does, the search was cut short or fitting it
costs more than it earns, and the reason says which, with the change in objective. When it
does not, the blockers are found by relaxing them: the people the rest of the plan holds,
absences, a dataset not ready, the ethics approval, the GPU pools, each policy. The reason
names a smallest set of blockers that, relaxed together, let the project fit, where relaxing
all but any one of them does not; so each blocker named is binding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from zenplan.constraints.context import OBJECTIVE_SCALE
from zenplan.constraints.staffing import runs
from zenplan.constraints.variables import Background
from zenplan.models import Scenario, Schedule
from zenplan.models.decisions import APPROVAL, Decisions, PhaseDecision, dataset_of
from zenplan.models.numbers import amount
from zenplan.scheduler.build import build
from zenplan.scheduler.decode import decisions_from
from zenplan.scheduler.greedy import decisions_of
from zenplan.scheduler.lns import units_of
from zenplan.scheduler.reasons import critical_path, rule_reasons

PEOPLE, ABSENCE, DATASET, APPROVAL_KIND, GPUS = "people", "absence", "dataset", "approval", "gpus"
POLICIES = ("max_concurrent_large", "rd_reserve", "mentoring")
# Each small solve's limit in CP-SAT's deterministic time, and how many small solves the
# reasons of one schedule may take: counted, not timed, so the same plan gets the same reasons.
STEP_DETERMINISTIC_TIME = 1.0
REASONS_SOLVES = 200
SMALL_PORTFOLIO = 40
MIN_SOLVES = 20


@dataclass
class Budget:
    """Small solves left."""

    solves: int = REASONS_SOLVES

    def left(self) -> bool:
        return self.solves > 0


@dataclass(frozen=True)
class Finding:
    """What the counterfactual found: the text, the project's placement when it fits with
    everything else as planned (None when it does not), and the kinds of binding blockers."""

    text: str
    fits: Decisions | None = None
    blockers: tuple[str, ...] = ()


class Counterfactual:
    """One project tried against the rest of a plan, kept as it is."""

    def __init__(
        self,
        scenario: Scenario,
        schedule: Schedule,
        project_id: str,
        not_before: int = 0,
        budget: Budget | None = None,
        frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
    ) -> None:
        self.scenario, self.schedule, self.not_before = scenario, schedule, not_before
        self.budget = budget or Budget()
        # a replan: the project's own started work stays where it is
        self.frozen = {k: v for k, v in (frozen or {}).items() if k[0] == project_id}
        self.project = scenario.project(project_id)
        self.decisions = decisions_of(scenario, schedule)
        others = {
            k: v for k, v in self.decisions.items() if k != project_id and dataset_of(k) is None
        }
        # An acquisition stays as planned while another project needs its dataset.
        needed = {d for key in others for d in scenario.project(key).datasets}
        others.update(
            (k, v)
            for k, v in self.decisions.items()
            if (dataset := dataset_of(k)) is not None and dataset in needed
        )
        self.others = others
        self.excluded = [
            p.id
            for p in scenario.scheduled_projects()
            if p.id not in self.decisions and p.id != project_id
        ]
        requirements = [r for phase in self.project.phases for r in phase.requires]
        for dataset_id in self.project.datasets:
            acquisition = scenario.dataset(dataset_id).acquisition
            if acquisition is not None and dataset_id not in needed:
                requirements += acquisition.requires
        self.qualified = sorted({p.id for r in requirements for p in scenario.qualified(r)})
        self.pools = sorted(
            {pool for ph in self.project.phases for g in ph.gpus for pool in g.pools}
        )
        release = self.project.release
        self.release = (
            max(not_before, scenario.grid.first_period_on_or_after(release))
            if release
            else not_before
        )

    # ----------------------------------------------------------------------- the small model

    def fits(
        self, due: int | None, relaxed: Iterable[str] = (), people: Iterable[str] | None = None
    ) -> Decisions | None:
        """The project's best placement with the rest as planned, going live by ``due``, with
        the ``relaxed`` blockers lifted (``people``: only these people freed); None when it
        does not fit (or no answer in time)."""
        relaxed = set(relaxed)
        self.budget.solves -= 1
        scenario = self._relaxed_scenario(relaxed)
        background = Background.of(scenario, self.others)
        if PEOPLE in relaxed:
            free = set(self.qualified if people is None else people)
            background.busy = {p: s for p, s in background.busy.items() if p not in free}
        if DATASET in relaxed:  # ready at once: another project's acquisition is no wait
            mine = set(self.project.datasets)
            background.acquisitions = {
                d: span for d, span in background.acquisitions.items() if d not in mine
            }
        if GPUS in relaxed:
            background.gpus = {p: u for p, u in background.gpus.items() if p not in self.pools}
        built = build(
            scenario,
            excluded=self.excluded,
            background=background,
            not_before=self.not_before,
            frozen=self.frozen,
        )
        project_var = built.variables.projects[self.project.id]
        built.model.add(project_var.selected == 1)
        if due is not None:
            built.model.add(project_var.go_live <= due)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.max_deterministic_time = STEP_DETERMINISTIC_TIME
        if solver.solve(built.model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return decisions_from(built.variables, solver.value)

    def _relaxed_scenario(self, relaxed: set[str]) -> Scenario:
        scenario = self.scenario
        update: dict[str, object] = {}
        if ABSENCE in relaxed:
            update["staff"] = [
                p.model_copy(update={"unavailable": []}) if p.id in self.qualified else p
                for p in scenario.staff
            ]
        if DATASET in relaxed:
            mine = set(self.project.datasets)
            update["datasets"] = [
                d.model_copy(update={"available": True}) if d.id in mine else d
                for d in scenario.datasets
            ]
        if APPROVAL_KIND in relaxed:
            update["projects"] = [
                p.model_copy(update={"ethics": "none"}) if p.id == self.project.id else p
                for p in scenario.projects
            ]
        lifted = {
            "max_concurrent_large": None,
            "rd_reserve": 0.0,
            "mentoring": False,
        }
        policy = {k: v for k, v in lifted.items() if f"policy:{k}" in relaxed}
        if policy:
            update["policies"] = scenario.policies.model_copy(update=policy)
        return scenario.model_copy(update=update) if update else scenario

    # ----------------------------------------------------------------------- the blockers

    def candidates(self, due: int) -> list[str]:
        """The blockers that could matter in periods release .. due - 1."""
        scenario, window = self.scenario, set(range(self.release, due))
        kinds = []
        busy = Background.of(scenario, self.others).busy
        if any(busy.get(p, set()) & window for p in self.qualified):
            kinds.append(PEOPLE)
        people = [p for p in scenario.staff if p.id in self.qualified]
        if any(scenario.unavailable_periods(p) & window for p in people):
            kinds.append(ABSENCE)
        if any(not scenario.dataset(d).available for d in self.project.datasets):
            kinds.append(DATASET)
        if self.project.ethics == "required" and scenario.ethics_board is not None:
            kinds.append(APPROVAL_KIND)
        if self.pools:
            kinds.append(GPUS)
        policies = scenario.policies
        if policies.max_concurrent_large is not None:
            kinds.append("policy:max_concurrent_large")
        if policies.rd_reserve:
            kinds.append("policy:rd_reserve")
        if policies.mentoring:
            kinds.append("policy:mentoring")
        return kinds

    def binding(self, due: int) -> tuple[list[str], list[str]] | None:
        """A smallest set of blockers whose relaxation lets the project fit (each one needed),
        and within people the people needed; None when relaxing them all is not enough."""
        kinds = self.candidates(due)
        if not kinds or self.fits(due, kinds) is None:
            return None
        for kind in list(kinds):
            if not self.budget.left():
                break
            rest = [k for k in kinds if k != kind]
            if self.fits(due, rest) is not None:
                kinds = rest
        people: list[str] = []
        if PEOPLE in kinds:
            busy = Background.of(self.scenario, self.others).busy
            people = [
                p for p in self.qualified if busy.get(p, set()) & set(range(self.release, due))
            ]
            for person in list(people):
                if not self.budget.left():
                    break
                rest = [p for p in people if p != person]
                if rest and self.fits(due, kinds, rest) is not None:
                    people = rest
        return kinds, people


# --------------------------------------------------------------------------- in words


def counterfactual_reason(
    scenario: Scenario,
    schedule: Schedule,
    project_id: str,
    not_before: int = 0,
    budget: Budget | None = None,
    frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
) -> Finding:
    """Why ``project_id`` is left out (or late), checked by trying it."""
    cf = Counterfactual(scenario, schedule, project_id, not_before, budget, frozen)
    project, grid = cf.project, scenario.grid
    plan = schedule.project(project_id)
    late = plan is not None and plan.selected and plan.late_by > 0
    due = grid.horizon
    if project.deadline is not None and (late or project.deadline_hard):
        due = min(due, grid.deadline_end(project.deadline))
    needed = critical_path(project)
    if cf.release + needed > due:
        limit = (
            f"its deadline {project.deadline}"
            if due < grid.horizon
            else f"the end of the horizon of {grid.horizon} periods"
        )
        return Finding(
            f"its phases need {needed} periods in sequence (each after the one it follows) "
            f"from period {cf.release}, past {limit}",
            blockers=("predecessor",),
        )
    found = cf.fits(due)
    if found is not None:
        return Finding(_fits_text(cf, found, schedule.status != "optimal", late), fits=found)
    blockers = cf.binding(due)
    if blockers is None:
        return Finding(
            f"it does not fit by period {due} even with the people, absences, datasets, "
            "approval, GPUs and policies that concern it relaxed"
        )
    kinds, people = blockers
    parts = [_blocker_text(cf, kind, people, due) for kind in kinds]
    return Finding("blocked by " + "; ".join(parts), blockers=tuple(kinds))


def _fits_text(cf: Counterfactual, found: Decisions, cut_short: bool, late: bool) -> str:
    merged = {**cf.others, **found}
    delta = (units_of(cf.scenario, merged) - units_of(cf.scenario, cf.decisions)) / OBJECTIVE_SCALE
    spans = [
        (d.start, d.start + cf.project.phase(p).duration)
        for p, d in found[cf.project.id].items()
        if p != APPROVAL
    ]
    first, last = min(s for s, _ in spans), max(e for _, e in spans) - 1
    where = (
        f"with everything else as planned it {'is on time' if late else 'fits'} "
        f"in periods {first}-{last}"
    )
    if delta > 0 and cut_short:
        return (
            f"with more time this may {'be on time' if late else 'fit'}: {where} and the "
            f"objective rises by {amount(delta)}; the search stopped at its time limit"
        )
    return f"{where}, but the objective falls by {amount(-delta)} (what it costs and delays)"


def _blocker_text(cf: Counterfactual, kind: str, people: list[str], due: int) -> str:
    scenario, window = cf.scenario, set(range(cf.release, due))
    if kind == PEOPLE:
        return ", ".join(_busy_text(cf, person, window) for person in people)
    if kind == ABSENCE:
        away = [
            f"{p.id} is away in {_in(scenario.unavailable_periods(p) & window)}"
            for p in scenario.staff
            if p.id in cf.qualified and scenario.unavailable_periods(p) & window
        ]
        return ", ".join(away)
    if kind == DATASET:
        return ", ".join(
            _dataset_text(cf, d) for d in cf.project.datasets if not scenario.dataset(d).available
        )
    if kind == APPROVAL_KIND:
        board = scenario.ethics_board
        assert board is not None
        return (
            f"its ethics approval (the board grants approvals only every {board.meeting_every} "
            f"periods, after a {board.review_duration}-period review, {board.capacity} at once)"
        )
    if kind == GPUS:
        return ", ".join(_pool_text(cf, pool, window) for pool in cf.pools)
    return f"the policy {kind.removeprefix('policy:')}"


def _busy_text(cf: Counterfactual, person: str, window: set[int]) -> str:
    holders: dict[str, set[int]] = {}
    for key, phases in cf.others.items():
        for phase_id, decision in phases.items():
            if phase_id == APPROVAL or person not in {p for p, _s, _u in decision.staff}:
                continue
            duration = scenario_duration(cf.scenario, key, phase_id)
            periods = set(range(decision.start, decision.start + duration)) & window
            if periods:
                dataset = dataset_of(key)
                what = f"acquiring {dataset}" if dataset is not None else f"{key}/{phase_id}"
                holders.setdefault(what, set()).update(periods)
    works = ", ".join(f"{w} in {_in(p)}" for w, p in sorted(holders.items()))
    return f"{person} is busy ({works})"


def scenario_duration(scenario: Scenario, key: str, phase_id: str) -> int:
    dataset = dataset_of(key)
    if dataset is not None:
        acquisition = scenario.dataset(dataset).acquisition
        return acquisition.duration if acquisition is not None else 0
    return scenario.project(key).phase(phase_id).duration


def _dataset_text(cf: Counterfactual, dataset_id: str) -> str:
    for key, phases in cf.others.items():
        if dataset_of(key) == dataset_id:
            start = next(iter(phases.values())).start
            end = start + scenario_duration(cf.scenario, key, next(iter(phases)))
            return f"dataset {dataset_id}, acquired in periods {start}-{end - 1} (ready at {end})"
    acquisition = cf.scenario.dataset(dataset_id).acquisition
    took = acquisition.duration if acquisition is not None else 0
    return f"dataset {dataset_id}, which must first be acquired ({took} periods)"


def _pool_text(cf: Counterfactual, pool: str, window: set[int]) -> str:
    """The periods the rest of the plan leaves the pool too few GPUs for the project's
    smallest demand on it, and who uses it then."""
    used = Background.of(cf.scenario, cf.others).gpus.get(pool, {})
    capacity = cf.scenario.pool_capacity(pool)
    need = min(g.count for ph in cf.project.phases for g in ph.gpus if pool in g.pools)
    full = {t for t in window if t < len(capacity) and used.get(t, 0) + need > capacity[t]}
    users = sorted(
        key
        for key, phases in cf.others.items()
        for phase_id, d in phases.items()
        if any(p == pool for p, _ in d.gpus)
        and set(range(d.start, d.start + scenario_duration(cf.scenario, key, phase_id))) & full
    )
    where = f" in {_in(full)}" if full else ""
    return f"GPU pool {pool} at capacity{where}, used by {', '.join(users) or 'no one'}"


def _in(periods: set[int]) -> str:
    return ("period " if len(periods) == 1 else "periods ") + _periods(periods)


def _periods(periods: set[int]) -> str:
    """'3-7, 9' (the caller says "periods"); a single period as its number."""
    return ", ".join(f"{a}-{b}" if a != b else str(a) for a, b in runs(periods))


def checked_reasons(
    scenario: Scenario,
    schedule: Schedule,
    not_before: int = 0,
    solves: int | None = None,
    frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
) -> dict[str, str]:
    """A checked reason for every project left out and every late one, within ``solves``
    small solves (projects past them say so). By default REASONS_SOLVES up to
    SMALL_PORTFOLIO projects, fewer for larger ones, whose small models take longer."""
    if solves is None:
        size = len(scenario.scheduled_projects())
        solves = max(MIN_SOLVES, REASONS_SOLVES * SMALL_PORTFOLIO // max(size, SMALL_PORTFOLIO))
    budget = Budget(solves)
    reasons = rule_reasons(scenario, schedule)
    wanted = [p for p in schedule.projects if not p.selected and p.id not in reasons]
    wanted += [p for p in schedule.selected() if p.late_by > 0]
    for plan in wanted:
        head = f"late by {plan.late_by} periods" if plan.selected else "not selected"
        if budget.solves < 2:
            reasons[plan.id] = (
                f"{head} (not analysed within the {solves} small solves the reasons may take; "
                f"zenplan explain SCENARIO SCHEDULE --project {plan.id} analyses it)"
            )
            continue
        finding = counterfactual_reason(scenario, schedule, plan.id, not_before, budget, frozen)
        reasons[plan.id] = f"{head}: {finding.text}"
    return reasons
