"""plotly.js for zenplan's pages: the cartesian bundle (1.5 MB: every trace type zenplan
draws) when it is the version of the installed plotly package, else the full bundle."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from plotly.offline import get_plotlyjs

CARTESIAN = Path(__file__).resolve().parent / "static" / "plotly-cartesian.min.js"
_VERSION = re.compile(r"plotly\.js[^\n]*? v(\d+\.\d+\.\d+)")


def _version(script: str) -> str | None:
    found = _VERSION.search(script[:400])
    return found.group(1) if found else None


@lru_cache(maxsize=1)
def plotly_library() -> tuple[str, str]:
    """(file name with kind and version, script text) of the plotly.js pages load."""
    full = get_plotlyjs()
    version = _version(full) or "unknown"
    if CARTESIAN.is_file():
        cartesian = CARTESIAN.read_bytes().decode("utf-8")  # exactly as shipped
        if _version(cartesian) == version:
            return f"plotly-cartesian-{version}.min.js", cartesian
    return f"plotly-{version}.min.js", full


__all__ = ["CARTESIAN", "plotly_library"]
