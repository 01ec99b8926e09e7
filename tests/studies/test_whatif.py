"""What-if variants: --vary specs, variants files, applying changes, and a variant that binds."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from builders import phase, project, scenario_of

from zenplan.scheduler import SolveOptions
from zenplan.studies.batch import run_batch
from zenplan.studies.executors import InProcess
from zenplan.studies.whatif import (
    Change,
    Variant,
    VariantError,
    apply,
    comparison_rows,
    load_variants,
    parse_vary,
    variants_from_file,
    variants_from_varies,
    whatif_tasks,
)

OPTIONS = SolveOptions(time_limit=3, workers=1, seed=1, relative_gap=0)
DS3 = ("data_science", 3, 1)
DE3 = ("data_engineering", 3, 1)


def gpu_bound() -> dict[str, Any]:
    """Two 12-period projects that each need all 4 A100s: only one fits in 20 periods."""
    scenario = scenario_of(
        projects=[
            project(
                "vision", phase("train", 12, DS3, gpus=[{"pool": "a100", "count": 4}]), value=9
            ),
            project(
                "speech", phase("train", 12, DE3, gpus=[{"pool": "a100", "count": 4}]), value=5
            ),
        ]
    )
    document: dict[str, Any] = scenario.model_dump(mode="json", by_alias=True)
    return document


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # a field of a list item named by its id, one alternative per value
        ("gpu_pools.a100.capacity=8,12", [Change("set", 8, ("gpu_pools", "a100", "capacity"))]),
        # YAML values: a number, a boolean, a date, a list that keeps its commas
        ("policies.rd_reserve=0.1", [Change("set", 0.1, ("policies", "rd_reserve"))]),
        ("policies.mentoring=true", [Change("set", True, ("policies", "mentoring"))]),
        ("projects.a.datasets=[x, y]", [Change("set", ["x", "y"], ("projects", "a", "datasets"))]),
        # a hire: without, then with one person of these skills
        ("staff+=data_science:4,mlops_batch:3", [None]),
        # dropping projects: without, then with
        ("projects-=a,b", [None]),
    ],
)
def test_vary_specs(spec: str, expected: list[Change | None]) -> None:
    alternatives = parse_vary(spec)
    assert alternatives[0] == expected[0]
    if spec.startswith("gpu_pools"):
        assert [c.value for c in alternatives if c] == [8, 12]
    if spec.startswith("staff+="):
        hire = alternatives[1]
        assert hire is not None and hire.kind == "hire"
        assert hire.value == {"skills": {"data_science": 4, "mlops_batch": 3}}
    if spec.startswith("projects-="):
        assert alternatives[1] == Change("drop", ["a", "b"])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("gpu_pools.a100.capacity", "expected PATH=V1,V2"),  # no values
        ("=8", "expected PATH=V1,V2"),  # no path
        ("gpu_pools..capacity=8", "expected PATH=V1,V2"),  # an empty path part
        ("staff+=data_science", "expected staff+=SKILL:LEVEL"),  # no level
        ("projects-=", "name the projects to drop"),
    ],
)
def test_bad_vary_specs_say_what_is_expected(spec: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_vary(spec)


def test_varies_make_the_cartesian_product_less_the_baseline() -> None:
    variants = variants_from_varies(["gpu_pools.a100.capacity=8,12", "staff+=data_science:4"])
    assert [v.label for v in variants] == [
        "gpu_pools.a100.capacity=8",
        "gpu_pools.a100.capacity=8 staff+=data_science:4",
        "gpu_pools.a100.capacity=12",
        "gpu_pools.a100.capacity=12 staff+=data_science:4",
    ]
    assert [v.label for v in variants_from_varies(["projects-=a"])] == ["projects-=a"]


def test_changes_apply_to_a_copy() -> None:
    document = gpu_bound()
    changed = apply(
        document,
        [
            Change("set", 8, ("gpu_pools", "a100", "capacity")),
            Change("set", 2, ("policies", "max_concurrent_large")),
            Change("hire", {"skills": {"data_science": 4}}),
            Change("drop", ["speech"]),
        ],
    )
    assert document["gpu_pools"][0]["capacity"] == 4  # the baseline is untouched
    assert changed["gpu_pools"][0]["capacity"] == 8
    assert changed["policies"]["max_concurrent_large"] == 2
    assert changed["staff"][-1] == {"skills": {"data_science": 4}, "id": "hire_1"}
    assert [p["id"] for p in changed["projects"]] == ["vision"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Change("set", 8, ("gpu_pools", "h100", "capacity")), "no gpu_pools item with id 'h100'"),
        (
            Change("set", 8, ("projects", "vision", "value", "x")),
            "projects.vision.value is not a mapping of fields",
        ),
        (Change("drop", ["nope"]), "no project 'nope' (projects: speech, vision)"),
    ],
)
def test_changes_that_do_not_fit_name_the_path(change: Change, message: str) -> None:
    with pytest.raises(VariantError, match=re.escape(message)):
        apply(gpu_bound(), [change])


def test_a_vary_that_fits_no_variant_is_the_commands_mistake(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(json.dumps(gpu_bound()))
    with pytest.raises(
        ValueError, match=re.escape("--vary gpu_pools.h100.capacity=8: no gpu_pools item")
    ):
        load_variants(tmp_path / "s.json", ["gpu_pools.h100.capacity=8"], None)


def test_variants_file(tmp_path: Path) -> None:
    path = tmp_path / "variants.yaml"
    path.write_text(
        "- name: more GPUs and a hire\n"
        "  changes: {gpu_pools.a100.capacity: 8, staff+: 'data_science:4'}\n"
        "- changes: {projects-: vision}\n"
    )
    first, second = variants_from_file(path)
    assert first.label == "more GPUs and a hire"
    assert first.changes == (
        Change("set", 8, ("gpu_pools", "a100", "capacity")),
        Change("hire", {"skills": {"data_science": 4}}),
    )
    assert second.label == "projects-=vision"
    path.write_text("- {name: x, change: {}}\n")
    with pytest.raises(ValueError, match=r"variants.yaml\[0\]: expected"):
        variants_from_file(path)


def test_more_gpus_let_the_gpu_bound_project_in_and_a_bad_variant_fails_alone() -> None:
    variants = [
        *variants_from_varies(["gpu_pools.a100.capacity=8,0"]),
        Variant("drop a ghost", (Change("drop", ["ghost"]),)),
    ]
    tasks = whatif_tasks(gpu_bound(), variants, OPTIONS)
    results = run_batch(tasks, InProcess())
    rows = comparison_rows(results, ["baseline", *(v.label for v in variants)])
    baseline, more, zero, ghost = rows
    assert baseline["selected"] == ["vision"] and baseline["delta_objective"] == 0
    assert more["variant"] == "gpu_pools.a100.capacity=8"
    assert more["projects_added"] == ["speech"] and more["projects_dropped"] == []
    assert more["delivered"] == 2 and more["delta_objective"] > 0
    assert zero["status"] == "error" and zero["objective"] is None
    assert zero["error"].startswith("variant gpu_pools.a100.capacity=0: 1 problem(s)")
    assert "gpu_pools[0].capacity: Input should be greater than 0 (got 0)" in zero["error"]
    assert ghost["error"] == (
        "variant drop a ghost: projects-=ghost: no project 'ghost' (projects: speech, vision)"
    )
