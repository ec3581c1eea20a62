"""The latitude and longitude under the mouse (hidden on touch screens).

Examples
--------
>>> MouseCoordinates().get_name().startswith("mouse_coordinates_")
True
"""

from __future__ import annotations

from folium.template import Template

from ..escape import SafeMacroElement

__all__ = ["MouseCoordinates"]


class MouseCoordinates(SafeMacroElement):
    """Small control showing the latitude and longitude under the mouse."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            (function (map) {
                var Coords = L.Control.extend({
                    options: {position: "bottomleft"},
                    onAdd: function () {
                        var div = L.DomUtil.create("div", "ic-control ic-mouse-coords");
                        div.textContent = "lat, lon under the mouse";
                        return div;
                    }
                });
                var control = new Coords().addTo(map);
                function fmt(v, pos, neg) {
                    return Math.abs(v).toFixed(4) + "\\u00b0 " + (v >= 0 ? pos : neg);
                }
                map.on("mousemove", function (e) {
                    var ll = e.latlng.wrap();
                    control.getContainer().textContent =
                        fmt(ll.lat, "N", "S") + ", " + fmt(ll.lng, "E", "W");
                });
            })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "MouseCoordinates"
