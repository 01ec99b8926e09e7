"""Read a CP-SAT solution back into plan decisions."""

from __future__ import annotations

from collections.abc import Callable

from ortools.sat.python import cp_model

from zenplan.constraints.variables import PhaseVar, Variables
from zenplan.models.decisions import ACQUISITION, APPROVAL, Decisions, PhaseDecision


def decisions_from(variables: Variables, value: Callable[[cp_model.IntVar], int]) -> Decisions:
    """Who works on what and when, for every selected project and every acquisition made,
    from variable values."""
    covering: dict[tuple[str, str], list[tuple[str, int]]] = {}
    for (project_id, phase_id, r, person_id), literal in variables.assignment.items():
        if value(literal):
            covering.setdefault((project_id, phase_id), []).append((person_id, r))
    gpus = {
        key: [(c.pool, c.count) for c in choices if value(c.uses)]
        for key, choices in variables.gpu_choices.items()
    }

    def decided(item: PhaseVar) -> PhaseDecision:
        staff = [
            (person_id, item.requires[r].skill, r)
            for person_id, r in covering.get((item.project, item.phase), [])
        ]
        return PhaseDecision(value(item.start), staff, gpus.get((item.project, item.phase), []))

    decisions: Decisions = {}
    for project_var in variables.projects.values():
        if value(project_var.selected):
            plan = {phase.phase: decided(phase) for phase in project_var.phases}
            approval = variables.approvals.get(project_var.project.id)
            if approval is not None:
                plan[APPROVAL] = PhaseDecision(value(approval.start))
            decisions[project_var.project.id] = plan
    for acquisition in variables.acquisitions.values():
        if value(acquisition.present):
            decisions[acquisition.project] = {ACQUISITION: decided(acquisition)}
    return decisions


def hint(variables: Variables, decisions: Decisions) -> None:
    """Give CP-SAT a complete starting solution (the greedy plan) as a hint."""
    hinted: set[int] = set()

    def add(variable: cp_model.IntVar, value: int | bool) -> None:
        # A literal may serve two roles (a person's only unit on a phase); hint it once.
        if variable.index not in hinted:
            hinted.add(variable.index)
            variables.model.add_hint(variable, value)

    _hint_projects(variables, decisions, add)
    _hint_acquisitions_and_approvals(variables, decisions, add)
    _hint_people_and_gpus(variables, decisions, add)


_Add = Callable[[cp_model.IntVar, int | bool], None]


def _hint_projects(variables: Variables, decisions: Decisions, add: _Add) -> None:
    """Selection, phase starts and ends, go-lives, lateness and the makespan."""
    go_lives: list[int] = []
    for project_var in variables.projects.values():
        chosen = decisions.get(project_var.project.id)
        add(project_var.selected, chosen is not None)
        finish = 0
        for phase_var in project_var.phases:
            start = chosen[phase_var.phase].start if chosen else phase_var.earliest
            add(phase_var.start, start)
            add(phase_var.end, start + phase_var.duration)
            finish = max(finish, start + phase_var.duration)
        go_live = finish if chosen else 0
        add(project_var.finish, finish)
        add(project_var.go_live, go_live)
        late = variables.late_by.get(project_var.project.id)
        if late is not None:
            deadline = project_var.project.deadline
            assert deadline is not None
            add(late, max(0, go_live - variables.scenario.grid.deadline_end(deadline)))
        go_lives.append(go_live)
    if variables.makespan_var is not None:
        decided = list(variables.background.go_lives.values())
        add(variables.makespan_var, max([*go_lives, *decided], default=0))


def _hint_acquisitions_and_approvals(variables: Variables, decisions: Decisions, add: _Add) -> None:
    for acquisition in variables.acquisitions.values():
        made = decisions.get(acquisition.project, {}).get(ACQUISITION)
        start = made.start if made else acquisition.earliest
        add(acquisition.present, made is not None)
        add(acquisition.start, start)
        add(acquisition.end, start + acquisition.duration)
    board = variables.scenario.ethics_board
    for project_id, approval in variables.approvals.items():
        granted = decisions.get(project_id, {}).get(APPROVAL)
        if granted is not None and board is not None:
            end = granted.start + board.review_duration
            add(approval.start, granted.start)
            add(approval.end, end)
            add(approval.meeting, end // board.meeting_every)


def _hint_people_and_gpus(variables: Variables, decisions: Decisions, add: _Add) -> None:
    """Who works on what (per phase and per requirement unit) and the GPU pools chosen."""
    staffed = {
        (project_id, phase_id, person)
        for project_id, phases in decisions.items()
        for phase_id, decision in phases.items()
        for person, _skill, _r in decision.staff
    }
    for person_id, works in variables.person_phases.items():
        for work in works:
            on = (work.phase.project, work.phase.phase, person_id) in staffed
            add(work.works, on)
    covered = {
        (project_id, phase_id, r, person)
        for project_id, phases in decisions.items()
        for phase_id, decision in phases.items()
        for person, _skill, r in decision.staff
    }
    for key, literal in variables.assignment.items():
        add(literal, key in covered)
    for (project_id, phase_id), choices in variables.gpu_choices.items():
        decision = decisions.get(project_id, {}).get(phase_id)
        used = set(decision.gpus) if decision else set()
        for choice in choices:
            if len({c.pool for c in choices if c.demand_index == choice.demand_index}) > 1:
                add(choice.uses, (choice.pool, choice.count) in used)
