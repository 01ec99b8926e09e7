"""Reading scenarios and schedules from YAML or JSON, with errors that name the field path."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from zenplan.models.rules import Problem, ScenarioRuleError, format_loc
from zenplan.models.safe_yaml import MAX_DEPTH, DocumentTooComplex, check_nesting, load_yaml
from zenplan.models.scenario import Scenario
from zenplan.models.schedule import Schedule

_SURROGATE = re.compile("[\ud800-\udfff]")


class InputError(ValueError):
    """A user's input is wrong; ``problems`` lists each mistake with its field path and value."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        lines = "\n".join(f"  {_describe(p)}" for p in problems)
        super().__init__(f"{source}: {len(problems)} problem(s)\n{lines}")


def _describe(problem: Problem) -> str:
    text = str(problem)
    value = problem.value
    if value is None or isinstance(value, dict | list):
        return text
    if isinstance(value, str) and (repr(value) in text or value in problem.message.split()):
        return text  # the message already quotes it
    return f"{text} (got {value!r})"


def problems_of(error: ValidationError) -> list[Problem]:
    """Pydantic's errors as problems; rule errors keep the paths they carry."""
    problems: list[Problem] = []
    for detail in error.errors():
        cause = (detail.get("ctx") or {}).get("error")
        if isinstance(cause, ScenarioRuleError):
            prefix = tuple(detail["loc"])
            problems += [Problem(prefix + p.loc, p.message, p.value) for p in cause.problems]
            continue
        message = detail["msg"].removeprefix("Value error, ")
        value = detail.get("input")
        if detail["type"] == "missing":
            value = None
        if isinstance(value, dict):
            value = None
        problems.append(Problem(tuple(detail["loc"]), message, value))
    return problems


def read_document(path: str | Path) -> Any:
    """Parse a YAML or JSON file (JSON is YAML; the suffix picks the clearer parser)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), [Problem((), "file not found")]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), [Problem((), f"cannot read the file: {error}")]) from None
    return parse_text(text, str(path), json_first=path.suffix.lower() == ".json")


def parse_text(text: str, source: str, json_first: bool = False) -> Any:
    """Parse YAML or JSON text with bounded work: alias bombs, deep nesting and text that is
    not Unicode are refused with an ``InputError`` naming the cause."""
    try:
        data = json.loads(text) if json_first else load_yaml(text)
        check_nesting(data)
    except DocumentTooComplex as error:
        raise InputError(source, [Problem((), f"document too complex: {error}")]) from None
    except RecursionError:
        message = f"document too complex: nested more than {MAX_DEPTH} levels deep"
        raise InputError(source, [Problem((), message)]) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InputError(source, [Problem((), f"invalid JSON at {where}: {error.msg}")]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise InputError(source, [Problem((), f"invalid YAML{where}: {problem}")]) from None
    problems = _surrogates(data)
    if problems:
        raise InputError(source, problems)
    return data


def _surrogates(data: Any) -> list[Problem]:
    """Text holding a lone UTF-16 surrogate (JSON's "\\ud800") is not Unicode: refused."""
    problems: list[Problem] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack and len(problems) < 10:
        value, loc = stack.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                problems.append(Problem(loc, "text holds an unpaired surrogate (not Unicode)"))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    problems.append(Problem(loc, "a key holds an unpaired surrogate"))
                stack.append((item, (*loc, str(key))))
        elif isinstance(value, list):
            stack.extend((item, (*loc, i)) for i, item in enumerate(value))
    return problems


def parse_scenario(data: Any, source: str = "scenario") -> Scenario:
    """Validate a parsed document as a Scenario, or raise InputError listing every problem."""
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise InputError(source, [Problem((), f"expected a mapping of keys, got {kind}")])
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise InputError(source, problems_of(error)) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file (YAML or JSON)."""
    return parse_scenario(read_document(path), str(path))


def load_schedule(path: str | Path) -> Schedule:
    """Read a schedule JSON (or YAML) file, e.g. one written by hand."""
    data = read_document(path)
    if not isinstance(data, dict):
        raise InputError(str(path), [Problem((), "expected a schedule object")])
    try:
        return Schedule.model_validate(data)
    except ValidationError as error:
        raise InputError(str(path), problems_of(error)) from None


__all__ = [
    "InputError",
    "format_loc",
    "load_scenario",
    "load_schedule",
    "parse_scenario",
    "parse_text",
    "problems_of",
    "read_document",
]
