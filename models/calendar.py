"""The time grid: the one place where dates become periods and periods become dates.

A phase that starts at period ``s`` with duration ``d`` occupies periods ``s .. s+d-1``;
its ``end`` is ``s+d`` (exclusive). ``end_date`` is the last day worked (inclusive).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodKind = Literal["week", "day"]

DAYS_PER_PERIOD: dict[str, int] = {"week": 7, "day": 1}


@dataclass(frozen=True)
class TimeGrid:
    """Periods of ``days`` days each, from ``start``, ``horizon`` of them."""

    start: date
    days: int
    horizon: int

    @classmethod
    def of(cls, start: date, period: PeriodKind, horizon: int) -> TimeGrid:
        return cls(start=start, days=DAYS_PER_PERIOD[period], horizon=horizon)

    @property
    def end_date(self) -> date:
        """Last day of the last period."""
        return self.start + timedelta(days=self.days * self.horizon - 1)

    def period_of(self, day: date) -> int:
        """The period that contains ``day`` (may be negative or >= horizon)."""
        return (day - self.start).days // self.days

    def first_period_on_or_after(self, day: date) -> int:
        """The first period whose first day is on or after ``day`` (release dates)."""
        return math.ceil((day - self.start).days / self.days)

    def deadline_end(self, day: date) -> int:
        """The latest exclusive ``end`` that still finishes by ``day``: the end of its period."""
        return self.period_of(day) + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end_date

    def start_date(self, period: int) -> date:
        """First day of ``period``."""
        return self.start + timedelta(days=self.days * period)

    def end_date_of(self, end: int) -> date:
        """Last day worked by something whose exclusive end is period ``end``."""
        return self.start + timedelta(days=self.days * end - 1)

    def periods_between(self, first: date, last: date) -> range:
        """Periods touched by the inclusive date range, clipped to the horizon."""
        low = max(0, self.period_of(first))
        high = min(self.horizon - 1, self.period_of(last))
        return range(low, high + 1)
