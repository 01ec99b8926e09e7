"""Colours shared by the charts: one stable colour per key (phase kind, project)."""

from __future__ import annotations

from plotly.colors import qualitative

PALETTE: tuple[str, ...] = tuple(qualitative.Plotly) + tuple(qualitative.D3)


class Colors:
    """A stable colour per key, in order of first use."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        if key not in self._seen:
            self._seen[key] = PALETTE[len(self._seen) % len(PALETTE)]
        return self._seen[key]
