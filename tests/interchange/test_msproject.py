"""MS Project through MPXJ: a plan written as MSPDI reads back as the same phases and dates.

Needs Java: scripts/test.sh installs Debian's default-jre-headless when `java` is missing
and sets ZENPLAN_REQUIRE_JAVA=1, so there these tests fail rather than skip without it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from builders import EXAMPLE
from typer.testing import CliRunner

import zenplan
from zenplan.api.cli import app
from zenplan.models import Scenario, Schedule, load_scenario, parse_scenario
from zenplan.scheduler import greedy_plan


@pytest.fixture(scope="module", autouse=True)
def java() -> None:
    reason = ""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        reason = "no Java runtime (apt-get install default-jre-headless; scripts/test.sh does)"
    else:
        try:
            import jpype  # noqa: F401
            import mpxj  # noqa: F401
        except ImportError:
            reason = "the msproject extra is missing: pip install 'zenplan[msproject]'"
    if reason and os.environ.get("ZENPLAN_REQUIRE_JAVA") == "1":
        pytest.fail(reason)
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def pair() -> tuple[Scenario, Schedule]:
    scenario = load_scenario(EXAMPLE)
    return scenario, greedy_plan(scenario)


def test_export_then_import_gives_the_same_phases_and_dates(
    pair: tuple[Scenario, Schedule], tmp_path: Path
) -> None:
    from zenplan.interchange.msproject import mspdi_bytes, read_msproject, scenario_document

    scenario, schedule = pair
    path = tmp_path / "plan.xml"
    path.write_bytes(mspdi_bytes(scenario, schedule))
    imported = read_msproject(path)
    assert imported.name == scenario.name and imported.start == scenario.calendar.start
    selected = schedule.selected()
    assert [p.id for p in imported.projects] == [p.id for p in selected]
    for plan, project in zip(selected, imported.projects, strict=True):
        spec = scenario.project(plan.id)
        assert [(f.id, f.start, f.finish) for f in project.phases] == [
            (f.id, f.start_date, f.end_date) for f in plan.phases
        ]
        for index, phase in enumerate(project.phases):
            assert phase.after == [spec.phases[i].id for i in spec.predecessors(index)]
            assert sorted(phase.people) == sorted(
                next(p.name or p.id for p in scenario.staff if p.id == s.id)
                for s in plan.phases[index].staff
            )
    again = parse_scenario(scenario_document(imported))
    assert zenplan.load(path) == again  # the Python API reads MS Project files too
    assert again.calendar.start == scenario.calendar.start
    for plan in selected:
        durations = [(f.id, f.duration) for f in again.project(plan.id).phases]
        assert durations == [(f.id, f.end - f.start) for f in plan.phases]


def test_java_never_starts_in_the_callers_process(pair: tuple[Scenario, Schedule]) -> None:
    import jpype

    from zenplan.interchange.msproject import mspdi_bytes

    assert mspdi_bytes(*pair).startswith(b"<?xml")
    assert not jpype.isJVMStarted()  # the JVM lived in a child process and ended with it


def test_a_file_mpxj_cannot_read_is_a_clear_error(tmp_path: Path) -> None:
    from zenplan.interchange.msproject import read_msproject

    junk = tmp_path / "notes.xml"
    junk.write_text("<notes>not a project</notes>")
    with pytest.raises(ValueError, match=r"notes\.xml: not an MS Project file"):
        read_msproject(junk)
    with pytest.raises(ValueError, match="file not found"):
        read_msproject(tmp_path / "missing.mpp")


def test_the_export_command_writes_mspdi(tmp_path: Path) -> None:
    runner = CliRunner()
    solved = runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    assert solved.exit_code == 0, solved.output
    schedule = str(tmp_path / "schedule.json")
    out = tmp_path / "portfolio.xml"
    result = runner.invoke(
        app, ["export", schedule, "--scenario", str(EXAMPLE), "-f", "mspdi", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert b"http://schemas.microsoft.com/project" in out.read_bytes()[:500]


def test_the_service_download_is_the_mspdi_file(pair: tuple[Scenario, Schedule]) -> None:
    from zenplan.interchange import download

    made = download(*pair, "mspdi")
    assert made.media_type == "application/xml" and made.filename.endswith(".xml")
    assert made.content.startswith(b"<?xml")
