"""Solve jobs, off the request path: a few solve slots, one process per running job.

The server's dispatcher thread claims the oldest queued job, starts a process for it and
watches it. The process reads the scenario version from the database, solves it (or, for a
replan job, replans the baseline schedule from the job's date) at a lower CPU priority (the
server keeps answering reads), writes its progress every ``progress_interval`` seconds and
stores the schedule (a replan's with its diff). Cancelling a job terminates its
process. The process also stops by itself when its job is no longer running in the
database (cancelled through another server, or failed by a restart) or when the server
that started it is gone.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from zenplan.api import crud
from zenplan.api.db import DEFAULT_STATEMENT_TIMEOUT, make_engine
from zenplan.api.tables import Job, ScenarioVersion, ScheduleRecord
from zenplan.models import Scenario, Schedule
from zenplan.models.pins import Pin
from zenplan.models.scenario import Incident

if TYPE_CHECKING:
    from zenplan.scheduler import SolveOptions

log = logging.getLogger("zenplan.jobs")
T = TypeVar("T")

RESTART_REASON = "the server stopped while this job was running; start the solve again"
SHUTDOWN_REASON = "the server was shut down while this job was running; start the solve again"
WATCH_SECONDS = 1.0
LEASE_RENEW_SECONDS = 2.0  # well inside crud.LEASE
RECORD_SECONDS = 60.0  # how long a job's process retries recording its end
# The folder that holds the `zenplan` package (the repository, or site-packages).
PACKAGE_ROOT = Path(__file__).absolute().parents[2]
DATABASE_VARIABLE = "ZENPLAN_JOB_DATABASE_URL"  # not on the command line: it may hold a password
MEMORY_VARIABLE = "ZENPLAN_JOB_MEMORY_CEILING_MB"
TIMEOUT_VARIABLE = "ZENPLAN_JOB_STATEMENT_TIMEOUT"
RESERVE_BYTES = 16 * 1024 * 1024


class JobRunner:
    """Runs queued jobs in separate processes, at most ``slots`` at once."""

    def __init__(
        self,
        engine: Engine,
        database_url: str,
        slots: int,
        progress_interval: float,
        memory_mb: int = 0,
        grace: float = 30.0,
        statement_timeout: float = DEFAULT_STATEMENT_TIMEOUT,
    ):
        self.engine = engine
        self.database_url = database_url
        self.slots = slots
        self.progress_interval = progress_interval
        self.memory_mb = memory_mb  # 0: no ceiling
        self.grace = grace  # seconds a job may run past its time limit (build, decode, store)
        self.statement_timeout = statement_timeout  # the job processes' too
        self._processes: dict[int, subprocess.Popen[bytes]] = {}
        self._deadlines: dict[int, tuple[float, float]] = {}  # job -> (deadline, time limit)
        # Jobs whose process ended without recording its end; failed when the database
        # answers again (a job must never stay `running` for good).
        self._unrecorded: dict[int, str] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self.slots == 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="zenplan-jobs", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A job was queued: look at the queue now."""
        self._wake.set()

    def cancel(self, job_id: int) -> None:
        """Stop the job's process, if it runs here (its state is already set)."""
        with self._lock:
            process = self._processes.pop(job_id, None)
        if process is not None:
            _terminate(process)
        self.wake()

    def stop(self) -> None:
        """Stop dispatching; end the running solves and mark their jobs failed."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self._lock:
            running = dict(self._processes)
            self._processes.clear()
        for job_id, process in running.items():
            _terminate(process)
            with Session(self.engine) as session:
                crud.fail_job(session, job_id, SHUTDOWN_REASON)

    def running(self) -> list[int]:
        with self._lock:
            return list(self._processes)

    def _loop(self) -> None:
        next_lease = 0.0
        while not self._stopping.is_set():
            try:
                self._reap()
                if time.monotonic() >= next_lease:
                    self._leases()
                    next_lease = time.monotonic() + LEASE_RENEW_SECONDS
                self._dispatch()
            except Exception:  # the dispatcher must outlive a database hiccup
                log.exception("job dispatcher")
            self._wake.wait(0.25)
            self._wake.clear()

    def _reap(self) -> None:
        self._stop_overdue()
        with self._lock:
            ended = {i: p for i, p in self._processes.items() if p.poll() is not None}
            for job_id, process in ended.items():
                del self._processes[job_id]
                self._deadlines.pop(job_id, None)
                self._unrecorded[job_id] = self._exit_reason(process.returncode)
            pending = dict(self._unrecorded)
        for job_id, reason in pending.items():
            try:
                with Session(self.engine) as session:
                    crud.fail_job(session, job_id, reason)  # a no-op when the job finished
            except SQLAlchemyError as error:
                log.warning("job %s ended; cannot record it yet: %s", job_id, error)
                return  # the database is away: try again on the next round
            with self._lock:
                self._unrecorded.pop(job_id, None)

    def _exit_reason(self, code: int) -> str:
        reason = f"the solve process stopped without recording its end (exit code {code})"
        if code < 0 and self.memory_mb:
            reason += f"; it may have run out of its memory ceiling of {self.memory_mb} MB"
        return reason

    def _stop_overdue(self) -> None:
        """Stop the jobs that ran past their time limit plus the grace (the limit bounds the
        whole job: building and decoding too)."""
        moment = time.monotonic()
        with self._lock:
            overdue = {
                job_id: (self._processes.pop(job_id), self._deadlines.pop(job_id)[1])
                for job_id, (deadline, _) in list(self._deadlines.items())
                if deadline < moment and job_id in self._processes
            }
        for job_id, (process, limit) in overdue.items():
            _terminate(process)
            with self._lock:
                self._unrecorded[job_id] = (
                    f"stopped: the job ran past its time limit of {limit:g} s plus "
                    f"{self.grace:g} s of grace"
                )

    def _leases(self) -> None:
        """Renew the leases of the jobs running here; fail jobs whose lease ran out (their
        server died; a job of a live server keeps running)."""
        with Session(self.engine) as session:
            crud.renew_leases(session, self.running())
            failed = crud.fail_expired_jobs(session, RESTART_REASON)
        if failed:
            log.warning("jobs %s lost their server (lease expired): marked failed", failed)

    def _dispatch(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                if len(self._processes) >= self.slots:
                    return
            with Session(self.engine) as session:
                job = crud.claim_next_job(session)
                if job is None or job.id is None:
                    return
                job_id, limit = job.id, job.time_limit
            try:
                process = self._start(job_id)
            except OSError as error:
                with Session(self.engine) as session:
                    crud.fail_job(session, job_id, f"cannot start the solve process: {error}")
                continue
            with self._lock:
                self._processes[job_id] = process
                self._deadlines[job_id] = (time.monotonic() + limit + self.grace, limit)
            with Session(self.engine) as session:
                crud.set_job_pid(session, job_id, process.pid)

    def _start(self, job_id: int) -> subprocess.Popen[bytes]:
        """A fresh Python process for the job (no state shared with the server)."""
        command = [
            sys.executable,
            "-m",
            "zenplan.api.jobs",
            str(job_id),
            str(self.progress_interval),
            str(os.getpid()),
        ]
        # The process imports the same zenplan as the server, installed or not.
        paths = [str(PACKAGE_ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        environment = {
            **os.environ,
            DATABASE_VARIABLE: self.database_url,
            MEMORY_VARIABLE: str(self.memory_mb),
            TIMEOUT_VARIABLE: str(self.statement_timeout),
            # few malloc arenas: reserved address space stays close to memory in use
            "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
            "PYTHONPATH": os.pathsep.join(paths),
        }
        return subprocess.Popen(command, env=environment, stdin=subprocess.DEVNULL)


def _terminate(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


# --------------------------------------------------------------------------- in the job's process


class _ProgressWriter:
    """Writes the solver's progress to the job row, at most every ``interval`` seconds, from
    a thread of its own: a slow or absent database never holds up the search (the solver
    calls this from its own thread); the latest progress wins, older ones are dropped."""

    def __init__(self, engine: Engine, job_id: int, interval: float) -> None:
        self.engine = engine
        self.job_id = job_id
        self.interval = interval
        self.last = 0.0
        self._latest: Any = None
        self._lock = threading.Lock()
        self._ready = threading.Event()
        threading.Thread(target=self._write_loop, name="progress", daemon=True).start()

    def __call__(self, progress: Any) -> None:
        moment = time.monotonic()
        if moment - self.last < self.interval:
            return
        self.last = moment
        with self._lock:
            self._latest = progress
        self._ready.set()

    def _write_loop(self) -> None:
        while True:
            self._ready.wait()
            self._ready.clear()
            with self._lock:
                progress, self._latest = self._latest, None
            if progress is not None:
                self._write(progress)

    def _write(self, progress: Any) -> None:
        try:
            with Session(self.engine) as session:
                crud.record_progress(
                    session,
                    self.job_id,
                    progress.objective,
                    progress.bound,
                    progress.gap,
                    progress.solutions,
                )
        except SQLAlchemyError as error:  # the database is away: skip this progress write
            log.warning("job %s: progress not written: %s", self.job_id, error)


def _watch(engine: Engine, job_id: int, server_pid: int) -> None:
    """End this process when the job stops running or its server is gone."""
    while True:
        time.sleep(WATCH_SECONDS)
        if os.getppid() != server_pid:
            os._exit(3)
        try:
            with Session(engine) as session:
                job = session.get(Job, job_id)
                if job is None or job.state != "running":
                    os._exit(0)
        except Exception:  # the database may be busy for a moment
            continue


def run_job(database_url: str, job_id: int, progress_interval: float, server_pid: int) -> None:
    """Entry point of a job's process: solve (or replan) the job's scenario version, store
    the schedule."""
    from zenplan.scheduler import solve
    from zenplan.scheduler.replan import replan

    with contextlib.suppress(OSError):
        os.nice(5)  # reads on the server come first
    timeout = float(os.environ.get(TIMEOUT_VARIABLE) or DEFAULT_STATEMENT_TIMEOUT)
    engine = make_engine(database_url, timeout)
    threading.Thread(target=_watch, args=(engine, job_id, server_pid), daemon=True).start()
    progress = _ProgressWriter(engine, job_id, progress_interval)
    # Address space given back when the job fails: without it, a job out of memory was seen
    # to die while recording why.
    reserve = bytearray(RESERVE_BYTES)
    memory_mb = int(os.environ.get(MEMORY_VARIABLE) or 0)
    if memory_mb:
        _limit_memory(memory_mb)
    what = "solve"
    failure: Exception | None = None
    try:
        # read while the database answers (it may be away for a moment as the process starts)
        what = _retrying(engine, lambda session: _job(session, job_id).kind)
        scenario, options, replanning = _retrying(
            engine, lambda session: _job_inputs(session, job_id)
        )
        if replanning is None:
            schedule = solve(scenario, options, progress)
            _retrying(engine, lambda session: crud.finish_job(session, job_id, schedule))
        else:
            baseline, now, incidents, pins = replanning
            result = replan(scenario, baseline, now, options, incidents, progress, pins)
            _retrying(
                engine,
                lambda session: crud.finish_job(
                    session, job_id, result.schedule, result.diff, result.frozen_phases
                ),
            )
    except Exception as error:
        del reserve
        # Without its traceback the error no longer holds the model, freed when this ends.
        failure = error.with_traceback(None)
    try:
        if failure is not None:
            reason = _failure_reason(what, failure, memory_mb)
            _retrying(engine, lambda session: crud.fail_job(session, job_id, reason))
    finally:
        engine.dispose()


def _failure_reason(what: str, error: Exception, memory_mb: int) -> str:
    if memory_mb and _out_of_memory(error):
        return (
            f"the {what} ran out of memory: a job may use {memory_mb} MB "
            "(ZENPLAN_JOB_MEMORY_MB); make the scenario smaller or ask for a higher ceiling"
        )
    return f"the {what} failed: {type(error).__name__}: {error}"


def _job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    assert job is not None
    return job


def _job_inputs(
    session: Session, job_id: int
) -> tuple[Scenario, SolveOptions, tuple[Schedule, date, list[Incident], list[Pin]] | None]:
    """The job's scenario version, solve options and, for a replan, its inputs."""
    from zenplan.api.convert import scenario_of
    from zenplan.scheduler import SolveOptions

    job = _job(session, job_id)
    version = session.get(ScenarioVersion, job.scenario_version_id)
    assert version is not None
    scenario = scenario_of(version.document, version.scenario_id, version.number)
    options = SolveOptions(
        time_limit=job.time_limit,
        workers=job.workers,
        seed=job.seed,
        relative_gap=job.relative_gap,
    )
    replanning = _replan_inputs(session, job, scenario) if job.kind == "replan" else None
    return scenario, options, replanning


def _out_of_memory(error: Exception) -> bool:
    """An allocation (or a thread's stack) refused by the memory ceiling."""
    return isinstance(error, MemoryError) or "can't start new thread" in str(error)


def _limit_memory(megabytes: int) -> None:
    """Let the process grow by at most ``megabytes`` beyond what its code already takes: an
    allocation past it fails (MemoryError) instead of starving the server."""
    import resource

    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    ceiling = in_use + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def _retrying(engine: Engine, write: Callable[[Session], T]) -> T:
    """Read the job's inputs or record its end, retrying while the database is away (up to
    RECORD_SECONDS); if it stays away, the process exits and the server records the job as
    failed later."""
    deadline = time.monotonic() + RECORD_SECONDS
    delay = 0.5
    while True:
        try:
            with Session(engine) as session:
                return write(session)
        except SQLAlchemyError as error:
            if time.monotonic() + delay > deadline:
                raise
            log.warning("the database does not answer yet (%s); retrying", error)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def _replan_inputs(
    session: Session, job: Job, scenario: Scenario
) -> tuple[Schedule, date, list[Incident], list[Pin]]:
    """A replan job's baseline schedule, date, incidents and pins (checked when it was
    queued)."""
    from zenplan.api.convert import replan_scenario, schedule_of
    from zenplan.models.pins import parse_pins

    record = session.get(ScheduleRecord, job.baseline_schedule_id)
    if record is None:
        raise ValueError(f"the baseline schedule {job.baseline_schedule_id} is gone")
    assert job.now is not None
    raw = json.loads(job.incidents or "[]")
    incidents, _ = replan_scenario(scenario, raw, f"job {job.id}: incidents")
    pins = parse_pins(json.loads(job.pins or "[]"), f"job {job.id}: pins")
    return schedule_of(record.document), job.now, incidents, pins


def main(arguments: list[str]) -> None:
    """``python -m zenplan.api.jobs JOB_ID PROGRESS_INTERVAL SERVER_PID`` (database URL in the
    environment), as the runner starts it."""
    job_id, interval, server_pid = arguments
    run_job(os.environ[DATABASE_VARIABLE], int(job_id), float(interval), int(server_pid))


if __name__ == "__main__":
    main(sys.argv[1:])
