"""Plotly figures built from a Schedule (Gantt, load and comparison charts, the HTML report)."""

from zenplan.charts.compare import compare_chart
from zenplan.charts.gantt import people_gantt, project_gantt, replan_gantt
from zenplan.charts.load import flow_chart, gpu_load, load_chart, skill_heatmap
from zenplan.charts.overview import sponsor_overview
from zenplan.charts.report import report_html, write_gantt_html

__all__ = [
    "compare_chart",
    "flow_chart",
    "gpu_load",
    "load_chart",
    "people_gantt",
    "project_gantt",
    "replan_gantt",
    "report_html",
    "skill_heatmap",
    "sponsor_overview",
    "write_gantt_html",
]
