"""Drift incidents as the mandatory refresh work they become in a replan."""

from __future__ import annotations

from collections.abc import Sequence

from zenplan.models import Scenario, parse_scenario
from zenplan.models.scenario import Incident


def with_incidents(scenario: Scenario, incidents: Sequence[Incident] = ()) -> Scenario:
    """The scenario with every incident (its own and ``incidents``) as mandatory refresh work:
    released when detected, due (hard) by the end of period detected + sla - 1."""
    document = scenario.model_dump(mode="json", by_alias=True)
    grid = scenario.grid
    drifted = {p.id: p for p in scenario.projects}
    document["incidents"] = [i.model_dump(mode="json", by_alias=True) for i in incidents] + [
        i.model_dump(mode="json", by_alias=True) for i in scenario.incidents
    ]
    for incident in [*scenario.incidents, *incidents]:
        project = drifted.get(incident.project)
        due = min(grid.horizon, grid.period_of(incident.detected) + incident.sla)
        document["projects"].append(
            {
                "id": incident.id,
                "name": f"Refresh of {incident.project} after drift incident {incident.id}",
                "sponsor": project.sponsor if project else None,
                "value": project.value if project else 0,
                "priority": "must",
                "status": "committed",
                "release": incident.detected.isoformat(),
                "deadline": grid.end_date_of(due).isoformat(),
                "deadline_hard": True,
                "phases": [p.model_dump(mode="json", by_alias=True) for p in incident.phases],
            }
        )
    document["incidents"] = []
    return parse_scenario(document, "scenario with incidents")
