"""islandchain: check claims about the geography of the first island chain.

Distances and bearings are geodesics on the WGS84 ellipsoid between
full-resolution coastlines; see the README for the data and its sources.

>>> import islandchain as ic
>>> sep = ic.shortest_line(ic.feature("Taiwan").geometry, ic.feature("Yonaguni").geometry)
>>> round(sep.distance_km)  # doctest: +SKIP
107
"""

from __future__ import annotations

from .claims import (
    Claim,
    ClaimError,
    Reading,
    Verdict,
    as_record,
    check_claim,
    check_claims,
    load_claims,
    parse_claims,
    tolerance_km,
)
from .data import check_anchors, feature, features, gazetteer, land, resolve
from .errors import DataError, IslandchainError, UnknownPlaceError
from .extract import Extraction, extract_claims, to_toml
from .geodesy import (
    NMI,
    GeodesyError,
    Separation,
    compass,
    distance_to,
    forward,
    geodesic_area,
    geodesic_buffer,
    geodesic_circle,
    geodesic_line,
    geodesic_perimeter,
    inverse,
    point_segment_distance,
    shortest_line,
)

__version__ = "0.1.0"

__all__ = [
    "NMI",
    "Claim",
    "ClaimError",
    "DataError",
    "Extraction",
    "GeodesyError",
    "IslandchainError",
    "Reading",
    "Separation",
    "UnknownPlaceError",
    "Verdict",
    "__version__",
    "as_record",
    "check_anchors",
    "check_claim",
    "check_claims",
    "compass",
    "distance_to",
    "extract_claims",
    "feature",
    "features",
    "forward",
    "gazetteer",
    "geodesic_area",
    "geodesic_buffer",
    "geodesic_circle",
    "geodesic_line",
    "geodesic_perimeter",
    "inverse",
    "land",
    "load_claims",
    "parse_claims",
    "point_segment_distance",
    "resolve",
    "shortest_line",
    "to_toml",
    "tolerance_km",
]


def __getattr__(name: str):
    # Map-making pulls in folium; load it only when asked for.
    if name in ("claims_map", "claim_drawing", "to_html", "inline"):
        from . import export, maps

        return getattr(maps, name, None) or getattr(export, name)
    raise AttributeError(f"module 'islandchain' has no attribute {name!r}")
