from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProjectMove")


@_attrs_define
class ProjectMove:
    """A project whose plan differs between the schedules (the first is the baseline).

    Attributes:
        project (str):
        selected (list[bool]):
        start (list[int | None]):
        go_live (list[int | None]):
        go_live_date (list[datetime.date | None]):
        shift (list[int | None]):
        change (str):
    """

    project: str
    selected: list[bool]
    start: list[int | None]
    go_live: list[int | None]
    go_live_date: list[datetime.date | None]
    shift: list[int | None]
    change: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project = self.project

        selected = self.selected

        start = []
        for start_item_data in self.start:
            start_item: int | None
            start_item = start_item_data
            start.append(start_item)

        go_live = []
        for go_live_item_data in self.go_live:
            go_live_item: int | None
            go_live_item = go_live_item_data
            go_live.append(go_live_item)

        go_live_date = []
        for go_live_date_item_data in self.go_live_date:
            go_live_date_item: None | str
            if isinstance(go_live_date_item_data, datetime.date):
                go_live_date_item = go_live_date_item_data.isoformat()
            else:
                go_live_date_item = go_live_date_item_data
            go_live_date.append(go_live_date_item)

        shift = []
        for shift_item_data in self.shift:
            shift_item: int | None
            shift_item = shift_item_data
            shift.append(shift_item)

        change = self.change

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project": project,
                "selected": selected,
                "start": start,
                "go_live": go_live,
                "go_live_date": go_live_date,
                "shift": shift,
                "change": change,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        project = d.pop("project")

        selected = cast(list[bool], d.pop("selected"))

        start = []
        _start = d.pop("start")
        for start_item_data in _start:

            def _parse_start_item(data: object) -> int | None:
                if data is None:
                    return data
                return cast(int | None, data)

            start_item = _parse_start_item(start_item_data)

            start.append(start_item)

        go_live = []
        _go_live = d.pop("go_live")
        for go_live_item_data in _go_live:

            def _parse_go_live_item(data: object) -> int | None:
                if data is None:
                    return data
                return cast(int | None, data)

            go_live_item = _parse_go_live_item(go_live_item_data)

            go_live.append(go_live_item)

        go_live_date = []
        _go_live_date = d.pop("go_live_date")
        for go_live_date_item_data in _go_live_date:

            def _parse_go_live_date_item(data: object) -> datetime.date | None:
                if data is None:
                    return data
                try:
                    if not isinstance(data, str):
                        raise TypeError()
                    go_live_date_item_type_0 = datetime.date.fromisoformat(data)

                    return go_live_date_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                return cast(datetime.date | None, data)

            go_live_date_item = _parse_go_live_date_item(go_live_date_item_data)

            go_live_date.append(go_live_date_item)

        shift = []
        _shift = d.pop("shift")
        for shift_item_data in _shift:

            def _parse_shift_item(data: object) -> int | None:
                if data is None:
                    return data
                return cast(int | None, data)

            shift_item = _parse_shift_item(shift_item_data)

            shift.append(shift_item)

        change = d.pop("change")

        project_move = cls(
            project=project,
            selected=selected,
            start=start,
            go_live=go_live,
            go_live_date=go_live_date,
            shift=shift,
            change=change,
        )

        project_move.additional_properties = d
        return project_move

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
