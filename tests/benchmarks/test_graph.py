"""Precedence helpers of the adapters: dummies removed, closure, serial schedule bound."""

from __future__ import annotations

import pytest

from zenplan.benchmarks.graph import (
    ancestors,
    predecessors_of,
    real_predecessors,
    serial_makespan,
    serial_schedule,
    topological_order,
)

# source(0) -> 1, 2; 1 -> dummy(3) -> 4; 2 -> 4; 4 -> sink(5)
SUCCESSORS = [[1, 2], [3], [4], [4], [5], []]
DURATIONS = [0, 2, 3, 0, 1, 0]


def test_predecessors_invert_successors() -> None:
    assert predecessors_of(SUCCESSORS) == [[], [0], [0], [1], [2, 3], [4]]


def test_topological_order_puts_predecessors_first() -> None:
    predecessors = predecessors_of(SUCCESSORS)
    order = topological_order(predecessors)
    assert sorted(order) == list(range(6))
    for activity, preds in enumerate(predecessors):
        assert all(order.index(p) < order.index(activity) for p in preds)


def test_a_cycle_is_refused() -> None:
    with pytest.raises(ValueError, match="cycle"):
        topological_order([[1], [0]])


def test_dummies_are_seen_through() -> None:
    before = real_predecessors(DURATIONS, predecessors_of(SUCCESSORS))
    # 4 follows 2 directly and 1 through the dummy 3; the source adds nothing.
    assert before[4] == {1, 2}
    assert before[1] == before[2] == set()


def test_ancestors_are_transitive() -> None:
    closure = ancestors(predecessors_of(SUCCESSORS))
    assert closure[5] == {0, 1, 2, 3, 4}
    assert closure[2] == {0}


def test_serial_schedule_respects_resources_and_releases() -> None:
    # Two activities that cannot share the resource (2 + 1 > 2) and a released third one.
    durations = [3, 2, 1]
    demands = [[2], [1], [0]]
    assert serial_makespan(durations, [[], [], []], demands, [2]) == 5
    assert serial_makespan(durations, [[], [], []], demands, [2], releases=[0, 0, 7]) == 8
    assert serial_makespan(durations, [[], [0], [1]], demands, [3]) == 6


def test_serial_schedule_refuses_a_demand_above_capacity() -> None:
    with pytest.raises(ValueError, match="capacity 2"):
        serial_makespan([1], [[]], [[3]], [2])


def test_serial_schedule_gives_the_starts_of_a_feasible_plan() -> None:
    starts = serial_schedule([3, 2, 1], [[], [0], []], [[2], [1], [1]], [2], releases=[0, 0, 1])
    # 0 runs 0-2 on both units; 1 follows it; 2 waits for a free unit until 0 ends.
    assert starts == [0, 3, 3]
