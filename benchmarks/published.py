"""Published solvers' results on the fixed sample, summarized as the runner summarizes ours.

    python -m zenplan.benchmarks.published psplib-j60 --data ../shared/benchdata --within 30

``--data`` is the benchdata folder or its ``psplib`` folder. The benchdata's
``psplib/reference_results/*.csv`` hold per-instance results of IBM CP Optimizer and OptalCP
(4 workers, 600 s; semicolon-separated, one row per instance named ``rcpsp_j60_j6013_1``,
with the objective, whether it is proven, when the last plan was found and when the bound
was). Each file gives one row: on the set's sample (the one ``zenplan bench`` runs), the
mean gap of the final plans to the best-known and the proofs; with ``--within S``, how many
final plans and proofs those solvers had reached by S seconds.
When every final plan was found by then, the mean gap is also the gap at S seconds.
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from zenplan.benchmarks.report import cell
from zenplan.benchmarks.runner import Instance, bench_set, family_folder, gap_pct, select_instances

REFERENCE_FOLDER = "reference_results"  # under the psplib folder


@dataclass(frozen=True)
class PublishedResult:
    """One instance's published result."""

    instance: str
    solver: str
    workers: int
    time_limit: float
    objective: int
    proven: bool
    last_solution_s: float  # when the final plan was found
    bound_s: float  # when the final bound was reached (the proof, when proven)


@dataclass(frozen=True)
class PublishedSummary:
    """A published solver on a sample: mean gap of its final plans, proofs, and (with a
    ``within`` time) how many final plans and proofs it had reached by then."""

    source: str
    solver: str
    workers: int
    time_limit: float
    instances: int
    missing: int
    mean_gap_pct: float | None
    proven: int
    within_s: float | None = None
    final_plan_within: int | None = None
    proven_within: int | None = None


def read_reference_results(path: Path) -> dict[str, PublishedResult]:
    """The results of one reference file, by instance name (``j6013_1``); a row without a
    plan (no objective) is left out, so its instance counts as missing.

    Raises ValueError naming the file and the row when a row lacks a column or a number."""
    results: dict[str, PublishedResult] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter=";"), start=2):
            try:
                if not (row["Objective"] or "").strip():
                    continue
                name = row["Model name"].rsplit("_", 2)
                instance = "_".join(name[-2:])
                results[instance] = PublishedResult(
                    instance=instance,
                    solver=row["Solver"],
                    workers=int(row["Workers"]),
                    time_limit=float(row["Time limit"]),
                    objective=int(row["Objective"]),
                    proven=row["Status"] == "Optimum",
                    last_solution_s=float(row["Last solution time"]),
                    bound_s=float(row["LB time"]),
                )
            except (KeyError, TypeError, ValueError) as error:
                raise ValueError(
                    f"{path}: line {line}: not a reference result row ({error})"
                ) from error
    return results


def summarize_published(
    source: str,
    instances: Iterable[Instance],
    results: dict[str, PublishedResult],
    within: float | None = None,
) -> PublishedSummary:
    """The published ``results`` on ``instances`` (those without a result count as missing)."""
    chosen = list(instances)
    found = [(i, results[i.name]) for i in chosen if i.name in results]
    gaps = [gap_pct(r.objective, i.best_known) for i, r in found]
    known = [gap for gap in gaps if gap is not None]
    first = found[0][1] if found else None
    plans_by = proofs_by = None
    if within is not None:
        plans_by = sum(r.last_solution_s <= within for _, r in found)
        proofs_by = sum(r.proven and r.bound_s <= within for _, r in found)
    return PublishedSummary(
        source=source,
        solver=first.solver if first else "",
        workers=first.workers if first else 0,
        time_limit=first.time_limit if first else 0.0,
        instances=len(found),
        missing=len(chosen) - len(found),
        mean_gap_pct=round(mean(known), 2) if known else None,
        proven=sum(r.proven for _, r in found),
        within_s=within,
        final_plan_within=plans_by,
        proven_within=proofs_by,
    )


def markdown(summaries: list[PublishedSummary]) -> str:
    """A table of the summaries, one row per reference file."""
    within = next((s.within_s for s in summaries if s.within_s is not None), None)
    head = ["file", "solver", "workers", "limit s", "instances", "mean gap", "proven"]
    if within is not None:
        head += [f"final plan by {within:g} s", f"proven by {within:g} s"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for s in summaries:
        count = f"{s.instances} of {s.instances + s.missing}" if s.missing else str(s.instances)
        gap = cell(s.mean_gap_pct, "%")
        cells = [s.source, s.solver, str(s.workers), f"{s.time_limit:g}", count, gap, str(s.proven)]
        if within is not None:
            cells += [str(s.final_plan_within), str(s.proven_within)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """``python -m zenplan.benchmarks.published SET --data DIR [--within S]``: the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", choices=["psplib-j30", "psplib-j60", "psplib-j120"])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--within", type=float)
    args = parser.parse_args(argv)
    folder = family_folder(args.data, "psplib") / REFERENCE_FOLDER
    files = sorted(folder.glob("*.csv"))
    if not files:
        parser.error(f"no reference results under {folder}")
    try:
        instances = select_instances(bench_set(args.set), args.data)
        summaries = [
            summarize_published(path.name, instances, read_reference_results(path), args.within)
            for path in files
        ]
    except ValueError as error:
        parser.error(str(error))
    print(markdown(summaries))


if __name__ == "__main__":
    main()
