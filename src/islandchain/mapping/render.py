"""Assemble a folium map: a story's layers, its title, legend and controls.

Examples
--------
>>> from islandchain.mapping.story import Story
>>> type(story_map(Story("Nothing yet"))).__name__
'Map'
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Sequence

import folium
import xyzservices
from branca.element import Element
from folium.template import Template

from ..errors import MapError
from .controls import FitStory, LayerList, MouseCoordinates, ScaleBar, Title
from .escape import SafeMacroElement
from .layers import IslandchainLayer
from .legends import Legend
from .runtime import Runtime
from .story import Bounds, Story
from .styles import SEA_COLOUR, check_colour

__all__ = ["REGION_BOUNDS", "make_map", "story_map", "tile_provider"]

#: (west, south, east, north) in degrees: the region the toolkit covers.
REGION_BOUNDS: Bounds = (105.0, -5.0, 150.0, 46.0)


def tile_provider(name: str) -> xyzservices.TileProvider:
    """Look up a web tile provider by xyzservices name.

    Parameters
    ----------
    name : str
        E.g. ``"OpenStreetMap.Mapnik"``; case, spaces and dots do not matter.

    Returns
    -------
    xyzservices.TileProvider

    Raises
    ------
    MapError
        If the name is unknown (the message lists close matches) or the
        provider needs an API key.

    Examples
    --------
    >>> tile_provider("openstreetmap mapnik").name
    'OpenStreetMap.Mapnik'
    """
    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError:
        names = list(xyzservices.providers.flatten())
        lower = {n.lower(): n for n in names}
        close = difflib.get_close_matches(name.lower(), list(lower), n=5, cutoff=0.5)
        hint = ", ".join(lower[c] for c in close) or "none"
        raise MapError(f"unknown tiles {name!r}; close matches: {hint}") from None
    if provider.requires_token():
        raise MapError(f"tiles {name!r} need an API key; pick another provider")
    return provider


class _OfflineBackground(SafeMacroElement):
    """Sea colour behind the vector basemap when there are no tiles."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>.leaflet-container { background: {{ this.colour }}; }</style>
        {% endmacro %}
        """
    )

    def __init__(self, colour: str = SEA_COLOUR) -> None:
        super().__init__()
        self._name = "OfflineBackground"
        self.colour = check_colour(colour)


def make_map(
    layers: Sequence[Element],
    tiles: str | None = None,
    *,
    legend: Legend | None = None,
    title: Title | None = None,
    controls: bool = True,
    focus: Bounds | None = None,
    location: tuple[float, float] | None = None,
    zoom_start: int = 5,
) -> folium.Map:
    """Assemble a map from layers, offline by default.

    Parameters
    ----------
    layers : sequence of folium elements
        Added in order (e.g. basemap, places, claims); drawing order is set
        by each shape's pane, not by this order.
    tiles : str, optional
        None (default) for no tiles: the vector basemap is the map.
        Otherwise an xyzservices provider name (the tiles need the network).
    legend : Legend, optional
    title : Title, optional
    controls : bool
        Add the layer list, scale bar and coordinates.
    focus : (west, south, east, north), optional
        Open on this extent at any screen size; default the layers' extent.
    location : (lat, lon), optional
        Centre before fitting; default the centre of :data:`REGION_BOUNDS`.
    zoom_start : int
        Zoom before fitting.

    Returns
    -------
    folium.Map
        Ready for :func:`islandchain.export.to_html`.

    Raises
    ------
    MapError
        If ``tiles`` is not a known provider name.

    Examples
    --------
    >>> type(make_map([])).__name__
    'Map'
    """
    west, south, east, north = REGION_BOUNDS
    centre = location or ((south + north) / 2, (west + east) / 2)
    fmap = folium.Map(
        location=centre,
        zoom_start=zoom_start,
        tiles=None,
        control_scale=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
        tap_tolerance=15,
    )
    fmap.add_child(Runtime())
    if tiles is None:
        fmap.add_child(_OfflineBackground())
    else:
        provider = tile_provider(tiles)
        folium.TileLayer(provider, name=html.escape(provider.name), overlay=False).add_to(fmap)
    for layer in layers:
        fmap.add_child(layer)
    if title is not None:
        fmap.add_child(title)
    if controls:
        fmap.add_child(LayerList())
    if legend is not None:
        fmap.add_child(legend)
    if controls:
        fmap.add_child(ScaleBar())
        fmap.add_child(MouseCoordinates())
    if focus is None:
        (s, w), (n, e) = fmap.get_bounds()
        if s is not None and w is not None and n is not None and e is not None:
            focus = (w, s, e, n)
    if focus is not None:
        fmap.add_child(FitStory(focus))
    return fmap


def story_map(story: Story, tiles: str | None = None, *, controls: bool = True) -> folium.Map:
    """Draw a :class:`~islandchain.mapping.story.Story` as an offline folium map.

    Every layer becomes an entry of the layer list (on or off as the story
    says); the legend lists what the layers draw; the map opens on the
    story's focus.

    Examples
    --------
    >>> m = story_map(Story("A title", "a source"))
    >>> any(type(c).__name__ == "Title" for c in m._children.values())
    True
    """
    layers = [IslandchainLayer(layer) for layer in story.layers]
    entries = story.legend()
    key = Legend(entries) if entries else None
    title = Title(story.title, story.subtitle) if story.title else None
    return make_map(layers, tiles, legend=key, title=title, controls=controls, focus=story.extent())
