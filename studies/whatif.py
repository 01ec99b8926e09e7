"""What-if variants of a scenario: edits described on the command line or in a small file.

A ``--vary`` spec is one dimension of the comparison:

- ``PATH=V1,V2,...`` sets the field at a dotted path to each value in turn; list items are
  named by their id (``gpu_pools.a100.capacity=8,12,16``, ``projects.churn_v2.value=9000``,
  ``policies.rd_reserve=0,0.1``); values are read as YAML (``8``, ``true``, ``2027-03-01``);
- ``staff+=SKILL:LEVEL[,SKILL:LEVEL...][,cost_per_period:C]`` hires one person with those
  skills, or not; the hire is paid C per period over the whole horizon (default: the mean
  rate of the staff holding those skills);
- ``projects-=ID[,ID...]`` drops those projects, or not.

The variants are the cartesian product of the dimensions, less the one that changes
nothing (the baseline, which always runs). GPUs added to a pool cost its
``cost_per_gpu_period`` for every period of the horizon (set it in the same variant to price
them).

Differences are effects, not solver noise: the baseline is solved first, then the baseline
again and every variant deterministically (``SolveOptions.deterministic``) from the
baseline's plan, so a variant that changes nothing gives the same plan and a zero
difference. A variants file lists them by hand:
``[{name, changes: {PATH: value, "staff+": "skill:level", "projects-": [ids]}}]``. Each
variant document is validated on its own: a variant with a mistake fails alone, with a
message naming the change, the field path and the value.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import yaml

from zenplan.models.loading import read_document
from zenplan.models.safe_yaml import load_yaml
from zenplan.models.schedule import Schedule, summary_row
from zenplan.scheduler.options import SolveOptions
from zenplan.studies.batch import BatchResult, BatchTask, run_batch, unique_names
from zenplan.studies.executors import Executor

BASELINE = "baseline"
HIRE = "staff+"
DROP = "projects-"
COST_KEYS = ("cost_per_period", "cost")


@dataclass(frozen=True)
class Change:
    """One edit of a scenario document."""

    kind: Literal["set", "hire", "drop"]
    value: Any
    path: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        if self.kind == "set":
            return f"{'.'.join(self.path)}={_text(self.value)}"
        if self.kind == "hire":
            skills = self.value.get("skills", {}) if isinstance(self.value, dict) else {}
            return f"{HIRE}=" + ",".join(f"{s}:{level}" for s, level in skills.items())
        return f"{DROP}=" + ",".join(self.value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    return yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()


@dataclass(frozen=True)
class Variant:
    """A named set of changes; its document, or why it could not be made."""

    label: str
    changes: tuple[Change, ...]
    document: Any = None
    error: str | None = None


class VariantError(ValueError):
    """A change that cannot be applied to the document (an unknown id or key)."""


# --------------------------------------------------------------------------- parsing


def parse_vary(spec: str) -> list[Change | None]:
    """The alternatives of one ``--vary`` spec (``None``: leave the scenario as it is)."""
    spec = spec.strip()
    if spec.startswith(HIRE + "="):
        return [None, Change("hire", _person(spec, spec.removeprefix(HIRE + "=")))]
    if spec.startswith(DROP + "="):
        ids = [i.strip() for i in spec.removeprefix(DROP + "=").split(",") if i.strip()]
        if not ids:
            raise ValueError(f"--vary {spec!r}: name the projects to drop: projects-=ID[,ID]")
        return [None, Change("drop", ids)]
    path_text, equals, values_text = spec.partition("=")
    path = tuple(part.strip() for part in path_text.split("."))
    if not equals or not all(path) or not values_text.strip():
        raise ValueError(
            f"--vary {spec!r}: expected PATH=V1,V2,... (e.g. gpu_pools.a100.capacity=8,12), "
            "staff+=SKILL:LEVEL or projects-=ID"
        )
    return [Change("set", _value(v), path) for v in _split_values(values_text)]


def _split_values(text: str) -> list[str]:
    """Split at commas that are not inside brackets, so ``[a, b]`` stays one value."""
    values: list[str] = []
    depth = 0
    current = ""
    for char in text:
        depth += (char in "[{") - (char in "]}")
        if char == "," and depth == 0:
            values.append(current.strip())
            current = ""
        else:
            current += char
    values.append(current.strip())
    return values


def _value(text: str) -> Any:
    try:
        return load_yaml(text)
    except yaml.YAMLError:
        return text


def _person(spec: str, skills_text: str) -> dict[str, Any]:
    """A hired person's document from ``skill:level,skill:level``."""
    skills: dict[str, Any] = {}
    for item in skills_text.split(","):
        skill, colon, level = item.strip().partition(":")
        if not skill or not colon or not level.strip():
            raise ValueError(
                f"--vary {spec!r}: expected staff+=SKILL:LEVEL[,SKILL:LEVEL], "
                f"e.g. staff+=data_science:4 (got {item.strip()!r})"
            )
        skills[skill.strip()] = _value(level.strip())
    person: dict[str, Any] = {"skills": skills}
    for key in COST_KEYS:
        if key in skills:
            person["cost_per_period"] = skills.pop(key)
    return person


def variants_from_varies(specs: Sequence[str]) -> list[Variant]:
    """Every combination of the alternatives of the specs, except the one changing nothing."""
    dimensions = [parse_vary(spec) for spec in specs]
    variants: list[Variant] = []
    for combination in itertools.product(*dimensions):
        changes = tuple(c for c in combination if c is not None)
        if changes:
            variants.append(Variant(" ".join(c.label for c in changes), changes))
    return variants


def variants_from_file(path: Path) -> list[Variant]:
    """Variants listed in a YAML or JSON file: ``[{name, changes: {path: value}}]``."""
    document = read_document(path)
    if not isinstance(document, list) or not document:
        raise ValueError(f"{path}: expected a list of variants: [{{name, changes: {{...}}}}]")
    variants: list[Variant] = []
    for index, entry in enumerate(document):
        where = f"{path}[{index}]"
        if not isinstance(entry, dict) or not isinstance(entry.get("changes"), dict):
            raise ValueError(f"{where}: expected {{name: ..., changes: {{PATH: value}}}}")
        unknown = set(entry) - {"name", "changes"}
        if unknown:
            raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        changes = tuple(_file_change(f"{where}.changes", k, v) for k, v in entry["changes"].items())
        label = str(entry.get("name") or " ".join(c.label for c in changes))
        variants.append(Variant(label, changes))
    return variants


def _file_change(where: str, key: str, value: Any) -> Change:
    if key == HIRE:
        if isinstance(value, dict):
            return Change("hire", value)
        return Change("hire", _person(f"{where}.{key}", str(value)))
    if key == DROP:
        ids = [value] if isinstance(value, str) else value
        if not isinstance(ids, list) or not ids:
            raise ValueError(f"{where}.{key}: expected a project id or a list of ids")
        return Change("drop", [str(i) for i in ids])
    path = tuple(key.split("."))
    if not all(path):
        raise ValueError(f"{where}: {key!r} is not a dotted path like gpu_pools.a100.capacity")
    return Change("set", value, path)


# --------------------------------------------------------------------------- applying


def apply(document: Any, changes: Sequence[Change]) -> Any:
    """A copy of the scenario document with the changes made, in order."""
    result = copy.deepcopy(document)
    for change in changes:
        if change.kind == "set":
            _set(result, change)
        elif change.kind == "hire":
            _hire(result, change.value)
        else:
            _drop(result, change)
    return result


def _set(document: Any, change: Change) -> None:
    node = document
    walked: list[str] = []
    for part in change.path[:-1]:
        node = _child(node, part, walked, change)
        walked.append(part)
    if not isinstance(node, dict):
        raise VariantError(f"{change.label}: {'.'.join(walked)} is not a mapping of fields")
    node[change.path[-1]] = change.value


def _child(node: Any, part: str, walked: list[str], change: Change) -> Any:
    """The item named ``part`` in a mapping (created when missing) or a list of ids."""
    if isinstance(node, dict):
        return node.setdefault(part, {})
    if isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and str(item.get("id")) == part:
                return item
        ids = ", ".join(str(i.get("id")) for i in node if isinstance(i, dict))
        raise VariantError(
            f"{change.label}: no {'.'.join(walked)} item with id {part!r} (ids: {ids or 'none'})"
        )
    raise VariantError(f"{change.label}: {'.'.join(walked)} has no field {part!r}")


def _hire(document: Any, person: dict[str, Any]) -> None:
    staff = document.setdefault("staff", [])
    taken = {str(p.get("id")) for p in staff if isinstance(p, dict)}
    hired = dict(person)
    hired.setdefault("cost_per_period", _going_rate(staff, hired.get("skills", {})))
    if "id" not in hired:
        number = 1
        while f"hire_{number}" in taken:
            number += 1
        hired["id"] = f"hire_{number}"
    staff.append(hired)


def _going_rate(staff: list[Any], skills: Any) -> float:
    """What a hire costs per period: the mean rate of the staff holding one of the skills at
    the level asked or above, else of all the staff (0 with nobody to compare)."""
    people = [p for p in staff if isinstance(p, dict)]
    wanted = skills if isinstance(skills, dict) else {}

    def holds(person: dict[str, Any]) -> bool:
        held = person.get("skills") or {}
        return any(
            isinstance(held.get(s), int | float)
            and isinstance(level, int | float)
            and held[s] >= level
            for s, level in wanted.items()
        )

    peers = [p for p in people if holds(p)] or people
    rates = [float(p.get("cost_per_period") or 0) for p in peers]
    return round(sum(rates) / len(rates), 2) if rates else 0.0


def _drop(document: Any, change: Change) -> None:
    projects = document.get("projects", [])
    present = {str(p.get("id")) for p in projects if isinstance(p, dict)}
    missing = [i for i in change.value if i not in present]
    if missing:
        raise VariantError(
            f"{change.label}: no project {', '.join(map(repr, missing))} "
            f"(projects: {', '.join(sorted(present)) or 'none'})"
        )
    document["projects"] = [p for p in projects if str(p.get("id")) not in change.value]


def build_variants(document: Any, variants: Sequence[Variant]) -> list[Variant]:
    """Each variant with its document made, or the error that prevents it."""
    built: list[Variant] = []
    for variant in variants:
        try:
            made = apply(document, variant.changes)
            built.append(Variant(variant.label, variant.changes, made))
        except VariantError as error:
            message = f"variant {variant.label}: {error}"
            built.append(Variant(variant.label, variant.changes, error=message))
    return built


def baseline_task(document: Any, options: SolveOptions) -> BatchTask:
    """The baseline's first solve, deterministic: its plan is where every variant starts."""
    return BatchTask(BASELINE, BASELINE, document, replace(options, deterministic=True))


def whatif_tasks(
    document: Any,
    variants: Sequence[Variant],
    options: SolveOptions,
    start: Schedule | None = None,
) -> list[BatchTask]:
    """The baseline, then a task per variant (one that could not be made fails alone), all
    deterministic and started from ``start`` (the baseline's first plan), so that the
    baseline and a variant that changes nothing are the same computation.

    Each variant is validated in its task; its source names it, so its errors read
    ``variant gpu_pools.a100.capacity=0: ... gpu_pools[0].capacity: ... (got 0)``.
    """
    options = replace(options, deterministic=True)
    built = build_variants(document, variants)
    names = unique_names([BASELINE, *(v.label for v in built)])
    tasks = [BatchTask(names[0], BASELINE, document, options, start=start)]
    for name, variant in zip(names[1:], built, strict=True):
        source = f"variant {variant.label}"
        tasks.append(
            BatchTask(name, source, variant.document, options, problem=variant.error, start=start)
        )
    return tasks


def run_whatif(
    document: Any,
    variants: Sequence[Variant],
    options: SolveOptions,
    executor: Executor,
    on_done: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Solve the baseline, then the baseline again and every variant from its plan."""
    first = run_batch([baseline_task(document, options)], executor)[0]
    start = first.schedule if first.planned else None
    return run_batch(whatif_tasks(document, variants, options, start), executor, on_done)


# --------------------------------------------------------------------------- comparison


# The KPIs a what-if table compares.
KPIS = ("value", "cost", "delivered", "late")


def comparison_rows(
    results: Sequence[BatchResult],
    labels: Sequence[str],
    variants: Sequence[Variant] = (),
    document: Any = None,
) -> list[dict[str, Any]]:
    """Per variant (the first result is the baseline): KPIs, the change in objective, value
    and cost against the baseline, and the projects it runs that the baseline does not (+)
    and the other way round (-). With the ``variants`` and the baseline ``document``, hires
    and added GPUs cost what they are paid over the horizon (``added_cost``), in the cost and,
    by the cost weight, in the objective."""
    documents = [None, *(v.document for v in build_variants(document, variants))]
    rows: list[dict[str, Any]] = []
    base: dict[str, Any] | None = None
    for index, (result, label) in enumerate(zip(results, labels, strict=True)):
        schedule = result.schedule if result.planned or not result.error else None
        row: dict[str, Any] = {"variant": label, **summary_row(schedule, KPIS)}
        row["error"] = result.error or row["error"]
        if schedule is not None and result.planned:
            changed = documents[index] if index < len(documents) else None
            extra = added_cost(document, changed, schedule) if document and changed else 0.0
            weight = float(((changed or document or {}).get("objective") or {}).get("cost", 0))
            row.update(
                objective=round(schedule.objective - weight * extra, 2),
                cost=round(schedule.kpis.cost + extra, 2),
                added_cost=extra,
                selected=sorted(p.id for p in schedule.selected()),
            )
            base = base if base is not None else (row if index == 0 else None)
            if base is not None:
                row.update(_deltas(row, base))
        rows.append(row)
    return rows


def _deltas(row: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    return {
        "delta_objective": round(row["objective"] - base["objective"], 2),
        "delta_value": round(row["value"] - base["value"], 2),
        "delta_cost": round(row["cost"] - base["cost"], 2),
        "projects_added": sorted(set(row["selected"]) - set(base["selected"])),
        "projects_dropped": sorted(set(base["selected"]) - set(row["selected"])),
    }


def added_cost(baseline: Any, variant: Any, schedule: Schedule) -> float:
    """What the variant's extra capacity costs beyond the work it is planned for: each hire
    is paid every period of the horizon (the plan's cost counts only the periods worked),
    and each GPU added to a pool costs its rate every period."""
    horizon = int((variant.get("calendar") or {}).get("horizon") or 0)
    known = {str(p.get("id")) for p in baseline.get("staff", []) if isinstance(p, dict)}
    worked: dict[str, int] = {}
    for work in schedule.work():
        for person in work.staff:
            worked[person.id] = worked.get(person.id, 0) + work.end - work.start
    total = 0.0
    for person in variant.get("staff", []):
        if isinstance(person, dict) and str(person.get("id")) not in known:
            idle = max(0, horizon - worked.get(str(person.get("id")), 0))
            total += float(person.get("cost_per_period") or 0) * idle
    before = {
        str(p.get("id")): p.get("capacity") or 0
        for p in baseline.get("gpu_pools", [])
        if isinstance(p, dict)
    }
    for pool in variant.get("gpu_pools", []):
        if not isinstance(pool, dict):
            continue
        added = (pool.get("capacity") or 0) - before.get(str(pool.get("id")), 0)
        total += max(0, added) * float(pool.get("cost_per_gpu_period") or 0) * horizon
    return round(total, 2)


def load_variants(
    scenario_path: Path, specs: Sequence[str], variants_file: Path | None
) -> tuple[Any, list[Variant]]:
    """The baseline document and the variants asked for (``--vary`` specs, then the file)."""
    document = read_document(scenario_path)
    if not isinstance(document, dict):
        raise ValueError(f"{scenario_path}: expected a mapping of keys")
    variants = variants_from_varies(specs) if specs else []
    for variant in variants:  # a --vary spec that fits no variant is the command's mistake
        for change in variant.changes:
            try:
                apply(document, [change])
            except VariantError as error:
                raise ValueError(f"--vary {error}") from None
    if variants_file is not None:
        variants += variants_from_file(variants_file)
    if not variants:
        raise ValueError(
            "no variants: give --vary PATH=V1,V2 (or staff+=, projects-=) or --variants FILE"
        )
    return document, variants
