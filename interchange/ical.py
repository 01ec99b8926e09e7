"""A plan as iCalendar feeds (RFC 5545, with the `icalendar` package): one per person and
one per project, to subscribe to from Outlook, Google or Apple calendars.

Work is shown as all-day events spanning the phase's days (DTEND is the day after the last
day worked); a project's feed also has its go-live and its ethics review. Event UIDs are
stable, so a re-exported feed updates the events instead of duplicating them.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from zenplan.interchange.tables import assignments
from zenplan.models import Scenario, Schedule

PRODID = "-//zenplan//portfolio plan//EN"


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-") or "plan"


def _calendar(name: str, description: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-caldesc", description)
    return calendar


def _event(uid: str, summary: str, first: date, last: date, description: str) -> Event:
    event = Event()
    event.add("uid", f"{uid}@zenplan")
    event.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    event.add("summary", summary)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))  # all-day events end the day after
    event.add("description", description)
    event.add("transp", "OPAQUE")
    return event


def _names(scenario: Scenario) -> dict[str, str]:
    return {p.id: p.name or p.id for p in scenario.projects}


def person_calendar(scenario: Scenario, schedule: Schedule, person: str) -> bytes:
    """The feed of one person's work: each phase (or dataset acquisition) they are on."""
    if person not in {p.id for p in scenario.staff}:
        raise ValueError(f"person: no one with id {person!r} in the scenario")
    names = _names(scenario)
    scope = _slug(scenario.name)
    calendar = _calendar(f"{person}: {scenario.name}", f"Work planned for {person} by zenplan")
    for row in assignments(scenario, schedule, person=person):
        if row.start_date is None or row.end_date is None:
            continue
        what = "acquire dataset" if row.kind == "dataset" else "phase"
        project = names.get(row.project, row.project)
        summary = f"{project}: {what} {row.phase} ({row.skill})"
        details = [f"Project: {project} [{row.project}]", f"Skill: {row.skill}"]
        if row.sponsor:
            details.append(f"Sponsor: {row.sponsor}")
        if row.gpus:
            details.append(f"GPUs: {row.gpus}")
        uid = f"{scope}.{row.kind}.{row.project}.{row.phase}.{person}"
        calendar.add_component(
            _event(uid, summary, row.start_date, row.end_date, "\n".join(details))
        )
    return bytes(calendar.to_ical())


def project_calendar(scenario: Scenario, schedule: Schedule, project: str) -> bytes:
    """The feed of one project: its phases (with who works on them), review and go-live."""
    plan = schedule.project(project)
    if plan is None:
        raise ValueError(f"project: no project with id {project!r} in the schedule")
    name = _names(scenario).get(project, project)
    scope = f"{_slug(scenario.name)}.{project}"
    calendar = _calendar(f"{name}: {scenario.name}", f"The plan of {name} by zenplan")
    if not plan.selected:
        return bytes(calendar.to_ical())
    for phase in plan.phases:
        if phase.start_date is None or phase.end_date is None:
            continue
        people = ", ".join(f"{s.id} ({s.skill})" for s in phase.staff) or "nobody"
        gpus = ", ".join(f"{g.pool}: {g.count}" for g in phase.gpus)
        details = f"People: {people}" + (f"\nGPUs: {gpus}" if gpus else "")
        calendar.add_component(
            _event(
                f"{scope}.{phase.id}",
                f"{name}: {phase.id}",
                phase.start_date,
                phase.end_date,
                details,
            )
        )
    review = plan.approval
    if review is not None and review.start_date is not None and review.end_date is not None:
        calendar.add_component(
            _event(
                f"{scope}.ethics-review",
                f"{name}: ethics review",
                review.start_date,
                review.end_date,
                "Ethics board review",
            )
        )
    if plan.end_date is not None:
        go_live = plan.end_date
        text = f"{name} goes live" + (f" ({plan.late_by} periods late)" if plan.late_by else "")
        calendar.add_component(
            _event(f"{scope}.go-live", f"{name}: go-live", go_live, go_live, text)
        )
    return bytes(calendar.to_ical())


def calendars(scenario: Scenario, schedule: Schedule) -> dict[str, bytes]:
    """Every feed by file name: ``people/<id>.ics`` and ``projects/<id>.ics``."""
    feeds = {
        f"people/{person.id}.ics": person_calendar(scenario, schedule, person.id)
        for person in scenario.staff
    }
    feeds |= {
        f"projects/{plan.id}.ics": project_calendar(scenario, schedule, plan.id)
        for plan in schedule.selected()
    }
    return feeds


__all__ = ["calendars", "person_calendar", "project_calendar"]
