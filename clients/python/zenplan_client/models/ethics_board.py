from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EthicsBoard")


@_attrs_define
class EthicsBoard:
    """
    Attributes:
        capacity (int | Unset): Reviews in progress at once. Default: 1.
        review_duration (int | Unset): Periods one review takes. Default: 1.
        meeting_every (int | Unset): Approvals are granted at periods k*n. Default: 1.
    """

    capacity: int | Unset = 1
    review_duration: int | Unset = 1
    meeting_every: int | Unset = 1

    def to_dict(self) -> dict[str, Any]:
        capacity = self.capacity

        review_duration = self.review_duration

        meeting_every = self.meeting_every

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if capacity is not UNSET:
            field_dict["capacity"] = capacity
        if review_duration is not UNSET:
            field_dict["review_duration"] = review_duration
        if meeting_every is not UNSET:
            field_dict["meeting_every"] = meeting_every

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        capacity = d.pop("capacity", UNSET)

        review_duration = d.pop("review_duration", UNSET)

        meeting_every = d.pop("meeting_every", UNSET)

        ethics_board = cls(
            capacity=capacity,
            review_duration=review_duration,
            meeting_every=meeting_every,
        )

        return ethics_board
