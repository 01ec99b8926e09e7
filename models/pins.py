"""Pins given apart from the scenario (to `zenplan replan`, the replan API): each entry pins
a project's selection or parts of one phase, and is written into a copy of the scenario."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import Field, TypeAdapter, ValidationError

from zenplan.models.loading import InputError, parse_scenario, problems_of
from zenplan.models.rules import Problem
from zenplan.models.scenario import DateRange, Id, Scenario, Strict


class Pin(Strict):
    """One pin: ``selected`` for a project, or the parts of ``phase`` to fix."""

    project: Id
    phase: Id | None = None
    selected: bool | None = Field(None, description="Pin the project selected or not.")
    start: date | None = None
    start_window: DateRange | None = None
    people: list[Id] | None = None
    gpu_pool: Id | None = None


def with_pins(scenario: Scenario, pins: Sequence[Pin], where: str = "pins") -> Scenario:
    """The scenario with the pins added (a phase's pin fields replace those it had); errors
    name ``where[i]`` for unknown projects and phases, and the scenario's own paths else."""
    document = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    projects = {p["id"]: p for p in document["projects"]}
    problems = []
    for i, pin in enumerate(pins):
        project = projects.get(pin.project)
        if project is None:
            problems.append(
                Problem((where, i, "project"), f"unknown project {pin.project!r}", pin.project)
            )
            continue
        if pin.selected is not None:
            project["pin"] = "selected" if pin.selected else "not_selected"
        if pin.phase is None:
            continue
        phase = next((p for p in project["phases"] if p["id"] == pin.phase), None)
        if phase is None:
            problems.append(
                Problem(
                    (where, i, "phase"), f"unknown phase {pin.phase!r} of {pin.project}", pin.phase
                )
            )
            continue
        fields: dict[str, Any] = pin.model_dump(
            mode="json", by_alias=True, exclude_none=True, exclude={"project", "phase", "selected"}
        )
        phase["pin"] = {**phase.get("pin", {}), **fields}
    if problems:
        raise InputError(where, problems)
    return parse_scenario(document, where)


def parse_pins(data: Any, source: str = "pins") -> list[Pin]:
    """A list of pins from a parsed document (a list, or a mapping with key `pins`)."""
    if isinstance(data, dict) and "pins" in data:
        data = data["pins"]
    try:
        return TypeAdapter(list[Pin]).validate_python(data)
    except ValidationError as error:
        problems = [Problem(("pins", *p.loc), p.message, p.value) for p in problems_of(error)]
        raise InputError(source, problems) from None
