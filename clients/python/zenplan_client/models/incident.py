from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.phase import Phase


T = TypeVar("T", bound="Incident")


@_attrs_define
class Incident:
    """
    Attributes:
        phases (list[Phase]):
        id (str):
        project (str):
        detected (datetime.date):
        sla (int):
    """

    phases: list[Phase]
    id: str
    project: str
    detected: datetime.date
    sla: int

    def to_dict(self) -> dict[str, Any]:
        phases = []
        for phases_item_data in self.phases:
            phases_item = phases_item_data.to_dict()
            phases.append(phases_item)

        id = self.id

        project = self.project

        detected = self.detected.isoformat()

        sla = self.sla

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phases": phases,
                "id": id,
                "project": project,
                "detected": detected,
                "sla": sla,
            }
        )

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

        project = d.pop("project")

        detected = datetime.date.fromisoformat(d.pop("detected"))

        sla = d.pop("sla")

        incident = cls(
            phases=phases,
            id=id,
            project=project,
            detected=detected,
            sla=sla,
        )

        return incident
