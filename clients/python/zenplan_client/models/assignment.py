from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Assignment")


@_attrs_define
class Assignment:
    """One person on one phase (or dataset acquisition) of the schedule.

    Attributes:
        kind (str):
        project (str):
        sponsor (None | str):
        phase (str):
        person (str):
        skill (str):
        start (int):
        end (int):
        start_date (datetime.date | None):
        end_date (datetime.date | None):
        gpus (str):
        share (float | Unset):  Default: 1.0.
    """

    kind: str
    project: str
    sponsor: None | str
    phase: str
    person: str
    skill: str
    start: int
    end: int
    start_date: datetime.date | None
    end_date: datetime.date | None
    gpus: str
    share: float | Unset = 1.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        project = self.project

        sponsor: None | str
        sponsor = self.sponsor

        phase = self.phase

        person = self.person

        skill = self.skill

        start = self.start

        end = self.end

        start_date: None | str
        if isinstance(self.start_date, datetime.date):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str
        if isinstance(self.end_date, datetime.date):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        gpus = self.gpus

        share = self.share

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "project": project,
                "sponsor": sponsor,
                "phase": phase,
                "person": person,
                "skill": skill,
                "start": start,
                "end": end,
                "start_date": start_date,
                "end_date": end_date,
                "gpus": gpus,
            }
        )
        if share is not UNSET:
            field_dict["share"] = share

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = d.pop("kind")

        project = d.pop("project")

        def _parse_sponsor(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sponsor = _parse_sponsor(d.pop("sponsor"))

        phase = d.pop("phase")

        person = d.pop("person")

        skill = d.pop("skill")

        start = d.pop("start")

        end = d.pop("end")

        def _parse_start_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.date.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        start_date = _parse_start_date(d.pop("start_date"))

        def _parse_end_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.date.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        end_date = _parse_end_date(d.pop("end_date"))

        gpus = d.pop("gpus")

        share = d.pop("share", UNSET)

        assignment = cls(
            kind=kind,
            project=project,
            sponsor=sponsor,
            phase=phase,
            person=person,
            skill=skill,
            start=start,
            end=end,
            start_date=start_date,
            end_date=end_date,
            gpus=gpus,
            share=share,
        )

        assignment.additional_properties = d
        return assignment

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
