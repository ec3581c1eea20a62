"""islandchain: check claims about the geography of the first island chain.

Distances and bearings are geodesics on the WGS84 ellipsoid between
full-resolution coastlines; see the README for the data and its sources.

>>> import islandchain as ic
>>> sep = ic.shortest_line(ic.feature("Taiwan").geometry, ic.feature("Yonaguni").geometry)
>>> round(sep.distance_km, 1)
107.5
"""

from __future__ import annotations

from ._version import __version__
from .chain import (
    ChainVariant,
    ForeignDistance,
    Gap,
    Passage,
    chain_gaps,
    chain_variants,
    nearest_foreign,
    passages,
)
from .claims import (
    Claim,
    ClaimError,
    Reading,
    Status,
    Verdict,
    as_record,
    check,
    check_claim,
    check_claims,
    check_text,
    iter_verdicts,
    load_claims,
    parse_claims,
    tolerance_km,
)
from .data import (
    check_anchors,
    feature,
    features,
    gazetteer,
    land,
    lookup,
    name_table,
    resolve,
    state_land,
)
from .errors import (
    DataError,
    InputError,
    IslandchainError,
    OutputError,
    OutsideRegionError,
    UncheckableWidthError,
    UnknownPlaceError,
)
from .extract import Extraction, extract_claims, to_toml
from .geodesy import (
    NMI,
    GeodesyError,
    PreparedGeometry,
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
    prepare,
    shortest_line,
)
from .geojson import parse_geometry
from .published import (
    PositionError,
    PublishedArea,
    corners_polygon,
    edge_spread,
    parse_position,
    polyline,
    published_area,
    published_areas,
    published_lines,
)
from .straits import Strait, StraitWidth, strait, strait_width, straits
from .zones import (
    ZONE_NMI,
    Intrusion,
    ZoneCheck,
    adiz_zones,
    blockade_cordon,
    check_intrusion,
    equidistance_error,
    maritime_zones,
    read_geometry,
)

__all__ = [
    "ChainVariant",
    "Claim",
    "ClaimError",
    "DataError",
    "Extraction",
    "ForeignDistance",
    "Gap",
    "GeodesyError",
    "InputError",
    "Intrusion",
    "IslandchainError",
    "NMI",
    "OutputError",
    "OutsideRegionError",
    "Passage",
    "PositionError",
    "PreparedGeometry",
    "PublishedArea",
    "Reading",
    "Separation",
    "Status",
    "Strait",
    "StraitWidth",
    "UncheckableWidthError",
    "UnknownPlaceError",
    "Verdict",
    "ZONE_NMI",
    "ZoneCheck",
    "__version__",
    "adiz_zones",
    "as_record",
    "blockade_cordon",
    "chain_gaps",
    "chain_variants",
    "check",
    "check_anchors",
    "check_claim",
    "check_claims",
    "check_intrusion",
    "check_text",
    "compass",
    "corners_polygon",
    "distance_to",
    "edge_spread",
    "equidistance_error",
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
    "iter_verdicts",
    "land",
    "load_claims",
    "lookup",
    "maritime_zones",
    "name_table",
    "nearest_foreign",
    "parse_claims",
    "parse_geometry",
    "parse_position",
    "passages",
    "point_segment_distance",
    "polyline",
    "prepare",
    "published_area",
    "published_areas",
    "published_lines",
    "read_geometry",
    "resolve",
    "shortest_line",
    "state_land",
    "strait",
    "strait_width",
    "straits",
    "to_toml",
    "tolerance_km",
]


def __getattr__(name: str):
    # Map-making pulls in folium and matplotlib; load it only when asked for.
    if name in ("claims_map", "claim_drawing", "chain_map", "zones_map"):
        from .mapping import maps

        return getattr(maps, name)
    if name in ("to_html", "inline", "to_figure", "to_map", "write_atomic"):
        from . import export

        return getattr(export, name)
    if name == "story_figure":
        from .mapping import figure

        return figure.story_figure
    raise AttributeError(f"module 'islandchain' has no attribute {name!r}")
