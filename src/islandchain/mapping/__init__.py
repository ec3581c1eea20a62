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
``layers``, ``legend``, ``controls``, ``runtime``, ``render``, ``maps``
    the folium side;
``figure``
    the matplotlib side.

Only :mod:`islandchain.export` writes files.
"""

from __future__ import annotations

from .escape import RawText, SafeMacroElement, inert_text, popup_table, safe_json, text_to_html
from .layers import (
    IslandchainLayer,
    basemap_layer,
    claim_layer,
    features_layer,
    line_layer,
    ring_layer,
)
from .legend import Legend, legend, verdict_legend_entries
from .maps import ClaimDrawing, chain_map, claim_drawing, claims_map, zones_map
from .render import REGION_BOUNDS, make_map, story_map, tile_provider
from .shapes import state_legend_entries
from .simplify import display_levels, keep_geometries, simplify_for_display
from .stories import chain_story, claims_story, zones_story
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
