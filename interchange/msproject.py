"""MS Project: a plan as MS Project XML (MSPDI), and MS Project files (.xml, .mpp, .mpx) read
as scenario projects and phases, through the MPXJ library (Java, reached with JPype).

Written: one summary task per selected project, a manually scheduled task per phase (so MS
Project keeps zenplan's dates), a go-live milestone, the people as resources assigned to
their phases, and the zenplan ids in the "zenplan id" column (Text1). Read back: each
summary task is a project and its tasks its phases; without zenplan ids, ids are made from
the task names. Install with ``pip install 'zenplan[msproject]'`` and a Java runtime.

The JVM runs in a child process started for each call, never in the caller's: a JVM handles
SIGSEGV itself and cannot be stopped once started, which does not mix with a long-lived
service, CP-SAT's threads or a test run sharing the process.
"""

from __future__ import annotations

import math
import multiprocessing
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar

from zenplan.models import Scenario, Schedule

ID_FIELD_ALIAS = "zenplan id"
SUFFIXES = (".mpp", ".mpx", ".xml", ".mpt")
WORK_START = time(8, 0)
WORK_END = time(17, 0)


class JavaMissing(RuntimeError):
    """MPXJ needs the mpxj and jpype1 packages and a Java runtime."""


R = TypeVar("R")


def _in_java_process(function: Callable[..., R], *args: Any) -> R:
    """``function(*args)`` in a fresh child process (spawned, so no state of the caller's is
    copied); its exceptions come back as they are."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        try:
            return pool.submit(function, *args).result()
        except BrokenProcessPool:
            raise RuntimeError("MPXJ's Java process stopped unexpectedly") from None


def start_java() -> None:
    """Start the JVM with MPXJ on its class path (once per process: call it only in the
    child process of ``_in_java_process``)."""
    try:
        import jpype
        import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)
    except ImportError:
        raise JavaMissing(
            "MS Project files need the msproject extra: pip install 'zenplan[msproject]'"
        ) from None
    if jpype.isJVMStarted():
        return
    try:
        jpype.startJVM(convertStrings=False)
    except (jpype.JVMNotFoundException, OSError) as error:
        raise JavaMissing(
            f"MS Project files need a Java runtime (Debian: apt-get install "
            f"default-jre-headless): {error}"
        ) from None


def _java_time(day: date, at: time) -> Any:
    from java.time import LocalDateTime

    return LocalDateTime.of(day.year, day.month, day.day, at.hour, at.minute)


def _task(parent: Any, name: str, zenplan_id: str, first: date, last: date) -> Any:
    from org.mpxj import Duration, TaskMode, TimeUnit

    task = parent.addTask()
    task.setName(name)
    task.setText(1, zenplan_id)
    task.setTaskMode(TaskMode.MANUALLY_SCHEDULED)
    task.setStart(_java_time(first, WORK_START))
    task.setFinish(_java_time(last, WORK_END))
    task.setDuration(Duration.getInstance((last - first).days + 1, TimeUnit.ELAPSED_DAYS))
    return task


def _project_file(scenario: Scenario, schedule: Schedule) -> Any:
    """The plan as an MPXJ ProjectFile."""
    from org.mpxj import Duration, ProjectFile, Relation, RelationType, TaskField, TimeUnit

    file = ProjectFile()
    file.addDefaultBaseCalendar()
    properties = file.getProjectProperties()
    properties.setName(scenario.name)
    properties.setProjectTitle(scenario.name)
    properties.setStartDate(_java_time(scenario.calendar.start, WORK_START))
    file.getCustomFields().getOrCreate(TaskField.TEXT1).setAlias(ID_FIELD_ALIAS)
    resources = {}
    for person in scenario.staff:
        resource = file.addResource()
        resource.setName(person.name or person.id)
        resources[person.id] = resource
    for plan in schedule.selected():
        project = scenario.project(plan.id)
        if plan.start_date is None or plan.end_date is None:
            continue
        summary = _task(file, project.name or plan.id, plan.id, plan.start_date, plan.end_date)
        summary.setSummary(True)
        tasks = {}
        for phase in plan.phases:
            if phase.start_date is None or phase.end_date is None:
                continue
            name = project.phase(phase.id).name or phase.id
            task = _task(summary, name, phase.id, phase.start_date, phase.end_date)
            tasks[phase.id] = task
            for worker in phase.staff:
                if worker.id in resources:
                    task.addResourceAssignment(resources[worker.id])
        for index, spec in enumerate(project.phases):
            for before in project.predecessors(index):
                after_task, before_task = tasks.get(spec.id), tasks.get(project.phases[before].id)
                if after_task is not None and before_task is not None:
                    relation = Relation.Builder().predecessorTask(before_task)
                    after_task.addPredecessor(relation.type(RelationType.FINISH_START))
        milestone = summary.addTask()
        milestone.setName(f"{project.name or plan.id} go-live")
        milestone.setText(1, "go-live")
        milestone.setMilestone(True)
        milestone.setStart(_java_time(plan.end_date, WORK_END))
        milestone.setFinish(_java_time(plan.end_date, WORK_END))
        milestone.setDuration(Duration.getInstance(0, TimeUnit.DAYS))
    return file


def mspdi_bytes(scenario: Scenario, schedule: Schedule) -> bytes:
    """The plan as an MS Project XML (MSPDI) document."""
    return _in_java_process(_write_mspdi, scenario, schedule)


def _write_mspdi(scenario: Scenario, schedule: Schedule) -> bytes:
    start_java()
    from org.mpxj.mspdi import MSPDIWriter

    file = _project_file(scenario, schedule)
    with tempfile.TemporaryDirectory(prefix="zenplan-mspdi-") as folder:
        path = Path(folder) / "plan.xml"
        MSPDIWriter().write(file, str(path))
        return path.read_bytes()


# --------------------------------------------------------------------------- reading


@dataclass
class ImportedPhase:
    id: str
    name: str
    start: date
    finish: date
    after: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class ImportedProject:
    id: str
    name: str
    phases: list[ImportedPhase]


@dataclass
class ImportedPlan:
    """What an MS Project file says: its title, start and projects of dated phases."""

    name: str
    start: date
    projects: list[ImportedProject]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text.strip()).strip("_")[:100] or "task"


def _date(moment: Any) -> date | None:
    return None if moment is None else date.fromisoformat(str(moment.toLocalDate()))


def _unique(wanted: str, taken: set[str]) -> str:
    name, number = wanted, 2
    while name in taken:
        name, number = f"{wanted}_{number}", number + 1
    taken.add(name)
    return name


def _own_id(task: Any) -> str:
    text = task.getText(1)
    return str(text) if text is not None and str(text).strip() else _slug(str(task.getName()))


def _phases(tasks: list[Any]) -> list[ImportedPhase]:
    """The dated, non-milestone leaf tasks as phases, ids unique, predecessors kept."""
    taken: set[str] = set()
    phases: list[ImportedPhase] = []
    ids: dict[int, str] = {}
    for task in tasks:
        first, last = _date(task.getStart()), _date(task.getFinish())
        if task.getMilestone() or first is None or last is None:
            continue
        phase_id = _unique(_own_id(task), taken)
        ids[int(task.getUniqueID())] = phase_id
        people = [str(a.getResource().getName()) for a in task.getResourceAssignments()]
        phases.append(ImportedPhase(phase_id, str(task.getName()), first, last, people=people))
    for task, phase in zip([t for t in tasks if int(t.getUniqueID()) in ids], phases, strict=True):
        befores = [int(r.getPredecessorTask().getUniqueID()) for r in task.getPredecessors()]
        phase.after = [ids[b] for b in befores if b in ids]
    return phases


def _leaves(task: Any) -> list[Any]:
    children = list(task.getChildTasks())
    return [leaf for child in children for leaf in _leaves(child)] if children else [task]


def read_msproject(path: str | Path) -> ImportedPlan:
    """Read an MS Project file (MSPDI .xml, .mpp, .mpx): each top-level summary task is a
    project whose leaf tasks are its phases; a top-level plain task is a one-phase project."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: file not found")
    return _in_java_process(_read, path)


def _read(path: Path) -> ImportedPlan:
    start_java()
    from org.mpxj.reader import UniversalProjectReader

    try:
        file = UniversalProjectReader().read(str(path))
    except Exception as error:  # MPXJ raises Java exceptions of many kinds on a bad file
        raise ValueError(f"{path}: not an MS Project file MPXJ can read: {error}") from None
    if file is None:
        raise ValueError(f"{path}: not an MS Project file MPXJ can read")
    taken: set[str] = set()
    projects = []
    for top in file.getChildTasks():
        phases = _phases(_leaves(top))
        if phases:
            project_id = _unique(_own_id(top), taken)
            projects.append(ImportedProject(project_id, str(top.getName()), phases))
    properties = file.getProjectProperties()
    starts = [phase.start for project in projects for phase in project.phases]
    start = _date(properties.getStartDate()) or min(starts, default=date.today())
    title = properties.getProjectTitle() or properties.getName() or path.stem
    return ImportedPlan(str(title), min([start, *starts]), projects)


def scenario_document(imported: ImportedPlan, period: str = "week") -> dict[str, Any]:
    """A scenario document holding the imported projects and phases (durations in periods,
    released on their first day); staff, skills and GPUs are left for the user to add."""
    days = 7 if period == "week" else 1
    end = max((p.finish for j in imported.projects for p in j.phases), default=imported.start)
    horizon = max(1, math.ceil(((end - imported.start).days + 1) / days))
    projects = []
    for project in imported.projects:
        phases = [
            {
                "id": phase.id,
                "name": phase.name,
                "duration": max(1, math.ceil(((phase.finish - phase.start).days + 1) / days)),
                "after": phase.after,  # MS Project's links; none: free of the others
            }
            for phase in project.phases
        ]
        first = min(phase.start for phase in project.phases)
        projects.append(
            {
                "id": project.id,
                "name": project.name,
                "priority": "must",
                "release": first.isoformat(),
                "phases": phases,
            }
        )
    return {
        "name": imported.name,
        "calendar": {"start": imported.start.isoformat(), "period": period, "horizon": horizon},
        "projects": projects,
    }


__all__ = [
    "SUFFIXES",
    "ImportedPhase",
    "ImportedPlan",
    "ImportedProject",
    "JavaMissing",
    "mspdi_bytes",
    "read_msproject",
    "scenario_document",
    "start_java",
]
