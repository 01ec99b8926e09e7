"""Build, solve and decode: from a Scenario to a Schedule."""

from scheduler.check import Violation, check
from scheduler.greedy import plan as greedy_plan
from scheduler.options import SolveOptions
from scheduler.score import evaluate
from scheduler.solve import Progress, solve

__all__ = ["Progress", "SolveOptions", "Violation", "check", "evaluate", "greedy_plan", "solve"]
