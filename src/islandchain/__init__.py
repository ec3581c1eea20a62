"""islandchain: check claims about the geography of the first island chain.

Distances and bearings are geodesics on the WGS84 ellipsoid between
full-resolution coastlines; see the README for the data and its sources.
"""

from __future__ import annotations

from .data import check_anchors, feature, features, gazetteer, land, resolve
from .errors import DataError, IslandchainError, UnknownPlaceError

__version__ = "0.1.0"

__all__ = [
    "DataError",
    "IslandchainError",
    "UnknownPlaceError",
    "__version__",
    "check_anchors",
    "feature",
    "features",
    "gazetteer",
    "land",
    "resolve",
]
