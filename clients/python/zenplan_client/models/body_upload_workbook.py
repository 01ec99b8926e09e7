from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.body_upload_workbook_period_type_0 import BodyUploadWorkbookPeriodType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="BodyUploadWorkbook")


@_attrs_define
class BodyUploadWorkbook:
    """
    Attributes:
        files (list[str]): One Excel workbook, or CSV files named after the sheets.
        name (None | str | Unset):
        start (None | str | Unset): First day of period 0.
        period (BodyUploadWorkbookPeriodType0 | None | Unset):
        horizon (int | None | Unset):
    """

    files: list[str]
    name: None | str | Unset = UNSET
    start: None | str | Unset = UNSET
    period: BodyUploadWorkbookPeriodType0 | None | Unset = UNSET
    horizon: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        files = self.files

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        start: None | str | Unset
        if isinstance(self.start, Unset):
            start = UNSET
        else:
            start = self.start

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        elif isinstance(self.period, BodyUploadWorkbookPeriodType0):
            period = self.period.value
        else:
            period = self.period

        horizon: int | None | Unset
        if isinstance(self.horizon, Unset):
            horizon = UNSET
        else:
            horizon = self.horizon

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "files": files,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if start is not UNSET:
            field_dict["start"] = start
        if period is not UNSET:
            field_dict["period"] = period
        if horizon is not UNSET:
            field_dict["horizon"] = horizon

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for files_item_element in self.files:
            files.append(("files", (None, str(files_item_element).encode(), "text/plain")))

        if not isinstance(self.name, Unset):
            if isinstance(self.name, str):
                files.append(("name", (None, str(self.name).encode(), "text/plain")))
            else:
                files.append(("name", (None, str(self.name).encode(), "text/plain")))

        if not isinstance(self.start, Unset):
            if isinstance(self.start, str):
                files.append(("start", (None, str(self.start).encode(), "text/plain")))
            else:
                files.append(("start", (None, str(self.start).encode(), "text/plain")))

        if not isinstance(self.period, Unset):
            if isinstance(self.period, BodyUploadWorkbookPeriodType0):
                files.append(("period", (None, str(self.period.value).encode(), "text/plain")))
            else:
                files.append(("period", (None, str(self.period).encode(), "text/plain")))

        if not isinstance(self.horizon, Unset):
            if isinstance(self.horizon, int):
                files.append(("horizon", (None, str(self.horizon).encode(), "text/plain")))
            else:
                files.append(("horizon", (None, str(self.horizon).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        files = cast(list[str], d.pop("files"))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_start(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        start = _parse_start(d.pop("start", UNSET))

        def _parse_period(data: object) -> BodyUploadWorkbookPeriodType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_type_0 = BodyUploadWorkbookPeriodType0(data)

                return period_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BodyUploadWorkbookPeriodType0 | None | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        def _parse_horizon(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        horizon = _parse_horizon(d.pop("horizon", UNSET))

        body_upload_workbook = cls(
            files=files,
            name=name,
            start=start,
            period=period,
            horizon=horizon,
        )

        body_upload_workbook.additional_properties = d
        return body_upload_workbook

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
