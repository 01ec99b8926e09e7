"""Incidents given with a replan are merged in one place: the CLI and the service report the
same problem, at the same place, in the user's own list of incidents."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from builders import EXAMPLE
from typer.testing import CliRunner

from zenplan.api.cli import app
from zenplan.api.convert import replan_scenario
from zenplan.models import InputError, load_scenario
from zenplan.scheduler.replan import merge_incidents

# The example's project "churn_v2" drifts; the incident reuses that project's id.
REUSED_ID = {
    "id": "churn_v2",
    "project": "churn_v2",
    "detected": "2027-03-01",
    "sla": 6,
    "phases": [{"id": "retrain", "duration": 2, "requires": [{"skill": "data_science"}]}],
}
EXPECTED = "incidents[0].id: 'churn_v2' is a project's id"


def test_the_service_names_the_incident_that_reuses_a_project_id() -> None:
    with pytest.raises(InputError) as raised:
        replan_scenario(load_scenario(EXAMPLE), [REUSED_ID], "body")
    assert EXPECTED in str(raised.value)


def test_the_cli_gives_the_same_message(tmp_path: Path) -> None:
    runner = CliRunner()
    solved = runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    assert solved.exit_code == 0, solved.output
    incidents = tmp_path / "incidents.yaml"
    incidents.write_text(yaml.safe_dump([REUSED_ID]))
    args = ["replan", str(EXAMPLE), "--baseline", str(tmp_path / "schedule.json")]
    args += ["--now", "2027-03-01", "--incidents", str(incidents), "--out", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert EXPECTED in " ".join(result.output.split())
    assert "projects[" not in result.output


def test_a_valid_incident_becomes_mandatory_refresh_work() -> None:
    incident = {**REUSED_ID, "id": "churn_drift"}
    given, full = merge_incidents(load_scenario(EXAMPLE), [incident], "incidents")
    assert [i.id for i in given] == ["churn_drift"]
    refresh = next(p for p in full.projects if p.id == "churn_drift")
    assert refresh.priority == "must" and refresh.deadline_hard
