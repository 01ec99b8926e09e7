from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.project_ethics import ProjectEthics
from ..models.project_pin_type_0 import ProjectPinType0
from ..models.project_priority import ProjectPriority
from ..models.project_size_type_0 import ProjectSizeType0
from ..models.project_status import ProjectStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.phase import Phase


T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """
    Attributes:
        phases (list[Phase]):
        id (str):
        name (None | str | Unset):
        sponsor (None | str | Unset):
        value (float | Unset): Value per period once live. Default: 0.0.
        priority (ProjectPriority | Unset):  Default: ProjectPriority.SHOULD.
        status (ProjectStatus | Unset):  Default: ProjectStatus.PROPOSED.
        release (datetime.date | None | Unset):
        deadline (datetime.date | None | Unset):
        deadline_hard (bool | Unset):  Default: False.
        size (None | ProjectSizeType0 | Unset):
        datasets (list[str] | Unset):
        ethics (ProjectEthics | Unset):  Default: ProjectEthics.NONE.
        pin (None | ProjectPinType0 | Unset): Fix whether the project runs: selected or not_selected.
    """

    phases: list[Phase]
    id: str
    name: None | str | Unset = UNSET
    sponsor: None | str | Unset = UNSET
    value: float | Unset = 0.0
    priority: ProjectPriority | Unset = ProjectPriority.SHOULD
    status: ProjectStatus | Unset = ProjectStatus.PROPOSED
    release: datetime.date | None | Unset = UNSET
    deadline: datetime.date | None | Unset = UNSET
    deadline_hard: bool | Unset = False
    size: None | ProjectSizeType0 | Unset = UNSET
    datasets: list[str] | Unset = UNSET
    ethics: ProjectEthics | Unset = ProjectEthics.NONE
    pin: None | ProjectPinType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        phases = []
        for phases_item_data in self.phases:
            phases_item = phases_item_data.to_dict()
            phases.append(phases_item)

        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        sponsor: None | str | Unset
        if isinstance(self.sponsor, Unset):
            sponsor = UNSET
        else:
            sponsor = self.sponsor

        value = self.value

        priority: str | Unset = UNSET
        if not isinstance(self.priority, Unset):
            priority = self.priority.value

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        release: None | str | Unset
        if isinstance(self.release, Unset):
            release = UNSET
        elif isinstance(self.release, datetime.date):
            release = self.release.isoformat()
        else:
            release = self.release

        deadline: None | str | Unset
        if isinstance(self.deadline, Unset):
            deadline = UNSET
        elif isinstance(self.deadline, datetime.date):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        deadline_hard = self.deadline_hard

        size: None | str | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        elif isinstance(self.size, ProjectSizeType0):
            size = self.size.value
        else:
            size = self.size

        datasets: list[str] | Unset = UNSET
        if not isinstance(self.datasets, Unset):
            datasets = self.datasets

        ethics: str | Unset = UNSET
        if not isinstance(self.ethics, Unset):
            ethics = self.ethics.value

        pin: None | str | Unset
        if isinstance(self.pin, Unset):
            pin = UNSET
        elif isinstance(self.pin, ProjectPinType0):
            pin = self.pin.value
        else:
            pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phases": phases,
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if sponsor is not UNSET:
            field_dict["sponsor"] = sponsor
        if value is not UNSET:
            field_dict["value"] = value
        if priority is not UNSET:
            field_dict["priority"] = priority
        if status is not UNSET:
            field_dict["status"] = status
        if release is not UNSET:
            field_dict["release"] = release
        if deadline is not UNSET:
            field_dict["deadline"] = deadline
        if deadline_hard is not UNSET:
            field_dict["deadline_hard"] = deadline_hard
        if size is not UNSET:
            field_dict["size"] = size
        if datasets is not UNSET:
            field_dict["datasets"] = datasets
        if ethics is not UNSET:
            field_dict["ethics"] = ethics
        if pin is not UNSET:
            field_dict["pin"] = pin

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phase import Phase  # noqa: PLC0415

        d = dict(src_dict)
        phases = []
        _phases = d.pop("phases")
        for phases_item_data in _phases:
            phases_item = Phase.from_dict(phases_item_data)

            phases.append(phases_item)

        id = d.pop("id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_sponsor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sponsor = _parse_sponsor(d.pop("sponsor", UNSET))

        value = d.pop("value", UNSET)

        _priority = d.pop("priority", UNSET)
        priority: ProjectPriority | Unset
        if isinstance(_priority, Unset):
            priority = UNSET
        else:
            priority = ProjectPriority(_priority)

        _status = d.pop("status", UNSET)
        status: ProjectStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = ProjectStatus(_status)

        def _parse_release(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                release_type_0 = datetime.date.fromisoformat(data)

                return release_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        release = _parse_release(d.pop("release", UNSET))

        def _parse_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.date.fromisoformat(data)

                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        deadline = _parse_deadline(d.pop("deadline", UNSET))

        deadline_hard = d.pop("deadline_hard", UNSET)

        def _parse_size(data: object) -> None | ProjectSizeType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_type_0 = ProjectSizeType0(data)

                return size_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectSizeType0 | Unset, data)

        size = _parse_size(d.pop("size", UNSET))

        datasets = cast(list[str], d.pop("datasets", UNSET))

        _ethics = d.pop("ethics", UNSET)
        ethics: ProjectEthics | Unset
        if isinstance(_ethics, Unset):
            ethics = UNSET
        else:
            ethics = ProjectEthics(_ethics)

        def _parse_pin(data: object) -> None | ProjectPinType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pin_type_0 = ProjectPinType0(data)

                return pin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProjectPinType0 | Unset, data)

        pin = _parse_pin(d.pop("pin", UNSET))

        project = cls(
            phases=phases,
            id=id,
            name=name,
            sponsor=sponsor,
            value=value,
            priority=priority,
            status=status,
            release=release,
            deadline=deadline,
            deadline_hard=deadline_hard,
            size=size,
            datasets=datasets,
            ethics=ethics,
            pin=pin,
        )

        return project
