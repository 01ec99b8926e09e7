"""Contains all the data models used in inputs/outputs"""

from .acquisition import Acquisition
from .api_key_create import ApiKeyCreate
from .api_key_create_role import ApiKeyCreateRole
from .api_key_created import ApiKeyCreated
from .api_key_created_role import ApiKeyCreatedRole
from .api_key_public import ApiKeyPublic
from .api_key_public_role import ApiKeyPublicRole
from .assignment import Assignment
from .body_upload_workbook import BodyUploadWorkbook
from .body_upload_workbook_period_type_0 import BodyUploadWorkbookPeriodType0
from .budget import Budget
from .calendar import Calendar
from .calendar_period import CalendarPeriod
from .calendar_working_days_type_0_item import CalendarWorkingDaysType0Item
from .capacity_change import CapacityChange
from .comparison import Comparison
from .dataset import Dataset
from .date_range import DateRange
from .error_out import ErrorOut
from .ethics_board import EthicsBoard
from .export_scenario_format import ExportScenarioFormat
from .export_schedule_format import ExportScheduleFormat
from .frontier_out import FrontierOut
from .frontier_point_out import FrontierPointOut
from .frontier_request import FrontierRequest
from .get_assignments_format import GetAssignmentsFormat
from .get_compare_chart_format import GetCompareChartFormat
from .get_gantt_format import GetGanttFormat
from .get_gantt_view import GetGanttView
from .get_load_format import GetLoadFormat
from .get_load_view import GetLoadView
from .gpu_demand import GpuDemand
from .gpu_pool import GpuPool
from .health import Health
from .health_database import HealthDatabase
from .health_status import HealthStatus
from .holiday_calendar import HolidayCalendar
from .incident import Incident
from .job_public import JobPublic
from .job_public_incidents_type_0_item import JobPublicIncidentsType0Item
from .job_public_kind import JobPublicKind
from .job_public_state import JobPublicState
from .kp_is import KPIs
from .kp_is_delivered_by_size import KPIsDeliveredBySize
from .kp_is_delivered_by_sponsor import KPIsDeliveredBySponsor
from .kp_is_flow_efficiency_by_project import KPIsFlowEfficiencyByProject
from .kp_is_gpu_utilization import KPIsGpuUtilization
from .kp_is_load import KPIsLoad
from .kp_is_load_additional_property import KPIsLoadAdditionalProperty
from .kp_is_skill_utilization import KPIsSkillUtilization
from .kp_is_sponsor_share import KPIsSponsorShare
from .kp_is_utilization import KPIsUtilization
from .kpi_delta import KpiDelta
from .kpi_delta_better import KpiDeltaBetter
from .list_jobs_state_type_0 import ListJobsStateType0
from .objective import Objective
from .objective_breakdown import ObjectiveBreakdown
from .objective_breakdown_portfolio import ObjectiveBreakdownPortfolio
from .objective_breakdown_projects import ObjectiveBreakdownProjects
from .objective_breakdown_projects_additional_property import ObjectiveBreakdownProjectsAdditionalProperty
from .objective_breakdown_terms import ObjectiveBreakdownTerms
from .person import Person
from .person_skills import PersonSkills
from .person_working_days_type_0_item import PersonWorkingDaysType0Item
from .phase import Phase
from .phase_move import PhaseMove
from .phase_pin import PhasePin
from .pin import Pin
from .policies import Policies
from .problem_out import ProblemOut
from .project import Project
from .project_ethics import ProjectEthics
from .project_explanation import ProjectExplanation
from .project_move import ProjectMove
from .project_pin_type_0 import ProjectPinType0
from .project_priority import ProjectPriority
from .project_size_type_0 import ProjectSizeType0
from .project_status import ProjectStatus
from .replan_diff import ReplanDiff
from .replan_diff_kpi_deltas import ReplanDiffKpiDeltas
from .replan_request import ReplanRequest
from .requirement import Requirement
from .scenario import Scenario
from .scenario_detail import ScenarioDetail
from .scenario_detail_document import ScenarioDetailDocument
from .scenario_public import ScenarioPublic
from .schedule_public import SchedulePublic
from .schedule_public_schedule import SchedulePublicSchedule
from .schedule_summary import ScheduleSummary
from .solve_request import SolveRequest
from .sponsor import Sponsor
from .staff_change import StaffChange
from .takes_option import TakesOption
from .takes_option_delayed import TakesOptionDelayed
from .version_public import VersionPublic
from .webhook_create import WebhookCreate
from .webhook_created import WebhookCreated
from .webhook_public import WebhookPublic

__all__ = (
    "Acquisition",
    "ApiKeyCreate",
    "ApiKeyCreated",
    "ApiKeyCreatedRole",
    "ApiKeyCreateRole",
    "ApiKeyPublic",
    "ApiKeyPublicRole",
    "Assignment",
    "BodyUploadWorkbook",
    "BodyUploadWorkbookPeriodType0",
    "Budget",
    "Calendar",
    "CalendarPeriod",
    "CalendarWorkingDaysType0Item",
    "CapacityChange",
    "Comparison",
    "Dataset",
    "DateRange",
    "ErrorOut",
    "EthicsBoard",
    "ExportScenarioFormat",
    "ExportScheduleFormat",
    "FrontierOut",
    "FrontierPointOut",
    "FrontierRequest",
    "GetAssignmentsFormat",
    "GetCompareChartFormat",
    "GetGanttFormat",
    "GetGanttView",
    "GetLoadFormat",
    "GetLoadView",
    "GpuDemand",
    "GpuPool",
    "Health",
    "HealthDatabase",
    "HealthStatus",
    "HolidayCalendar",
    "Incident",
    "JobPublic",
    "JobPublicIncidentsType0Item",
    "JobPublicKind",
    "JobPublicState",
    "KpiDelta",
    "KpiDeltaBetter",
    "KPIs",
    "KPIsDeliveredBySize",
    "KPIsDeliveredBySponsor",
    "KPIsFlowEfficiencyByProject",
    "KPIsGpuUtilization",
    "KPIsLoad",
    "KPIsLoadAdditionalProperty",
    "KPIsSkillUtilization",
    "KPIsSponsorShare",
    "KPIsUtilization",
    "ListJobsStateType0",
    "Objective",
    "ObjectiveBreakdown",
    "ObjectiveBreakdownPortfolio",
    "ObjectiveBreakdownProjects",
    "ObjectiveBreakdownProjectsAdditionalProperty",
    "ObjectiveBreakdownTerms",
    "Person",
    "PersonSkills",
    "PersonWorkingDaysType0Item",
    "Phase",
    "PhaseMove",
    "PhasePin",
    "Pin",
    "Policies",
    "ProblemOut",
    "Project",
    "ProjectEthics",
    "ProjectExplanation",
    "ProjectMove",
    "ProjectPinType0",
    "ProjectPriority",
    "ProjectSizeType0",
    "ProjectStatus",
    "ReplanDiff",
    "ReplanDiffKpiDeltas",
    "ReplanRequest",
    "Requirement",
    "Scenario",
    "ScenarioDetail",
    "ScenarioDetailDocument",
    "ScenarioPublic",
    "SchedulePublic",
    "SchedulePublicSchedule",
    "ScheduleSummary",
    "SolveRequest",
    "Sponsor",
    "StaffChange",
    "TakesOption",
    "TakesOptionDelayed",
    "VersionPublic",
    "WebhookCreate",
    "WebhookCreated",
    "WebhookPublic",
)
