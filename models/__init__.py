"""Domain models: the scenario (input), the schedule (output) and their loading.

No solver, database or HTTP here.
"""

from models.calendar import TimeGrid
from models.loading import InputError, load_scenario, load_schedule, parse_scenario
from models.rules import Problem
from models.scenario import (
    MAX_HORIZON,
    Dataset,
    GpuDemand,
    GpuPool,
    Person,
    Phase,
    Project,
    Requirement,
    Scenario,
)
from models.schedule import (
    DatasetPlan,
    GpuAssignment,
    KPIs,
    PhasePlan,
    ProjectPlan,
    Schedule,
    StaffAssignment,
)

__all__ = [
    "MAX_HORIZON",
    "Dataset",
    "DatasetPlan",
    "GpuAssignment",
    "GpuDemand",
    "GpuPool",
    "InputError",
    "KPIs",
    "Person",
    "Phase",
    "PhasePlan",
    "Problem",
    "Project",
    "ProjectPlan",
    "Requirement",
    "Scenario",
    "Schedule",
    "StaffAssignment",
    "TimeGrid",
    "load_scenario",
    "load_schedule",
    "parse_scenario",
]
