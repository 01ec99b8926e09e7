"""Where the tasks of a batch run: a Ray cluster, a local process pool, or this process.

Every executor runs one picklable function over many items and yields each result as it
finishes, tagged with the item's index. A task that crashes (an exception, a dead worker
process) becomes a ``Done`` with an error message; the other tasks go on. Ray is imported
only by ``RayCluster``, so the core runs without it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Done(Generic[R]):
    """One finished task: its item's index and its result, or why it has none."""

    index: int
    value: R | None
    error: str | None = None


class Executor(Protocol):
    """Runs ``function(item)`` for every item, each task asking for ``cpus`` CPUs."""

    description: str

    def run(
        self, function: Callable[[T], R], items: Sequence[T], cpus: int = 1
    ) -> Iterator[Done[R]]: ...

    def close(self) -> None: ...


def _crash(error: BaseException) -> str:
    return f"internal error: {type(error).__name__}: {error}"


class InProcess:
    """Runs the tasks one after another in this process (small jobs, debugging)."""

    description = "this process"

    def run(
        self, function: Callable[[T], R], items: Sequence[T], cpus: int = 1
    ) -> Iterator[Done[R]]:
        for index, item in enumerate(items):
            try:
                yield Done(index, function(item))
            except Exception as error:
                yield Done(index, None, _crash(error))

    def close(self) -> None:
        pass


class LocalPool:
    """A pool of ``processes`` fresh Python processes (spawned: no forked solver state)."""

    def __init__(self, processes: int) -> None:
        if processes < 1:
            raise ValueError(f"--local needs at least 1 process, got {processes}")
        self.processes = processes
        self.description = f"local pool of {processes} process{'es' * (processes > 1)}"
        self._pool: ProcessPoolExecutor | None = None

    def run(
        self, function: Callable[[T], R], items: Sequence[T], cpus: int = 1
    ) -> Iterator[Done[R]]:
        if not items:
            return
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=self.processes, mp_context=context)
        futures: dict[Future[R], int] = {
            self._pool.submit(function, item): index for index, item in enumerate(items)
        }
        try:
            for future in as_completed(futures):
                index = futures[future]
                error = future.exception()
                if error is None:
                    yield Done(index, future.result())
                else:
                    yield Done(index, None, _crash(error))
        finally:
            for future in futures:
                future.cancel()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class RayCluster:
    """Tasks on Ray: each asks the scheduler for ``cpus`` CPUs (a solve's CP-SAT workers).

    ``address`` is a cluster address (``ray://host:10001``, ``host:6379``) or ``auto``: the
    running cluster if there is one, else a local Ray started for this batch and stopped by
    ``close``. An already initialised Ray (a notebook, a test) is used as it is.
    """

    def __init__(self, address: str) -> None:
        try:
            import ray
        except ImportError:
            raise ValueError("--ray needs Ray: pip install 'ray>=2.9'") from None
        self._ray: Any = ray
        self._owned = False
        if not ray.is_initialized():
            self._owned = True
            self._connect(address)
        cpus = int(self._ray.cluster_resources().get("CPU", 0))
        self.cpus = cpus
        self.description = f"Ray cluster with {cpus} CPUs"

    def _connect(self, address: str) -> None:
        options: dict[str, Any] = {"log_to_driver": False, "logging_level": "warning"}
        if address != "auto":
            self._ray.init(address=address, **options)
            return
        try:
            self._ray.init(address="auto", **options)
        except ConnectionError:
            self._ray.init(include_dashboard=False, **options)

    def run(
        self, function: Callable[[T], R], items: Sequence[T], cpus: int = 1
    ) -> Iterator[Done[R]]:
        if cpus > self.cpus:
            raise ValueError(
                f"each task asks for {cpus} CPUs but the Ray cluster has {self.cpus}; "
                "use fewer --workers"
            )
        ray = self._ray
        remote = ray.remote(num_cpus=cpus, max_retries=0)(function)
        pending: dict[Any, int] = {remote.remote(item): index for index, item in enumerate(items)}
        try:
            while pending:
                ready, _ = ray.wait(list(pending), num_returns=1)
                index = pending.pop(ready[0])
                try:
                    yield Done(index, ray.get(ready[0]))
                except Exception as error:
                    yield Done(index, None, _crash(error))
        finally:
            for ref in pending:
                ray.cancel(ref)

    def close(self) -> None:
        if self._owned:
            self._ray.shutdown()
            self._owned = False


def executor_for(ray: str | None = None, local: int | None = None, workers: int = 1) -> Executor:
    """The executor a user asked for: Ray at ``ray``, else ``local`` processes (0: this
    process), else a local pool with one process per ``workers`` cores."""
    if ray is not None and local is not None:
        raise ValueError("give either --ray or --local, not both")
    if ray is not None:
        return RayCluster(ray)
    if local == 0:
        return InProcess()
    if local is None:
        local = max(1, (os.cpu_count() or 1) // max(1, workers))
    return LocalPool(local)
