r"""Whole HTML maps: the claims, the waters and the island chain, drawn from their stories.

Examples
--------
>>> from islandchain.claims import check_claims, parse_claims
>>> _, claims = parse_claims('[[claim]]\nsubject = "Taiwan"\nreference = "Yonaguni"\n'
...                          'distance = 111\ndirection = "west"')
>>> m = claims_map(check_claims(claims, cross_check=False))
>>> type(m).__name__
'Map'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import folium
import geopandas as gpd
import shapely

from .render import story_map
from .stories import chain_story, claims_story, zones_story
from .styles import Language

if TYPE_CHECKING:
    from ..verdicts import Verdict

__all__ = ["chain_map", "claims_map", "zones_map"]


def claims_map(
    verdicts: Sequence[Verdict],
    *,
    tiles: str | None = None,
    basemap: bool = True,
    lang: Language | str = Language.EN,
    title: str | None = None,
) -> folium.Map:
    """A map of checked claims over the offline basemap and the named places.

    Parameters
    ----------
    verdicts : sequence of Verdict
        The claims to draw, one layer each.
    tiles : str, optional
        An xyzservices provider name for web tiles; None (the default) keeps
        the map offline with the vector basemap.
    basemap : bool
        Draw the land.
    lang : Language or str
        Place names in English (``"en"``), Japanese (``"ja"``) or Chinese (``"zh"``).
    title : str, optional
        The headline on the map.

    Returns
    -------
    folium.Map
        Ready for :func:`islandchain.export.to_html`.
    """
    story = claims_story(verdicts, lang=lang, title=title, basemap=basemap)
    return story_map(story, tiles)


def zones_map(
    zones: gpd.GeoDataFrame | None = None,
    *,
    tracks: Sequence[tuple[str, shapely.Geometry]] = (),
    areas: gpd.GeoDataFrame | None = None,
    airspace: bool = True,
    tiles: str | None = None,
    lang: Language | str = Language.EN,
    title: str | None = None,
) -> folium.Map:
    """Maritime zones by state, the published ADIZs, and tracks or areas over them.

    See :func:`~islandchain.mapping.stories.zones_story` for the parameters.

    Returns
    -------
    folium.Map
    """
    story = zones_story(
        zones, tracks=tracks, areas=areas, airspace=airspace, lang=lang, title=title
    )
    return story_map(story, tiles)


def chain_map(
    variant: str = "core",
    *,
    tiles: str | None = None,
    controller: Sequence[str] = ("CHN", "TWN"),
    keep_nmi: float = 12.0,
    lang: Language | str = Language.EN,
) -> folium.Map:
    """The first island chain: each gap drawn as its narrowest crossing, labelled.

    Returns
    -------
    folium.Map
    """
    return story_map(
        chain_story(variant, controller=controller, keep_nmi=keep_nmi, lang=lang), tiles
    )
