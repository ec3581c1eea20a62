"""Open the map on the story's shapes at every screen size, clear of the controls.

Examples
--------
>>> FitStory((121.8, 24.4, 123.6, 25.8)).bounds_js
'[[24.4,121.8],[25.8,123.6]]'
"""

from __future__ import annotations

from folium.template import Template

from ...errors import MapError
from ..escape import SafeMacroElement, safe_json

__all__ = ["FitStory"]


class FitStory(SafeMacroElement):
    """Fit the view to (west, south, east, north) once the controls are in place.

    The padding is measured from the controls in the browser, and the fit is
    redone when the window is resized, until the reader pans or zooms.
    Add it after every control.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            islandchain.fit({{ this._parent.get_name() }}, {{ this.bounds_js }},
                            {{ this.max_zoom }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[float, float, float, float], max_zoom: int = 12) -> None:
        super().__init__()
        self._name = "FitStory"
        west, south, east, north = (float(b) for b in bounds)
        if not (west <= east and south <= north):
            raise MapError(f"bounds must be (west, south, east, north), got {bounds!r}")
        self.bounds_js = safe_json([[south, west], [north, east]])
        self.max_zoom = int(max_zoom)
