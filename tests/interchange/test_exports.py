"""Exports open in the programs they are for, as far as a test can tell: openpyxl reads the
workbook back, icalendar parses the feeds, the Kueue manifests are the plan's GPUs."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from builders import EXAMPLE
from icalendar import Calendar
from openpyxl import load_workbook
from typer.testing import CliRunner

from zenplan.api.cli import app
from zenplan.interchange import download, export, files
from zenplan.interchange.ical import person_calendar, project_calendar
from zenplan.interchange.kueue import gpu_use, queue_names, reservation_rows, windows
from zenplan.interchange.tables import TABLES, assignments
from zenplan.models import Scenario, Schedule, load_scenario
from zenplan.scheduler import greedy_plan


@pytest.fixture(scope="module")
def pair() -> tuple[Scenario, Schedule]:
    scenario = load_scenario(EXAMPLE)
    return scenario, greedy_plan(scenario)


def _day(value: object) -> date:
    return value.date() if isinstance(value, datetime) else value


def test_the_workbook_reads_back_with_formatted_frozen_headers(
    pair: tuple[Scenario, Schedule],
) -> None:
    scenario, schedule = pair
    book = load_workbook(io.BytesIO(files(scenario, schedule, "xlsx")["plan.xlsx"]))
    assert book.sheetnames == list(TABLES)
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    phases = book["phases"]
    header = [cell.value for cell in phases[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in phases.iter_rows(2)]
    planned = [(p.id, f) for p in schedule.selected() for f in p.phases]
    assert len(rows) == len(planned)
    first = next(r for r in rows if (r["project"], r["phase"]) == (planned[0][0], planned[0][1].id))
    assert _day(first["start_date"]) == planned[0][1].start_date
    assert phases.cell(2, header.index("start_date") + 1).number_format == "yyyy-mm-dd"
    assert book["projects"].max_row == len(schedule.projects) + 1
    assert book["assignments"].max_row == len(assignments(scenario, schedule)) + 1
    kpis = {row[0].value: row[2].value for row in book["kpis"].iter_rows(2) if not row[1].value}
    assert kpis["delivered"] == schedule.kpis.delivered


def test_csv_files_hold_the_same_tables(pair: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = pair
    made = files(scenario, schedule, "csv")
    assert set(made) == {f"{name}.csv" for name in TABLES}
    projects = list(csv.DictReader(io.StringIO(made["projects.csv"].decode())))
    assert [row["project"] for row in projects] == [p.id for p in schedule.projects]
    chosen = {row["project"]: row for row in projects if row["selected"] == "True"}
    for plan in schedule.selected():
        assert chosen[plan.id]["go_live"] == str(plan.end_date)


def _events(feed: bytes) -> list[dict[str, object]]:
    calendar = Calendar.from_ical(feed)
    return [
        {
            "summary": str(event["summary"]),
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "uid": str(event["uid"]),
        }
        for event in calendar.walk("VEVENT")
    ]


def test_each_person_has_a_calendar_of_their_work(pair: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = pair
    for person in scenario.staff:
        work = assignments(scenario, schedule, person=person.id)
        events = _events(person_calendar(scenario, schedule, person.id))
        assert len(events) == len(work)
        expected = sorted((w.start_date, w.end_date + timedelta(days=1)) for w in work)
        assert sorted((e["start"], e["end"]) for e in events) == expected
        assert len({e["uid"] for e in events}) == len(events)
    with pytest.raises(ValueError, match="person: no one with id 'nobody'"):
        person_calendar(scenario, schedule, "nobody")


def test_each_project_has_a_calendar_with_its_go_live(pair: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = pair
    for plan in schedule.selected():
        events = _events(project_calendar(scenario, schedule, plan.id))
        go_live = [e for e in events if str(e["summary"]).endswith("go-live")]
        assert [e["start"] for e in go_live] == [plan.end_date]
        phases = [
            e for e in events if e not in go_live and "ethics review" not in str(e["summary"])
        ]
        assert sorted(e["start"] for e in phases) == sorted(p.start_date for p in plan.phases)
        reviews = [e for e in events if "ethics review" in str(e["summary"])]
        assert len(reviews) == (plan.approval is not None)
    feeds = files(scenario, schedule, "ics")
    assert len(feeds) == len(scenario.staff) + len(schedule.selected())


def test_kueue_quotas_are_the_plans_gpus_window_by_window(pair: tuple[Scenario, Schedule]) -> None:
    scenario, schedule = pair
    use = gpu_use(scenario, schedule)
    assert any(use), "the example plan uses GPUs"
    made = files(scenario, schedule, "kueue")
    grid = scenario.grid
    for window in windows(scenario, schedule):
        documents = list(yaml.safe_load_all(made[f"{grid.start_date(window.start)}.yaml"]))
        flavors = [d for d in documents if d["kind"] == "ResourceFlavor"]
        assert sorted(f["metadata"]["name"] for f in flavors) == sorted(
            p.id for p in scenario.gpu_pools
        )
        quotas: dict[tuple[str, str], int] = {}
        for queue in (d for d in documents if d["kind"] == "ClusterQueue"):
            assert queue["apiVersion"] == "kueue.x-k8s.io/v1beta1"
            (group,) = queue["spec"]["resourceGroups"]
            for flavor in group["flavors"]:
                (resource,) = flavor["resources"]
                assert resource["name"] == "nvidia.com/gpu"
                if resource["nominalQuota"]:
                    project = queue["metadata"]["annotations"]["zenplan.io/project"]
                    quotas[(project, flavor["name"])] = resource["nominalQuota"]
        for period in range(window.start, window.end):
            assert quotas == use[period]
        for pool in scenario.gpu_pools:  # the plan fits each pool, so the quotas do too
            held = sum(q for (_, p), q in quotas.items() if p == pool.id)
            assert held <= scenario.pool_capacity(pool.id)[window.start]
    rows = reservation_rows(scenario, schedule)
    booked = sum(r["gpus"] * (r["end"] - r["start"]) for r in rows)
    assert booked == sum(sum(period.values()) for period in use)
    assert made["reservations.csv"].decode().startswith("project,pool,gpus,start,end")


def test_export_writes_files_and_refuses_what_it_cannot_do(
    pair: tuple[Scenario, Schedule], tmp_path: Path
) -> None:
    scenario, schedule = pair
    (workbook,) = export(scenario, schedule, tmp_path / "out.xlsx")
    assert workbook.read_bytes()[:2] == b"PK"
    written = export(scenario, schedule, tmp_path / "tables", "csv")
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in TABLES)
    with pytest.raises(ValueError, match="format: 'pdf' is not one of"):
        export(scenario, schedule, tmp_path / "x", "pdf")
    with pytest.raises(ValueError, match="is a file"):
        export(scenario, schedule, workbook, "csv")
    bundle = download(scenario, schedule, "ics")
    assert bundle.media_type == "application/zip"
    assert len(zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()) == len(
        files(scenario, schedule, "ics")
    )


def test_the_export_command(tmp_path: Path) -> None:
    runner = CliRunner()
    solved = runner.invoke(app, ["solve", str(EXAMPLE), "--greedy", "--out", str(tmp_path)])
    assert solved.exit_code == 0, solved.output
    schedule = str(tmp_path / "schedule.json")
    result = runner.invoke(
        app,
        [
            "export",
            schedule,
            "--scenario",
            str(EXAMPLE),
            "--format",
            "xlsx",
            "--out",
            str(tmp_path / "p.xlsx"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert load_workbook(tmp_path / "p.xlsx").sheetnames == list(TABLES)
    feeds = tmp_path / "feeds"
    result = runner.invoke(
        app, ["export", schedule, "--scenario", str(EXAMPLE), "-f", "ics", "--out", str(feeds)]
    )
    assert result.exit_code == 0, result.output
    assert Calendar.from_ical((feeds / "people" / "ana.ics").read_bytes())
    wrong = runner.invoke(app, ["export", schedule, "--scenario", str(EXAMPLE), "-f", "pdf"])
    assert wrong.exit_code == 2 and "--format: 'pdf'" in wrong.output
    assert "Traceback" not in wrong.output


def test_queue_names_are_kubernetes_names_and_unique() -> None:
    names = queue_names(["churn_v2", "churn-v2", "Churn.V2", "x" * 80])
    assert names["churn_v2"] == "churn-v2"
    assert len(set(names.values())) == 4
    assert all(len(n) <= 63 and n == n.lower() and "_" not in n for n in names.values())
