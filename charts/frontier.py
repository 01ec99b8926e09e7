"""The efficient frontier chart: value and ROI of the best checked plan per budget."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.colors import qualitative

__all__ = ["frontier_chart"]


def _hover(row: Mapping[str, Any]) -> str:
    lines = [
        f"<b>budget {row['budget']:,.0f}</b>",
        f"value {row['value']:,.0f}, cost {row['cost']:,.0f}",
        f"ROI {row['roi']:.2f}" if row.get("roi") is not None else "ROI -",
        f"objective {row['objective']:,.0f}",
        "enter: " + html.escape(", ".join(str(row["entering"]).split()) or "-"),
    ]
    if row.get("leaving"):
        lines.append("leave: " + html.escape(", ".join(str(row["leaving"]).split())))
    if str(row.get("plan", "solved")) != "solved":
        lines.append(f"plan of the budget {html.escape(str(row['plan']).removeprefix('from '))}")
    return "<br>".join(lines)


def frontier_chart(rows: Sequence[Mapping[str, Any]], title: str = "") -> go.Figure:
    """Value (left axis) and ROI (right axis) against budget, one marker per point with a
    plan; the hover lists the projects entering at that step, and each marker is labelled
    with them."""
    planned = [row for row in rows if row.get("value") is not None]
    budgets = [row["budget"] for row in planned]
    labels = [
        "+" + ", +".join(str(row["entering"]).split()) if row.get("entering") else ""
        for row in planned
    ]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=budgets,
            y=[row["value"] for row in planned],
            name="value",
            mode="lines+markers+text",
            text=labels,
            textposition="top left",
            line={"color": qualitative.Plotly[0], "shape": "hv"},
            hovertext=[_hover(row) for row in planned],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=budgets,
            y=[row.get("roi") for row in planned],
            name="ROI",
            mode="lines+markers",
            yaxis="y2",
            line={"color": qualitative.Plotly[1], "dash": "dot"},
            hovertext=[_hover(row) for row in planned],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.update_layout(
        title=title or "Efficient frontier: value and ROI by budget",
        xaxis={"title": "total budget", "tickformat": ",.0f"},
        yaxis={"title": "value (from go-live to the horizon's end)", "tickformat": ",.0f"},
        yaxis2={"title": "ROI (value / cost)", "overlaying": "y", "side": "right"},
        legend={"orientation": "h", "y": -0.2},
        hovermode="closest",
    )
    return figure
