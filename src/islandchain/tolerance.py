"""The tolerance rule: which measured distances make a stated one hold.

A stated distance is turned into an interval of measured distances that
agree with it (:class:`Acceptance`), from the figure, its unit, its
qualifier (a :class:`~islandchain.vocabulary.Comparator`) and, for a range,
its upper end:

- a plain figure ("111 km", and emphasis: "only 111 km") holds within
  ``± (max(rounding, 5 % of the figure) + 0.2 km)``;
- a hedged figure ("about 170 km") within ``± (max(rounding, 10 %) + 0.2 km)``;
- "at least" / "more than" holds at or above the figure less 0.2 km, "at most"
  / "less than" / "within" at or below the figure plus 0.2 km;
- "nearly" holds from ``max(rounding, 10 %)`` below the figure up to the
  figure (each end widened by 0.2 km); "just over" is its mirror;
- a range ("40-60 km") holds from its low end less its rounding to its high
  end plus its rounding, each widened by 0.2 km (by ``max(rounding, 10 %)``
  when hedged: "about 40-60 km");
- ``tolerance_km`` given in a claim replaces the margin on each finite end.

*rounding* is half the step the figure is rounded to (111 -> 0.5 km, 170 ->
5 km), judged in the unit it was stated in; trailing zeros count as
significant down to a tenth of the figure (100 -> 5 km, not 50 km). 0.2 km
is the positional uncertainty of the OpenStreetMap coastline.

>>> a = acceptance(111)
>>> round(a.low_km, 2), round(a.high_km, 2), a.contains(107.5)
(105.25, 116.75, True)
>>> acceptance(500, comparator="more than").contains(1058.9)
True
>>> acceptance(100, comparator="less than").contains(107.5)
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .errors import InputError
from .vocabulary import Comparator, Unit, parse_qualifier, parse_unit

__all__ = [
    "DATA_UNCERTAINTY_KM",
    "HEDGED_SHARE",
    "PLAIN_SHARE",
    "Acceptance",
    "acceptance",
    "rounding_km",
    "rounding_step",
    "tolerance_km",
]

#: How far the OpenStreetMap coastline may lie from published positions.
DATA_UNCERTAINTY_KM = 0.2
#: Share of a plain figure allowed either side.
PLAIN_SHARE = 0.05
#: Share of a hedged figure ("about") allowed either side.
HEDGED_SHARE = 0.10


@dataclass(frozen=True)
class Acceptance:
    """The measured distances, in km, that agree with a statement.

    Attributes
    ----------
    low_km, high_km : float
        The interval, ends included; ``high_km`` is ``inf`` for "at least".
    comparator : Comparator
        How the qualifier was read.
    rule : str
        The rule applied, in words, for the verdict.
    tolerance_km : float or None
        The margin either side of a single figure (None for an inequality
        or a range), as reported in tables.
    """

    low_km: float
    high_km: float
    comparator: Comparator
    rule: str
    tolerance_km: float | None = None

    def contains(self, km: float) -> bool:
        """True when a measured distance agrees with the statement."""
        return self.low_km <= km <= self.high_km

    def miss_km(self, km: float) -> float:
        """How far a distance lies outside the interval (0 inside it).

        >>> acceptance(111).miss_km(120.0) > 0, acceptance(111).miss_km(111.0)
        (True, 0.0)
        """
        if km < self.low_km:
            return self.low_km - km
        if km > self.high_km:
            return km - self.high_km
        return 0.0

    def describe(self) -> str:
        """The interval in words: 'between 105.25 and 116.75 km', 'at least 499.8 km'."""
        if math.isinf(self.high_km):
            return f"at least {self.low_km:.2f} km"
        if self.low_km <= 0:
            return f"at most {self.high_km:.2f} km"
        return f"between {self.low_km:.2f} and {self.high_km:.2f} km"


def rounding_step(figure: float) -> float:
    """The step a figure is written to: 111 -> 1, 170 -> 10, 1.5 -> 0.1.

    Trailing zeros of a whole number count (170 -> 10, 1,200 -> 100); a
    decimal figure is rounded to its last decimal. 0 has step 1.

    >>> rounding_step(1200), rounding_step(111), rounding_step(12.25), rounding_step(1e-300)
    (100.0, 1.0, 0.01, 1e-300)
    """
    if not math.isfinite(figure) or figure < 0:
        raise InputError(f"a figure must be a finite number >= 0, not {figure!r}")
    if figure == 0:
        return 1.0
    if figure == int(figure):
        digits = str(int(figure))
        zeros = len(digits) - len(digits.rstrip("0"))
        return float(10 ** min(zeros, len(digits) - 1))
    exponent = Decimal(repr(figure)).as_tuple().exponent
    return float(Decimal(1).scaleb(int(exponent)))


def rounding_km(figure: float, unit: Unit | str = Unit.KM) -> float:
    """Half the rounding step of a figure, in km, capped at a twentieth of it.

    >>> rounding_km(170), rounding_km(100), rounding_km(60, "nmi")
    (5.0, 5.0, 5.556)
    """
    u = _unit(unit)
    step = min(rounding_step(figure), figure / 10) if figure else 0.0
    return step / 2 * u.km


def _unit(unit: Unit | str) -> Unit:
    u = unit if isinstance(unit, Unit) else parse_unit(unit)
    if u is None:
        raise InputError(f"unknown unit {unit!r}; use km, mi or nmi")
    return u


def _comparator(qualifier: Comparator | str) -> Comparator:
    if isinstance(qualifier, Comparator):
        return qualifier
    c = parse_qualifier(qualifier)
    if c is None:
        raise InputError(f"unknown qualifier {qualifier!r}")
    return c


def acceptance(
    figure: float,
    unit: Unit | str = Unit.KM,
    comparator: Comparator | str = Comparator.PLAIN,
    figure_max: float | None = None,
    tolerance: float | None = None,
) -> Acceptance:
    """The interval of measured distances that agree with a statement.

    Parameters
    ----------
    figure : float
        The stated figure, in ``unit`` (the low end of a range).
    unit : Unit or str
        km, mi or nmi (any spelling :func:`~islandchain.vocabulary.parse_unit` reads).
    comparator : Comparator or str
        The qualifier's meaning, or the qualifier as written ("about").
    figure_max : float, optional
        The high end of a range ("40-60 km"), in ``unit``.
    tolerance : float, optional
        A margin in km that replaces the rule's on each finite end.

    Returns
    -------
    Acceptance

    Examples
    --------
    >>> a = acceptance(40, comparator="", figure_max=60)
    >>> round(a.low_km, 2), round(a.high_km, 2)
    (37.8, 63.2)
    >>> a = acceptance(110, comparator="nearly")
    >>> round(a.low_km, 2), round(a.high_km, 2), a.comparator.value
    (98.8, 110.2, 'slightly below')
    """
    u, comp = _unit(unit), _comparator(comparator)
    stated = figure * u.km
    hi_stated = figure_max * u.km if figure_max is not None else stated
    hedged = comp.is_hedge
    share = HEDGED_SHARE if comp is Comparator.APPROXIMATE else PLAIN_SHARE
    unc = DATA_UNCERTAINTY_KM
    word = f"'{comparator}'" if isinstance(comparator, str) and comparator else comp.value

    if tolerance is not None:
        lo, hi = (
            (stated, math.inf)
            if comp is Comparator.AT_LEAST
            else (0.0, hi_stated)
            if comp is Comparator.AT_MOST
            else (stated, hi_stated)
        )
        low = lo - tolerance if lo > 0 else 0.0
        high = hi + tolerance
        rule = f"tolerance ±{tolerance:g} km set by the claim ({comp.value} reading)"
        sym = tolerance if figure_max is None and not comp.is_inequality else None
        return Acceptance(max(low, 0.0), high, comp, rule, sym)

    if comp is Comparator.AT_LEAST:
        return Acceptance(
            max(stated - unc, 0.0),
            math.inf,
            comp,
            f"{word} read as at least {_km(stated)}: holds at or above it, "
            f"less {unc:g} km data uncertainty",
        )
    if comp is Comparator.AT_MOST:
        return Acceptance(
            0.0,
            hi_stated + unc,
            comp,
            f"{word} read as at most {_km(hi_stated)}: holds at or below it, "
            f"plus {unc:g} km data uncertainty",
        )
    if figure_max is not None:
        r_lo, r_hi = rounding_km(figure, u), rounding_km(figure_max, u)
        if hedged:
            r_lo, r_hi = max(r_lo, HEDGED_SHARE * stated), max(r_hi, HEDGED_SHARE * hi_stated)
        how = "max(rounding, 10 %)" if hedged else "rounding"
        return Acceptance(
            max(stated - r_lo - unc, 0.0),
            hi_stated + r_hi + unc,
            comp,
            f"range {_km(stated)} to {_km(hi_stated)}, each end widened by its {how} "
            f"(±{r_lo:g} / ±{r_hi:g} km) + {unc:g} km data uncertainty",
        )
    rounding = rounding_km(figure, u)
    if comp in (Comparator.SLIGHTLY_BELOW, Comparator.SLIGHTLY_ABOVE):
        margin = max(rounding, HEDGED_SHARE * stated)
        below = comp is Comparator.SLIGHTLY_BELOW
        low = stated - margin - unc if below else stated - unc
        high = stated + unc if below else stated + margin + unc
        side = "below" if below else "above"
        return Acceptance(
            max(low, 0.0),
            high,
            comp,
            f"{word} read as slightly {side} {_km(stated)}: up to max(rounding ±{rounding:g} km, "
            f"10 % of the figure) = {margin:.2f} km {side} it, + {unc:g} km data uncertainty",
        )
    tol = max(rounding, share * stated) + unc
    kind = "hedged" if comp is Comparator.APPROXIMATE else "plain"
    if comp is Comparator.EMPHASIS:
        kind = f"plain ({word} is emphasis)"
    rule = (
        f"max(rounding ±{rounding:g} km, {share:.0%} of stated {kind} figure) "
        f"+ {unc:g} km data uncertainty = ±{tol:.2f} km"
    )
    return Acceptance(max(stated - tol, 0.0), stated + tol, comp, rule, tol)


def _km(km: float) -> str:
    return f"{km:g} km"


def tolerance_km(
    stated_km: float, qualifier: str = "", unit: Unit | str = Unit.KM
) -> tuple[float, str]:
    """The margin either side of a single figure, and the rule that gave it.

    Kept for callers of the first API; :func:`acceptance` covers every
    comparator and ranges. An inequality gets the data uncertainty.

    Examples
    --------
    >>> round(tolerance_km(111)[0], 2), round(tolerance_km(170, "about")[0], 2)
    (5.75, 17.2)
    """
    u = _unit(unit)
    a = acceptance(stated_km / u.km, u, qualifier)
    margin = a.tolerance_km if a.tolerance_km is not None else DATA_UNCERTAINTY_KM
    return margin, a.rule
