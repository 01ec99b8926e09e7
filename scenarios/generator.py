"""Seeded generator of realistic data-science portfolios of any size, in the scenario format.

``generate(projects, seed)`` returns a plain document (dump it with ``write_scenario``);
``generate_scenario(...)`` validates it as a ``models.Scenario``. The same seed gives the
same document.

Scaling with the number of projects ``P`` (and the horizon ``H`` in weeks):

- people: ``max(6, round(P * PEOPLE_PER_PROJECT * 52 / H))`` (one per four projects over
  a year), every skill held at level 4 by someone, so that the work asked for is about 1.5
  times what the staff can do and roughly 60-80% of the projects fit (at 20-200 projects the
  greedy plan selects 55-70% of them, CP-SAT in a minute 65-75%);
- GPU pools: 2 below 25 projects, 3 below 100, 4 from 100; capacities grow with ``P / 12``;
- datasets: ``max(2, round(P / 4))``, shared by the projects of a domain;
- sponsors: ``max(2, round(P / 8))``; ethics board capacity ``max(1, round(P / 25))``.

About 10% of the projects are ``must`` and 5% ``committed``; those are small, start with
no release date or deadline and need no ethics review, so they always fit. Every phase is
staffable by distinct people at level 3 or more (no mentoring needed), and no GPU demand
exceeds the pool's capacity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import product
from pathlib import Path
from typing import Any

import yaml

from zenplan.models import Scenario, parse_scenario
from zenplan.models.rules import max_staffing

Doc = dict[str, Any]

PEOPLE_PER_PROJECT = 0.25
SKILLS = (
    "data_engineering",
    "data_science",
    "ml_engineering",
    "mlops_batch",
    "mlops_realtime",
    "analytics",
)
# Share of the people whose main skill is each skill (close to the share of the work).
SKILL_SHARE = {
    "data_engineering": 0.22,
    "data_science": 0.34,
    "ml_engineering": 0.11,
    "mlops_batch": 0.08,
    "mlops_realtime": 0.09,
    "analytics": 0.16,
}
MIN_HORIZON = 4
# Without mentoring a requirement is met by people at this level or above.
UNMENTORED_LEVEL = 3

FIRST_NAMES = (
    "ana", "ben", "chloe", "david", "elena", "farid", "grace", "hugo", "ines", "jonas",
    "kemal", "lena", "marco", "nadia", "omar", "priya", "quentin", "rosa", "sven", "tara",
    "umar", "vera", "wei", "ximena", "yusuf", "zoe", "aiko", "bruno", "carmen", "dmitri",
    "esther", "felix", "gloria", "hamid", "ivana", "jamal", "kira", "luis", "maya", "nils",
)  # fmt: skip
SURNAMES = (
    "Costa", "Okafor", "Martin", "Levi", "Rossi", "Haddad", "Kim", "Blanc", "Sousa", "Weber",
    "Nguyen", "Schmidt", "Garcia", "Novak", "Tanaka", "Dubois", "Silva", "Jensen", "Ali", "Berg",
)  # fmt: skip


@dataclass(frozen=True)
class Task:
    """A kind of data-science work: how it is deployed and whether it trains on GPUs."""

    name: str
    slug: str
    delivery: str  # realtime | batch | report
    gpu: bool


@dataclass(frozen=True)
class Domain:
    """A business area; sensitive ones usually need an ethics review."""

    name: str
    slug: str
    sensitive: bool = False


TASKS = (
    Task("Fraud detection", "fraud", "realtime", False),
    Task("Churn prediction", "churn", "batch", False),
    Task("Demand forecasting", "forecast", "batch", False),
    Task("Recommendations", "recsys", "realtime", True),
    Task("Document classification", "doc_class", "batch", True),
    Task("Lifetime value", "ltv", "report", False),
    Task("Anomaly detection", "anomaly", "realtime", True),
    Task("Intent classification", "intent", "realtime", True),
    Task("Price elasticity", "pricing", "report", False),
    Task("Risk scoring", "risk", "batch", False),
    Task("LLM summarisation", "llm_summary", "realtime", True),
    Task("Image inspection", "vision", "realtime", True),
    Task("Propensity modelling", "propensity", "batch", False),
    Task("Segmentation", "segments", "report", False),
    Task("Entity matching", "entity_match", "batch", False),
)
DOMAINS = (
    Domain("card payments", "payments"),
    Domain("retail banking", "banking"),
    Domain("e-commerce", "ecommerce"),
    Domain("stores", "stores"),
    Domain("manufacturing", "manufacturing"),
    Domain("cardiology", "cardiology", sensitive=True),
    Domain("insurance claims", "claims", sensitive=True),
    Domain("customer support", "support"),
    Domain("supply chain", "supply"),
    Domain("marketing", "marketing"),
    Domain("HR", "hr", sensitive=True),
    Domain("energy grid", "energy"),
    Domain("logistics", "logistics"),
    Domain("telecom", "telecom"),
    Domain("lending", "lending", sensitive=True),
)
DATASET_KINDS = ("events", "transactions", "documents", "images", "telemetry", "labels")
# id, name, base capacity (per 12 projects), cost per GPU and period
POOLS = (
    ("a100", "A100 training cluster", 8, 900.0),
    ("t4", "T4 tuning pool", 12, 150.0),
    ("h100", "H100 cluster", 8, 1600.0),
    ("l4", "L4 inference pool", 16, 250.0),
)
SPONSOR_ROLES = (
    ("cfo", "Chief Financial Officer"),
    ("cmo", "Chief Marketing Officer"),
    ("coo", "Chief Operating Officer"),
    ("cro", "Chief Risk Officer"),
    ("cmedo", "Chief Medical Officer"),
    ("chro", "Chief People Officer"),
    ("cscm", "Head of Supply Chain"),
    ("ccxo", "Chief Customer Officer"),
)
SPONSOR_UNITS = ("", "emea", "amer", "apac", "retail", "wholesale", "digital", "group")
# Duration range (periods) of each kind of phase.
DURATIONS = {
    "data": (2, 6),
    "model": (3, 8),
    "validation": (1, 4),
    "deploy": (1, 4),
    "reporting": (1, 3),
}
OBJECTIVE = {
    "value": 1.0,
    "lateness": 1.0,
    "balance": 1.0,
    "cost": 0.0,
    "makespan": 0.0,
    "stability": 1.0,
}


@dataclass(frozen=True)
class Scale:
    """How big a project is: its phases, their durations and how many people they need."""

    phases: tuple[int, ...]  # phase counts to draw from
    length: str  # short | normal | long: which part of the DURATIONS ranges
    pair_share: float  # chance that a main requirement asks for two people
    extra_share: float  # chance that a phase needs a second skill
    max_level: int
    gpus: tuple[int, ...]  # GPU counts to draw from

    def durations(self, kind: str) -> tuple[int, int]:
        low, high = DURATIONS[kind]
        if self.length == "short":
            return 1, min(3, high)
        if self.length == "long":
            return (low + high + 1) // 2, high
        return low, high


MANDATORY = Scale((2,), "short", 0.0, 0.0, 3, (1, 2))
SCALES = (
    Scale((2, 2, 3), "short", 0.0, 0.1, 3, (1, 2)),
    Scale((3, 3, 4), "normal", 0.25, 0.35, 4, (1, 2, 4)),
    Scale((4,), "long", 0.9, 0.8, 4, (2, 4, 8)),
)
SCALE_WEIGHTS = (3, 4, 3)


@dataclass(frozen=True)
class Plan:
    """What the projects are drawn against: time, staff, pools, datasets, sponsors."""

    start: date
    horizon: int
    staff: list[Doc]
    pools: list[Doc]
    datasets: dict[str, list[str]]  # domain slug -> dataset ids
    sponsors: list[str]


def generate(
    projects: int, seed: int = 0, start: date = date(2027, 1, 4), horizon: int = 52
) -> Doc:
    """A scenario document with ``projects`` projects, reproducible from ``seed``."""
    if projects < 1:
        raise ValueError(f"projects must be at least 1, got {projects}")
    if horizon < MIN_HORIZON:
        raise ValueError(f"horizon must be at least {MIN_HORIZON} periods, got {horizon}")
    rng = random.Random(seed)
    staff = _staff(rng, people_count(projects, horizon), start, horizon)
    identities = _identities(rng, projects)
    datasets = _datasets(rng, [domain for _, domain, _ in identities], staff, horizon)
    sponsors = _sponsors(projects)
    plan = Plan(
        start=start,
        horizon=horizon,
        staff=staff,
        pools=_gpu_pools(projects, start, horizon),
        datasets=_datasets_by_domain(datasets),
        sponsors=[s["id"] for s in sponsors],
    )
    labels = _labels(rng, projects)
    return {
        "name": f"Generated portfolio of {projects} projects (seed {seed})",
        "description": "Generated by scenarios.generator: realistic but fictitious.",
        "calendar": {"start": start, "period": "week", "horizon": horizon},
        "staff": staff,
        "gpu_pools": plan.pools,
        "datasets": [doc for _, doc in datasets],
        "ethics_board": _ethics_board(projects),
        "sponsors": sponsors,
        "projects": [
            _project(rng, plan, identity, label)
            for identity, label in zip(identities, labels, strict=True)
        ],
        "policies": _policies(start, horizon, len(staff)),
        "objective": dict(OBJECTIVE),
    }


def generate_scenario(
    projects: int, seed: int = 0, start: date = date(2027, 1, 4), horizon: int = 52
) -> Scenario:
    """``generate`` validated as a ``models.Scenario``."""
    return parse_scenario(generate(projects, seed, start, horizon), f"generated(seed={seed})")


def write_scenario(doc: Doc, path: str | Path) -> Path:
    """Write a scenario document as YAML, keys in the order given."""
    path = Path(path)
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def people_count(projects: int, horizon: int = 52) -> int:
    """Staff size for a portfolio of ``projects`` over ``horizon`` weeks."""
    return max(len(SKILLS), round(projects * PEOPLE_PER_PROJECT * 52 / horizon))


def pool_count(projects: int) -> int:
    """Number of GPU pools for a portfolio of ``projects``."""
    return 2 if projects < 25 else 3 if projects < 100 else 4


# --- people -----------------------------------------------------------------------------


def _staff(rng: random.Random, count: int, start: date, horizon: int) -> list[Doc]:
    mains = _main_skills(rng, count)
    firsts = {skill: mains.index(skill) for skill in SKILLS}
    return [
        _person(rng, i, main, firsts[main] == i, start, horizon) for i, main in enumerate(mains)
    ]


def _main_skills(rng: random.Random, count: int) -> list[str]:
    """One person per skill, then the rest in proportion to SKILL_SHARE, shuffled."""
    mains = list(SKILLS)
    while len(mains) < count:
        total = len(mains) + 1
        mains.append(max(SKILLS, key=lambda s: SKILL_SHARE[s] * total - mains.count(s)))
    rng.shuffle(mains)
    return mains


def _person(
    rng: random.Random, index: int, main: str, anchor: bool, start: date, horizon: int
) -> Doc:
    """A person; the anchor of a skill (its first holder) is at level 4 or 5."""
    level = rng.choices((3, 4, 5), weights=(4, 4, 2))[0]
    skills = {main: max(level, 4) if anchor else level}
    for other in rng.sample([s for s in SKILLS if s != main], k=rng.randint(0, 2)):
        skills[other] = rng.randint(1, 3)
    first = FIRST_NAMES[index % len(FIRST_NAMES)]
    suffix = "" if index < len(FIRST_NAMES) else str(index // len(FIRST_NAMES) + 1)
    person: Doc = {
        "id": first + suffix,
        "name": f"{first.capitalize()} {rng.choice(SURNAMES)}",
        "skills": skills,
        "cost_per_period": min(4500, 1500 + 500 * skills[main] + 100 * rng.randint(-3, 3)),
    }
    if rng.random() < 0.25:
        person["unavailable"] = [_absence(rng, start, horizon)]
    return person


def _absence(rng: random.Random, start: date, horizon: int) -> Doc:
    weeks = rng.randint(1, 3)
    first = rng.randint(0, horizon - weeks)
    return {"from": _first_day(start, first), "to": _late_day(start, first + weeks - 1)}


def _can_staff(requires: list[Doc], staff: list[Doc]) -> bool:
    """Whether distinct people (at level 3+, so without mentors) meet every requirement."""
    needs = [(r["skill"], max(r["level"], UNMENTORED_LEVEL), r["count"]) for r in requires]
    needed: int = sum(r["count"] for r in requires)
    return max_staffing(needs, [p["skills"] for p in staff]) == needed


def _staffable(requires: list[Doc], staff: list[Doc]) -> list[Doc]:
    """Drop extra requirements, then counts, until the staff can meet them."""
    requires = [dict(r) for r in requires]
    while not _can_staff(requires, staff):
        if len(requires) > 1:
            requires.pop()
        elif requires[0]["count"] > 1:
            requires[0]["count"] -= 1
        else:  # every skill has a level-4 person, so this cannot happen
            raise RuntimeError(f"no one in staff can meet {requires}")
    return requires


# --- resources --------------------------------------------------------------------------


def _gpu_pools(projects: int, start: date, horizon: int) -> list[Doc]:
    scale = max(1, round(projects / 12))
    pools: list[Doc] = []
    for pool_id, name, base, cost in POOLS[: pool_count(projects)]:
        pools.append(
            {"id": pool_id, "name": name, "capacity": base * scale, "cost_per_gpu_period": cost}
        )
    more = {"from": _first_day(start, horizon // 2), "capacity": pools[0]["capacity"] * 3 // 2}
    pools[0]["capacity_changes"] = [more]
    return pools


def _datasets(
    rng: random.Random, domains: list[Domain], staff: list[Doc], horizon: int
) -> list[tuple[Domain, Doc]]:
    """About one dataset per four projects, in the projects' domains; 40% already available."""
    order = list(dict.fromkeys(domains))  # each domain once, in order of first use
    kinds = {domain: rng.sample(DATASET_KINDS, len(DATASET_KINDS)) for domain in order}
    combos = [(d, kinds[d][i]) for i in range(len(DATASET_KINDS)) for d in order]
    return [
        (domain, _dataset(rng, domain, kind, staff, horizon))
        for domain, kind in combos[: max(2, round(len(domains) / 4))]
    ]


def _dataset(rng: random.Random, domain: Domain, kind: str, staff: list[Doc], horizon: int) -> Doc:
    dataset: Doc = {
        "id": f"{domain.slug}_{kind}",
        "name": f"{domain.name.capitalize()} {kind}",
        "available": rng.random() < 0.4,
    }
    if not dataset["available"]:
        requires = [{"skill": "data_engineering", "level": rng.randint(2, 3), "count": 1}]
        dataset["acquisition"] = {
            "duration": min(rng.randint(2, 6), _longest(horizon)),
            "requires": _staffable(requires, staff),
        }
    return dataset


def _datasets_by_domain(datasets: list[tuple[Domain, Doc]]) -> dict[str, list[str]]:
    by_domain: dict[str, list[str]] = {}
    for domain, dataset in datasets:
        by_domain.setdefault(domain.slug, []).append(dataset["id"])
    return by_domain


def _sponsors(projects: int) -> list[Doc]:
    sponsors = []
    for i in range(max(2, round(projects / 8))):
        role, title = SPONSOR_ROLES[i % len(SPONSOR_ROLES)]
        unit = SPONSOR_UNITS[(i // len(SPONSOR_ROLES)) % len(SPONSOR_UNITS)]
        cycle = i // (len(SPONSOR_ROLES) * len(SPONSOR_UNITS))
        suffix = (f"_{unit}" if unit else "") + (f"_{cycle + 1}" if cycle else "")
        name = f"{title}, {unit.upper()}" if unit else title
        sponsors.append({"id": role + suffix, "name": name + (f" ({cycle + 1})" if cycle else "")})
    return sponsors


def _ethics_board(projects: int) -> Doc:
    return {"capacity": max(1, round(projects / 25)), "review_duration": 3, "meeting_every": 4}


def _policies(start: date, horizon: int, people: int) -> Doc:
    return {
        "max_concurrent_large": max(2, people // 6),
        "max_delivery_gap": 8,
        "first_delivery_by": _late_day(start, min(12, horizon - 1)),
        "rd_reserve": 0.1,
        "mentoring": True,
    }


# --- projects ---------------------------------------------------------------------------


def _labels(rng: random.Random, projects: int) -> list[tuple[str, str]]:
    """(priority, status) of each project: ~10% must, ~5% committed, ~30% could."""
    must = max(1, round(projects * 0.1))
    committed = round(projects * 0.05)
    could = round((projects - must - committed) * 0.33)
    should = projects - must - committed - could
    labels = (
        [("must", "proposed")] * must
        + [("should", "committed")] * committed
        + [("should", "proposed")] * should
        + [("could", "proposed")] * could
    )
    rng.shuffle(labels)
    return labels


def _identities(rng: random.Random, projects: int) -> list[tuple[Task, Domain, int]]:
    """Distinct (task, domain, version) triples; versions start once combinations run out."""
    combos = list(product(TASKS, DOMAINS))
    rng.shuffle(combos)
    return [(*combos[i % len(combos)], i // len(combos) + 1) for i in range(projects)]


def _project(
    rng: random.Random, plan: Plan, identity: tuple[Task, Domain, int], label: tuple[str, str]
) -> Doc:
    task, domain, version = identity
    priority, status = label
    mandatory = priority == "must" or status == "committed"
    scale = MANDATORY if mandatory else rng.choices(SCALES, weights=SCALE_WEIGHTS)[0]
    phases = _phases(rng, plan, task, scale)
    project: Doc = {
        "id": f"{task.slug}_{domain.slug}" + (f"_v{version}" if version > 1 else ""),
        "name": f"{task.name} for {domain.name}" + (f" v{version}" if version > 1 else ""),
        "sponsor": rng.choice(plan.sponsors),
        "value": _value(rng, phases),
        "priority": priority,
        "status": status,
    }
    if not mandatory:
        project.update(_dates(rng, plan, phases))
    if datasets := _project_datasets(rng, plan, domain):
        project["datasets"] = datasets
    if not mandatory and (ethics := _ethics(rng, domain)) != "none":
        project["ethics"] = ethics
    project["phases"] = phases
    return project


def _value(rng: random.Random, phases: list[Doc]) -> int:
    """Value per period, growing with effort, between 2,000 and 20,000."""
    effort = sum(p["duration"] * sum(r["count"] for r in p["requires"]) for p in phases)
    value = (2000 + 250 * effort) * rng.uniform(0.6, 1.4)
    return int(min(20000, max(2000, round(value, -2))))


def _dates(rng: random.Random, plan: Plan, phases: list[Doc]) -> Doc:
    """An optional release in the first half and an optional soft deadline after it."""
    dates: Doc = {}
    release = 0
    if rng.random() < 0.25:
        release = rng.randint(1, plan.horizon // 2)
        dates["release"] = _first_day(plan.start, release)
    due = release + sum(p["duration"] for p in phases) + rng.randint(2, 12)
    if rng.random() < 0.3 and due < plan.horizon:
        dates["deadline"] = _late_day(plan.start, due)
    return dates


def _project_datasets(rng: random.Random, plan: Plan, domain: Domain) -> list[str]:
    """Mostly a dataset of the project's own domain, sometimes one more from elsewhere."""
    chosen: list[str] = []
    own = plan.datasets.get(domain.slug, [])
    if own and rng.random() < 0.8:
        chosen.append(rng.choice(own))
    others = [d for ids in plan.datasets.values() for d in ids if d not in chosen]
    if others and rng.random() < 0.2:
        chosen.append(rng.choice(others))
    return chosen


def _ethics(rng: random.Random, domain: Domain) -> str:
    draw = rng.random()
    if domain.sensitive:
        return "required" if draw < 0.4 else "approved" if draw < 0.6 else "none"
    return "required" if draw < 0.04 else "none"


def _phases(rng: random.Random, plan: Plan, task: Task, scale: Scale) -> list[Doc]:
    final = "reporting" if task.delivery == "report" else "deploy"
    kinds = {
        2: ["model", final],
        3: ["data", "model", final],
        4: ["data", "model", "validation", final],
    }[rng.choice(scale.phases)]
    return [_phase(rng, plan, task, kind, scale) for kind in kinds]


def _phase(rng: random.Random, plan: Plan, task: Task, kind: str, scale: Scale) -> Doc:
    phase: Doc = {
        "id": kind,
        "duration": min(rng.randint(*scale.durations(kind)), _longest(plan.horizon)),
        "requires": _staffable(_requirements(rng, task, kind, scale), plan.staff),
    }
    if kind == "model" and task.gpu:
        phase["gpus"] = [_gpu_demand(rng, plan.pools, scale.gpus)]
    return phase


def _requirements(rng: random.Random, task: Task, kind: str, scale: Scale) -> list[Doc]:
    def req(skill: str, low: int, high: int, count: int = 1) -> Doc:
        level = rng.randint(low, min(high, scale.max_level))
        return {"skill": skill, "level": level, "count": count}

    pair = 2 if rng.random() < scale.pair_share else 1
    extra = rng.random() < scale.extra_share
    if kind == "data":
        main = [req("data_engineering", 2, 3, pair)]
        return main + ([req("analytics", 2, 3)] if extra else [])
    if kind == "model":
        helper = "ml_engineering" if task.gpu or task.delivery == "realtime" else "analytics"
        return [req("data_science", 3, 4, pair)] + ([req(helper, 3, 3)] if extra else [])
    if kind == "validation":
        return [req(rng.choice(("data_science", "analytics")), 3, 3)]
    if kind == "reporting":
        return [req("analytics", 2, 4)]
    ops = "mlops_realtime" if task.delivery == "realtime" else "mlops_batch"
    return [req(ops, 3, 4)] + ([req("ml_engineering", 3, 3)] if extra else [])


def _gpu_demand(rng: random.Random, pools: list[Doc], sizes: tuple[int, ...]) -> Doc:
    """GPUs from one pool, or from either of two; never more than the smallest capacity."""
    chosen = rng.sample(pools, k=2 if rng.random() < 0.2 else 1)
    smallest = min(min([p["capacity"], *_capacities(p)]) for p in chosen)
    count = min(smallest, rng.choice(sizes))
    pool: str | list[str] = chosen[0]["id"] if len(chosen) == 1 else [p["id"] for p in chosen]
    return {"pool": pool, "count": count}


def _capacities(pool: Doc) -> list[int]:
    return [int(c["capacity"]) for c in pool.get("capacity_changes", [])]


# --- dates ------------------------------------------------------------------------------


def _longest(horizon: int) -> int:
    """Longest phase or acquisition: 8 periods over a year, less on short horizons."""
    return max(1, horizon // 6)


def _first_day(start: date, period: int) -> date:
    """First day of a period."""
    return start + timedelta(weeks=period)


def _late_day(start: date, period: int) -> date:
    """The fifth day of a period (a Friday when periods start on Mondays)."""
    return start + timedelta(weeks=period, days=4)
