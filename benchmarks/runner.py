"""Solve published instance sets through the normal scheduler path and compare with the
best-known results (and, optionally, with PyJobShop on the same instances in the same run).

    zenplan bench psplib-j30 --data ../shared/benchdata --time-limit 30 --workers 2
    python -m zenplan.benchmarks.runner mplib --data ../shared/benchdata --sample 5 \
        --against pyjobshop

Sets (``--data`` is the benchdata folder, or the set family's own folder):

- ``psplib-j30``, ``psplib-j60``, ``psplib-j120``: ``psplib/j30/*.sm`` ...; best-known from
  ``j30opt.sm`` (optimal), ``j60hrs.sm``, ``j120hrs.sm`` (upper bounds);
- ``mplib``: ``mplib/instances/MPLIB1_Set3_*.txt``; best-known total portfolio makespan from
  ``mplib/bks.csv``;
- ``mspsp`` (set-2c and set-2a), ``mspsp-1a``, ``mspsp-2a``, ``mspsp-2c``:
  ``mspsp/set-*/*.dzn``; best-known and its proof from ``mspsp/results``.

Without ``--all`` a set runs the fixed sample of issue 6 (j30: instance 1 of every parameter
group; j60: instance 1 of the odd groups; j120: instance 1 of the odd groups 1-29; MPLIB:
instances 0-19; MSPSP: set-2c and instance 0 of each set-2a file); the single MSPSP subsets
run whole.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from statistics import mean
from time import perf_counter

from zenplan.benchmarks.mplib_adapter import read_mplib_reference, scenario_from_mplib
from zenplan.benchmarks.mspsp_adapter import read_mspsp_reference, scenario_from_mspsp
from zenplan.benchmarks.psplib_adapter import read_psplib_reference, scenario_from_psplib
from zenplan.models import Scenario
from zenplan.scheduler import SolveOptions, check, solve

AGAINST = ("pyjobshop",)
INSTANCE_SUFFIXES = (".sm", ".txt", ".dzn")


@dataclass(frozen=True)
class Instance:
    """One published instance and its best-known makespan (None when none is published)."""

    set_name: str
    name: str
    path: Path
    best_known: int | None
    best_known_optimal: bool
    in_sample: bool


@dataclass(frozen=True)
class BenchSet:
    """A named instance set: where its files are, its best-knowns, and its adapter."""

    name: str
    list_instances: Callable[[Path], list[Instance]]
    load: Callable[[Path], Scenario]


@dataclass
class BenchRow:
    """One instance's result: ours, the best-known, and PyJobShop's when asked for."""

    set: str
    instance: str
    best_known: int | None
    best_known_optimal: bool
    ours: int | None = None
    gap_pct: float | None = None
    proven_optimal: bool = False
    status: str = ""
    violations: int = 0
    time_s: float = 0.0
    pyjobshop: int | None = None
    pyjobshop_gap_pct: float | None = None
    pyjobshop_optimal: bool | None = None
    pyjobshop_status: str | None = None
    pyjobshop_time_s: float | None = None
    ratio: float | None = None  # ours / PyJobShop's makespan: below 1 is ours shorter

    @property
    def valid(self) -> bool:
        """Ours found a plan and the checker found nothing wrong with it."""
        return self.ours is not None and self.violations == 0


def gap_pct(makespan: int | None, best_known: int | None) -> float | None:
    """Relative distance to the best-known makespan, in percent (negative: better)."""
    if makespan is None or not best_known:
        return None
    return round(100 * (makespan - best_known) / best_known, 2)


def makespan_ratio(ours: int | None, theirs: int | None) -> float | None:
    """Our makespan over PyJobShop's (below 1: ours is shorter)."""
    if ours is None or not theirs:
        return None
    return round(ours / theirs, 4)


def _natural_key(name: str) -> list[int | str]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


def family_folder(data: Path, family: str) -> Path:
    """``data/family`` when ``data`` is the benchdata folder, else ``data`` itself."""
    return data / family if (data / family).is_dir() else data


def _psplib_instances(size: int, sample_groups: Iterable[int]) -> Callable[[Path], list[Instance]]:
    groups = set(sample_groups)

    def list_instances(data: Path) -> list[Instance]:
        folder = family_folder(data, "psplib")
        files = sorted(
            (folder / f"j{size}").glob(f"j{size}*.sm"), key=lambda p: _natural_key(p.stem)
        )
        optimal = folder / f"j{size}opt.sm"
        table = optimal if optimal.is_file() else folder / f"j{size}hrs.sm"
        reference = read_psplib_reference(table) if table.is_file() else {}
        instances = []
        for path in files:
            match = re.fullmatch(rf"j{size}(\d+)_(\d+)", path.stem)
            if match is None:
                continue
            group, number = int(match[1]), int(match[2])
            instances.append(
                Instance(
                    set_name=f"psplib-j{size}",
                    name=path.stem,
                    path=path,
                    best_known=reference.get(path.stem),
                    best_known_optimal=table == optimal and path.stem in reference,
                    in_sample=number == 1 and group in groups,
                )
            )
        return instances

    return list_instances


def _mplib_instances(data: Path) -> list[Instance]:
    folder = family_folder(data, "mplib")
    bks = folder / "bks.csv"
    reference = read_mplib_reference(bks) if bks.is_file() else {}
    files = sorted((folder / "instances").glob("*.txt"), key=lambda p: _natural_key(p.stem))
    instances = []
    for path in files:
        number = re.search(r"_(\d+)$", path.stem)
        instances.append(
            Instance(
                set_name="mplib",
                name=path.stem,
                path=path,
                best_known=reference.get(path.stem),
                best_known_optimal=False,
                in_sample=number is not None and int(number[1]) < 20,
            )
        )
    return instances


def _mspsp_instances(
    subsets: tuple[str, ...], in_sample: Callable[[str, str], bool] | None = None
) -> Callable[[Path], list[Instance]]:
    """The instances of the MSPSP ``subsets``; the sample is ``in_sample``'s, else all."""

    def list_instances(data: Path) -> list[Instance]:
        folder = family_folder(data, "mspsp")
        results = folder / "results"
        reference = read_mspsp_reference(results) if results.is_dir() else {}
        instances = []
        for subset in subsets:
            for path in sorted((folder / f"set-{subset}").glob("*.dzn"), key=lambda p: p.stem):
                known = reference.get(path.stem)
                instances.append(
                    Instance(
                        set_name=f"mspsp-{subset}",
                        name=path.stem,
                        path=path,
                        best_known=known.makespan if known else None,
                        best_known_optimal=known.optimal if known else False,
                        in_sample=in_sample is None or in_sample(subset, path.stem),
                    )
                )
        return instances

    return list_instances


def _mspsp_issue_sample(subset: str, name: str) -> bool:
    return subset == "2c" or (subset == "2a" and name.endswith("_00"))


SETS: dict[str, BenchSet] = {
    bench.name: bench
    for bench in (
        BenchSet("psplib-j30", _psplib_instances(30, range(1, 49)), scenario_from_psplib),
        BenchSet("psplib-j60", _psplib_instances(60, range(1, 49, 2)), scenario_from_psplib),
        BenchSet("psplib-j120", _psplib_instances(120, range(1, 30, 2)), scenario_from_psplib),
        BenchSet("mplib", _mplib_instances, scenario_from_mplib),
        BenchSet("mspsp", _mspsp_instances(("2c", "2a"), _mspsp_issue_sample), scenario_from_mspsp),
        *(
            BenchSet(f"mspsp-{subset}", _mspsp_instances((subset,)), scenario_from_mspsp)
            for subset in ("1a", "2a", "2c")
        ),
    )
}


def bench_set(name: str) -> BenchSet:
    """The set of that name; ValueError naming the known ones otherwise."""
    try:
        return SETS[name]
    except KeyError:
        raise ValueError(f"unknown set {name!r}; known: {', '.join(SETS)}") from None


def _instance_name(text: str) -> str:
    """An instance name from a name or a file name (``j301_1.sm`` -> ``j301_1``)."""
    text = Path(text.strip()).name
    for suffix in INSTANCE_SUFFIXES:
        text = text.removesuffix(suffix)
    return text


def select_instances(
    bench: BenchSet,
    data: Path,
    *,
    sample: int | None = None,
    names: Iterable[str] | None = None,
    every: bool = False,
) -> list[Instance]:
    """The instances to run: ``names`` if given, else the fixed sample (every instance with
    ``every``), thinned to ``sample`` instances spread evenly over it."""
    available = bench.list_instances(data)
    if not available:
        raise ValueError(f"no {bench.name} instances under {data}")
    if names is not None:
        by_name = {instance.name: instance for instance in available}
        wanted = [_instance_name(name) for name in names]
        unknown = [name for name in wanted if name and name not in by_name]
        if unknown:
            raise ValueError(f"no {bench.name} instance named {', '.join(unknown)} under {data}")
        chosen = [by_name[name] for name in wanted if name]
    else:
        chosen = available if every else [i for i in available if i.in_sample]
    if sample is not None:
        if sample < 1:
            raise ValueError(f"sample must be >= 1, got {sample}")
        if 1 < sample < len(chosen):
            # The first, the last, and evenly spaced between: a spread over parameter groups.
            last = len(chosen) - 1
            chosen = [chosen[round(k * last / (sample - 1))] for k in range(sample)]
        elif sample == 1:
            chosen = chosen[:1]
    return chosen


def run_instance(
    bench: BenchSet,
    instance: Instance,
    options: SolveOptions,
    against: str | None = None,
    pyjobshop_first: bool = False,
) -> BenchRow:
    """Solve one instance with zenplan (and PyJobShop), check ours, compare both."""
    row = BenchRow(
        instance.set_name, instance.name, instance.best_known, instance.best_known_optimal
    )
    try:
        scenario = bench.load(instance.path)
    except ValueError as error:
        row.status = f"error: {error}"
        return row
    if against is not None and pyjobshop_first:
        _run_pyjobshop(row, scenario, options)
    _run_ours(row, scenario, options)
    if against is not None and not pyjobshop_first:
        _run_pyjobshop(row, scenario, options)
    row.ratio = makespan_ratio(row.ours, row.pyjobshop)
    return row


def _run_ours(row: BenchRow, scenario: Scenario, options: SolveOptions) -> None:
    # Published instances are makespan-only: their strategy is the proving search.
    if options.strategy == "auto":
        options = replace(options, strategy="makespan")
    started = perf_counter()
    schedule = solve(scenario, options)
    row.time_s = round(perf_counter() - started, 2)
    row.status = schedule.status
    if schedule.status in ("optimal", "feasible"):
        row.ours = schedule.kpis.makespan
        row.violations = len(check(scenario, schedule))
        row.proven_optimal = schedule.status == "optimal"
        row.gap_pct = gap_pct(row.ours, row.best_known)


def _run_pyjobshop(row: BenchRow, scenario: Scenario, options: SolveOptions) -> None:
    from zenplan.benchmarks.pyjobshop_model import solve_with_pyjobshop

    try:
        result = solve_with_pyjobshop(scenario, options.time_limit, options.workers, options.seed)
    except Exception as error:  # a third-party failure is a result of the run, not its end
        row.pyjobshop_status = f"error: {type(error).__name__}: {error}"
        return
    row.pyjobshop = result.makespan
    row.pyjobshop_optimal = result.optimal
    row.pyjobshop_status = result.status
    row.pyjobshop_time_s = round(result.seconds, 2)
    row.pyjobshop_gap_pct = gap_pct(result.makespan, row.best_known)


def run(
    bench: BenchSet,
    instances: list[Instance],
    options: SolveOptions,
    against: str | None = None,
    on_row: Callable[[BenchRow], None] | None = None,
) -> list[BenchRow]:
    """Solve every instance; with ``against``, the other engine on the same instance right
    before or after ours, alternating which goes first, so both see the same machine load."""
    if against is not None and against not in AGAINST:
        raise ValueError(f"--against must be one of {', '.join(AGAINST)}, got {against!r}")
    if against is not None:
        import pyjobshop  # noqa: F401  (fail before the first solve, not after it)
    rows = []
    for position, instance in enumerate(instances):
        row = run_instance(bench, instance, options, against, pyjobshop_first=position % 2 == 1)
        rows.append(row)
        if on_row is not None:
            on_row(row)
    return rows


@dataclass(frozen=True)
class Summary:
    """One set's figures: how many instances, how far from the best-knowns, how many proven."""

    set: str
    instances: int
    solved: int  # a valid plan
    invalid: int  # a plan the checker rejected
    mean_gap_pct: float | None
    optimal: int  # proven by our solve
    best_known_optimal: int  # of the instances, how many best-knowns are proven optima
    at_or_below_best_known: int
    mean_time_s: float
    pyjobshop_solved: int | None = None
    pyjobshop_mean_gap_pct: float | None = None
    pyjobshop_optimal: int | None = None
    mean_ratio: float | None = None
    wins: int | None = None  # ours strictly shorter
    ties: int | None = None
    losses: int | None = None


def summarize(rows: list[BenchRow]) -> list[Summary]:
    """Per set (MSPSP subsets apart) in the order the rows came."""
    by_set: dict[str, list[BenchRow]] = {}
    for row in rows:
        by_set.setdefault(row.set, []).append(row)
    return [_summary(name, group) for name, group in by_set.items()]


def _mean(values: list[float]) -> float | None:
    return round(mean(values), 2) if values else None


def _summary(name: str, rows: list[BenchRow]) -> Summary:
    valid = [r for r in rows if r.valid]
    summary = Summary(
        set=name,
        instances=len(rows),
        solved=len(valid),
        invalid=sum(1 for r in rows if r.ours is not None and r.violations),
        mean_gap_pct=_mean([r.gap_pct for r in valid if r.gap_pct is not None]),
        optimal=sum(1 for r in valid if r.proven_optimal),
        best_known_optimal=sum(1 for r in rows if r.best_known_optimal),
        at_or_below_best_known=sum(
            1 for r in valid if r.best_known is not None and r.ours is not None
            and r.ours <= r.best_known
        ),
        mean_time_s=round(mean(r.time_s for r in rows), 2),
    )  # fmt: skip
    compared = [r for r in rows if r.pyjobshop_status is not None]
    if not compared:
        return summary
    both = [r for r in compared if r.valid and r.pyjobshop is not None]
    return Summary(
        **{
            **asdict(summary),
            "pyjobshop_solved": sum(1 for r in compared if r.pyjobshop is not None),
            "pyjobshop_mean_gap_pct": _mean(
                [r.pyjobshop_gap_pct for r in compared if r.pyjobshop_gap_pct is not None]
            ),
            "pyjobshop_optimal": sum(1 for r in compared if r.pyjobshop_optimal),
            "mean_ratio": round(mean(r.ratio for r in both if r.ratio), 4) if both else None,
            "wins": sum(1 for r in both if r.ours is not None and r.ours < (r.pyjobshop or 0)),
            "ties": sum(1 for r in both if r.ours == r.pyjobshop),
            "losses": sum(1 for r in both if r.ours is not None and r.ours > (r.pyjobshop or 0)),
        }
    )


def write_csv(rows: list[BenchRow], path: Path) -> None:
    """The rows as CSV, one per instance, columns in BenchRow's order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=[f.name for f in fields(BenchRow)])
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in asdict(row).items()})


def machine() -> str:
    """Cores, CPU model and memory of this machine, for the record."""
    model = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 2**20:.1f} GiB RAM"
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({model}){memory}, {platform.machine()}"


def main(argv: list[str] | None = None) -> None:
    """``python -m zenplan.benchmarks.runner``: the same as ``zenplan bench``, without the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", choices=sorted(SETS))
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int)
    parser.add_argument("--instances")
    parser.add_argument("--all", action="store_true")
    parser.add_argument("--against", choices=AGAINST)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    bench = bench_set(args.set)
    names = args.instances.split(",") if args.instances else None
    instances = select_instances(bench, args.data, sample=args.sample, names=names, every=args.all)
    options = SolveOptions(
        time_limit=args.time_limit, workers=args.workers, seed=args.seed, relative_gap=0
    )
    rows = run(bench, instances, options, args.against, on_row=lambda r: print(asdict(r)))
    for summary in summarize(rows):
        print(asdict(summary))
    if args.out:
        write_csv(rows, args.out)


if __name__ == "__main__":
    main()
