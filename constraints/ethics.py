"""Ethics approvals: reviews on a board of limited capacity, granted only at its meetings."""

from __future__ import annotations

from zenplan.constraints.context import Context


def post(ctx: Context) -> None:
    """A project with `ethics: required` passes a review of `review_duration` periods, at most
    `capacity` reviews run at once, an approval is granted at a meeting (a multiple of
    `meeting_every`), and the gated phases start after it."""
    board = ctx.scenario.ethics_board
    if board is None or not ctx.variables.approvals:
        return
    model, variables = ctx.model, ctx.variables
    meetings_rule = variables.rule(
        "ethics_meetings",
        f"the ethics board grants approvals only every {board.meeting_every} periods",
    )
    for project_id, approval in variables.approvals.items():
        project_var = variables.projects[project_id]
        selected = project_var.selected
        model.add(approval.end == board.meeting_every * approval.meeting).only_enforce_if(
            [selected, *meetings_rule]
        )
        model.add(approval.start == approval.start.proto.domain[0]).only_enforce_if(~selected)
        for index in project_var.project.gated_phases():
            gated = project_var.phases[index]
            model.add(gated.start >= approval.end).only_enforce_if(selected)
    intervals = [a.interval for a in variables.approvals.values()]
    demands = [1] * len(intervals)
    for first, end in variables.background.approvals.values():
        intervals.append(model.new_fixed_size_interval_var(first, end - first, "review_decided"))
        demands.append(1)
    capacity_rule = variables.rule(
        "ethics_capacity", f"the ethics board reviews at most {board.capacity} projects at once"
    )
    if len(intervals) > board.capacity and not capacity_rule:
        model.add_cumulative(intervals, demands, board.capacity)
    elif len(intervals) > board.capacity:
        # In explain mode the capacity is a rule: a generous capacity when it is switched off.
        capacity = model.new_int_var(board.capacity, len(intervals), "ethics_board_capacity")
        model.add(capacity == board.capacity).only_enforce_if(capacity_rule)
        model.add_cumulative(intervals, demands, capacity)
