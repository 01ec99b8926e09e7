"""What every constraint family receives: the model, the scenario, the variables and the
objective under construction."""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from zenplan.constraints.variables import Variables
from zenplan.models import Scenario

# The objective is kept in integers: money amounts are multiplied by this scale and rounded.
OBJECTIVE_SCALE = 10


def money(amount: float) -> int:
    """A money amount (already weighted) as an integer objective coefficient."""
    return round(amount * OBJECTIVE_SCALE)


@dataclass
class ObjectiveTerms:
    """Named terms of the objective, each an integer expression where higher is better."""

    terms: dict[str, list[cp_model.LinearExprT]] = field(default_factory=dict)

    def add(self, name: str, expression: cp_model.LinearExprT) -> None:
        self.terms.setdefault(name, []).append(expression)

    def total(self) -> cp_model.LinearExprT:
        return sum((sum(parts) for parts in self.terms.values()), start=0)


@dataclass
class Context:
    model: cp_model.CpModel
    scenario: Scenario
    variables: Variables
    objective: ObjectiveTerms
