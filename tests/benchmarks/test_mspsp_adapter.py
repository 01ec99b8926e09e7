"""The MSPSP adapter: a `.dzn` instance becomes one project staffed by people with skills; the
"unrelated pairs" are checked to be the derived data the format says they are. No solver."""

from __future__ import annotations

from pathlib import Path

import pytest

from zenplan.benchmarks.mspsp_adapter import (
    derived_data_problems,
    mspsp_document,
    parse_dzn,
    read_mspsp,
    read_mspsp_reference,
    scenario_from_mspsp,
    unrelated_pairs,
)
from zenplan.models import parse_scenario

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "mspsp"
INSTANCE = FIXTURES / "inst_set2c_sf0_nc2.1_n20_l4_m4_00.dzn"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "benchdata" / "mspsp"


def test_dzn_values() -> None:
    data = parse_dzn(
        "% a comment\nn = 3;\nd = [0, 2,\n 0];\nm = [| true, false,\n | false, true, |];\n"
        "s = [{}, {1, 3}];\n"
    )
    assert data == {
        "n": 3,
        "d": [0, 2, 0],
        "m": [[True, False], [False, True]],
        "s": [set(), {1, 3}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "n 3;",  # no `=`
        "x = 1.5;",  # a float
        'y = "text";',  # a string
    ],
)
def test_dzn_refuses_what_it_does_not_know(text: str) -> None:
    with pytest.raises(ValueError):
        parse_dzn(text)


def test_instance_sizes() -> None:
    instance = read_mspsp(INSTANCE)
    assert (instance.num_activities, instance.num_skills, instance.num_resources) == (22, 4, 4)
    assert instance.durations[0] == instance.durations[-1] == 0


def test_scenario_has_people_with_skills_and_staffed_phases() -> None:
    instance = read_mspsp(INSTANCE)
    scenario = scenario_from_mspsp(INSTANCE)
    project = scenario.projects[0]
    assert (project.id, project.priority, project.value) == (INSTANCE.stem, "must", 0)
    assert [p.id for p in project.phases] == [f"a{i}" for i in range(2, 22)]
    assert [p.id for p in scenario.staff] == ["r1", "r2", "r3", "r4"]
    for person, mastery in zip(scenario.staff, instance.mastery, strict=True):
        assert person.skills == {f"s{j + 1}": 1 for j, m in enumerate(mastery) if m}
    for phase in project.phases:
        activity = int(phase.id[1:]) - 1
        assert phase.duration == instance.durations[activity]
        wanted = {f"s{j + 1}": n for j, n in enumerate(instance.skill_requirements[activity]) if n}
        assert {r.skill: r.count for r in phase.requires} == wanted
        assert all(r.level == 1 for r in phase.requires)
        assert phase.gpus == []
    assert scenario.gpu_pools == []
    assert scenario.calendar.horizon == sum(instance.durations)
    assert scenario.objective.makespan == 1 and scenario.objective.value == 0


def test_precedence_is_preserved_through_the_dummies() -> None:
    instance = read_mspsp(INSTANCE)
    project = scenario_from_mspsp(INSTANCE).projects[0]
    after = {p.id: set(p.after or []) for p in project.phases}
    first, last = 0, instance.num_activities - 1
    for pred, succ in instance.precedences:
        if pred != first and succ != last:
            assert f"a{pred + 1}" in after[f"a{succ + 1}"]
    # Every edge of the scenario is an edge of the file (the dummies only start and end).
    edges = {(f"a{p + 1}", f"a{s + 1}") for p, s in instance.precedences}
    assert all((a, phase) in edges for phase, befores in after.items() for a in befores)


def test_unrelated_pairs_are_the_pairs_precedence_leaves_unordered() -> None:
    instance = read_mspsp(INSTANCE)
    listed = {(min(a, b), max(a, b)) for a, b in instance.unrelated}
    assert listed == unrelated_pairs(instance)
    assert derived_data_problems(instance) == []


def test_unrelated_pairs_that_mean_something_else_are_not_silently_dropped(
    tmp_path: Path,
) -> None:
    # Regression guard for a wrong reading of `unrel` as "must not overlap": a file whose
    # listed pairs are not the unordered ones is refused, not converted.
    text = INSTANCE.read_text()
    data = parse_dzn(text)
    pred, succ = data["pred"][0], data["succ"][0]  # an ordered pair listed as unrelated
    count = data["nUnrels"]
    doctored = (
        text.replace(f"nUnrels = {count};", f"nUnrels = {count + 1};")
        .replace("unpred = [", f"unpred = [{pred},")
        .replace("unsucc = [", f"unsucc = [{succ},")
    )
    bad = tmp_path / "doctored.dzn"
    bad.write_text(doctored)
    assert read_mspsp(bad).unrelated[0] == (pred - 1, succ - 1)
    with pytest.raises(ValueError, match="derived data"):
        mspsp_document(bad)


def test_scenario_round_trips() -> None:
    scenario = scenario_from_mspsp(INSTANCE)
    dumped = scenario.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert parse_scenario(dumped) == scenario


def test_reference_is_read_by_row_position() -> None:
    reference = read_mspsp_reference(FIXTURES)
    result = reference[INSTANCE.stem]
    assert (result.makespan, result.optimal, result.lower_bound) == (29, True, 18)


@pytest.mark.skipif(not SHARED.is_dir(), reason="benchdata not on this machine")
def test_published_results_name_every_instance() -> None:
    # In 20 set-2c files both rows say instNum 0: the second row is instance _01.
    reference = read_mspsp_reference(SHARED / "results")
    names = {p.stem for p in SHARED.glob("set-*/*.dzn")}
    assert names <= set(reference)
    second = reference["inst_set2c_sf0_nc1.5_n30_l3_m4_01"]
    assert (second.makespan, second.lower_bound) == (43, 20)
