from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.acquisition import Acquisition


T = TypeVar("T", bound="Dataset")


@_attrs_define
class Dataset:
    """
    Attributes:
        id (str):
        name (None | str | Unset):
        available (bool | Unset):  Default: False.
        acquisition (Acquisition | None | Unset):
    """

    id: str
    name: None | str | Unset = UNSET
    available: bool | Unset = False
    acquisition: Acquisition | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.acquisition import Acquisition  # noqa: PLC0415

        id = self.id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        available = self.available

        acquisition: dict[str, Any] | None | Unset
        if isinstance(self.acquisition, Unset):
            acquisition = UNSET
        elif isinstance(self.acquisition, Acquisition):
            acquisition = self.acquisition.to_dict()
        else:
            acquisition = self.acquisition

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if available is not UNSET:
            field_dict["available"] = available
        if acquisition is not UNSET:
            field_dict["acquisition"] = acquisition

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.acquisition import Acquisition  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        available = d.pop("available", UNSET)

        def _parse_acquisition(data: object) -> Acquisition | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                acquisition_type_0 = Acquisition.from_dict(data)

                return acquisition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Acquisition | None | Unset, data)

        acquisition = _parse_acquisition(d.pop("acquisition", UNSET))

        dataset = cls(
            id=id,
            name=name,
            available=available,
            acquisition=acquisition,
        )

        return dataset
