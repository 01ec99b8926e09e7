"""What-if comparison page: KPIs per variant as bars, and each project's go-live per variant."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
from plotly.colors import qualitative

from zenplan.charts.compare import compare_chart
from zenplan.charts.text import LEGEND
from zenplan.models.numbers import amount, signed
from zenplan.models.schedule import Schedule

__all__ = ["whatif_chart", "whatif_html"]

_MEASURES = (
    ("delta_objective", "objective", "objective"),
    ("delta_value", "value", "value"),
    ("delta_cost", "cost", "cost (hires and added GPUs included)"),
)


def whatif_chart(rows: Sequence[Mapping[str, Any]]) -> go.Figure:
    """The change of objective, value and cost of each variant against the baseline (the
    zero line), as bars; variants without a plan are left out. The hover text gives the
    variant's own figures, projects delivered and late."""
    planned = [row for row in rows[1:] if row.get("delta_objective") is not None]
    labels = [str(row["variant"]) for row in planned]
    figure = go.Figure()
    for index, (delta, key, name) in enumerate(_MEASURES):
        figure.add_trace(
            go.Bar(
                name=f"Δ {name}",
                x=labels,
                y=[row.get(delta) for row in planned],
                marker_color=qualitative.Plotly[index],
                hovertext=[
                    f"{row['variant']}<br>{name} {amount(row.get(key))} "
                    f"({signed(row.get(delta))} against the baseline)<br>"
                    f"delivered {row.get('delivered')}, late {row.get('late')}"
                    for row in planned
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    base = rows[0] if rows else {}
    figure.add_hline(y=0, line={"color": "#333333", "width": 1})
    figure.update_layout(
        title={
            "text": "change against the baseline (objective "
            f"{amount(base.get('objective'))}, value {amount(base.get('value'))}, "
            f"cost {amount(base.get('cost'))})",
            "x": 0.01,
        },
        barmode="group",
        height=420,
        plot_bgcolor="white",
        margin={"l": 10, "r": 10, "t": 80, "b": 40},
        legend=LEGEND,
    )
    figure.update_yaxes(showgrid=True, gridcolor="#e5e5e5", automargin=True, zeroline=True)
    figure.update_xaxes(automargin=True)
    return figure


def whatif_html(
    title: str,
    rows: Sequence[Mapping[str, Any]],
    schedules: Sequence[Schedule],
    labels: Sequence[str],
) -> str:
    """A self-contained page (plotly.js inlined once): the KPI bars, a table of the
    projects each variant gains or loses against the baseline, and the go-live chart."""
    bars = whatif_chart(rows).to_html(include_plotlyjs=True, full_html=False)
    go_lives = compare_chart(schedules, labels).to_html(include_plotlyjs=False, full_html=False)
    table = "\n".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(cell))}</td>"
            for cell in (
                row["variant"],
                row.get("status", ""),
                " ".join(f"+{p}" for p in row.get("projects_added", [])),
                " ".join(f"-{p}" for p in row.get("projects_dropped", [])),
                row.get("error") or "",
            )
        )
        + "</tr>"
        for row in rows
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{html.escape(title)}: what-if</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; }}
table {{ border-collapse: collapse; }}
td, th {{ border: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }}
td {{ white-space: pre-line; }}
</style>
</head>
<body>
<h1>{html.escape(title)}: what-if variants</h1>
{bars}
<h2>Projects against the baseline</h2>
<table>
<tr><th>variant</th><th>status</th><th>runs too</th><th>leaves out</th><th>error</th></tr>
{table}
</table>
<h2>Go-live per project</h2>
{go_lives}
</body>
</html>
"""
