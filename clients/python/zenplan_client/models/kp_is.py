from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.kp_is_delivered_by_size import KPIsDeliveredBySize
    from ..models.kp_is_delivered_by_sponsor import KPIsDeliveredBySponsor
    from ..models.kp_is_flow_efficiency_by_project import KPIsFlowEfficiencyByProject
    from ..models.kp_is_gpu_utilization import KPIsGpuUtilization
    from ..models.kp_is_load import KPIsLoad
    from ..models.kp_is_skill_utilization import KPIsSkillUtilization
    from ..models.kp_is_sponsor_share import KPIsSponsorShare
    from ..models.kp_is_utilization import KPIsUtilization


T = TypeVar("T", bound="KPIs")


@_attrs_define
class KPIs:
    """
    Attributes:
        value (float | Unset):  Default: 0.0.
        cost (float | Unset):  Default: 0.0.
        roi (float | None | Unset):  Default: 0.0.
        delivered (int | Unset):  Default: 0.
        delivered_by_size (KPIsDeliveredBySize | Unset):
        delivered_by_sponsor (KPIsDeliveredBySponsor | Unset):
        late (int | Unset):  Default: 0.
        lateness_periods (int | Unset):  Default: 0.
        makespan (int | Unset):  Default: 0.
        max_delivery_gap (int | Unset):  Default: 0.
        flow_efficiency (float | Unset):  Default: 0.0.
        flow_efficiency_by_project (KPIsFlowEfficiencyByProject | Unset):
        utilization (KPIsUtilization | Unset):
        gpu_utilization (KPIsGpuUtilization | Unset):
        skill_utilization (KPIsSkillUtilization | Unset):
        sponsor_share (KPIsSponsorShare | Unset):
        load (KPIsLoad | Unset):
        reuse_saved_periods (int | Unset):  Default: 0.
    """

    value: float | Unset = 0.0
    cost: float | Unset = 0.0
    roi: float | None | Unset = 0.0
    delivered: int | Unset = 0
    delivered_by_size: KPIsDeliveredBySize | Unset = UNSET
    delivered_by_sponsor: KPIsDeliveredBySponsor | Unset = UNSET
    late: int | Unset = 0
    lateness_periods: int | Unset = 0
    makespan: int | Unset = 0
    max_delivery_gap: int | Unset = 0
    flow_efficiency: float | Unset = 0.0
    flow_efficiency_by_project: KPIsFlowEfficiencyByProject | Unset = UNSET
    utilization: KPIsUtilization | Unset = UNSET
    gpu_utilization: KPIsGpuUtilization | Unset = UNSET
    skill_utilization: KPIsSkillUtilization | Unset = UNSET
    sponsor_share: KPIsSponsorShare | Unset = UNSET
    load: KPIsLoad | Unset = UNSET
    reuse_saved_periods: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        value = self.value

        cost = self.cost

        roi: float | None | Unset
        if isinstance(self.roi, Unset):
            roi = UNSET
        else:
            roi = self.roi

        delivered = self.delivered

        delivered_by_size: dict[str, Any] | Unset = UNSET
        if not isinstance(self.delivered_by_size, Unset):
            delivered_by_size = self.delivered_by_size.to_dict()

        delivered_by_sponsor: dict[str, Any] | Unset = UNSET
        if not isinstance(self.delivered_by_sponsor, Unset):
            delivered_by_sponsor = self.delivered_by_sponsor.to_dict()

        late = self.late

        lateness_periods = self.lateness_periods

        makespan = self.makespan

        max_delivery_gap = self.max_delivery_gap

        flow_efficiency = self.flow_efficiency

        flow_efficiency_by_project: dict[str, Any] | Unset = UNSET
        if not isinstance(self.flow_efficiency_by_project, Unset):
            flow_efficiency_by_project = self.flow_efficiency_by_project.to_dict()

        utilization: dict[str, Any] | Unset = UNSET
        if not isinstance(self.utilization, Unset):
            utilization = self.utilization.to_dict()

        gpu_utilization: dict[str, Any] | Unset = UNSET
        if not isinstance(self.gpu_utilization, Unset):
            gpu_utilization = self.gpu_utilization.to_dict()

        skill_utilization: dict[str, Any] | Unset = UNSET
        if not isinstance(self.skill_utilization, Unset):
            skill_utilization = self.skill_utilization.to_dict()

        sponsor_share: dict[str, Any] | Unset = UNSET
        if not isinstance(self.sponsor_share, Unset):
            sponsor_share = self.sponsor_share.to_dict()

        load: dict[str, Any] | Unset = UNSET
        if not isinstance(self.load, Unset):
            load = self.load.to_dict()

        reuse_saved_periods = self.reuse_saved_periods

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if value is not UNSET:
            field_dict["value"] = value
        if cost is not UNSET:
            field_dict["cost"] = cost
        if roi is not UNSET:
            field_dict["roi"] = roi
        if delivered is not UNSET:
            field_dict["delivered"] = delivered
        if delivered_by_size is not UNSET:
            field_dict["delivered_by_size"] = delivered_by_size
        if delivered_by_sponsor is not UNSET:
            field_dict["delivered_by_sponsor"] = delivered_by_sponsor
        if late is not UNSET:
            field_dict["late"] = late
        if lateness_periods is not UNSET:
            field_dict["lateness_periods"] = lateness_periods
        if makespan is not UNSET:
            field_dict["makespan"] = makespan
        if max_delivery_gap is not UNSET:
            field_dict["max_delivery_gap"] = max_delivery_gap
        if flow_efficiency is not UNSET:
            field_dict["flow_efficiency"] = flow_efficiency
        if flow_efficiency_by_project is not UNSET:
            field_dict["flow_efficiency_by_project"] = flow_efficiency_by_project
        if utilization is not UNSET:
            field_dict["utilization"] = utilization
        if gpu_utilization is not UNSET:
            field_dict["gpu_utilization"] = gpu_utilization
        if skill_utilization is not UNSET:
            field_dict["skill_utilization"] = skill_utilization
        if sponsor_share is not UNSET:
            field_dict["sponsor_share"] = sponsor_share
        if load is not UNSET:
            field_dict["load"] = load
        if reuse_saved_periods is not UNSET:
            field_dict["reuse_saved_periods"] = reuse_saved_periods

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.kp_is_delivered_by_size import KPIsDeliveredBySize  # noqa: PLC0415
        from ..models.kp_is_delivered_by_sponsor import KPIsDeliveredBySponsor  # noqa: PLC0415
        from ..models.kp_is_flow_efficiency_by_project import KPIsFlowEfficiencyByProject  # noqa: PLC0415
        from ..models.kp_is_gpu_utilization import KPIsGpuUtilization  # noqa: PLC0415
        from ..models.kp_is_load import KPIsLoad  # noqa: PLC0415
        from ..models.kp_is_skill_utilization import KPIsSkillUtilization  # noqa: PLC0415
        from ..models.kp_is_sponsor_share import KPIsSponsorShare  # noqa: PLC0415
        from ..models.kp_is_utilization import KPIsUtilization  # noqa: PLC0415

        d = dict(src_dict)
        value = d.pop("value", UNSET)

        cost = d.pop("cost", UNSET)

        def _parse_roi(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        roi = _parse_roi(d.pop("roi", UNSET))

        delivered = d.pop("delivered", UNSET)

        _delivered_by_size = d.pop("delivered_by_size", UNSET)
        delivered_by_size: KPIsDeliveredBySize | Unset
        if isinstance(_delivered_by_size, Unset):
            delivered_by_size = UNSET
        else:
            delivered_by_size = KPIsDeliveredBySize.from_dict(_delivered_by_size)

        _delivered_by_sponsor = d.pop("delivered_by_sponsor", UNSET)
        delivered_by_sponsor: KPIsDeliveredBySponsor | Unset
        if isinstance(_delivered_by_sponsor, Unset):
            delivered_by_sponsor = UNSET
        else:
            delivered_by_sponsor = KPIsDeliveredBySponsor.from_dict(_delivered_by_sponsor)

        late = d.pop("late", UNSET)

        lateness_periods = d.pop("lateness_periods", UNSET)

        makespan = d.pop("makespan", UNSET)

        max_delivery_gap = d.pop("max_delivery_gap", UNSET)

        flow_efficiency = d.pop("flow_efficiency", UNSET)

        _flow_efficiency_by_project = d.pop("flow_efficiency_by_project", UNSET)
        flow_efficiency_by_project: KPIsFlowEfficiencyByProject | Unset
        if isinstance(_flow_efficiency_by_project, Unset):
            flow_efficiency_by_project = UNSET
        else:
            flow_efficiency_by_project = KPIsFlowEfficiencyByProject.from_dict(_flow_efficiency_by_project)

        _utilization = d.pop("utilization", UNSET)
        utilization: KPIsUtilization | Unset
        if isinstance(_utilization, Unset):
            utilization = UNSET
        else:
            utilization = KPIsUtilization.from_dict(_utilization)

        _gpu_utilization = d.pop("gpu_utilization", UNSET)
        gpu_utilization: KPIsGpuUtilization | Unset
        if isinstance(_gpu_utilization, Unset):
            gpu_utilization = UNSET
        else:
            gpu_utilization = KPIsGpuUtilization.from_dict(_gpu_utilization)

        _skill_utilization = d.pop("skill_utilization", UNSET)
        skill_utilization: KPIsSkillUtilization | Unset
        if isinstance(_skill_utilization, Unset):
            skill_utilization = UNSET
        else:
            skill_utilization = KPIsSkillUtilization.from_dict(_skill_utilization)

        _sponsor_share = d.pop("sponsor_share", UNSET)
        sponsor_share: KPIsSponsorShare | Unset
        if isinstance(_sponsor_share, Unset):
            sponsor_share = UNSET
        else:
            sponsor_share = KPIsSponsorShare.from_dict(_sponsor_share)

        _load = d.pop("load", UNSET)
        load: KPIsLoad | Unset
        if isinstance(_load, Unset):
            load = UNSET
        else:
            load = KPIsLoad.from_dict(_load)

        reuse_saved_periods = d.pop("reuse_saved_periods", UNSET)

        kp_is = cls(
            value=value,
            cost=cost,
            roi=roi,
            delivered=delivered,
            delivered_by_size=delivered_by_size,
            delivered_by_sponsor=delivered_by_sponsor,
            late=late,
            lateness_periods=lateness_periods,
            makespan=makespan,
            max_delivery_gap=max_delivery_gap,
            flow_efficiency=flow_efficiency,
            flow_efficiency_by_project=flow_efficiency_by_project,
            utilization=utilization,
            gpu_utilization=gpu_utilization,
            skill_utilization=skill_utilization,
            sponsor_share=sponsor_share,
            load=load,
            reuse_saved_periods=reuse_saved_periods,
        )

        kp_is.additional_properties = d
        return kp_is

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
