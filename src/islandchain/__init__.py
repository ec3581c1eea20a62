"""islandchain: check claims about the geography of the first island chain.

Distances and bearings are geodesics on the WGS84 ellipsoid between
full-resolution coastlines; see the README for the data and its sources.

>>> import islandchain as ic
>>> sep = ic.shortest_line(ic.feature("Taiwan").geometry, ic.feature("Yonaguni").geometry)
>>> round(sep.distance_km, 1)
107.5
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._version import __version__

# The straits module is imported at once: its name is also one of its functions
# (islandchain.straits), which a later import of the module would otherwise replace.
from .straits import Strait, StraitWidth, strait, strait_width, straits

if TYPE_CHECKING:
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
        check_statement,
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
    from .tracks import TrackEvents, daily_counts, track_events
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

#: Where each name of the package is defined. They are imported when first used
#: (PEP 562), so that a command loads only what it needs: checking a point
#: against the cached zones does not load geopandas, folium or matplotlib.
_LAZY = {
    "ChainVariant": "chain",
    "ForeignDistance": "chain",
    "Gap": "chain",
    "Passage": "chain",
    "chain_gaps": "chain",
    "chain_variants": "chain",
    "nearest_foreign": "chain",
    "passages": "chain",
    "Claim": "claims",
    "ClaimError": "claims",
    "Reading": "claims",
    "Status": "claims",
    "Verdict": "claims",
    "as_record": "claims",
    "check": "claims",
    "check_claim": "claims",
    "check_claims": "claims",
    "check_statement": "claims",
    "check_text": "claims",
    "iter_verdicts": "claims",
    "load_claims": "claims",
    "parse_claims": "claims",
    "tolerance_km": "claims",
    "check_anchors": "data",
    "feature": "data",
    "features": "data",
    "gazetteer": "data",
    "land": "data",
    "lookup": "data",
    "name_table": "data",
    "resolve": "data",
    "state_land": "data",
    "DataError": "errors",
    "InputError": "errors",
    "IslandchainError": "errors",
    "OutputError": "errors",
    "OutsideRegionError": "errors",
    "UncheckableWidthError": "errors",
    "UnknownPlaceError": "errors",
    "Extraction": "extract",
    "extract_claims": "extract",
    "to_toml": "extract",
    "GeodesyError": "geodesy",
    "NMI": "geodesy",
    "PreparedGeometry": "geodesy",
    "Separation": "geodesy",
    "compass": "geodesy",
    "distance_to": "geodesy",
    "forward": "geodesy",
    "geodesic_area": "geodesy",
    "geodesic_buffer": "geodesy",
    "geodesic_circle": "geodesy",
    "geodesic_line": "geodesy",
    "geodesic_perimeter": "geodesy",
    "inverse": "geodesy",
    "point_segment_distance": "geodesy",
    "prepare": "geodesy",
    "shortest_line": "geodesy",
    "parse_geometry": "geojson",
    "PositionError": "published",
    "PublishedArea": "published",
    "corners_polygon": "published",
    "edge_spread": "published",
    "parse_position": "published",
    "polyline": "published",
    "published_area": "published",
    "published_areas": "published",
    "published_lines": "published",
    "TrackEvents": "tracks",
    "daily_counts": "tracks",
    "track_events": "tracks",
    "Intrusion": "zones",
    "ZONE_NMI": "zones",
    "ZoneCheck": "zones",
    "adiz_zones": "zones",
    "blockade_cordon": "zones",
    "check_intrusion": "zones",
    "equidistance_error": "zones",
    "maritime_zones": "zones",
    "read_geometry": "zones",
}

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
    "TrackEvents",
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
    "check_statement",
    "check_text",
    "compass",
    "corners_polygon",
    "daily_counts",
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
    "track_events",
]


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    # Map-making pulls in folium and matplotlib; load it only when asked for.
    if name in ("claims_map", "claim_drawing", "chain_map", "zones_map"):
        from . import mapping

        return getattr(mapping, name)
    if name in ("to_html", "inline", "to_figure", "to_map", "write_atomic"):
        from . import export

        return getattr(export, name)
    if name == "story_figure":
        from .mapping import figure

        return figure.story_figure
    raise AttributeError(f"module 'islandchain' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
