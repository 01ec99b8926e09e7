from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.objective_breakdown_portfolio import ObjectiveBreakdownPortfolio
    from ..models.objective_breakdown_projects import ObjectiveBreakdownProjects
    from ..models.objective_breakdown_terms import ObjectiveBreakdownTerms


T = TypeVar("T", bound="ObjectiveBreakdown")


@_attrs_define
class ObjectiveBreakdown:
    """The objective in parts that sum to it: by term (value earned, and the lateness, cost,
    makespan, balance and stability charged, with their signs) and by project (each selected
    project's own terms; makespan and balance belong to the portfolio).

        Attributes:
            terms (ObjectiveBreakdownTerms | Unset):
            projects (ObjectiveBreakdownProjects | Unset):
            portfolio (ObjectiveBreakdownPortfolio | Unset):
    """

    terms: ObjectiveBreakdownTerms | Unset = UNSET
    projects: ObjectiveBreakdownProjects | Unset = UNSET
    portfolio: ObjectiveBreakdownPortfolio | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        terms: dict[str, Any] | Unset = UNSET
        if not isinstance(self.terms, Unset):
            terms = self.terms.to_dict()

        projects: dict[str, Any] | Unset = UNSET
        if not isinstance(self.projects, Unset):
            projects = self.projects.to_dict()

        portfolio: dict[str, Any] | Unset = UNSET
        if not isinstance(self.portfolio, Unset):
            portfolio = self.portfolio.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if terms is not UNSET:
            field_dict["terms"] = terms
        if projects is not UNSET:
            field_dict["projects"] = projects
        if portfolio is not UNSET:
            field_dict["portfolio"] = portfolio

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.objective_breakdown_portfolio import ObjectiveBreakdownPortfolio  # noqa: PLC0415
        from ..models.objective_breakdown_projects import ObjectiveBreakdownProjects  # noqa: PLC0415
        from ..models.objective_breakdown_terms import ObjectiveBreakdownTerms  # noqa: PLC0415

        d = dict(src_dict)
        _terms = d.pop("terms", UNSET)
        terms: ObjectiveBreakdownTerms | Unset
        if isinstance(_terms, Unset):
            terms = UNSET
        else:
            terms = ObjectiveBreakdownTerms.from_dict(_terms)

        _projects = d.pop("projects", UNSET)
        projects: ObjectiveBreakdownProjects | Unset
        if isinstance(_projects, Unset):
            projects = UNSET
        else:
            projects = ObjectiveBreakdownProjects.from_dict(_projects)

        _portfolio = d.pop("portfolio", UNSET)
        portfolio: ObjectiveBreakdownPortfolio | Unset
        if isinstance(_portfolio, Unset):
            portfolio = UNSET
        else:
            portfolio = ObjectiveBreakdownPortfolio.from_dict(_portfolio)

        objective_breakdown = cls(
            terms=terms,
            projects=projects,
            portfolio=portfolio,
        )

        objective_breakdown.additional_properties = d
        return objective_breakdown

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
