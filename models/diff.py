"""What changed between two schedules of the same portfolio: moved phases, changed people,
projects added or dropped, KPI deltas. Used by replanning and by comparisons."""

from __future__ import annotations

from pydantic import BaseModel, Field

from zenplan.models.schedule import COMPARED_KPIS, Schedule

# The compared KPIs that always have a value (roi has none without cost).
KPI_FIELDS = tuple(name for name in COMPARED_KPIS if name != "roi")


class PhaseMove(BaseModel):
    project: str
    phase: str
    before: int
    after: int

    @property
    def by(self) -> int:
        return self.after - self.before


class StaffChange(BaseModel):
    project: str
    phase: str
    removed: list[str]
    added: list[str]


class ScheduleDiff(BaseModel):
    moved: list[PhaseMove] = Field(default_factory=list)
    staff_changed: list[StaffChange] = Field(default_factory=list)
    added: list[str] = Field(default_factory=list)
    dropped: list[str] = Field(default_factory=list)
    kpi_deltas: dict[str, float] = Field(default_factory=dict)
    phases_compared: int = 0

    @property
    def moved_share(self) -> float:
        """Share of the phases planned in both schedules that moved."""
        return len(self.moved) / self.phases_compared if self.phases_compared else 0.0


def diff(before: Schedule, after: Schedule, since: int = 0) -> ScheduleDiff:
    """Differences from ``before`` to ``after``, for phases of ``before`` starting at or after
    period ``since`` (the future, when replanning)."""
    result = ScheduleDiff()
    old = {p.id: p for p in before.selected()}
    new = {p.id: p for p in after.selected()}
    result.added = sorted(set(new) - set(old))
    result.dropped = sorted(set(old) - set(new))
    for project_id in sorted(set(old) & set(new)):
        for phase in old[project_id].phases:
            if phase.start < since:
                continue
            result.phases_compared += 1
            moved_to = new[project_id].phase(phase.id)
            if moved_to is None:
                continue
            if moved_to.start != phase.start:
                result.moved.append(
                    PhaseMove(
                        project=project_id, phase=phase.id, before=phase.start, after=moved_to.start
                    )
                )
            was = {s.id for s in phase.staff}
            now = {s.id for s in moved_to.staff}
            if was != now:
                result.staff_changed.append(
                    StaffChange(
                        project=project_id,
                        phase=phase.id,
                        removed=sorted(was - now),
                        added=sorted(now - was),
                    )
                )
    for name in KPI_FIELDS:
        delta = float(getattr(after.kpis, name)) - float(getattr(before.kpis, name))
        result.kpi_deltas[name] = round(delta, 3)
    return result
