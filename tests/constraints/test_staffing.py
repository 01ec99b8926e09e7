"""Staffing's redundant supply rules: which groups of skills get one, and that they hold."""

from __future__ import annotations

from builders import phase, project, scenario_of, solved
from ortools.sat.python import cp_model

from zenplan.constraints.staffing import MAX_SKILL_GROUPS, skill_groups
from zenplan.constraints.variables import Background
from zenplan.scheduler import greedy
from zenplan.scheduler.build import build

# x is held by xena and cy, y by yann and cy: each skill has two holders, both skills three.
CROSS_TRAINED = [
    {"id": "xena", "skills": {"x": 1}},
    {"id": "yann", "skills": {"y": 1}},
    {"id": "cy", "skills": {"x": 1, "y": 1}},
]
PAIR = (("x", 1, 1), ("y", 1, 1))  # one person of each skill


def _needs(*pairs: tuple[str, int]) -> set[tuple[str, int]]:
    return set(pairs)


def _capacities(model: cp_model.CpModel) -> list[int]:
    """The capacities of the model's cumulative constraints (the supply rules here)."""
    constraints = model.proto.constraints
    return sorted(c.cumulative.capacity.offset for c in constraints if c.has_cumulative())


def _sorted(groups: list[tuple[dict[str, int], int]]) -> list[tuple[list[tuple[str, int]], int]]:
    return sorted((sorted(group.items()), holders) for group, holders in groups)


def test_groups_of_overlapping_skills_count_the_people_holding_either() -> None:
    staff = scenario_of(staff=CROSS_TRAINED).staff
    groups = skill_groups(_needs(("x", 1), ("y", 1)), staff)
    assert _sorted(groups) == [
        ([("x", 1)], 2),
        ([("x", 1), ("y", 1)], 3),
        ([("y", 1)], 2),
    ]


def test_groups_implied_by_others_are_left_out() -> None:
    separate = scenario_of(
        staff=[{"id": "xena", "skills": {"x": 1}}, {"id": "yann", "skills": {"y": 1}}]
    ).staff
    # Nobody holds both: the rule of {x, y} is the sum of the rules of {x} and {y}.
    assert _sorted(skill_groups(_needs(("x", 1), ("y", 1)), separate)) == [
        ([("x", 1)], 1),
        ([("y", 1)], 1),
    ]
    everyone = scenario_of(
        staff=[{"id": "ana", "skills": {"x": 1, "y": 1}}, {"id": "ben", "skills": {"x": 1}}]
    ).staff
    # {y} has one holder but {x} has the same two people as {x, y}: {x} adds nothing.
    groups = skill_groups(_needs(("x", 1), ("y", 1)), everyone)
    assert _sorted(groups) == [([("x", 1), ("y", 1)], 2), ([("y", 1)], 1)]


def test_a_group_takes_every_need_of_a_skill_at_or_above_its_level() -> None:
    staff = scenario_of(
        staff=[{"id": "senior", "skills": {"x": 3}}, {"id": "junior", "skills": {"x": 1}}]
    ).staff
    groups = skill_groups(_needs(("x", 1), ("x", 3)), staff)
    assert _sorted(groups) == [([("x", 1)], 2), ([("x", 3)], 1)]


def test_many_skills_get_the_smallest_groups_and_the_group_of_all() -> None:
    """A ring of 40 people, each holding two neighbouring skills of 40: the unions of holder
    sets are the arcs of the ring, far more than are tried."""
    size = 40
    staff = scenario_of(
        staff=[
            {"id": f"p{i}", "skills": {f"s{i}": 2, f"s{(i + 1) % size}": 2}} for i in range(size)
        ]
    ).staff
    groups = skill_groups({(f"s{i}", 2) for i in range(size)}, staff)
    assert len(groups) == MAX_SKILL_GROUPS + 1
    assert all(holders == 2 for _, holders in groups[:size])  # each skill alone first
    assert groups[-1] == ({f"s{i}": 2 for i in range(size)}, size)


def test_cross_trained_staff_cannot_run_three_pairs_at_once() -> None:
    """Each phase needs one x and one y: per skill two phases could overlap, but three people
    staff only one pair at a time. The plan is serial, and the model says so before search."""
    phases = [phase(f"p{i}", 2, *PAIR, after=[]) for i in range(3)]
    scenario = scenario_of(
        staff=CROSS_TRAINED,
        gpu_pools=[],
        projects=[project("trio", *phases, priority="must")],
        objective={"value": 0, "lateness": 0, "balance": 0, "makespan": 1},
    )
    plan = solved(scenario)
    assert plan.status == "optimal" and plan.kpis.makespan == 6
    assert _capacities(build(scenario).model) == [2, 2, 3]


def test_a_neighbourhood_model_gets_one_supply_rule_per_skill_and_level() -> None:
    """With projects decided outside the model, the people they keep busy count as holders:
    groups bound little there and slowed each step of the large-portfolio search."""
    trio = project("trio", *[phase(f"p{i}", 2, *PAIR, after=[]) for i in range(3)])
    side = project("side", phase("solo", 1, ("x", 1, 1)), priority="must")
    scenario = scenario_of(staff=CROSS_TRAINED, gpu_pools=[], projects=[trio, side])
    decided = greedy.decisions_of(scenario, greedy.plan(scenario))
    neighbourhood = build(scenario, background=Background.of(scenario, {"side": decided["side"]}))
    assert _capacities(neighbourhood.model) == [2, 2]
    assert _capacities(build(scenario).model) == [2, 2, 3]


def test_supply_rules_never_cut_a_plan_that_levels_allow() -> None:
    """A senior may fill a junior need: one senior and one junior run a senior phase and a
    junior phase side by side, then the second junior phase (a rule that counted only the
    juniors as holders of x >= 1 would make the plan 9 periods long)."""
    x1, x3 = ("x", 1, 1), ("x", 3, 1)
    scenario = scenario_of(
        staff=[{"id": "senior", "skills": {"x": 3}}, {"id": "junior", "skills": {"x": 1}}],
        gpu_pools=[],
        projects=[
            project(
                "both",
                phase("hard", 3, x3, after=[]),
                phase("easy", 3, x1, after=[]),
                phase("easy_too", 3, x1, after=[]),
                priority="must",
            )
        ],
        objective={"value": 0, "lateness": 0, "balance": 0, "makespan": 1},
    )
    assert _sorted(skill_groups(_needs(("x", 1), ("x", 3)), scenario.staff)) == [
        ([("x", 1)], 2),
        ([("x", 3)], 1),
    ]
    plan = solved(scenario)
    assert plan.status == "optimal" and plan.kpis.makespan == 6
