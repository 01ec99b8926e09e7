"""Numbers in words, the same everywhere (CLI, pages, reports, charts): no "-0", and the
distance to the best possible plan said in a way that means something."""

from __future__ import annotations

import math


def amount(value: float | None, decimals: int = 0) -> str:
    """``value`` with thousands separators, "-" for None, never "-0"."""
    if value is None or not math.isfinite(value):
        return "-"
    text = f"{value:,.{decimals}f}"
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def signed(value: float | None, decimals: int = 0) -> str:
    """``value`` with its sign ("+1,200", "-300"), "0" for nothing, never "-0" or "+0"."""
    text = amount(value, decimals)
    if text == "-" or not any(c in "123456789" for c in text):
        return text
    return text if text.startswith("-") else f"+{text}"


def percent(share: float) -> str:
    """A share as a percentage, "<0.1%" rather than "0.0%" for a small positive share."""
    if 0 < share < 0.0005:
        return "<0.1%"
    return f"{share:.1%}"


def gap(objective: float | None, bound: float | None) -> float | None:
    """How far a plan may be from the best possible, as a share of the bound:
    (bound - objective) / |bound| (|bound| at least 1), 0 when proven optimal; None without
    a plan or a bound. The one formula for a finished schedule and a running solve."""
    if objective is None or bound is None:
        return None
    return max(0.0, bound - objective) / max(1.0, abs(bound))


def closeness(objective: float | None, bound: float | None, proven: bool = False) -> str:
    """How far a plan may be from the best possible one: "proven the best possible", "within
    x% of the best possible" (x = (bound - objective) / bound, between 0 and 100), or, when
    that share means nothing (the plan or the bound not positive), the distance itself."""
    if objective is None or bound is None:
        return "no plan yet"
    missing = max(0.0, bound - objective)
    if proven or missing <= 1e-9 * max(1.0, abs(bound)):
        return "proven the best possible"
    if bound > 0 and objective >= 0:
        return f"within {percent(missing / bound)} of the best possible"
    return f"at most {amount(missing)} below the best possible ({amount(bound)})"
