"""Map controls, one per module: title, layer list, scale bar, coordinates, fit.

Examples
--------
>>> [type(c).__name__ for c in map_controls()]
['LayerList', 'ScaleBar', 'MouseCoordinates']
"""

from __future__ import annotations

from branca.element import MacroElement

from .coordinates import MouseCoordinates
from .fit import FitStory
from .layer_list import LayerList
from .scale import ScaleBar
from .title import Title

__all__ = ["FitStory", "LayerList", "MouseCoordinates", "ScaleBar", "Title", "map_controls"]


def map_controls(*, scale: bool = True, coordinates: bool = True) -> list[MacroElement]:
    """The standard controls: layer list, scale bar, mouse coordinates.

    Add them to the map *after* the layers (the layer list refers to them).
    """
    controls: list[MacroElement] = [LayerList()]
    if scale:
        controls.append(ScaleBar())
    if coordinates:
        controls.append(MouseCoordinates())
    return controls
