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
    run_whatif,
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
    # the hire is paid the going rate of the staff holding the skill (none set here: 0)
    assert changed["staff"][-1] == {
        "skills": {"data_science": 4},
        "id": "hire_1",
        "cost_per_period": 0.0,
    }
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
    assert zero["status"] == "error" and zero.get("objective") is None
    assert zero["error"].startswith("variant gpu_pools.a100.capacity=0: 1 problem(s)")
    assert "gpu_pools[0].capacity: Input should be greater than 0 (got 0)" in zero["error"]
    assert ghost["error"] == (
        "variant drop a ghost: projects-=ghost: no project 'ghost' (projects: speech, vision)"
    )


def priced() -> dict[str, Any]:
    """Three projects competing for ana and the A100s, with people and GPUs that cost."""
    document = gpu_bound()
    document["staff"][0]["cost_per_period"] = 3
    document["staff"][1]["cost_per_period"] = 2
    document["gpu_pools"][0]["cost_per_gpu_period"] = 1
    document["objective"]["cost"] = 1
    document["projects"].append(
        project("churn", phase("model", 4, ("data_science", 4, 1)), value=4)
    )
    return document


def test_an_identical_variant_gives_the_same_plan_and_zero_difference() -> None:
    document = priced()
    same = variants_from_varies(["gpu_pools.a100.capacity=4"])
    options = SolveOptions(time_limit=0.5, workers=2, seed=3)
    for _run in range(10):
        results = run_whatif(document, same, options, InProcess())
        rows = comparison_rows(results, ["baseline", same[0].label], same, document)
        assert rows[1]["delta_objective"] == 0 and rows[1]["delta_cost"] == 0
        base, variant = (r.schedule for r in results)
        assert base is not None and variant is not None
        assert variant.model_dump(exclude={"solve_seconds", "solver"}) == base.model_dump(
            exclude={"solve_seconds", "solver"}
        )


def test_hires_and_added_gpus_cost_what_they_are_paid_over_the_horizon() -> None:
    document = priced()
    variants = [
        *variants_from_varies(["staff+=data_science:4"]),
        *variants_from_varies(["gpu_pools.a100.capacity=8"]),
    ]
    options = SolveOptions(time_limit=2, workers=1, seed=1, relative_gap=0)
    results = run_whatif(document, variants, options, InProcess())
    labels = ["baseline", *(v.label for v in variants)]
    rows = {row["variant"]: row for row in comparison_rows(results, labels, variants, document)}
    gpus = rows["gpu_pools.a100.capacity=8"]
    assert gpus["added_cost"] == 4 * 1 * 20  # 4 GPUs more, 1 a period each, 20 periods
    hire = rows["staff+=data_science:4"]
    # the hire is paid as ana, the one data scientist at level 4, for every period
    schedule = next(r.schedule for r in results if r.name.startswith("staff"))
    assert schedule is not None
    worked = sum(w.end - w.start for w in schedule.work() for s in w.staff if s.id == "hire_1")
    assert hire["added_cost"] == 3 * (20 - worked)
    assert hire["cost"] == pytest.approx(schedule.kpis.cost + hire["added_cost"])
    base = rows["baseline"]
    assert hire["delta_cost"] == pytest.approx(hire["cost"] - base["cost"])
    assert hire["delta_cost"] > 0  # more capacity is not free
    # the objective pays for it at the cost weight (1)
    assert hire["objective"] == pytest.approx(schedule.objective - hire["added_cost"])


def test_the_comparison_chart_shows_changes_against_the_baseline() -> None:
    from zenplan.charts.whatif import whatif_chart

    rows = [
        {"variant": "baseline", "objective": 100.0, "value": 120.0, "cost": 20.0},
        {
            "variant": "more",
            "objective": 130.0,
            "value": 160.0,
            "cost": 30.0,
            "delta_objective": 30.0,
            "delta_value": 40.0,
            "delta_cost": 10.0,
        },
    ]
    figure = whatif_chart(rows)
    assert [t.name for t in figure.data] == [
        "Δ objective",
        "Δ value",
        "Δ cost (hires and added GPUs included)",
    ]
    assert [list(t.y) for t in figure.data] == [[30.0], [40.0], [10.0]]
    assert all(list(t.x) == ["more"] for t in figure.data)  # the baseline is the zero line
