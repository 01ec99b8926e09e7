"""Precedence graphs of published instances: dummies removed, order closure, a feasible bound.

Shared by the adapters in benchmarks/: the published formats carry zero-duration dummy
activities (a source and a sink per project) that a zenplan phase cannot be (a phase lasts at
least one period), so precedence is rewired through them; and an instance's horizon must be
long enough for a feasible plan yet short enough for the calendar, which a serial schedule
generation gives.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence


def predecessors_of(successors: Sequence[Sequence[int]]) -> list[list[int]]:
    """Direct predecessors of every activity, from the successor lists."""
    predecessors: list[list[int]] = [[] for _ in successors]
    for activity, following in enumerate(successors):
        for successor in following:
            predecessors[successor].append(activity)
    return predecessors


def topological_order(predecessors: Sequence[Sequence[int]]) -> list[int]:
    """Activity indices so that every activity comes after its predecessors.

    Raises ValueError on a cycle (a malformed instance).
    """
    order: list[int] = []
    state = [0] * len(predecessors)  # 0 unseen, 1 on the stack, 2 done
    for root in range(len(predecessors)):
        if state[root]:
            continue
        stack: list[tuple[int, int]] = [(root, 0)]
        state[root] = 1
        while stack:
            activity, next_pred = stack[-1]
            if next_pred < len(predecessors[activity]):
                stack[-1] = (activity, next_pred + 1)
                pred = predecessors[activity][next_pred]
                if state[pred] == 1:
                    raise ValueError(f"precedence cycle through activity {pred}")
                if state[pred] == 0:
                    state[pred] = 1
                    stack.append((pred, 0))
            else:
                stack.pop()
                state[activity] = 2
                order.append(activity)
    return order


def real_predecessors(
    durations: Sequence[int], predecessors: Sequence[Sequence[int]]
) -> list[set[int]]:
    """Predecessors with a positive duration, seen through zero-duration (dummy) activities.

    Entry ``i`` holds the activities of positive duration that must end before ``i`` starts
    when every dummy is removed: a direct predecessor, or one reached through a chain of
    dummies. Dropping a dummy this way keeps every order the instance implies.
    """
    found: list[set[int]] = [set() for _ in durations]
    for activity in topological_order(predecessors):
        for pred in predecessors[activity]:
            if durations[pred] > 0:
                found[activity].add(pred)
            else:
                found[activity] |= found[pred]
    return found


def ancestors(predecessors: Sequence[Sequence[int]]) -> list[set[int]]:
    """Every activity that precedes each activity, directly or through others."""
    closure: list[set[int]] = [set() for _ in predecessors]
    for activity in topological_order(predecessors):
        for pred in predecessors[activity]:
            closure[activity].add(pred)
            closure[activity] |= closure[pred]
    return closure


def serial_makespan(
    durations: Sequence[int],
    predecessors: Sequence[Sequence[int]],
    demands: Sequence[Sequence[int]],
    capacities: Sequence[int],
    releases: Sequence[int] | None = None,
) -> int:
    """The makespan of :func:`serial_schedule`: an upper bound on the optimum (RCPSP)."""
    starts = serial_schedule(durations, predecessors, demands, capacities, releases)
    return max((start + d for start, d in zip(starts, durations, strict=True)), default=0)


def _tails(
    durations: Sequence[int],
    predecessors: Sequence[Sequence[int]],
    successors: Sequence[Sequence[int]],
) -> list[int]:
    """The longest chain of durations from each activity's start to the end."""
    tail = [0] * len(durations)
    for activity in reversed(topological_order(predecessors)):
        tail[activity] = durations[activity] + max(
            (tail[s] for s in successors[activity]), default=0
        )
    return tail


def serial_schedule(
    durations: Sequence[int],
    predecessors: Sequence[Sequence[int]],
    demands: Sequence[Sequence[int]],
    capacities: Sequence[int],
    releases: Sequence[int] | None = None,
) -> list[int]:
    """Start of every activity in a serial schedule generation (RCPSP): a feasible plan.

    Among the activities whose predecessors are all planned, the one with the earliest latest
    finish (from the critical path backwards) goes next, at the first period from which its
    predecessors have ended, its release has passed and its demands fit for its whole
    duration. Any plan built this way is feasible, so its makespan is a valid horizon.
    """
    count = len(durations)
    releases = list(releases) if releases is not None else [0] * count
    for index, demand in enumerate(demands):
        for resource, amount in enumerate(demand):
            if amount > capacities[resource]:
                raise ValueError(
                    f"activity {index} needs {amount} of resource {resource}, "
                    f"capacity {capacities[resource]}"
                )
    successors = predecessors_of(predecessors)  # the inverse relation: successors
    tail = _tails(durations, predecessors, successors)

    length = sum(durations) + max(releases, default=0) + 1
    free = [[capacity] * length for capacity in capacities]
    starts = [0] * count
    finish = [0] * count
    waiting = [len(set(preds)) for preds in predecessors]
    eligible = [(-tail[a], a) for a in range(count) if waiting[a] == 0]
    heapq.heapify(eligible)
    while eligible:
        _, activity = heapq.heappop(eligible)
        duration = durations[activity]
        needed = [(k, amount) for k, amount in enumerate(demands[activity]) if amount > 0]
        start = max([releases[activity], *(finish[p] for p in predecessors[activity])])
        period = start
        while period < start + duration:
            if any(free[k][period] < amount for k, amount in needed):
                start = period + 1
            period += 1
        for k, amount in needed:
            for period in range(start, start + duration):
                free[k][period] -= amount
        starts[activity] = start
        finish[activity] = start + duration
        for successor in set(successors[activity]):
            waiting[successor] -= 1
            if waiting[successor] == 0:
                heapq.heappush(eligible, (-tail[successor], successor))
    return starts


__all__ = [
    "ancestors",
    "predecessors_of",
    "real_predecessors",
    "serial_makespan",
    "serial_schedule",
    "topological_order",
]
