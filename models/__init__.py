"""Domain models: the scenario (input), the schedule (output) and their loading.

No solver, database or HTTP here.
"""

from zenplan.models.calendar import TimeGrid
from zenplan.models.loading import InputError, load_scenario, load_schedule, parse_scenario
from zenplan.models.rules import Problem
from zenplan.models.scenario import (
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
from zenplan.models.schedule import (
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
