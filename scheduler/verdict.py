"""The solver's own view of a plan: does the CP-SAT model accept it with every decision fixed?

The checker (scheduler/check.py) shares nothing with the model; the two agree on every plan
when the model states the rules the checker reads. Tests hold them to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ortools.sat.python import cp_model

from zenplan.models import Scenario, Schedule
from zenplan.models.scenario import Incident
from zenplan.scheduler.build import build
from zenplan.scheduler.decode import hint
from zenplan.scheduler.greedy import decisions_of
from zenplan.scheduler.incidents import with_incidents


def model_accepts(
    scenario: Scenario,
    schedule: Schedule,
    incidents: Sequence[Incident] = (),
    time_limit: float = 10.0,
) -> bool | None:
    """True when the model has a solution with the plan's starts, people, GPUs, approvals and
    acquisitions; False when it proves there is none; None when it cannot tell in time."""
    if scenario.incidents or incidents:
        scenario = with_incidents(scenario, incidents)
    built = build(scenario)
    hint(built.variables, decisions_of(scenario, schedule))
    solver = cp_model.CpSolver()
    solver.parameters.fix_variables_to_their_hinted_value = True
    solver.parameters.num_workers = 1
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.stop_after_first_solution = True
    code = solver.solve(built.model)
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return True
    if code in (cp_model.INFEASIBLE, cp_model.MODEL_INVALID):
        return False
    return None
