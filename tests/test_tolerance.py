"""Tests of the tolerance rule: every comparator, true and false on both sides."""

from __future__ import annotations

import math

import pytest

from islandchain.tolerance import (
    DATA_UNCERTAINTY_KM,
    acceptance,
    rounding_km,
    rounding_step,
    tolerance_km,
)

U = DATA_UNCERTAINTY_KM

# (figure, qualifier, measured km, holds)
CASES = [
    # plain: 111 -> max(0.5, 5.55) + 0.2 = 5.75
    (111, "", 105.3, True),
    (111, "", 105.2, False),
    (111, "", 116.7, True),
    (111, "", 116.8, False),
    # emphasis reads as plain
    (111, "only", 105.3, True),
    (111, "barely", 116.8, False),
    (111, "a mere", 116.7, True),
    # hedged: 170 -> max(5, 17) + 0.2 = 17.2
    (170, "about", 152.9, True),
    (170, "about", 152.7, False),
    (170, "some", 187.1, True),
    (170, "roughly", 187.3, False),
    # at least: >= figure - 0.2
    (500, "more than", 1058.9, True),
    (500, "at least", 499.9, True),
    (500, "over", 499.7, False),
    (500, "upwards of", 100.0, False),
    # at most: <= figure + 0.2
    (100, "less than", 107.5, False),
    (100, "under", 100.1, True),
    (120, "within", 107.5, True),
    (120, "no more than", 120.3, False),
    (120, "up to", 0.0, True),
    # slightly below: from max(rounding, 10 %) below to the figure (+-0.2)
    (110, "nearly", 107.5, True),
    (110, "almost", 98.9, True),
    (110, "nearly", 98.7, False),
    (110, "just under", 110.1, True),
    (110, "nearly", 110.3, False),
    # slightly above: mirror
    (110, "just over", 110.5, True),
    (110, "just over", 109.7, False),
    (110, "just over", 121.1, True),
    (110, "just over", 121.3, False),
]


@pytest.mark.parametrize(("figure", "qualifier", "km", "holds"), CASES)
def test_comparators(figure, qualifier, km, holds):
    assert acceptance(figure, "km", qualifier).contains(km) is holds


@pytest.mark.parametrize(
    ("low", "high", "qualifier", "km", "holds"),
    [
        # 40-60: ends rounded to a tenth (+-2, +-3), + 0.2
        (40, 60, "", 50.0, True),
        (40, 60, "", 37.9, True),
        (40, 60, "", 37.7, False),
        (40, 60, "", 63.1, True),
        (40, 60, "", 63.3, False),
        # between 80 and 90 km: ends +-4, +-4.5 (rounding 10 capped at a tenth)
        (80, 90, "", 75.9, True),
        (80, 90, "", 75.7, False),
        (80, 90, "", 94.6, True),
        (80, 90, "", 94.8, False),
        # hedged range: ends widened by 10 %
        (40, 60, "about", 35.9, True),
        (40, 60, "about", 66.1, True),
        (40, 60, "about", 66.3, False),
    ],
)
def test_ranges(low, high, qualifier, km, holds):
    assert acceptance(low, "km", qualifier, figure_max=high).contains(km) is holds


def test_range_in_miles_is_judged_in_miles():
    a = acceptance(25, "miles", figure_max=30)
    assert a.low_km == pytest.approx((25 - 0.5) * 1.609344 - U)
    assert a.high_km == pytest.approx((30 + 1.5) * 1.609344 + U)


def test_inequality_reports_no_symmetric_tolerance():
    a = acceptance(500, "km", "more than")
    assert a.tolerance_km is None and math.isinf(a.high_km)
    assert "at least" in a.rule and "at least" in a.describe()


def test_claim_tolerance_replaces_the_margin():
    a = acceptance(111, "km", "", tolerance=1.0)
    assert (a.low_km, a.high_km) == (110.0, 112.0)
    a = acceptance(500, "km", "more than", tolerance=10.0)
    assert a.low_km == 490.0 and math.isinf(a.high_km)
    a = acceptance(40, "km", "", figure_max=60, tolerance=0.0)
    assert (a.low_km, a.high_km) == (40.0, 60.0)


@pytest.mark.parametrize(
    ("figure", "step"),
    [(111, 1.0), (170, 10.0), (1200, 100.0), (100, 100.0), (12.5, 0.1), (0, 1.0), (1e-300, 1e-300)],
)
def test_rounding_step(figure, step):
    assert rounding_step(figure) == pytest.approx(step)


def test_rounding_is_capped_at_a_tenth_of_the_figure():
    assert rounding_km(100) == 5.0 and rounding_km(1200) == 50.0 and rounding_km(111) == 0.5


@pytest.mark.parametrize(
    ("km", "unit", "expected"),
    [(111, "km", 5.75), (1200, "km", 60.2), (170, "km", 8.7), (60, "nmi", 5.76), (100, "km", 5.2)],
)
def test_tolerance_rule(km, unit, expected):
    factor = {"km": 1.0, "nmi": 1.852}[unit]
    assert tolerance_km(km * factor, unit=unit)[0] == pytest.approx(expected, abs=0.01)


def test_zero_and_tiny_figures_do_not_crash():
    assert acceptance(0).contains(0.0) and not acceptance(0).contains(0.5)
    assert acceptance(1e-300).contains(0.1)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -1.0])
def test_bad_figures_are_refused(bad):
    with pytest.raises(ValueError):
        rounding_step(bad)
