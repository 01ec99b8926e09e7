from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scenario_detail_document import ScenarioDetailDocument


T = TypeVar("T", bound="ScenarioDetail")


@_attrs_define
class ScenarioDetail:
    """
    Attributes:
        id (int):
        name (str):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        document (ScenarioDetailDocument):
    """

    id: int
    name: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    document: ScenarioDetailDocument
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        document = self.document.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "document": document,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scenario_detail_document import ScenarioDetailDocument  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        document = ScenarioDetailDocument.from_dict(d.pop("document"))

        scenario_detail = cls(
            id=id,
            name=name,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            document=document,
        )

        scenario_detail.additional_properties = d
        return scenario_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
