"""Docs that stay true: every command shown in README.md and docs/ runs, on the example
scenario with small time limits, or is listed here with the reason it does not run; every
link resolves inside the repository; every command of the CLI is in README's table."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pytest
import typer

from zenplan.api.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLE = ROOT / "scenarios" / "example.yaml"
BENCHDATA = ROOT.parent / "shared" / "benchdata"

# Commands shown but not run here, by their start, with the reason.
NOT_RUN = {
    "pip install": "installs packages; the suite runs in the installed checkout",
    "bash scripts/test.sh": "the whole suite, of which this test is a part",
    "curl ": "talks to a running service; tests/api drives every endpoint",
    "zenplan serve": "a server that runs until stopped; tests/api starts the same app",
}
# Option values made small so that a shown command runs in seconds.
SMALLER = [
    (r"--time-limit \d+(\.\d+)?", "--time-limit 1"),
    (r"--workers \d+", "--workers 1"),
    (r"--samples \d+", "--samples 50"),
    # in this process: no pool or Ray to start (tests/studies runs batches on both)
    (r"--local \d+", "--local 0"),
    (r"--ray auto", "--local 0"),
    (r"--sample \d+", "--sample 1"),
    (r"--points \d+", "--points 3"),
    (r"\.\./shared/benchdata", str(BENCHDATA)),
]
# Commands that solve get a short limit when they show none.
SOLVING = (
    "zenplan solve",
    "zenplan batch",
    "zenplan whatif",
    "zenplan replan",
    "zenplan bench",
    "zenplan frontier",
    "zenplan explain",
)


@dataclass(frozen=True)
class Shown:
    doc: str
    line: int
    command: str


def shown_commands(doc: Path) -> list[Shown]:
    """The shell commands of the doc's fenced blocks (continuations joined, comments and
    prompts dropped), in order."""
    found: list[Shown] = []
    fence: str | None = None  # the open block's language, "" when it names none
    pending, start = "", 0
    for number, raw in enumerate(doc.read_text().splitlines(), start=1):
        if raw.startswith("```"):
            fence = raw[3:].strip() if fence is None else None
            continue
        if fence not in ("", "bash", "sh", "shell", "console"):
            continue
        if not pending:
            start = number
        pending += raw.removesuffix("\\") + " " if raw.endswith("\\") else raw
        if raw.endswith("\\"):
            continue
        line = re.sub(r"\s+#.*$", "", pending).strip().removeprefix("$ ")
        pending = ""
        if re.match(r"^([A-Z_]+=\S+ )*(zenplan|pip|bash|curl|python)\b", line):
            found.append(Shown(doc.name, start, " ".join(line.split())))
    return found


def _reason_not_run(command: str) -> str | None:
    command = re.sub(r"^([A-Z_]+=\S+ )+", "", command)
    for start, reason in NOT_RUN.items():
        if command.startswith(start):
            return reason
    if "zenplan bench" in command:
        if not BENCHDATA.is_dir():
            return f"the published instances are not at {BENCHDATA}"
        if "--against pyjobshop" in command and find_spec("pyjobshop") is None:
            return "PyJobShop is not installed (pip install -e '.[bench]')"
    return None


def runnable(command: str) -> str:
    """The command made small: short time limits, one worker, a local pool."""
    for pattern, replacement in SMALLER:
        command = re.sub(pattern, replacement, command)
    if command.startswith(SOLVING) and "--time-limit" not in command:
        command += " --time-limit 1 --workers 1"
    if command.startswith(("zenplan batch", "zenplan whatif")) and "--local" not in command:
        command += " --local 0"
    if "--replan" in command or command.startswith("zenplan replan"):
        # a replan's first plan comes after its model's presolve: a little more time
        command = re.sub(r"--time-limit \S+", "--time-limit 5", command)
    if command.startswith("zenplan bench") and not re.search(r"--(sample|instances|all)", command):
        command += " --sample 1"
    return command


@pytest.fixture(scope="module")
def bin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ``zenplan`` on PATH that runs this interpreter's zenplan, wherever pip put the
    console script."""
    folder = tmp_path_factory.mktemp("bin")
    script = folder / "zenplan"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m zenplan.api.cli "$@"\n')
    script.chmod(0o755)
    return folder


@pytest.fixture(scope="module")
def greedy_plan(tmp_path_factory: pytest.TempPathFactory, bin_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("greedy")
    result = subprocess.run(
        [str(bin_dir / "zenplan"), "solve", str(EXAMPLE), "--greedy", "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "schedule.json"


def _workspace(folder: Path, greedy_plan: Path, bin_dir: Path) -> dict[str, str]:
    """The files the docs' commands name: the example under the names they give it, a
    baseline per scenario, the what-if variants shown in docs/batches.md."""
    (folder / "scenarios").mkdir()
    shutil.copy(EXAMPLE, folder / "scenarios" / "example.yaml")
    for name in ("portfolio.yaml", "bu_north.yaml", "bu_south.yaml"):
        shutil.copy(EXAMPLE, folder / name)
    (folder / "plans").mkdir()
    for stem in ("bu_north", "bu_south"):
        shutil.copy(greedy_plan, folder / "plans" / f"{stem}.json")
    batches = (ROOT / "docs" / "batches.md").read_text()
    variants = re.search(r"```yaml\n(- name:.*?)```", batches, re.S)
    assert variants is not None, "docs/batches.md shows a variants file"
    (folder / "variants.yaml").write_text(variants.group(1))
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["ZENPLAN_DATABASE_URL"] = f"sqlite:///{folder / 'service.db'}"
    env["ZENPLAN_DATA_DIR"] = str(folder / "data")
    return env


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_every_command_shown_runs(
    doc: Path, tmp_path: Path, greedy_plan: Path, bin_dir: Path
) -> None:
    env = _workspace(tmp_path, greedy_plan, bin_dir)
    for shown in shown_commands(doc):
        for part in shown.command.split(" && "):
            if _reason_not_run(part) is not None:
                continue
            command = runnable(part)
            result = subprocess.run(
                ["bash", "-c", command],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
            where = f"{shown.doc}:{shown.line}: {command}"
            assert result.returncode == 0, f"{where}\n{result.stdout[-3000:]}{result.stderr}"
            assert "Traceback" not in result.stderr, where


def test_every_reason_not_to_run_is_still_needed() -> None:
    shown = [s.command for doc in DOCS for s in shown_commands(doc)]
    assert any("zenplan solve" in command for command in shown)
    for start in NOT_RUN:
        assert any(start in command for command in shown), f"no doc shows {start!r} now"


def test_every_cli_command_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text()
    click_app = typer.main.get_command(app)
    names = list(click_app.commands)  # type: ignore[attr-defined]
    assert "solve" in names and "bench" in names
    missing = [name for name in names if f"| `zenplan {name}" not in readme]
    assert missing == []


def test_every_zenplan_command_the_docs_name_exists() -> None:
    click_app = typer.main.get_command(app)
    names = set(click_app.commands)  # type: ignore[attr-defined]
    for doc in DOCS:
        for name in re.findall(r"`zenplan ([a-z]+)", doc.read_text()):
            assert name in names, f"{doc.name} names `zenplan {name}`"


def test_every_relative_link_resolves_inside_the_repository() -> None:
    for doc in [*DOCS, ROOT / "BENCHMARKS.md"]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text()):
            if re.match(r"^[a-z]+://", target) or target.startswith("mailto:"):
                continue
            path = (doc.parent / target).resolve()
            assert path.exists(), f"{doc.name} links {target}, which does not exist"
            assert path.is_relative_to(ROOT), f"{doc.name} links {target}, outside the repo"
