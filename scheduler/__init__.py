"""Build, solve and decode: from a Scenario to a Schedule."""

from zenplan.scheduler.check import Violation, check
from zenplan.scheduler.greedy import plan as greedy_plan
from zenplan.scheduler.options import SolveOptions
from zenplan.scheduler.progress import Progress
from zenplan.scheduler.score import evaluate
from zenplan.scheduler.solve import solve

__all__ = ["Progress", "SolveOptions", "Violation", "check", "evaluate", "greedy_plan", "solve"]
