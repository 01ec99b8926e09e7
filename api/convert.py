"""The one conversion between what the service stores and what the solver reads.

A scenario arrives as a parsed document (JSON, YAML or a workbook), is validated once
into a ``models.Scenario`` and stored as JSON text; ``scenario_of`` turns a stored version
back into a ``models.Scenario``. No database row ever reaches the solver.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from zenplan.models import InputError, Problem, Scenario, Schedule, parse_scenario
from zenplan.models.rules import Loc
from zenplan.models.scenario import Incident


def _nul_characters(value: Any, loc: Loc = ()) -> list[Problem]:
    """Text with NUL characters cannot be stored (PostgreSQL refuses it)."""
    if isinstance(value, str):
        return [Problem(loc, "text may not contain NUL characters", value)] if "\0" in value else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _nul_characters(item, (*loc, str(key)))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _nul_characters(item, (*loc, i))]
    return []


def validate_document(data: Any, source: str) -> tuple[Scenario, str]:
    """Validate a parsed scenario document: the scenario and the JSON text to store.

    Raises ``InputError`` naming each wrong field, its value and what is wrong.
    """
    problems = _nul_characters(data)
    if problems:
        raise InputError(source, problems)
    try:
        scenario = parse_scenario(data, source)
    except InputError:
        raise
    except (ArithmeticError, ValueError, TypeError) as error:
        # e.g. a date so far ahead that the calendar overflows
        raise InputError(source, [Problem((), f"cannot read the scenario: {error}")]) from None
    document = scenario.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return scenario, json.dumps(document, separators=(",", ":"))


@lru_cache(maxsize=32)
def _scenario_from_text(document: str, source: str) -> Scenario:
    return parse_scenario(json.loads(document), source)


def scenario_of(document: str, scenario_id: int, version: int) -> Scenario:
    """A stored scenario version (its JSON text) as a ``models.Scenario``.

    Versions never change, so the result is cached; callers must not modify it.
    """
    return _scenario_from_text(document, f"scenario {scenario_id} version {version}")


def schedule_of(document: str) -> Schedule:
    """A stored schedule (its JSON text) as a ``models.Schedule``."""
    return Schedule.model_validate_json(document)


def replan_scenario(
    scenario: Scenario, raw: Sequence[Any], source: str
) -> tuple[list[Incident], Scenario]:
    """Incidents sent with a replan, checked as the CLI checks them
    (``scheduler.replan.merge_incidents``), after the service's own rule on stored text."""
    problems = _nul_characters(list(raw), ("incidents",))
    if problems:
        raise InputError(source, problems)
    from zenplan.scheduler.replan import merge_incidents

    return merge_incidents(scenario, raw, source)
