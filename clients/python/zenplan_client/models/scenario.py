from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar import Calendar
    from ..models.dataset import Dataset
    from ..models.ethics_board import EthicsBoard
    from ..models.gpu_pool import GpuPool
    from ..models.incident import Incident
    from ..models.objective import Objective
    from ..models.person import Person
    from ..models.policies import Policies
    from ..models.project import Project
    from ..models.sponsor import Sponsor


T = TypeVar("T", bound="Scenario")


@_attrs_define
class Scenario:
    """
    Attributes:
        name (str):
        calendar (Calendar):
        description (None | str | Unset):
        staff (list[Person] | Unset):
        gpu_pools (list[GpuPool] | Unset):
        datasets (list[Dataset] | Unset):
        ethics_board (EthicsBoard | None | Unset):
        sponsors (list[Sponsor] | Unset):
        projects (list[Project] | Unset):
        policies (Policies | Unset):
        objective (Objective | Unset): Weights of the objective terms (see docs/model.md).
        incidents (list[Incident] | Unset):
    """

    name: str
    calendar: Calendar
    description: None | str | Unset = UNSET
    staff: list[Person] | Unset = UNSET
    gpu_pools: list[GpuPool] | Unset = UNSET
    datasets: list[Dataset] | Unset = UNSET
    ethics_board: EthicsBoard | None | Unset = UNSET
    sponsors: list[Sponsor] | Unset = UNSET
    projects: list[Project] | Unset = UNSET
    policies: Policies | Unset = UNSET
    objective: Objective | Unset = UNSET
    incidents: list[Incident] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.ethics_board import EthicsBoard  # noqa: PLC0415

        name = self.name

        calendar = self.calendar.to_dict()

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        staff: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.staff, Unset):
            staff = []
            for staff_item_data in self.staff:
                staff_item = staff_item_data.to_dict()
                staff.append(staff_item)

        gpu_pools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.gpu_pools, Unset):
            gpu_pools = []
            for gpu_pools_item_data in self.gpu_pools:
                gpu_pools_item = gpu_pools_item_data.to_dict()
                gpu_pools.append(gpu_pools_item)

        datasets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.datasets, Unset):
            datasets = []
            for datasets_item_data in self.datasets:
                datasets_item = datasets_item_data.to_dict()
                datasets.append(datasets_item)

        ethics_board: dict[str, Any] | None | Unset
        if isinstance(self.ethics_board, Unset):
            ethics_board = UNSET
        elif isinstance(self.ethics_board, EthicsBoard):
            ethics_board = self.ethics_board.to_dict()
        else:
            ethics_board = self.ethics_board

        sponsors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sponsors, Unset):
            sponsors = []
            for sponsors_item_data in self.sponsors:
                sponsors_item = sponsors_item_data.to_dict()
                sponsors.append(sponsors_item)

        projects: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.projects, Unset):
            projects = []
            for projects_item_data in self.projects:
                projects_item = projects_item_data.to_dict()
                projects.append(projects_item)

        policies: dict[str, Any] | Unset = UNSET
        if not isinstance(self.policies, Unset):
            policies = self.policies.to_dict()

        objective: dict[str, Any] | Unset = UNSET
        if not isinstance(self.objective, Unset):
            objective = self.objective.to_dict()

        incidents: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.incidents, Unset):
            incidents = []
            for incidents_item_data in self.incidents:
                incidents_item = incidents_item_data.to_dict()
                incidents.append(incidents_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "calendar": calendar,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if staff is not UNSET:
            field_dict["staff"] = staff
        if gpu_pools is not UNSET:
            field_dict["gpu_pools"] = gpu_pools
        if datasets is not UNSET:
            field_dict["datasets"] = datasets
        if ethics_board is not UNSET:
            field_dict["ethics_board"] = ethics_board
        if sponsors is not UNSET:
            field_dict["sponsors"] = sponsors
        if projects is not UNSET:
            field_dict["projects"] = projects
        if policies is not UNSET:
            field_dict["policies"] = policies
        if objective is not UNSET:
            field_dict["objective"] = objective
        if incidents is not UNSET:
            field_dict["incidents"] = incidents

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.calendar import Calendar  # noqa: PLC0415
        from ..models.dataset import Dataset  # noqa: PLC0415
        from ..models.ethics_board import EthicsBoard  # noqa: PLC0415
        from ..models.gpu_pool import GpuPool  # noqa: PLC0415
        from ..models.incident import Incident  # noqa: PLC0415
        from ..models.objective import Objective  # noqa: PLC0415
        from ..models.person import Person  # noqa: PLC0415
        from ..models.policies import Policies  # noqa: PLC0415
        from ..models.project import Project  # noqa: PLC0415
        from ..models.sponsor import Sponsor  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        calendar = Calendar.from_dict(d.pop("calendar"))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        _staff = d.pop("staff", UNSET)
        staff: list[Person] | Unset = UNSET
        if _staff is not UNSET:
            staff = []
            for staff_item_data in _staff:
                staff_item = Person.from_dict(staff_item_data)

                staff.append(staff_item)

        _gpu_pools = d.pop("gpu_pools", UNSET)
        gpu_pools: list[GpuPool] | Unset = UNSET
        if _gpu_pools is not UNSET:
            gpu_pools = []
            for gpu_pools_item_data in _gpu_pools:
                gpu_pools_item = GpuPool.from_dict(gpu_pools_item_data)

                gpu_pools.append(gpu_pools_item)

        _datasets = d.pop("datasets", UNSET)
        datasets: list[Dataset] | Unset = UNSET
        if _datasets is not UNSET:
            datasets = []
            for datasets_item_data in _datasets:
                datasets_item = Dataset.from_dict(datasets_item_data)

                datasets.append(datasets_item)

        def _parse_ethics_board(data: object) -> EthicsBoard | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                ethics_board_type_0 = EthicsBoard.from_dict(data)

                return ethics_board_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EthicsBoard | None | Unset, data)

        ethics_board = _parse_ethics_board(d.pop("ethics_board", UNSET))

        _sponsors = d.pop("sponsors", UNSET)
        sponsors: list[Sponsor] | Unset = UNSET
        if _sponsors is not UNSET:
            sponsors = []
            for sponsors_item_data in _sponsors:
                sponsors_item = Sponsor.from_dict(sponsors_item_data)

                sponsors.append(sponsors_item)

        _projects = d.pop("projects", UNSET)
        projects: list[Project] | Unset = UNSET
        if _projects is not UNSET:
            projects = []
            for projects_item_data in _projects:
                projects_item = Project.from_dict(projects_item_data)

                projects.append(projects_item)

        _policies = d.pop("policies", UNSET)
        policies: Policies | Unset
        if isinstance(_policies, Unset):
            policies = UNSET
        else:
            policies = Policies.from_dict(_policies)

        _objective = d.pop("objective", UNSET)
        objective: Objective | Unset
        if isinstance(_objective, Unset):
            objective = UNSET
        else:
            objective = Objective.from_dict(_objective)

        _incidents = d.pop("incidents", UNSET)
        incidents: list[Incident] | Unset = UNSET
        if _incidents is not UNSET:
            incidents = []
            for incidents_item_data in _incidents:
                incidents_item = Incident.from_dict(incidents_item_data)

                incidents.append(incidents_item)

        scenario = cls(
            name=name,
            calendar=calendar,
            description=description,
            staff=staff,
            gpu_pools=gpu_pools,
            datasets=datasets,
            ethics_board=ethics_board,
            sponsors=sponsors,
            projects=projects,
            policies=policies,
            objective=objective,
            incidents=incidents,
        )

        return scenario
