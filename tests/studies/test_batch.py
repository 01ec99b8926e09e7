"""Batches on a real local Ray and on the local process pool: a broken scenario fails alone."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import ray
from builders import phase, project, scenario_of

from zenplan.scenarios.generator import generate
from zenplan.scheduler import SolveOptions, check, solve
from zenplan.studies.batch import BatchTask, read_tasks, run_batch, run_task, write_results
from zenplan.studies.executors import Executor, InProcess, LocalPool, RayCluster

OPTIONS = SolveOptions(time_limit=2, workers=1, seed=1, relative_gap=0)
DS3 = ("data_science", 3, 1)
DE3 = ("data_engineering", 3, 1)


def document(**changes: Any) -> dict[str, Any]:
    """A tiny scenario as the plain document a file would hold."""
    document: dict[str, Any] = scenario_of(**changes).model_dump(mode="json", by_alias=True)
    return document


def tasks() -> list[BatchTask]:
    good = document(
        projects=[project("fraud", phase("data", 2, DE3), phase("model", 3, DS3), value=10)]
    )
    other = document(
        projects=[project("churn", phase("model", 2, DS3), value=5), project("ltv", phase("m", 1))]
    )
    broken = document(projects=[project("fraud", phase("data", 2, DE3))])
    broken["projects"][0]["phases"][0]["duration"] = 0
    return [
        BatchTask("good", "good.yaml", good, OPTIONS),
        BatchTask("broken", "broken.yaml", broken, OPTIONS),
        BatchTask("other", "other.yaml", other, OPTIONS),
    ]


def assert_broken_fails_alone(executor: Executor) -> None:
    finished: list[str] = []
    results = run_batch(tasks(), executor, lambda result: finished.append(result.name))
    assert sorted(finished) == ["broken", "good", "other"]
    assert [r.name for r in results] == ["good", "broken", "other"]  # the tasks' order
    good, broken, other = results
    assert good.planned and other.planned
    assert good.schedule is not None and good.schedule.project("fraud").selected  # type: ignore[union-attr]
    assert broken.schedule is None and broken.error is not None
    assert broken.error.startswith("broken.yaml")
    assert "projects[0].phases[0].duration" in broken.error and "(got 0)" in broken.error


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[RayCluster]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        yield RayCluster("auto")  # uses the Ray just started
    finally:
        ray.shutdown()


def test_a_broken_scenario_fails_alone_on_ray(ray_cluster: RayCluster) -> None:
    assert ray_cluster.cpus == 2
    assert_broken_fails_alone(ray_cluster)


def test_deterministic_batches_give_the_same_plans_on_ray_and_the_local_pool(
    ray_cluster: RayCluster,
) -> None:
    """Where a batch runs changes nothing in its plans: 45-project portfolios (solved by
    neighbourhoods) with deterministic limits, on Ray and on the local pool."""
    options = SolveOptions(time_limit=2, workers=1, seed=2, deterministic=True)
    documents = [generate(45, seed=seed) for seed in (11, 12)]
    batch = [BatchTask(f"p{i}", f"p{i}.yaml", d, options) for i, d in enumerate(documents)]
    on_ray = run_batch(batch, ray_cluster)
    pool = LocalPool(2)
    try:
        on_pool = run_batch(batch, pool)
    finally:
        pool.close()
    for ray_result, pool_result in zip(on_ray, on_pool, strict=True):
        assert ray_result.schedule is not None and pool_result.schedule is not None
        assert ray_result.schedule.objective == pool_result.schedule.objective
        assert ray_result.schedule.model_dump(include={"projects"}) == (
            pool_result.schedule.model_dump(include={"projects"})
        )


def test_ray_tasks_ask_for_as_many_cpus_as_cp_sat_workers(ray_cluster: RayCluster) -> None:
    def assigned_cpus(_: int) -> float:
        import ray as worker_ray

        context = worker_ray.get_runtime_context()
        return float(context.get_assigned_resources().get("CPU", 0))  # type: ignore[no-untyped-call]

    done = list(ray_cluster.run(assigned_cpus, [0, 1], cpus=2))
    assert [d.value for d in done] == [2.0, 2.0]
    with pytest.raises(ValueError, match="asks for 3 CPUs but the Ray cluster has 2"):
        list(ray_cluster.run(assigned_cpus, [0], cpus=3))


def test_a_broken_scenario_fails_alone_on_the_local_pool() -> None:
    pool = LocalPool(2)
    try:
        assert_broken_fails_alone(pool)
    finally:
        pool.close()


def test_a_crashing_task_fails_alone() -> None:
    def explode(item: int) -> int:
        if item == 1:
            raise RuntimeError("boom")
        return item

    done = sorted(InProcess().run(explode, [0, 1, 2]), key=lambda d: d.index)
    assert [d.value for d in done] == [0, None, 2]
    assert done[1].error == "internal error: RuntimeError: boom"


def test_files_that_cannot_be_read_fail_without_a_worker(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("name: [unclosed\n")
    found = read_tasks([tmp_path / "bad.yaml", tmp_path / "missing.yaml"], OPTIONS)
    assert "invalid YAML at line" in (found[0].problem or "")
    assert "file not found" in (found[1].problem or "")
    assert run_task(found[1]).error == found[1].problem


def test_results_and_summary_are_written(tmp_path: Path) -> None:
    results = run_batch(tasks(), InProcess())
    write_results(tmp_path, results)
    assert json.loads((tmp_path / "good" / "schedule.json").read_text())["status"] == "optimal"
    assert not (tmp_path / "broken").exists()
    rows = json.loads((tmp_path / "summary.json").read_text())
    assert [r["name"] for r in rows] == ["good", "broken", "other"]
    assert rows[0]["delivered"] == 1 and rows[0]["error"] is None
    assert rows[1]["status"] == "error" and "(got 0)" in rows[1]["error"]
    header = (tmp_path / "summary.csv").read_text().splitlines()[0]
    assert header == (
        "name,status,objective,value,cost,delivered,late,max_delivery_gap,flow_efficiency,seconds,error"
    )


def test_a_replan_batch_keeps_running_work_and_meets_the_sla(tmp_path: Path) -> None:
    scenario = scenario_of(
        projects=[
            project("fraud", phase("data", 2, DS3), phase("model", 4, DS3), value=50),
            project("old", phase("model", 2, DS3), status="done"),
        ]
    )
    baseline = solve(scenario, OPTIONS)
    (tmp_path / "baselines").mkdir()
    (tmp_path / "baselines" / "drift.json").write_text(baseline.model_dump_json())
    incident = {
        "id": "drift1",
        "project": "old",
        "detected": "2027-01-25",  # period 3
        "sla": 6,
        "phases": [{"id": "retrain", "duration": 2, "requires": [{"skill": "data_science"}]}],
    }
    with_incident = scenario.model_dump(mode="json", by_alias=True) | {"incidents": [incident]}
    (tmp_path / "drift.json").write_text(json.dumps(with_incident))
    found = read_tasks(
        [tmp_path / "drift.json"], OPTIONS, tmp_path / "baselines", date(2027, 1, 25)
    )
    (result,) = run_batch(found, InProcess())
    assert result.planned and result.schedule is not None and result.diff is not None
    refresh = result.schedule.project("drift1")
    assert refresh is not None and refresh.selected and refresh.end is not None
    assert refresh.end <= 3 + 6
    running = next(p for p in baseline.project("fraud").phases if p.start < 3)  # type: ignore[union-attr]
    kept = result.schedule.project("fraud").phase(running.id)  # type: ignore[union-attr]
    assert kept is not None and kept.start == running.start
    assert "moved_share" in result.diff
    from zenplan.scheduler.replan import with_incidents

    assert check(with_incidents(scenario_of(**with_incident)), result.schedule) == []


def test_a_replan_without_its_baseline_fails_alone(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps(document()))
    (task,) = read_tasks([tmp_path / "a.json"], OPTIONS, tmp_path / "baselines", date(2027, 1, 25))
    assert task.problem is not None and "file not found" in task.problem
    assert task.problem.startswith(str(tmp_path / "baselines" / "a.json"))


def test_the_core_imports_without_ray() -> None:
    code = (
        "import sys; sys.modules['ray'] = None\n"
        "import zenplan.studies.batch, zenplan.studies.whatif, zenplan.studies.risk\n"
        "from zenplan.studies.executors import executor_for\n"
        "try:\n"
        "    executor_for(ray='auto')\n"
        "except ValueError as error:\n"
        "    print(error)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--ray needs Ray: pip install" in run.stdout
