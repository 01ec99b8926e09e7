from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gpu_demand import GpuDemand
    from ..models.phase_pin import PhasePin
    from ..models.requirement import Requirement


T = TypeVar("T", bound="Phase")


@_attrs_define
class Phase:
    """
    Attributes:
        id (str):
        duration (int):
        name (None | str | Unset):
        duration_range (list[int] | None | Unset): [low, high] durations for risk analysis.
        requires (list[Requirement] | Unset):
        gpus (list[GpuDemand] | Unset):
        after (list[str] | None | Unset): Phases of the same project this one follows; default: the previous.
        gated_by_approval (bool | None | Unset):
        pin (None | PhasePin | Unset):
    """

    id: str
    duration: int
    name: None | str | Unset = UNSET
    duration_range: list[int] | None | Unset = UNSET
    requires: list[Requirement] | Unset = UNSET
    gpus: list[GpuDemand] | Unset = UNSET
    after: list[str] | None | Unset = UNSET
    gated_by_approval: bool | None | Unset = UNSET
    pin: None | PhasePin | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.phase_pin import PhasePin  # noqa: PLC0415

        id = self.id

        duration = self.duration

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        duration_range: list[int] | None | Unset
        if isinstance(self.duration_range, Unset):
            duration_range = UNSET
        elif isinstance(self.duration_range, list):
            duration_range = []
            for duration_range_type_0_item_data in self.duration_range:
                duration_range_type_0_item: int
                duration_range_type_0_item = duration_range_type_0_item_data
                duration_range.append(duration_range_type_0_item)

        else:
            duration_range = self.duration_range

        requires: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.requires, Unset):
            requires = []
            for requires_item_data in self.requires:
                requires_item = requires_item_data.to_dict()
                requires.append(requires_item)

        gpus: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.gpus, Unset):
            gpus = []
            for gpus_item_data in self.gpus:
                gpus_item = gpus_item_data.to_dict()
                gpus.append(gpus_item)

        after: list[str] | None | Unset
        if isinstance(self.after, Unset):
            after = UNSET
        elif isinstance(self.after, list):
            after = self.after

        else:
            after = self.after

        gated_by_approval: bool | None | Unset
        if isinstance(self.gated_by_approval, Unset):
            gated_by_approval = UNSET
        else:
            gated_by_approval = self.gated_by_approval

        pin: dict[str, Any] | None | Unset
        if isinstance(self.pin, Unset):
            pin = UNSET
        elif isinstance(self.pin, PhasePin):
            pin = self.pin.to_dict()
        else:
            pin = self.pin

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "duration": duration,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if duration_range is not UNSET:
            field_dict["duration_range"] = duration_range
        if requires is not UNSET:
            field_dict["requires"] = requires
        if gpus is not UNSET:
            field_dict["gpus"] = gpus
        if after is not UNSET:
            field_dict["after"] = after
        if gated_by_approval is not UNSET:
            field_dict["gated_by_approval"] = gated_by_approval
        if pin is not UNSET:
            field_dict["pin"] = pin

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gpu_demand import GpuDemand  # noqa: PLC0415
        from ..models.phase_pin import PhasePin  # noqa: PLC0415
        from ..models.requirement import Requirement  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        duration = d.pop("duration")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_duration_range(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                duration_range_type_0 = []
                _duration_range_type_0 = data
                for duration_range_type_0_item_data in _duration_range_type_0:

                    def _parse_duration_range_type_0_item(data: object) -> int:
                        return cast(int, data)

                    duration_range_type_0_item = _parse_duration_range_type_0_item(duration_range_type_0_item_data)

                    duration_range_type_0.append(duration_range_type_0_item)

                return duration_range_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        duration_range = _parse_duration_range(d.pop("duration_range", UNSET))

        _requires = d.pop("requires", UNSET)
        requires: list[Requirement] | Unset = UNSET
        if _requires is not UNSET:
            requires = []
            for requires_item_data in _requires:
                requires_item = Requirement.from_dict(requires_item_data)

                requires.append(requires_item)

        _gpus = d.pop("gpus", UNSET)
        gpus: list[GpuDemand] | Unset = UNSET
        if _gpus is not UNSET:
            gpus = []
            for gpus_item_data in _gpus:
                gpus_item = GpuDemand.from_dict(gpus_item_data)

                gpus.append(gpus_item)

        def _parse_after(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                after_type_0 = cast(list[str], data)

                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        after = _parse_after(d.pop("after", UNSET))

        def _parse_gated_by_approval(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        gated_by_approval = _parse_gated_by_approval(d.pop("gated_by_approval", UNSET))

        def _parse_pin(data: object) -> None | PhasePin | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pin_type_0 = PhasePin.from_dict(data)

                return pin_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PhasePin | Unset, data)

        pin = _parse_pin(d.pop("pin", UNSET))

        phase = cls(
            id=id,
            duration=duration,
            name=name,
            duration_range=duration_range,
            requires=requires,
            gpus=gpus,
            after=after,
            gated_by_approval=gated_by_approval,
            pin=pin,
        )

        return phase
