"""Installed, zenplan is one import package: a user's own `models.py` cannot shadow it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Built from a copy, so the build leaves nothing in the checkout.
    source = tmp_path_factory.mktemp("source") / "zenplan"
    skip = shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", "results", "tests")
    shutil.copytree(ROOT, source, symlinks=True, ignore=skip)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("zenplan-*.whl")
    return built


def test_the_wheel_holds_one_top_level_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {
        "zenplan",
        wheel.name.split("-py")[0] + ".dist-info",
    }
    for needed in (
        "zenplan/__init__.py",
        "zenplan/models/scenario.py",
        "zenplan/studies/batch.py",
        "zenplan/interchange/kueue.py",
        "zenplan/charts/static/plotly-cartesian.min.js",
        "zenplan/scenarios/example.yaml",
        "zenplan/api/migrations/versions/0001_initial.py",
        "zenplan/api/templates/schedule.html",
    ):
        assert needed in names
    assert not any(name.startswith("zenplan/benchmarks/results/") for name in names)


def test_a_solve_runs_from_a_folder_holding_models_py(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "my_ml_project"
    project.mkdir()
    # What most ML projects have: their own models.py (and often an api.py).
    for name in ("models.py", "api.py", "scheduler.py"):
        (project / name).write_text("raise SystemExit('the user module was imported')\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "zenplan.api.cli",
            "solve",
            str(site / "zenplan" / "scenarios" / "example.yaml"),
            "--time-limit",
            "2",
            "--workers",
            "1",
        ],
        cwd=project,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    schedule = json.loads((project / "schedule.json").read_text())
    assert schedule["status"] in {"optimal", "feasible"}
    assert (project / "gantt.html").exists()


def test_the_python_walk_through_runs_from_the_wheel(wheel: Path, tmp_path: Path) -> None:
    """docs/python.md as a user runs it: zenplan from the built wheel (not the checkout), in
    a folder holding their own models.py."""
    from test_python_docs import SHOW, walk_through

    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    project = tmp_path / "notebook"
    project.mkdir()
    shutil.copy(site / "zenplan" / "scenarios" / "example.yaml", project / "portfolio.yaml")
    (project / "models.py").write_text("raise SystemExit('the user models.py was imported')\n")
    (project / "walk_through.py").write_text(SHOW + walk_through())
    run = subprocess.run(
        [sys.executable, "walk_through.py"],
        cwd=project,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert "refresh work goes live" in run.stdout
    assert (project / "plan.xlsx").exists() and (project / "report.html").exists()
