"""Plan decisions, engine-neutral: when each phase starts, who covers which requirement unit,
which GPUs it draws. The greedy planner, CP-SAT decoding, warm starts and frozen phases all
speak this language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PhaseDecision:
    start: int
    # (person, skill, index of the requirement in the phase's `requires`)
    staff: list[tuple[str, str, int]] = field(default_factory=list)
    gpus: list[tuple[str, int]] = field(default_factory=list)  # (pool, count)


# project id -> phase id -> decision; a project absent from the mapping is not selected
Decisions = dict[str, dict[str, PhaseDecision]]
