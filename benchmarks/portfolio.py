"""Portfolio benchmark: the example and generated portfolios, the search against the greedy
plan and the certified bound.

    python -m zenplan.benchmarks.portfolio --projects example 50 100 --seeds 0 1 --workers 2

Each case runs in a fresh process so its peak memory (max RSS) is its own. Reported per case:
the greedy plan's objective, the objective after 10 s and at the time limit, the bound and
the gap of the plan to it ((bound - objective) / bound), the time to the first plan, the
rules the checker finds broken (0 expected) and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import platform
import resource
from pathlib import Path
from time import perf_counter
from typing import Any

from zenplan.models import Scenario, load_scenario, parse_scenario
from zenplan.scenarios.generator import generate_scenario
from zenplan.scheduler import Progress, SolveOptions, check, solve

EXAMPLE = Path(__file__).resolve().parents[1] / "scenarios" / "example.yaml"


def scenario_for(case: str, seed: int, core_only: bool = False) -> Scenario:
    """The example or a generated portfolio; ``core_only`` drops the portfolio rules (data
    reuse, ethics, balance policies, R&D reserve, mentoring) to measure the core engine."""
    if case == "example":
        scenario = load_scenario(EXAMPLE)
    else:
        scenario = generate_scenario(int(case), seed=seed)
    if not core_only:
        return scenario
    document = scenario.model_dump(mode="json", by_alias=True)
    document["policies"] = {}
    document["ethics_board"] = None
    document["datasets"] = []
    document["objective"]["balance"] = 0
    for project in document["projects"]:
        project["datasets"] = []
        project["ethics"] = "none"
    return parse_scenario(document, f"{case} (core rules only)")


def run_case(
    case: str, seed: int, time_limit: float, workers: int, strategy: str, core_only: bool
) -> dict[str, Any]:
    """Solve one case and measure it (meant to run in its own process)."""
    scenario = scenario_for(case, seed, core_only)
    trace: list[Progress] = []
    options = SolveOptions(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        strategy=strategy,  # type: ignore[arg-type]
    )
    started = perf_counter()
    schedule = solve(scenario, options, trace.append)
    seconds = perf_counter() - started
    at_10 = [p.objective for p in trace if p.elapsed <= 10 and p.objective is not None]
    greedy = schedule.solver.greedy_objective if schedule.solver else None
    return {
        "case": case,
        "seed": seed,
        "projects": len(scenario.projects),
        "people": len(scenario.staff),
        "strategy": schedule.solver.strategy if schedule.solver else None,
        "first_plan_s": schedule.solver.first_solution_seconds if schedule.solver else None,
        "objective_10s": at_10[-1] if at_10 else None,
        "objective_end": schedule.objective,
        "bound": round(schedule.bound, 1),
        "gap_pct": round(100 * schedule.gap, 1) if schedule.gap is not None else None,
        "seconds": round(seconds, 1),
        "greedy": greedy,
        "vs_greedy_pct": round(100 * (schedule.objective / greedy - 1), 1) if greedy else None,
        "delivered": schedule.kpis.delivered,
        "violations": len(check(scenario, schedule)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _worker(args: tuple[str, int, float, int, str, bool], queue: Any) -> None:
    queue.put(run_case(*args))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", nargs="+", default=["example", "50", "100", "200"])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--strategy", choices=("auto", "full", "lns"), default="auto")
    parser.add_argument("--core-only", action="store_true", help="Drop the portfolio rules.")
    parser.add_argument("--json", type=Path, help="Also write the rows to this file.")
    args = parser.parse_args()
    context = multiprocessing.get_context("spawn")
    rows = []
    print(f"# {platform.processor() or platform.machine()}, {args.workers} workers")
    cases = [(case, seed) for case in args.projects for seed in args.seeds]
    for case, seed in cases:
        queue = context.Queue()
        process = context.Process(
            target=_worker,
            args=(
                (case, seed, args.time_limit, args.workers, args.strategy, args.core_only),
                queue,
            ),
        )
        process.start()
        process.join()
        if process.exitcode != 0:
            raise SystemExit(f"case {case} failed with exit code {process.exitcode}")
        row = queue.get()
        rows.append(row)
        print(json.dumps(row), flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
