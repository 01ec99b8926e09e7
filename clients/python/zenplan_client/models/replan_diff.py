from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.phase_move import PhaseMove
    from ..models.replan_diff_kpi_deltas import ReplanDiffKpiDeltas
    from ..models.staff_change import StaffChange


T = TypeVar("T", bound="ReplanDiff")


@_attrs_define
class ReplanDiff:
    """What a replan changed against its baseline, for phases planned from ``now`` on.

    Attributes:
        schedule_id (int):
        baseline_schedule_id (int):
        now (datetime.date):
        frozen_phases (int | None):
        moved_share (float): Share of the baseline's future phases that moved.
        moved (list[PhaseMove] | Unset):
        staff_changed (list[StaffChange] | Unset):
        added (list[str] | Unset):
        dropped (list[str] | Unset):
        kpi_deltas (ReplanDiffKpiDeltas | Unset):
        phases_compared (int | Unset):  Default: 0.
    """

    schedule_id: int
    baseline_schedule_id: int
    now: datetime.date
    frozen_phases: int | None
    moved_share: float
    moved: list[PhaseMove] | Unset = UNSET
    staff_changed: list[StaffChange] | Unset = UNSET
    added: list[str] | Unset = UNSET
    dropped: list[str] | Unset = UNSET
    kpi_deltas: ReplanDiffKpiDeltas | Unset = UNSET
    phases_compared: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        schedule_id = self.schedule_id

        baseline_schedule_id = self.baseline_schedule_id

        now = self.now.isoformat()

        frozen_phases: int | None
        frozen_phases = self.frozen_phases

        moved_share = self.moved_share

        moved: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.moved, Unset):
            moved = []
            for moved_item_data in self.moved:
                moved_item = moved_item_data.to_dict()
                moved.append(moved_item)

        staff_changed: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.staff_changed, Unset):
            staff_changed = []
            for staff_changed_item_data in self.staff_changed:
                staff_changed_item = staff_changed_item_data.to_dict()
                staff_changed.append(staff_changed_item)

        added: list[str] | Unset = UNSET
        if not isinstance(self.added, Unset):
            added = self.added

        dropped: list[str] | Unset = UNSET
        if not isinstance(self.dropped, Unset):
            dropped = self.dropped

        kpi_deltas: dict[str, Any] | Unset = UNSET
        if not isinstance(self.kpi_deltas, Unset):
            kpi_deltas = self.kpi_deltas.to_dict()

        phases_compared = self.phases_compared

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "schedule_id": schedule_id,
                "baseline_schedule_id": baseline_schedule_id,
                "now": now,
                "frozen_phases": frozen_phases,
                "moved_share": moved_share,
            }
        )
        if moved is not UNSET:
            field_dict["moved"] = moved
        if staff_changed is not UNSET:
            field_dict["staff_changed"] = staff_changed
        if added is not UNSET:
            field_dict["added"] = added
        if dropped is not UNSET:
            field_dict["dropped"] = dropped
        if kpi_deltas is not UNSET:
            field_dict["kpi_deltas"] = kpi_deltas
        if phases_compared is not UNSET:
            field_dict["phases_compared"] = phases_compared

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.phase_move import PhaseMove  # noqa: PLC0415
        from ..models.replan_diff_kpi_deltas import ReplanDiffKpiDeltas  # noqa: PLC0415
        from ..models.staff_change import StaffChange  # noqa: PLC0415

        d = dict(src_dict)
        schedule_id = d.pop("schedule_id")

        baseline_schedule_id = d.pop("baseline_schedule_id")

        now = datetime.date.fromisoformat(d.pop("now"))

        def _parse_frozen_phases(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        frozen_phases = _parse_frozen_phases(d.pop("frozen_phases"))

        moved_share = d.pop("moved_share")

        _moved = d.pop("moved", UNSET)
        moved: list[PhaseMove] | Unset = UNSET
        if _moved is not UNSET:
            moved = []
            for moved_item_data in _moved:
                moved_item = PhaseMove.from_dict(moved_item_data)

                moved.append(moved_item)

        _staff_changed = d.pop("staff_changed", UNSET)
        staff_changed: list[StaffChange] | Unset = UNSET
        if _staff_changed is not UNSET:
            staff_changed = []
            for staff_changed_item_data in _staff_changed:
                staff_changed_item = StaffChange.from_dict(staff_changed_item_data)

                staff_changed.append(staff_changed_item)

        added = cast(list[str], d.pop("added", UNSET))

        dropped = cast(list[str], d.pop("dropped", UNSET))

        _kpi_deltas = d.pop("kpi_deltas", UNSET)
        kpi_deltas: ReplanDiffKpiDeltas | Unset
        if isinstance(_kpi_deltas, Unset):
            kpi_deltas = UNSET
        else:
            kpi_deltas = ReplanDiffKpiDeltas.from_dict(_kpi_deltas)

        phases_compared = d.pop("phases_compared", UNSET)

        replan_diff = cls(
            schedule_id=schedule_id,
            baseline_schedule_id=baseline_schedule_id,
            now=now,
            frozen_phases=frozen_phases,
            moved_share=moved_share,
            moved=moved,
            staff_changed=staff_changed,
            added=added,
            dropped=dropped,
            kpi_deltas=kpi_deltas,
            phases_compared=phases_compared,
        )

        replan_diff.additional_properties = d
        return replan_diff

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
