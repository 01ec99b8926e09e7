"""Mentoring: juniors stretch on a phase only when a senior in that skill works on it too."""

from __future__ import annotations

from collections import defaultdict

from zenplan.constraints.context import Context
from zenplan.constraints.variables import Literal
from zenplan.models.scenario import JUNIOR_BELOW, SENIOR_FROM

__all__ = ["JUNIOR_BELOW", "SENIOR_FROM", "post"]


def post(ctx: Context) -> None:
    """With `policies.mentoring`, a person below level 3 in the skill of the requirement they
    cover works on a phase only if someone at level 4+ in that skill also works on it."""
    if not ctx.scenario.policies.mentoring:
        return
    model, variables = ctx.model, ctx.variables
    levels = {p.id: p.skills for p in ctx.scenario.staff}
    works: dict[tuple[str, str], dict[str, Literal]] = defaultdict(dict)
    for person_id, items in variables.person_phases.items():
        for work in items:
            works[(work.phase.project, work.phase.phase)][person_id] = work.works
    rule = variables.rule("mentoring", "juniors (level < 3) work only beside a level-4+ mentor")
    requires = {(item.project, item.phase): item.requires for item in variables.work_items()}
    for (project_id, phase_id, r, person_id), literal in variables.assignment.items():
        if (project_id, phase_id) in variables.frozen:
            continue  # a frozen phase keeps the people it had
        skill = requires[(project_id, phase_id)][r].skill
        if levels[person_id].get(skill, 0) >= JUNIOR_BELOW:
            continue
        mentors = [
            works_literal
            for other, works_literal in works[(project_id, phase_id)].items()
            if other != person_id and levels[other].get(skill, 0) >= SENIOR_FROM
        ]
        if mentors:
            model.add_bool_or(mentors).only_enforce_if([literal, *rule])
        else:
            model.add(literal == 0).only_enforce_if(rule)
