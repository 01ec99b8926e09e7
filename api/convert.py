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
    """Incidents sent with a replan (parsed documents), checked against ``scenario``, and the
    scenario that replan plans: every incident's refresh work as a mandatory project.

    They are merged into the scenario's document and validated with it, so the rules that
    need the scenario (known project, date inside the horizon, known GPU pools) hold. Raises
    ``InputError`` whose problems are located at ``("incidents", i, ...)``, ``i`` counting
    the given incidents only.
    """
    own = len(scenario.incidents)
    document = scenario.model_dump(mode="json", by_alias=True, exclude_unset=True)
    document["incidents"] = [*document.get("incidents", []), *raw]
    try:
        merged, _ = validate_document(document, source)
    except InputError as error:
        raise InputError(source, _of_given(error.problems, own)) from None
    given = merged.incidents[own:]
    projects = {p.id for p in scenario.projects}
    taken = [
        Problem(
            ("incidents", i, "id"),
            f"{incident.id!r} is a project's id; the refresh work becomes a project with the "
            "incident's id, so it needs an id of its own",
            incident.id,
        )
        for i, incident in enumerate(given)
        if incident.id in projects
    ]
    if taken:
        raise InputError(source, taken)
    from zenplan.scheduler.replan import with_incidents

    try:
        full = with_incidents(scenario, given)
    except (InputError, ArithmeticError, ValueError, TypeError) as error:
        message = f"the refresh work of the incidents is not a valid project: {error}"
        raise InputError(source, [Problem(("incidents",), message)]) from None
    return given, full


def _of_given(problems: list[Problem], own: int) -> list[Problem]:
    """The problems of the merged document, located in the list of given incidents (the
    scenario's own incidents are valid; one is named only as the twin of a duplicate id)."""
    given: list[Problem] = []
    for problem in problems:
        loc = problem.loc
        if len(loc) >= 2 and loc[0] == "incidents" and isinstance(loc[1], int):
            if loc[1] >= own:
                where = ("incidents", loc[1] - own, *loc[2:])
                given.append(Problem(where, problem.message, problem.value))
        else:
            given.append(Problem(("incidents", *loc), problem.message, problem.value))
    return given or [Problem(("incidents",), p.message, p.value) for p in problems]
