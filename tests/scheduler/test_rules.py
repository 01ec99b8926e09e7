"""Each rule of the core engine in a tiny scenario where it binds: the plan changes with it."""

from __future__ import annotations

from builders import phase, project, scenario_of, solved, starts

from zenplan.scheduler import evaluate

# Only ana has data_science >= 3; ben has data_science 2.
DS3 = ("data_science", 3, 1)
DS2 = ("data_science", 2, 1)


def test_must_project_is_selected_even_when_worth_less() -> None:
    big = project("big", phase("model", 8, DS3), value=1000)
    small = project("small", phase("model", 8, DS3), value=10)
    free = solved(
        scenario_of(calendar={"start": "2027-01-04", "horizon": 10}, projects=[big, small])
    )
    assert free.project("big").selected and not free.project("small").selected
    assert free.status == "optimal" and free.objective == 1000 * (10 - 8)
    # checked by trying: only ana holds data_science >= 3, and big holds her
    assert "blocked by ana is busy (big/model in periods 0-7)" in (
        free.project("small").reason or ""
    )

    small["priority"] = "must"
    forced = solved(
        scenario_of(calendar={"start": "2027-01-04", "horizon": 10}, projects=[big, small])
    )
    assert forced.project("small").selected and not forced.project("big").selected


def test_committed_and_in_progress_projects_are_always_selected() -> None:
    big = project("big", phase("model", 8, DS3), value=1000)
    for status in ("committed", "in_progress"):
        running = project("running", phase("model", 8, DS3), value=1, status=status)
        plan = solved(
            scenario_of(calendar={"start": "2027-01-04", "horizon": 10}, projects=[big, running])
        )
        assert plan.project("running").selected and not plan.project("big").selected


def test_done_projects_are_not_scheduled() -> None:
    done = project("old", phase("model", 2, DS3), value=1000, status="done")
    plan = solved(scenario_of(projects=[done, project("new", phase("m", 2, DS3), value=5)]))
    assert plan.project("old") is None
    assert plan.project("new").selected


def test_phases_run_in_the_order_given_unless_after_says_otherwise() -> None:
    ordered = project("p", phase("a", 3, DS2), phase("b", 3, DS2), value=10)
    plan = solved(scenario_of(projects=[ordered]))
    assert starts(plan, "p")["b"] >= starts(plan, "p")["a"] + 3
    assert plan.project("p").end == 6

    parallel = project("p", phase("a", 3, DS2), phase("b", 3, DS2, after=[]), value=10)
    plan = solved(scenario_of(projects=[parallel]))
    assert plan.project("p").end == 3  # ana and ben work side by side


def test_release_date_delays_the_start() -> None:
    plan = solved(scenario_of(projects=[project("p", phase("a", 2, DS3), value=10)]))
    assert starts(plan, "p")["a"] == 0
    released = project("p", phase("a", 2, DS3), value=10, release="2027-02-01")
    plan = solved(scenario_of(projects=[released]))
    assert starts(plan, "p")["a"] == 4  # 2027-02-01 is the first day of period 4


def test_hard_deadline_reorders_the_plan() -> None:
    valuable = project("valuable", phase("m", 5, DS3), value=100)
    urgent = project("urgent", phase("m", 5, DS3), value=10, priority="must")
    plan = solved(scenario_of(projects=[valuable, urgent]))
    assert starts(plan, "valuable")["m"] == 0  # worth more: goes first

    urgent.update(deadline="2027-02-07", deadline_hard=True)  # end of period 4: go live by 5
    plan = solved(scenario_of(projects=[valuable, urgent]))
    assert plan.project("urgent").end <= 5
    assert starts(plan, "valuable")["m"] >= 5


def test_soft_deadline_costs_lateness_by_weight() -> None:
    valuable = project("valuable", phase("m", 5, DS3), value=100)
    urgent = project("urgent", phase("m", 5, DS3), value=10, deadline="2027-02-07")
    plan = solved(scenario_of(projects=[valuable, urgent]))
    assert plan.project("urgent").late_by == 5  # 5 late periods x 10 < 5 periods x 100
    assert plan.kpis.lateness_periods == 5
    reason = plan.project("urgent").reason or ""
    assert "late by 5 periods" in reason and "ana is busy (valuable/m in periods 0-4)" in reason

    weighted = solved(scenario_of(projects=[valuable, urgent], objective={"lateness": 30}))
    assert weighted.project("urgent").late_by == 0


def test_required_level_binds() -> None:
    first = project("first", phase("m", 3, DS3), value=10)
    second = project("second", phase("m", 3, DS3), value=10)
    plan = solved(scenario_of(projects=[first, second]))
    a, b = starts(plan, "first")["m"], starts(plan, "second")["m"]
    assert abs(a - b) >= 3  # only ana is at level 3: one after the other

    first["phases"][0]["requires"][0]["level"] = 2
    second["phases"][0]["requires"][0]["level"] = 2
    plan = solved(scenario_of(projects=[first, second]))
    assert starts(plan, "first")["m"] == starts(plan, "second")["m"] == 0


def test_count_takes_different_people() -> None:
    pair = project("pair", phase("m", 2, ("data_science", 2, 2)), value=10)
    other = project("other", phase("m", 2, DS2), value=10)
    plan = solved(scenario_of(projects=[pair, other]))
    people = [s.id for s in plan.project("pair").phases[0].staff]
    assert sorted(people) == ["ana", "ben"]
    assert abs(starts(plan, "pair")["m"] - starts(plan, "other")["m"]) >= 2


def test_unavailable_dates_block_the_person() -> None:
    p = project("p", phase("m", 2, DS3), value=10)
    staff = [
        {
            "id": "ana",
            "skills": {"data_science": 4},
            "unavailable": [
                {"from": "2027-01-04", "to": "2027-01-20"}  # periods 0..2
            ],
        },
        {"id": "ben", "skills": {"data_science": 2}},
    ]
    plan = solved(scenario_of(staff=staff, projects=[p]))
    assert starts(plan, "p")["m"] == 3


def test_gpu_pool_capacity_serializes_phases() -> None:
    gpu = {"pool": "a100", "count": 3}
    jobs = [project(f"j{i}", phase("train", 2, gpus=[gpu]), value=10) for i in range(2)]
    plan = solved(scenario_of(projects=jobs))
    assert abs(starts(plan, "j0")["train"] - starts(plan, "j1")["train"]) >= 2


def test_gpu_capacity_changes_apply_from_their_date() -> None:
    pools = [
        {
            "id": "a100",
            "capacity": 4,
            "capacity_changes": [
                {"from": "2027-01-04", "capacity": 0},
                {"from": "2027-02-01", "capacity": 4},
            ],
        }
    ]
    job = project("job", phase("train", 2, gpus=[{"pool": "a100", "count": 2}]), value=10)
    plan = solved(scenario_of(gpu_pools=pools, projects=[job]))
    assert starts(plan, "job")["train"] == 4


def test_gpu_demand_with_alternative_pools_picks_a_free_pool() -> None:
    pools = [{"id": "a100", "capacity": 4}, {"id": "t4", "capacity": 4}]
    demand = {"pool": ["a100", "t4"], "count": 4}
    jobs = [project(f"j{i}", phase("train", 3, gpus=[demand]), value=10) for i in range(2)]
    plan = solved(scenario_of(gpu_pools=pools, projects=jobs))
    assert starts(plan, "j0")["train"] == starts(plan, "j1")["train"] == 0
    used = {plan.project(f"j{i}").phases[0].gpus[0].pool for i in range(2)}
    assert used == {"a100", "t4"}


def test_cost_weight_picks_the_cheaper_person() -> None:
    p = project("p", phase("m", 2, DS2), value=100)
    for cheap, dear in (("ana", "ben"), ("ben", "ana")):
        staff = [
            {"id": cheap, "skills": {"data_science": 4}, "cost_per_period": 10},
            {"id": dear, "skills": {"data_science": 4}, "cost_per_period": 500},
        ]
        plan = solved(scenario_of(staff=staff, projects=[p], objective={"cost": 1}))
        assert plan.project("p").phases[0].staff[0].id == cheap
        assert plan.kpis.cost == 20


def test_makespan_weight_finishes_the_portfolio_early() -> None:
    # Two must projects without value; only the makespan term orders them.
    jobs = [
        project("a", phase("m", 2, DS3), priority="must"),
        project("b", phase("m", 2, DS3), priority="must", release="2027-01-18"),
    ]
    plan = solved(scenario_of(projects=jobs, objective={"makespan": 1}))
    assert plan.kpis.makespan == 4


def test_solver_objective_matches_the_schedule_evaluation(example) -> None:  # type: ignore[no-untyped-def]
    plan = solved(example, time_limit=3)
    assert plan.objective == evaluate(example, plan)
