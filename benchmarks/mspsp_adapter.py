"""MSPSP multi-skill project scheduling instances (MiniZinc ``.dzn``) as zenplan scenarios.

The instances of Young, Feydy & Schutt (CP 2017; github youngkd/MSPSP-InstLib) describe
activities with durations, the number of people each needs per skill (``sreq``), people
(``resources``) with the skills they master (``mastery``), and precedences. A person covers
one unit of one skill of one activity at a time: exactly zenplan's staffing rule, so an
instance becomes one ``must`` project whose phases are the activities, staffed by the people.

Mapping (numbers are the 1-based ones of the file):

- project: id = file stem, priority ``must``, value 0;
- activity ``i`` with duration > 0 -> phase ``a{i}``; the zero-duration dummies (first and
  last activity) are dropped and precedence is rewired through them; every phase carries an
  explicit ``after`` list;
- ``sreq[i, j] = n > 0`` -> ``requires: [{skill: s{j}, level: 1, count: n}]``;
- resource ``r`` -> person ``r{r}`` with ``skills: {s{j}: 1}`` for every mastered skill;
- calendar: start 2027-01-04, period ``day``, horizon = the sum of the durations (``maxt``);
- objective: makespan only.

``unpred``/``unsucc`` (the "unrelated" pairs) are *not* a rule: the format description
(``format-description.pdf``) lists them with ``USEFUL_RES`` and ``POTENTIAL_ACT`` as data
"derived from the basic data ... computed in a preprocessing step to improve the solve
times": the pairs of activities that no chain of precedences orders, i.e. the pairs that *may*
overlap. They carry no information beyond ``pred``/``succ``; :func:`derived_data_problems`
recomputes them (and the useful resources) and reports any difference, so a file that meant
something else would be noticed instead of silently mis-modelled.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zenplan.benchmarks.graph import ancestors, real_predecessors
from zenplan.models import Scenario, parse_scenario

CALENDAR_START = date(2027, 1, 4)

_RESULTS_NAME = re.compile(r"results_(?P<params>.+)_pris\.txt")


@dataclass(frozen=True)
class MspspInstance:
    """The basic data of an MSPSP ``.dzn`` file, activities and resources 0-based here."""

    name: str
    durations: list[int]
    skill_requirements: list[list[int]]  # [activity][skill] -> people needed
    mastery: list[list[bool]]  # [resource][skill]
    precedences: list[tuple[int, int]]  # (predecessor, successor)
    unrelated: list[tuple[int, int]]  # derived data: pairs no precedence chain orders
    useful_resources: list[set[int]] | None = None  # derived data, when the file has it

    @property
    def num_activities(self) -> int:
        return len(self.durations)

    @property
    def num_skills(self) -> int:
        return len(self.skill_requirements[0]) if self.skill_requirements else 0

    @property
    def num_resources(self) -> int:
        return len(self.mastery)

    def predecessors(self) -> list[list[int]]:
        """Direct predecessors of every activity."""
        found: list[list[int]] = [[] for _ in self.durations]
        for pred, succ in self.precedences:
            found[succ].append(pred)
        return found


def parse_dzn(text: str) -> dict[str, Any]:
    """The assignments of a MiniZinc data file: ints, bools, 1-d and 2-d arrays, int sets.

    ``name = value;`` with ``%`` comments; ``[a, b]`` is a list, ``[| a, b | c, d |]`` a list of
    rows, ``{a, b}`` a set. Enough for the MSPSP files; other MiniZinc syntax is refused.
    """
    text = re.sub(r"%[^\n]*", "", text)
    values: dict[str, Any] = {}
    for statement in text.split(";"):
        statement = statement.strip()
        if not statement:
            continue
        name, equals, value = statement.partition("=")
        if not equals:
            raise ValueError(f"not a MiniZinc assignment: {statement[:40]!r}")
        values[name.strip()] = _dzn_value(value.strip())
    return values


def _dzn_value(text: str) -> Any:
    if text.startswith("[|"):
        rows = [row.strip() for row in text[2:].removesuffix("]").strip().split("|")]
        return [[_dzn_scalar(x) for x in row.split(",") if x.strip()] for row in rows if row]
    if text.startswith("["):
        inner = text[1:].removesuffix("]")
        if "{" in inner:
            return [
                {int(x) for x in group.split(",") if x.strip()}
                for group in re.findall(r"\{([^}]*)\}", inner)
            ]
        return [_dzn_scalar(x) for x in inner.split(",") if x.strip()]
    if text.startswith("{"):
        return {int(x) for x in text[1:].removesuffix("}").split(",") if x.strip()}
    return _dzn_scalar(text)


def _dzn_scalar(text: str) -> int | bool:
    text = text.strip()
    if text in ("true", "false"):
        return text == "true"
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"unsupported MiniZinc value {text!r}") from None


def read_mspsp(path: str | Path) -> MspspInstance:
    """Read an MSPSP ``.dzn`` instance; sizes are checked against the counts it declares."""
    path = Path(path)
    data = parse_dzn(path.read_text(encoding="utf-8"))
    try:
        durations = list(data["dur"])
        requirements = [list(row) for row in data["sreq"]]
        mastery = [[bool(x) for x in row] for row in data["mastery"]]
        pred, succ = list(data["pred"]), list(data["succ"])
        unpred, unsucc = list(data.get("unpred", [])), list(data.get("unsucc", []))
        counts = {
            "nActs": (data["nActs"], len(durations)),
            "sreq rows": (data["nActs"], len(requirements)),
            "nResources": (data["nResources"], len(mastery)),
            "nPrecs": (data["nPrecs"], len(pred)),
            "succ": (data["nPrecs"], len(succ)),
        }
        if "nUnrels" in data:
            counts["unpred"] = (data["nUnrels"], len(unpred))
            counts["unsucc"] = (data["nUnrels"], len(unsucc))
        skills = data["nSkills"]
    except KeyError as missing:
        raise ValueError(f"{path}: missing field {missing}") from None
    for what, (declared, found) in counts.items():
        if declared != found:
            raise ValueError(f"{path}: {what} declares {declared}, found {found}")
    for row in (*requirements, *mastery):
        if len(row) != skills:
            raise ValueError(f"{path}: a row has {len(row)} skills, nSkills is {skills}")
    useful = data.get("USEFUL_RES")
    return MspspInstance(
        name=path.stem,
        durations=durations,
        skill_requirements=requirements,
        mastery=mastery,
        precedences=[(p - 1, s - 1) for p, s in zip(pred, succ, strict=True)],
        unrelated=[(a - 1, b - 1) for a, b in zip(unpred, unsucc, strict=True)],
        useful_resources=[{r - 1 for r in group} for group in useful] if useful else None,
    )


def unrelated_pairs(instance: MspspInstance) -> set[tuple[int, int]]:
    """Pairs ``(a, b)``, ``a < b``, of real activities that no chain of precedences orders."""
    before = ancestors(instance.predecessors())
    real = [i for i, d in enumerate(instance.durations) if d > 0]
    return {
        (a, b)
        for position, a in enumerate(real)
        for b in real[position + 1 :]
        if a not in before[b] and b not in before[a]
    }


def derived_data_problems(instance: MspspInstance) -> list[str]:
    """Where the file's derived data (unrelated pairs, useful resources) disagrees with the
    basic data; empty when it is exactly what the format description says it is."""
    problems: list[str] = []
    given = {(min(a, b), max(a, b)) for a, b in instance.unrelated}
    computed = unrelated_pairs(instance)
    if instance.unrelated and given != computed:
        problems.append(
            f"unrelated pairs: {len(given - computed)} listed but ordered by precedence, "
            f"{len(computed - given)} unordered but not listed"
        )
    if instance.useful_resources is not None:
        for activity, useful in enumerate(instance.useful_resources):
            needs = [j for j, n in enumerate(instance.skill_requirements[activity]) if n > 0]
            masters = {r for r, row in enumerate(instance.mastery) if any(row[j] for j in needs)}
            if useful != masters:
                problems.append(f"useful resources of activity {activity + 1} differ")
    return problems


def mspsp_document(path: str | Path) -> dict[str, Any]:
    """The scenario document (the mapping a YAML file would hold) of an MSPSP instance."""
    instance = read_mspsp(path)
    problems = derived_data_problems(instance)
    if problems:
        raise ValueError(f"{path}: derived data disagree with the basic data: {problems}")
    durations = instance.durations
    before = real_predecessors(durations, instance.predecessors())
    phases = [
        {
            "id": f"a{index + 1}",
            "duration": duration,
            "after": [f"a{pred + 1}" for pred in sorted(before[index])],
            "requires": [
                {"skill": f"s{skill + 1}", "level": 1, "count": count}
                for skill, count in enumerate(instance.skill_requirements[index])
                if count > 0
            ],
        }
        for index, duration in enumerate(durations)
        if duration > 0
    ]
    if not phases:
        raise ValueError(f"{path}: no activity has a positive duration")
    staff = [
        {
            "id": f"r{resource + 1}",
            "skills": {f"s{skill + 1}": 1 for skill, mastered in enumerate(row) if mastered},
        }
        for resource, row in enumerate(instance.mastery)
    ]
    return {
        "name": instance.name,
        "description": f"MSPSP multi-skill instance {Path(path).name}",
        "calendar": {
            "start": CALENDAR_START.isoformat(),
            "period": "day",
            "horizon": sum(durations),
        },
        "staff": staff,
        "projects": [
            {"id": instance.name, "priority": "must", "value": 0, "phases": phases},
        ],
        "objective": {"value": 0, "lateness": 0, "balance": 0, "cost": 0, "makespan": 1},
    }


def scenario_from_mspsp(path: str | Path) -> Scenario:
    """A validated zenplan scenario for an MSPSP ``.dzn`` instance."""
    return parse_scenario(mspsp_document(path), str(path))


@dataclass(frozen=True)
class MspspResult:
    """A published result: the best makespan found and whether it is proven optimal."""

    makespan: int
    optimal: bool
    lower_bound: int


def read_mspsp_reference(results_dir: str | Path) -> dict[str, MspspResult]:
    """Published results keyed by instance name (``.dzn`` stem).

    ``results_<params>_pris.txt`` has rows ``instNum,optimal,LB,makespan,...``, one per
    instance ``inst_<params>_<NN>.dzn`` in the order ``NN = 00, 01, ...``. The row's position,
    not ``instNum``, names the instance: in 20 set-2c files both rows say ``instNum = 0``, and
    in all 417 rows of the published sets the ``LB`` column equals the ``mint`` (critical
    path) of the instance at that position. Every file under ``results_dir`` is read, so the
    folder of one set or the folder of all sets can be given.
    """
    reference: dict[str, MspspResult] = {}
    for table in sorted(Path(results_dir).rglob("results_*_pris.txt")):
        match = _RESULTS_NAME.fullmatch(table.name)
        if match is None:
            continue
        with table.open(newline="", encoding="utf-8") as handle:
            for number, row in enumerate(csv.DictReader(handle)):
                name = f"inst_{match['params']}_{number:02d}"
                reference[name] = MspspResult(
                    makespan=int(row["makespan"]),
                    optimal=row["optimal"].strip() == "1",
                    lower_bound=int(row["LB"]),
                )
    return reference


__all__ = [
    "MspspInstance",
    "MspspResult",
    "derived_data_problems",
    "mspsp_document",
    "parse_dzn",
    "read_mspsp",
    "read_mspsp_reference",
    "scenario_from_mspsp",
    "unrelated_pairs",
]
