"""Leaflet's metric scale bar, with a note on where it is true.

Examples
--------
>>> ScaleBar().get_name().startswith("scale_bar_")
True
"""

from __future__ import annotations

from folium.template import Template

from ..escape import SafeMacroElement

__all__ = ["ScaleBar"]


class ScaleBar(SafeMacroElement):
    """Metric scale bar measured along the map centre's latitude.

    On a Mercator map it is right only near that latitude (an error of ~10%
    700 km north or south of it at 25° N); the note says so.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var scale = L.control.scale(
                    {metric: true, imperial: false, maxWidth: 120, position: "bottomleft"}
                ).addTo(map);
                var box = scale.getContainer();
                box.title = "Web Mercator: the scale is true only at the map centre latitude";
                var note = L.DomUtil.create("div", "ic-scale-note", box);
                note.textContent = "true at map-centre latitude";
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "ScaleBar"
