"""Judging the claims beyond "N km": directions alone, comparisons, extremes, halfway.

One small module per kind, each sharing the measuring of distance claims
(:mod:`islandchain.measuring`) and returning a
:class:`~islandchain.verdicts.Verdict` whose ``found`` carries what was measured
(:mod:`islandchain.measured`):

- :mod:`~islandchain.judging.direction`: "Pengjia Islet lies north-east of Keelung";
- :mod:`~islandchain.judging.comparison`: "Yonaguni is closer to Taiwan than to Ishigaki";
- :mod:`~islandchain.judging.extreme`: "Japan's westernmost island";
- :mod:`~islandchain.judging.between`: "about halfway between A and B".

>>> from islandchain.claimfile import make_claim
>>> v = check_kind(make_claim({"kind": "extreme", "subject": "Yonaguni",
...                            "extreme": "westernmost", "state": "Japan"}))
>>> v.status.value, v.found.winner_id
('holds', 'yonaguni')
"""

from __future__ import annotations

from collections.abc import Callable

from ..claimfile import Claim
from ..verdicts import Verdict
from ..vocabulary import ClaimKind
from .between import BETWEEN_OFFSET, BETWEEN_SHARE, BETWEEN_SHARE_HEDGED, check_between
from .comparison import check_comparison
from .direction import check_direction
from .extreme import EXTREME_POINT_KM, check_extreme

__all__ = [
    "BETWEEN_OFFSET",
    "BETWEEN_SHARE",
    "BETWEEN_SHARE_HEDGED",
    "EXTREME_POINT_KM",
    "JUDGES",
    "check_between",
    "check_comparison",
    "check_direction",
    "check_extreme",
    "check_kind",
]

#: The judge of each claim kind beyond a distance.
JUDGES: dict[ClaimKind, Callable[[Claim, bool], Verdict]] = {
    ClaimKind.DIRECTION: check_direction,
    ClaimKind.COMPARISON: check_comparison,
    ClaimKind.EXTREME: check_extreme,
    ClaimKind.BETWEEN: check_between,
}


def check_kind(claim: Claim, cross_check: bool = True) -> Verdict:
    """Check a direction, comparison, extreme or between claim with its judge."""
    return JUDGES[ClaimKind(claim.kind)](claim, cross_check)
