"""Solver options a user can set (CLI flags, API parameters)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from zenplan.scheduler import presets

# "full": one CP-SAT model of the whole portfolio; "lns": neighbourhoods of a few projects;
# "makespan": the long proving search for makespan-only instances (benchmark sets).
Strategy = Literal["full", "lns", "makespan"]


def default_workers() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class SolveOptions:
    """Time limit (s), parallel workers, seed, relative-gap stop, the strategy and the named
    CP-SAT parameter preset. ``deterministic``: the time limit counts CP-SAT's deterministic
    time instead of seconds, so the same scenario and options give the same plan on the same
    machine (what-if and frontier batches use it)."""

    time_limit: float = 30.0
    workers: int = field(default_factory=default_workers)
    seed: int = 0
    relative_gap: float = 0.001
    strategy: Strategy | Literal["auto"] = "auto"
    preset: str = presets.DEFAULT
    deterministic: bool = False

    def __post_init__(self) -> None:
        if self.time_limit <= 0:
            raise ValueError(f"time_limit must be > 0, got {self.time_limit}")
        if self.workers < 1:
            raise ValueError(f"workers must be >= 1, got {self.workers}")
        if not 0 <= self.relative_gap < 1:
            raise ValueError(f"relative_gap must be in [0, 1), got {self.relative_gap}")
        if self.preset not in presets.PRESETS:
            raise ValueError(
                f"preset must be one of {', '.join(presets.names())}, got {self.preset!r}"
            )
