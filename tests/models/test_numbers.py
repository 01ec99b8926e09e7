"""Numbers in words: no "-0", and a distance to the best possible plan that means something."""

from __future__ import annotations

from zenplan.models.numbers import amount, closeness, signed


def test_no_minus_zero() -> None:
    assert amount(-0.3) == "0" and amount(-0.0) == "0" and amount(-1234.6) == "-1,235"
    assert signed(-0.2) == "0" and signed(0.4) == "0" and signed(22500) == "+22,500"
    assert signed(-3) == "-3" and amount(None) == "-"


def test_closeness_is_a_share_of_the_bound_only_when_it_means_one() -> None:
    assert closeness(95, 100) == "within 5.0% of the best possible"
    assert closeness(100, 100) == "proven the best possible"
    assert closeness(40, 100, proven=True) == "proven the best possible"
    # a losing plan against a winning bound: 150% would mean nothing
    assert closeness(-50, 100) == "at most 150 below the best possible (100)"
    assert closeness(-150, -100) == "at most 50 below the best possible (-100)"
    assert closeness(99_999.9, 100_000) == "within <0.1% of the best possible"
