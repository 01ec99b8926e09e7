"""docs/python.md is a walk-through that works: its `python` blocks run, in order, as one
script in a folder holding a scenario and a `models.py` of the user's own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from builders import EXAMPLE

import zenplan

DOC = Path(__file__).resolve().parents[1] / "docs" / "python.md"
# Only blocks fenced exactly as python run (```python msproject needs Java: its own test).
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
# What a notebook does for fig.show(): display the figure (here: say it was shown).
SHOW = """
import plotly.io as pio
from plotly.io._base_renderers import ExternalRenderer


class Shown(ExternalRenderer):
    def render(self, fig_dict):
        print("figure shown with", len(fig_dict["data"]), "traces")


pio.renderers["shown"] = Shown()
pio.renderers.default = "shown"
"""


def walk_through() -> str:
    blocks = BLOCK.findall(DOC.read_text(encoding="utf-8"))
    assert len(blocks) >= 6, "the walk-through lost its code blocks"
    return "\n".join(blocks)


def test_the_python_walk_through_runs(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "portfolio.yaml")
    (tmp_path / "models.py").write_text("raise SystemExit('the user models.py was imported')\n")
    (tmp_path / "walk_through.py").write_text(SHOW + walk_through())
    package_parent = str(Path(zenplan.__file__).resolve().parents[1])
    environment = {
        **os.environ,
        "PYTHONPATH": package_parent,
    }
    run = subprocess.run(
        [sys.executable, "walk_through.py"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    assert "refresh work goes live" in run.stdout
    assert "figure shown with" in run.stdout
    assert (tmp_path / "plan.xlsx").stat().st_size > 5_000
    assert list((tmp_path / "calendars" / "people").glob("*.ics"))
    assert (tmp_path / "quotas" / "reservations.csv").exists()
    assert "plotly" in (tmp_path / "report.html").read_text()[:3_000_000].lower()
