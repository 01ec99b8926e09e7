"""Plotly figures built from a Schedule (Gantt charts and the HTML report)."""

from charts.gantt import people_gantt, project_gantt, write_gantt_html

__all__ = ["people_gantt", "project_gantt", "write_gantt_html"]
