"""Named CP-SAT parameter sets: the solver variants are data, chosen by name.

``SolveOptions.preset`` names one; the options' own time limit, workers, seed and gap are set
on top of it. A benchmark adapter or a user can pick another without a code path of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ortools.sat.python import cp_model

PRESETS: Mapping[str, Mapping[str, Any]] = {
    # Portfolios: probing in presolve costs seconds on large models before the first plan.
    "portfolio": {"cp_model_probing_level": 0},
    # Makespan-only instances (published sets): the LP with cuts bounds a makespan far better
    # than the default LP on models of up to about a thousand phases.
    "makespan": {"cp_model_probing_level": 0, "subsolvers": ["max_lp"]},
    # Makespan-only instances too large for the full LP.
    "makespan-large": {"cp_model_probing_level": 0},
    # One neighbourhood of the large-portfolio search: a small model solved many times, where
    # a light presolve leaves more of each step to the search.
    "neighbourhood": {
        "cp_model_probing_level": 0,
        "symmetry_level": 0,
        "max_presolve_iterations": 1,
    },
}

DEFAULT = "portfolio"
# CP-SAT's deterministic time per second of time limit, so that a deterministic run takes
# about its time limit on a 2-core machine (measured on portfolio models: 0.1 a second).
DETERMINISTIC_PER_SECOND = 0.1


def names() -> list[str]:
    return sorted(PRESETS)


def apply(parameters: Any, preset: str) -> None:
    """Set a preset's parameters on CP-SAT's ``SatParameters``."""
    if preset not in PRESETS:
        raise ValueError(f"preset: unknown {preset!r}; one of {', '.join(names())}")
    for name, value in PRESETS[preset].items():
        field = getattr(parameters, name)
        if isinstance(value, list):
            field.clear()
            field.extend(value)
        else:
            setattr(parameters, name, value)


def solver(
    preset: str,
    seconds: float,
    workers: int,
    seed: int,
    relative_gap: float = 0.0,
    deterministic: bool = False,
    log: bool = False,
) -> cp_model.CpSolver:
    """A CP-SAT solver with the preset's parameters and these limits. ``deterministic``: the
    limit is CP-SAT's deterministic time (``seconds`` x DETERMINISTIC_PER_SECOND) and the
    search interleaves its workers deterministically, so the same inputs give the same plan."""
    result = cp_model.CpSolver()
    parameters = result.parameters
    apply(parameters, preset)
    parameters.num_workers = workers
    parameters.random_seed = seed
    parameters.relative_gap_limit = relative_gap
    parameters.log_search_progress = log
    if deterministic:
        parameters.max_deterministic_time = max(0.01, seconds * DETERMINISTIC_PER_SECOND)
        parameters.interleave_search = True
    else:
        parameters.max_time_in_seconds = max(0.1, seconds)
    return result
