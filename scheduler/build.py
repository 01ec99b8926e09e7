"""Build the CP-SAT model of a scenario: variables in one place, then every constraint family
in a fixed order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from zenplan.constraints import (
    balance,
    budget,
    datasets,
    ethics,
    gpu_pools,
    mentoring,
    pins,
    precedence,
    reserve,
    selection,
    stability,
    staffing,
)
from zenplan.constraints.context import Context, ObjectiveTerms
from zenplan.constraints.variables import Background, Variables
from zenplan.models import Scenario
from zenplan.models.decisions import PhaseDecision

# The order is fixed: selection first, since the others read which projects may run;
# balance last, since its soft terms read the go-lives the others constrain.
FAMILIES = (
    selection,
    pins,
    precedence,
    datasets,
    ethics,
    staffing,
    gpu_pools,
    reserve,
    budget,
    mentoring,
    balance,
    stability,
)


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    variables: Variables
    objective: ObjectiveTerms


def build(
    scenario: Scenario,
    explain: bool = False,
    frozen: Mapping[tuple[str, str], PhaseDecision] | None = None,
    excluded: Iterable[str] = (),
    background: Background | None = None,
    not_before: int = 0,
    baseline: Mapping[str, Mapping[str, PhaseDecision]] | None = None,
    people: bool = True,
) -> BuiltModel:
    """The CP-SAT model of ``scenario``; with ``explain`` every rule group gets a literal;
    ``frozen`` phases keep their decisions and ``excluded`` projects do not run; without
    ``people`` nobody is assigned (the relaxation of scheduler/relaxation.py)."""
    model = cp_model.CpModel()
    variables = Variables(
        model,
        scenario,
        explain=explain,
        frozen=frozen or {},
        excluded=frozenset(excluded),
        background=background or Background({}),
        not_before=not_before,
        baseline=baseline or {},
        people=people,
    )
    objective = ObjectiveTerms()
    context = Context(model, scenario, variables, objective)
    for family in FAMILIES:
        family.post(context)
    if not explain:
        model.maximize(objective.total())
    return BuiltModel(model, variables, objective)
