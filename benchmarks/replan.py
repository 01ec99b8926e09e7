"""Replanning benchmark: one drift incident on a generated portfolio, replan against re-solve.

    python -m zenplan.benchmarks.replan --projects 100 --baseline-time 60 --time-limit 30 \
        --workers 2

The baseline is the plan solved for the portfolio (which also has a deployed model, status
done). An incident on that model arrives at period ``--now``; zenplan replans (started work
frozen, stability objective, baseline as hint) and, for comparison, solves the portfolio with
the incident from scratch. Reported for both: seconds to the first plan and in all, and the
share of future baseline phases that moved; for the replan also its objective (stability
counted), its certified bound and the search it used (``--replan-only`` skips the re-solve).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from time import perf_counter
from typing import Any

from zenplan.models import Scenario, parse_scenario
from zenplan.models.diff import diff
from zenplan.models.scenario import Incident
from zenplan.scenarios.generator import generate
from zenplan.scheduler import Progress, SolveOptions, check, solve
from zenplan.scheduler.replan import replan, with_incidents


def portfolio(projects: int, seed: int) -> Scenario:
    """A generated portfolio plus one deployed model (status done) that can drift."""
    document = generate(projects, seed=seed)
    skill = next(iter(document["staff"][0]["skills"]))
    document["projects"].append(
        {
            "id": "deployed_model",
            "name": "Deployed scoring model",
            "status": "done",
            "value": 5000,
            "phases": [{"id": "build", "duration": 2, "requires": [{"skill": skill, "level": 3}]}],
        }
    )
    return parse_scenario(document, f"generated {projects} + deployed model")


def incident(scenario: Scenario, now: int, sla: int) -> Incident:
    skill = next(iter(scenario.staff[0].skills))
    return Incident.model_validate(
        {
            "id": "drift_1",
            "project": "deployed_model",
            "detected": scenario.grid.start_date(now).isoformat(),
            "sla": sla,
            "phases": [
                {"id": "retrain", "duration": 2, "requires": [{"skill": skill, "level": 3}]},
                {"id": "redeploy", "duration": 1, "requires": [{"skill": skill, "level": 2}]},
            ],
        }
    )


def first_plan(trace: list[Progress]) -> float | None:
    return round(trace[0].elapsed, 2) if trace else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--now", type=int, default=10)
    parser.add_argument("--sla", type=int, default=6)
    parser.add_argument("--baseline-time", type=float, default=60.0)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--replan-only", action="store_true", help="skip the re-solve")
    args = parser.parse_args()
    scenario = portfolio(args.projects, args.seed)
    options = SolveOptions(time_limit=args.baseline_time, workers=args.workers, seed=args.seed)
    baseline = solve(scenario, options)
    drift = incident(scenario, args.now, args.sla)
    now: date = scenario.grid.start_date(args.now)
    run = SolveOptions(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    rows: list[dict[str, Any]] = []

    trace: list[Progress] = []
    started = perf_counter()
    result = replan(scenario, baseline, now, run, [drift], trace.append)
    full = with_incidents(scenario, [drift])
    info = result.schedule.solver
    rows.append(
        {
            "method": "replan",
            "projects": args.projects,
            "seed": args.seed,
            "time_limit": args.time_limit,
            "status": result.schedule.status,
            "strategy": info.strategy if info is not None else None,
            "objective": result.schedule.objective,
            "bound": result.schedule.bound,
            "first_plan_s": first_plan(trace),
            "seconds": round(perf_counter() - started, 2),
            "future_phases": result.diff.phases_compared,
            "moved": len(result.diff.moved),
            "moved_pct": round(100 * result.diff.moved_share, 1),
            "people_changed": len(result.diff.staff_changed),
            "violations": len(check(full, result.schedule)),
        }
    )
    if args.replan_only:
        print(json.dumps(rows[0]), flush=True)
        return

    trace = []
    started = perf_counter()
    fresh = solve(full, run, trace.append)
    changes = diff(baseline, fresh, since=args.now)
    rows.append(
        {
            "method": "solve from scratch",
            "projects": args.projects,
            "seed": args.seed,
            "time_limit": args.time_limit,
            "status": fresh.status,
            "first_plan_s": first_plan(trace),
            "seconds": round(perf_counter() - started, 2),
            "future_phases": changes.phases_compared,
            "moved": len(changes.moved),
            "moved_pct": round(100 * changes.moved_share, 1),
            "people_changed": len(changes.staff_changed),
            "violations": len(check(full, fresh)),
        }
    )
    for row in rows:
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
