"""Working calendars: public holidays from the `holidays` package and weekly working
patterns, turned into the share of each period a person can work."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import holidays

from zenplan.models.calendar import TimeGrid

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def check_region(country: str, subdiv: str | None) -> str | None:
    """What is wrong with a country / subdivision pair, or None when `holidays` knows it."""
    supported = holidays.list_supported_countries()
    if country not in supported:
        return f"unknown country {country!r} (ISO 3166-1 alpha-2 codes, e.g. DE, FR, US)"
    if subdiv is not None and subdiv not in supported[country]:
        known = ", ".join(supported[country][:12])
        return f"unknown subdivision {subdiv!r} of {country} (known: {known}, ...)"
    return None


@lru_cache(maxsize=64)
def holiday_dates(country: str, subdiv: str | None, first: int, last: int) -> frozenset[date]:
    """The public holidays of a region in the years ``first .. last``."""
    years = range(first, last + 1)
    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=years))


@lru_cache(maxsize=256)
def working_share(
    grid: TimeGrid, days_off: frozenset[date], working_days: tuple[Weekday, ...]
) -> tuple[float, ...]:
    """Per period, the share of its working days (weekdays in ``working_days``) that are not
    days off, floored to hundredths; 0 for a period without a working day."""
    pattern = {WEEKDAYS.index(d) for d in working_days}
    shares = []
    for t in range(grid.horizon):
        first = grid.start_date(t)
        days = [first + timedelta(days=k) for k in range(grid.days)]
        planned = [d for d in days if d.weekday() in pattern]
        worked = [d for d in planned if d not in days_off]
        shares.append(int(100 * len(worked) / len(planned)) / 100 if planned else 0.0)
    return tuple(shares)
