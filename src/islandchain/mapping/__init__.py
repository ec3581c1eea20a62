"""Maps and figures: stories drawn as offline HTML maps or static figures.

The package is laid out by job, the escaping boundary standing alone:

``escape``
    the only place where text becomes HTML or script data;
``styles``
    colours, strokes and symbols shared by maps and figures;
``simplify``
    land thinned for display per zoom (pure shapely, no folium);
``story``, ``shapes``, ``stories``
    what a map tells, independent of how it is drawn;
``layers``, ``legends``, ``controls``, ``runtime``, ``render``, ``maps``
    the folium side, loaded when one of its names is first used (importing
    the stories loads no folium);
``figure``
    the matplotlib side.

Only :mod:`islandchain.export` writes files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .escape import RawText, SafeMacroElement, inert_text, popup_table, safe_json, text_to_html
from .shapes import state_legend_entries
from .simplify import display_levels, keep_geometries, simplify_for_display
from .stories import ClaimDrawing, chain_story, claim_drawing, claims_story, zones_story
from .story import Label, LabelKind, LegendEntry, Pane, Shape, Story, StoryLayer
from .styles import (
    STATE_COLOURS,
    VERDICT_STYLES,
    Language,
    PathStyle,
    VerdictStyle,
    hatch_fill,
    state_color,
    verdict_style,
)

if TYPE_CHECKING:
    from .layers import (
        IslandchainLayer,
        basemap_layer,
        claim_layer,
        features_layer,
        line_layer,
        ring_layer,
    )
    from .legends import Legend, legend, verdict_legend_entries
    from .maps import chain_map, claims_map, zones_map
    from .render import REGION_BOUNDS, make_map, story_map, tile_provider

#: The folium side, loaded when first asked for: the stories import no folium.
_FOLIUM_SIDE = {
    "IslandchainLayer": "layers",
    "basemap_layer": "layers",
    "claim_layer": "layers",
    "features_layer": "layers",
    "line_layer": "layers",
    "ring_layer": "layers",
    "Legend": "legends",
    "legend": "legends",
    "verdict_legend_entries": "legends",
    "chain_map": "maps",
    "claims_map": "maps",
    "zones_map": "maps",
    "REGION_BOUNDS": "render",
    "make_map": "render",
    "story_map": "render",
    "tile_provider": "render",
}


def __getattr__(name: str) -> object:
    module = _FOLIUM_SIDE.get(name)
    if module is None:
        raise AttributeError(f"module 'islandchain.mapping' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "REGION_BOUNDS",
    "STATE_COLOURS",
    "VERDICT_STYLES",
    "ClaimDrawing",
    "IslandchainLayer",
    "Label",
    "LabelKind",
    "Language",
    "Legend",
    "LegendEntry",
    "Pane",
    "PathStyle",
    "RawText",
    "SafeMacroElement",
    "Shape",
    "Story",
    "StoryLayer",
    "VerdictStyle",
    "basemap_layer",
    "chain_map",
    "chain_story",
    "claim_drawing",
    "claim_layer",
    "claims_map",
    "claims_story",
    "display_levels",
    "features_layer",
    "hatch_fill",
    "inert_text",
    "keep_geometries",
    "legend",
    "line_layer",
    "make_map",
    "popup_table",
    "ring_layer",
    "safe_json",
    "simplify_for_display",
    "state_color",
    "state_legend_entries",
    "story_map",
    "text_to_html",
    "tile_provider",
    "verdict_legend_entries",
    "verdict_style",
    "zones_map",
    "zones_story",
]
