from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.takes_option_delayed import TakesOptionDelayed


T = TypeVar("T", bound="TakesOption")


@_attrs_define
class TakesOption:
    """
    Attributes:
        change (str):
        kind (str): none, person, gpus or deadline
        fits (bool):
        status (str):
        objective_change (float | None):
        displaced (list[str]): Projects the checking solve leaves out.
        delayed (TakesOptionDelayed): Project -> periods its go-live moves later.
        go_live (int | None):
    """

    change: str
    kind: str
    fits: bool
    status: str
    objective_change: float | None
    displaced: list[str]
    delayed: TakesOptionDelayed
    go_live: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        change = self.change

        kind = self.kind

        fits = self.fits

        status = self.status

        objective_change: float | None
        objective_change = self.objective_change

        displaced = self.displaced

        delayed = self.delayed.to_dict()

        go_live: int | None
        go_live = self.go_live

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "change": change,
                "kind": kind,
                "fits": fits,
                "status": status,
                "objective_change": objective_change,
                "displaced": displaced,
                "delayed": delayed,
                "go_live": go_live,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.takes_option_delayed import TakesOptionDelayed  # noqa: PLC0415

        d = dict(src_dict)
        change = d.pop("change")

        kind = d.pop("kind")

        fits = d.pop("fits")

        status = d.pop("status")

        def _parse_objective_change(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        objective_change = _parse_objective_change(d.pop("objective_change"))

        displaced = cast(list[str], d.pop("displaced"))

        delayed = TakesOptionDelayed.from_dict(d.pop("delayed"))

        def _parse_go_live(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        go_live = _parse_go_live(d.pop("go_live"))

        takes_option = cls(
            change=change,
            kind=kind,
            fits=fits,
            status=status,
            objective_change=objective_change,
            displaced=displaced,
            delayed=delayed,
            go_live=go_live,
        )

        takes_option.additional_properties = d
        return takes_option

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
