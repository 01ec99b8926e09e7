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

# Dataset acquisitions and ethics approvals travel in the same mapping under keys that no
# scenario id can take (ids never contain ':').
ACQUISITION = "acquisition"
APPROVAL = "approval:ethics"


def acquisition_key(dataset_id: str) -> str:
    """The key of a dataset's acquisition among the projects of a Decisions mapping."""
    return f"dataset:{dataset_id}"


def dataset_of(key: str) -> str | None:
    """The dataset id when ``key`` is an acquisition key, else None."""
    return key.removeprefix("dataset:") if key.startswith("dataset:") else None
