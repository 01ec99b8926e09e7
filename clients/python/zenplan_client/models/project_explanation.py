from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.takes_option import TakesOption


T = TypeVar("T", bound="ProjectExplanation")


@_attrs_define
class ProjectExplanation:
    """
    Attributes:
        project (str):
        reason (str): Why it is left out or late, checked by trying it.
        blockers (list[str]):
        options (list[TakesOption]):
    """

    project: str
    reason: str
    blockers: list[str]
    options: list[TakesOption]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project = self.project

        reason = self.reason

        blockers = self.blockers

        options = []
        for options_item_data in self.options:
            options_item = options_item_data.to_dict()
            options.append(options_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project": project,
                "reason": reason,
                "blockers": blockers,
                "options": options,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.takes_option import TakesOption  # noqa: PLC0415

        d = dict(src_dict)
        project = d.pop("project")

        reason = d.pop("reason")

        blockers = cast(list[str], d.pop("blockers"))

        options = []
        _options = d.pop("options")
        for options_item_data in _options:
            options_item = TakesOption.from_dict(options_item_data)

            options.append(options_item)

        project_explanation = cls(
            project=project,
            reason=reason,
            blockers=blockers,
            options=options,
        )

        project_explanation.additional_properties = d
        return project_explanation

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
